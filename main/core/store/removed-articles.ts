/**
 * Articles removed together (the library's multi-select Remove), kept aside so
 * one Undo puts them back exactly: their content files and folders (images,
 * older versions) are moved — renamed, not copied — into
 * removed/<session>-<n>/, their index entries and notes written beside them
 * in removed.json, then the index loses them in one write. Undo moves the
 * files back, writes the notes again and lists the entries again.
 *
 * The undo lasts the session: at the next open every holding of an earlier
 * session is deleted in the background. A crash in the middle of a removal
 * leaves each article either still in articles/ (listed again at open, as any
 * unlisted content file is) or aside (gone, as the user confirmed).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Annotation } from '../annotations/types';
import { GlossError } from '../errors';
import { ARTICLES_DIR, type ArticleFiles } from './article-files';
import { code, replaceFileDurably } from './fs-durable';
import type { LibraryIndex } from './library-index';
import type { NotesFiles } from './notes';
import { assertSafeId } from './safe-names';
import type { ArticleIndexEntry, ArticleNote } from './schemas';
import { uniqueHex } from '../util/lazy-builtins';

export const REMOVED_DIR = 'removed';
const MANIFEST = 'removed.json';

interface Manifest {
  version: 1;
  entries: ArticleIndexEntry[];
  notes: Record<string, { annotations: Annotation[]; articleNote?: ArticleNote }>;
}

export interface RemovalParts {
  dataDir: string;
  library: LibraryIndex;
  articles: ArticleFiles;
  notes: NotesFiles;
}

/** What a removal took out: the token that undoes it, the entries, and how many highlights went with them. */
export interface Removal {
  token: string;
  entries: ArticleIndexEntry[];
  annotations: number;
}

export class RemovedArticles {
  /** This session's holdings are named after it, so the sweep of earlier ones never touches them. */
  private readonly session = uniqueHex(4);
  private count = 0;
  private readonly dir: string;

  constructor(private readonly parts: RemovalParts) {
    this.dir = path.join(parts.dataDir, REMOVED_DIR);
  }

  /** Deletes what earlier sessions set aside (their undo is gone with them). */
  async sweepEarlier(): Promise<void> {
    const names = await fs.readdir(this.dir).catch(() => [] as string[]);
    for (const name of names)
      if (!name.startsWith(`${this.session}-`))
        await fs.rm(path.join(this.dir, name), { recursive: true, force: true }).catch(() => undefined);
  }

  async remove(ids: readonly string[]): Promise<Removal> {
    const { library, articles, notes } = this.parts;
    const entries = ids.map((id) => library.get(assertSafeId(id, 'article id'))!);
    const token = `${this.session}-${++this.count}`;
    const holding = path.join(this.dir, token);
    const manifest: Manifest = { version: 1, entries, notes: {} };
    let annotations = 0;
    for (const { id } of entries) {
      const list = await notes.list(id).catch(() => [] as Annotation[]); // damaged beyond repair: nothing to keep
      const articleNote = await notes.articleNote(id).catch(() => undefined);
      annotations += list.length;
      if (list.length || articleNote) manifest.notes[id] = { annotations: list, articleNote };
    }
    await fs.mkdir(path.join(holding, ARTICLES_DIR), { recursive: true });
    // The manifest first, durably: whatever is moved after it can be put back from it.
    await replaceFileDurably(path.join(holding, MANIFEST), JSON.stringify(manifest), { backup: false });
    await library.replaceMany(new Set(ids));
    for (const { id } of entries) {
      await moveIfThere(this.articlePath(id, '.json'), path.join(holding, ARTICLES_DIR, `${id}.json`));
      await moveIfThere(this.articlePath(id, ''), path.join(holding, ARTICLES_DIR, id));
      articles.forget(id);
      await notes.remove(id);
    }
    return { token, entries, annotations };
  }

  /** Puts back what `remove` took out; answers the entries listed again (one re-imported since is left as it is). */
  async restore(token: string): Promise<ArticleIndexEntry[]> {
    const { library, notes } = this.parts;
    if (!/^[0-9a-f]{8}-\d+$/.test(token))
      throw new GlossError('INVALID_REQUEST', 'This is not a removal to undo.');
    const holding = path.join(this.dir, token);
    let manifest: Manifest;
    try {
      manifest = JSON.parse(await fs.readFile(path.join(holding, MANIFEST), 'utf8')) as Manifest;
    } catch (err) {
      if (code(err) === 'ENOENT')
        throw new GlossError(
          'NOT_FOUND',
          'These articles can no longer be put back (Gloss was restarted since).',
        );
      throw new GlossError('IO', `Could not read the removed articles back: ${(err as Error).message}`);
    }
    const back = manifest.entries.filter((e) => !library.has(e.id));
    for (const { id } of back) {
      // Notes first: a crash after them leaves notes for an unlisted id, never an article without its notes.
      const kept = manifest.notes[id];
      if (kept?.annotations.length) await notes.edit(id, () => kept.annotations);
      if (kept?.articleNote) await notes.setArticleNote(id, kept.articleNote);
      await moveIfThere(path.join(holding, ARTICLES_DIR, `${id}.json`), this.articlePath(id, '.json'));
      await moveIfThere(path.join(holding, ARTICLES_DIR, id), this.articlePath(id, ''));
    }
    await library.replaceMany(new Set(), back);
    await fs.rm(holding, { recursive: true, force: true });
    return back;
  }

  private articlePath(id: string, ext: string): string {
    return path.join(this.parts.dataDir, ARTICLES_DIR, `${id}${ext}`);
  }
}

async function moveIfThere(from: string, to: string): Promise<void> {
  try {
    await fs.rename(from, to);
  } catch (err) {
    if (code(err) !== 'ENOENT') throw err;
  }
}
