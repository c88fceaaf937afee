/**
 * library.json: the small index of the library, one entry per article, newest
 * import first. Annotation counts are deliberately not here, so saving a note
 * never rewrites it. If it is lost with no good backup, it is rebuilt from the
 * content files in articles/.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { Low } from 'lowdb';
import { ARTICLES_DIR, parseArticleContent, sha256 } from './article-files';
import { mapLimit } from '../util/map-limit';
import { DurableJsonFile, type Fallback } from './durable-json-file';
import { isSafeId } from './safe-names';
import {
  byNewestImport,
  indexEntryFor,
  parseLibraryFile,
  type ArticleIndexEntry,
  type LibraryFile,
} from './schemas';

export const LIBRARY_FILE = 'library.json';

export class LibraryIndex {
  private readonly byId = new Map<string, ArticleIndexEntry>();

  private constructor(
    private readonly db: Low<LibraryFile>,
    private readonly adapter: DurableJsonFile<LibraryFile>,
  ) {
    this.reindex();
  }

  /** `articleNames`: articles/ as the caller listed it (the store lists it once at open). */
  static async open(
    dataDir: string,
    onWarning: (s: string) => void,
    articleNames: Promise<string[]> = fs.readdir(path.join(dataDir, ARTICLES_DIR)).catch(() => []),
  ): Promise<LibraryIndex> {
    const adapter = new DurableJsonFile<LibraryFile>({
      file: path.join(dataDir, LIBRARY_FILE),
      root: dataDir,
      validate: parseLibraryFile,
      onWarning,
      fallback: () => rebuildFromContent(dataDir, articleNames),
    });
    const db = new Low<LibraryFile>(adapter, { version: 1, articles: [] });
    // The folder is listed while library.json is parsed: the check below then costs almost nothing.
    const saved = articleNames.then(savedArticleIds);
    await db.read();
    // However it was read (as saved, from .bak, or valid but emptied), an article saved in
    // articles/ but missing from the list is added back: it was imported and never removed.
    const listed = new Set(db.data.articles.map((e) => e.id));
    const unlisted = (await saved).filter((id) => !listed.has(id));
    const found = await readSaved(dataDir, unlisted);
    if (found.length > 0) {
      // Saved after the list was last written: an import a crash stopped between its two writes,
      // finished now without a word. Older: the list lost it (restored from .bak, emptied): said so.
      const listWritten = (await fs.stat(adapter.file).catch(() => null))?.mtimeMs ?? 0;
      const hidden = found
        .filter((f) => f.savedAtMs < listWritten)
        .map((f) => f.entry)
        .sort(byNewestImport);
      db.data.articles.push(...found.map((f) => f.entry));
      // Listed either way; if the list cannot be saved now, the next import or removal saves it.
      await db.write().catch(() => {});
      if (hidden.length > 0)
        onWarning(
          `${LIBRARY_FILE} did not list ${describeFound(hidden)} saved in the library folder, so Gloss added ${hidden.length === 1 ? 'it' : 'them'} back.`,
        );
    }
    db.data.articles.sort(byNewestImport);
    return new LibraryIndex(db, adapter);
  }

  list(): ArticleIndexEntry[] {
    return this.db.data.articles.map((e) => ({ ...e }));
  }

  get(id: string): ArticleIndexEntry | undefined {
    return this.byId.get(id);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  ids(): string[] {
    return this.db.data.articles.map((e) => e.id);
  }

  async upsert(entry: ArticleIndexEntry): Promise<void> {
    const articles = this.db.data.articles.filter((e) => e.id !== entry.id);
    articles.push(entry);
    articles.sort(byNewestImport);
    this.db.data.articles = articles;
    this.reindex();
    await this.db.write();
  }

  /** Forgets the entry at once (so nothing new attaches to it), then saves. */
  async remove(id: string): Promise<void> {
    this.db.data.articles = this.db.data.articles.filter((e) => e.id !== id);
    this.reindex();
    await this.db.write();
  }

  /** Several entries out, or back in (undo of a removal), in one write. */
  async replaceMany(remove: ReadonlySet<string>, add: readonly ArticleIndexEntry[] = []): Promise<void> {
    const adding = new Set(add.map((e) => e.id));
    const articles = this.db.data.articles.filter((e) => !remove.has(e.id) && !adding.has(e.id));
    articles.push(...add);
    articles.sort(byNewestImport);
    this.db.data.articles = articles;
    this.reindex();
    await this.db.write();
  }

  idle(): Promise<void> {
    return this.adapter.idle();
  }

  private reindex(): void {
    this.byId.clear();
    for (const e of this.db.data.articles) this.byId.set(e.id, e);
  }
}

/** Ids of the content files in articles/ (one readdir: ~10 ms for 10,000 articles). */
function savedArticleIds(names: readonly string[]): string[] {
  return names
    .filter((n) => n.endsWith('.json'))
    .map((n) => n.slice(0, -'.json'.length))
    .filter(isSafeId);
}

/** An entry for each readable articles/<id>.json, with when it was saved; unreadable ones are skipped (nothing to show for them). */
async function readSaved(
  dataDir: string,
  ids: readonly string[],
): Promise<Array<{ entry: ArticleIndexEntry; savedAtMs: number }>> {
  const dir = path.join(dataDir, ARTICLES_DIR);
  const entries = await mapLimit(ids, 8, async (id) => {
    try {
      const file = path.join(dir, `${id}.json`);
      const [bytes, stat] = await Promise.all([fs.readFile(file), fs.stat(file)]);
      const article = await parseArticleContent(bytes.toString('utf8'), id);
      return {
        entry: indexEntryFor(article, `${ARTICLES_DIR}/${id}.json`, sha256(bytes)),
        savedAtMs: stat.mtimeMs,
      };
    } catch {
      return null;
    }
  });
  return entries.filter((e) => e !== null);
}

/** "1 article (“A”)", "3 articles (“A”, “B”, “C”)", "12 articles (“A”, “B”, “C” and 9 more)". */
function describeFound(entries: readonly ArticleIndexEntry[]): string {
  const shown = entries
    .slice(0, 3)
    .map((e) => `“${e.title}”`)
    .join(', ');
  const more = entries.length > 3 ? ` and ${entries.length - 3} more` : '';
  return `${entries.length} ${entries.length === 1 ? 'article' : 'articles'} (${shown}${more})`;
}

/** Every readable articles/<id>.json becomes an entry again; unreadable ones are skipped. */
async function rebuildFromContent(
  dataDir: string,
  articleNames: Promise<string[]>,
): Promise<Fallback<LibraryFile> | null> {
  const articles = (await readSaved(dataDir, savedArticleIds(await articleNames)))
    .map((f) => f.entry)
    .sort(byNewestImport);
  if (articles.length === 0) return null;
  const noun = articles.length === 1 ? 'article' : 'articles';
  return {
    data: { version: 1, articles },
    clause: `rebuilt the library list from ${articles.length} saved ${noun}`,
  };
}
