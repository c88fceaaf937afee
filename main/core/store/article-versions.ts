/**
 * Adding a version to an article, as one operation across three files.
 *
 * An article's current text stays in articles/<id>.json (what everything else
 * reads); each older version is kept, byte for byte, in
 * articles/<id>/versions/<text hash>.json, written once. Switching to a new
 * version rewrites the content file, the library entry (its content hash) and
 * the notes file (the annotations re-anchored on the new text) — a crash
 * between two of those writes would leave positions of one text over another.
 * So the whole switch is first written to version-change.json (durably); the
 * three files are rewritten; the journal is removed. Found at open, a journal
 * is finished (each step is safe to repeat); one that does not parse was cut
 * while being written, before any of the three files changed, and is removed.
 * After a crash the library is therefore the old state or the new, never a mix.
 *
 * The same journal carries a version made an article of its own again
 * (`split`: the new article's content and notes are written first, then the
 * article without that version) and its undo (`join`: the article holding the
 * version again, then the separate article removed).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Annotation } from '../annotations/types';
import type { Article, ArticleVersion } from '../document/types';
import { GlossError } from '../errors';
import { ARTICLES_DIR, type ArticleFiles, parseArticleContent, sha256 } from './article-files';
import { fsyncDir, replaceFileDurably } from './fs-durable';
import type { LibraryIndex } from './library-index';
import type { NotesFiles } from './notes';
import { assertSafeId } from './safe-names';
import { indexEntryFor, withEdits } from './schemas';

export const VERSION_JOURNAL = 'version-change.json';

interface VersionJournal {
  kind: 'version' | 'split' | 'join';
  articleId: string;
  /** The new content file's exact bytes (as text): its hash goes into the library entry. */
  content: string;
  /** Every annotation of the article, re-anchored on the new text (join: with the separate article's, added). */
  annotations: Annotation[];
  /** split: annotations taken out of the article (they went with the version). */
  drop?: string[];
  /** split: the version as an article of its own, written before the article changes. */
  separate?: { articleId: string; content: string; annotations: Annotation[] };
  /** join: the separate article, removed once the article holds its text and annotations. */
  remove?: string;
}

/** A change of an article's versions other than adding one: a version split off, or joined back. */
export interface VersionsChange {
  kind: 'split' | 'join';
  /** The article as it will be: its `versions` list final (older texts' files filled in for those in `keep`). */
  next: Article;
  annotations: Annotation[];
  drop?: string[];
  /**
   * Texts to keep as older versions (written before the journal): 'current' is the article's current
   * content file, checked against its entry; otherwise the article (as JSON) to keep.
   */
  keep?: Array<{ hash: string; content: 'current' | string }>;
  separate?: { article: Article; annotations: Annotation[] };
  remove?: string;
}

/** Where an older version's text is kept. The hash is hex, so it is safe in a path. */
export function versionFileFor(articleId: string, hash: string): string {
  if (!/^[0-9a-f]{64}$/.test(hash))
    throw new GlossError('INVALID_REQUEST', 'That is not a version of this article.');
  return `${ARTICLES_DIR}/${assertSafeId(articleId, 'article id')}/versions/${hash}.json`;
}

export interface VersionParts {
  dataDir: string;
  library: LibraryIndex;
  articles: ArticleFiles;
  notes: NotesFiles;
}

/**
 * Keeps the current text as an older version, then switches the article to
 * `next` (its id already the article's, its `versions` list ending with its
 * own record) with `annotations` re-anchored on it. `currentBytes` are the
 * current content file's bytes, already checked against the library entry.
 */
export async function addVersion(
  parts: VersionParts,
  next: Article,
  currentVersion: ArticleVersion,
  annotations: Annotation[],
): Promise<Article> {
  return changeVersions(parts, {
    kind: 'version',
    next,
    annotations,
    keep: [{ hash: currentVersion.hash, content: 'current' }],
  });
}

/**
 * Keeps the texts named in `keep` as older versions, then writes the whole change to the journal
 * and applies it: the separate article first (split), then the article, then the article removed (join).
 */
export async function changeVersions(
  parts: VersionParts,
  change: Omit<VersionsChange, 'kind'> & { kind: VersionJournal['kind'] },
): Promise<Article> {
  const { dataDir, library } = parts;
  const { next } = change;
  const entry = library.get(next.id);
  if (!entry) throw new GlossError('NOT_FOUND', 'This article is not in the library.');
  // 1. Older texts, kept as they are (idempotent: named by their hash, never changed once written).
  let versions = next.versions ?? [];
  for (const { hash, content } of change.keep ?? []) {
    const keptFile = versionFileFor(next.id, hash);
    let bytes: Buffer;
    if (content === 'current') {
      bytes = await fs.readFile(path.join(dataDir, ...entry.contentFile.split('/')));
      if (sha256(bytes) !== entry.contentHash)
        throw new GlossError(
          'CORRUPT',
          `The saved copy of “${entry.title}” is damaged: import the same file again first.`,
        );
    } else bytes = Buffer.from(content, 'utf8');
    const keptAbs = path.join(dataDir, ...keptFile.split('/'));
    await fs.mkdir(path.dirname(keptAbs), { recursive: true });
    await replaceFileDurably(keptAbs, bytes);
    const contentHash = sha256(bytes);
    versions = versions.map((v, i) =>
      v.hash === hash && i < versions.length - 1 ? { ...v, contentFile: keptFile, contentHash } : v,
    );
  }
  const stored: Article = {
    ...next,
    meta: { ...next.meta, importedAt: entry.importedAt },
    ...(versions.length > 1 ? { versions } : { versions: undefined }),
  };
  if (!stored.versions) delete stored.versions;
  // 2. The change, journaled, then applied.
  const journal: VersionJournal = {
    kind: change.kind,
    articleId: next.id,
    content: JSON.stringify(stored),
    annotations: change.annotations,
    ...(change.drop?.length && { drop: change.drop }),
    ...(change.separate && {
      separate: {
        articleId: change.separate.article.id,
        content: JSON.stringify(change.separate.article),
        annotations: change.separate.annotations,
      },
    }),
    ...(change.remove && { remove: change.remove }),
  };
  const journalFile = path.join(dataDir, VERSION_JOURNAL);
  await replaceFileDurably(journalFile, JSON.stringify(journal));
  await applyJournal(parts, journal);
  await fs.rm(journalFile, { force: true });
  await fsyncDir(dataDir);
  return stored;
}

/** Annotations put by id into a list (those absent added when `add`), those in `drop` taken out. */
function merged(
  list: readonly Annotation[],
  put: readonly Annotation[],
  opts: { add: boolean; drop?: readonly string[] },
): Annotation[] {
  // Copies: NotesFiles.edit keeps what it is given, and the caller still holds (and goes on using) these objects.
  const byId = new Map(put.map((a) => [a.id, structuredClone(a)]));
  const drop = new Set(opts.drop);
  const out = list.filter((a) => !drop.has(a.id)).map((a) => byId.get(a.id) ?? a);
  if (opts.add) {
    const there = new Set(out.map((a) => a.id));
    for (const [id, a] of byId) if (!there.has(id)) out.push(a);
  }
  return out;
}

async function applyJournal(parts: VersionParts, journal: VersionJournal): Promise<void> {
  const { dataDir, library, articles, notes } = parts;
  const entry = library.get(journal.articleId);
  if (!entry) return; // removed since: nothing to switch
  const { separate } = journal;
  if (separate) {
    // Each step repeats safely: a copy, a whole file written, annotations put by id, an entry replaced.
    const own = await parseArticleContent(separate.content, separate.articleId);
    const names = Object.keys(own.assets ?? {});
    if (names.length) {
      const dir = (id: string) => path.join(dataDir, ARTICLES_DIR, assertSafeId(id, 'article id'), 'assets');
      await fs.mkdir(dir(separate.articleId), { recursive: true });
      for (const name of names)
        await fs.copyFile(path.join(dir(journal.articleId), name), path.join(dir(separate.articleId), name));
    }
    const written = await articles.writeContent(separate.articleId, separate.content);
    await notes.edit(separate.articleId, (list) => merged(list, separate.annotations, { add: true }));
    await library.upsert(indexEntryFor(own, written.contentFile, written.contentHash));
  }
  const article = await parseArticleContent(journal.content, journal.articleId);
  const { contentFile, contentHash } = await articles.writeContent(journal.articleId, journal.content);
  await library.upsert(withEdits(indexEntryFor(article, contentFile, contentHash), entry.edited));
  await notes.edit(journal.articleId, (list) =>
    merged(list, journal.annotations, { add: journal.kind === 'join', drop: journal.drop }),
  );
  if (journal.remove) {
    // Entry first, as removeArticle does; a content file a crash leaves is listed again at open and removed again here.
    await library.remove(journal.remove);
    await articles.remove(journal.remove);
    await notes.remove(journal.remove);
  }
}

/** At open: finish a version switch a crash interrupted; says so through `warn`. */
export async function finishInterruptedVersion(
  parts: VersionParts,
  warn: (s: string) => void,
): Promise<void> {
  const journalFile = path.join(parts.dataDir, VERSION_JOURNAL);
  let journal: VersionJournal;
  try {
    journal = JSON.parse(await fs.readFile(journalFile, 'utf8')) as VersionJournal;
    if (
      !['version', 'split', 'join'].includes(journal?.kind) ||
      typeof journal.content !== 'string' ||
      !Array.isArray(journal.annotations)
    )
      throw new Error('not a version journal');
  } catch (err) {
    // Absent: nothing was interrupted. Unreadable: cut while being written, before any file changed.
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') await fs.rm(journalFile, { force: true });
    return;
  }
  const title = parts.library.get(journal.articleId)?.title;
  await applyJournal(parts, journal);
  await fs.rm(journalFile, { force: true });
  await fsyncDir(parts.dataDir);
  const doing =
    journal.kind === 'split'
      ? `making a version of “${title}” an article of its own`
      : journal.kind === 'join'
        ? `making an article a version of “${title}” again`
        : `adding a new version of “${title}”`;
  if (title) warn(`Gloss was closed while ${doing}; it has now been finished.`);
}

/** An older version's text, checked against the hash its record gives. */
export async function readVersion(
  dataDir: string,
  articleId: string,
  version: ArticleVersion,
): Promise<Article> {
  if (!version.contentFile || !version.contentHash)
    throw new GlossError('NOT_FOUND', 'That version of the article is not kept in the library.');
  const expected = versionFileFor(articleId, version.hash);
  if (version.contentFile !== expected)
    throw new GlossError('CORRUPT', 'The list of this article’s versions is damaged.');
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(path.join(dataDir, ...expected.split('/')));
  } catch {
    throw new GlossError(
      'CORRUPT',
      `The saved copy of the version of ${version.importedAt.slice(0, 10)} is missing.`,
    );
  }
  if (sha256(bytes) !== version.contentHash)
    throw new GlossError(
      'CORRUPT',
      `The saved copy of the version of ${version.importedAt.slice(0, 10)} is damaged.`,
    );
  return parseArticleContent(bytes.toString('utf8'), articleId);
}
