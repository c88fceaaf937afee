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
import { byNewestImport, indexEntryFor, type ArticleIndexEntry } from './schemas';
import {
  parseRow,
  readLibraryRows,
  rowsOf,
  sortRows,
  writeLibraryRows,
  type LibraryRows,
} from './library-rows';
import { readRowIndex, rowsByIndex, saveRowIndex } from './library-row-index';

export const LIBRARY_FILE = 'library.json';

/** What is known of library.json as on disk. */
interface OnDisk {
  crc: string | null;
}

export class LibraryIndex {
  /**
   * Article id → its row's position (the last row, should a damaged file list an id twice). Made when
   * first asked for, not at open: the first screen lists the library, which needs no lookup.
   */
  private positionMap: Map<string, number> | null = null;

  private constructor(
    private readonly db: Low<LibraryRows>,
    private readonly adapter: DurableJsonFile<LibraryRows>,
    private readonly disk: OnDisk,
  ) {}

  /**
   * `articleNames`: lists articles/ (the store lists it once at open, for its sweep too).
   * `listedAll`: whether every content file in articles/ is known to be listed in library.json, given
   * its crc32 (a seal, folder-seal.ts): then articles/ is not listed to look for unlisted ones.
   */
  static async open(
    dataDir: string,
    onWarning: (s: string) => void,
    articleNames: () => Promise<string[]> = () =>
      fs.readdir(path.join(dataDir, ARTICLES_DIR)).catch(() => []),
    listedAll: (libraryCrc: string) => Promise<boolean> = async () => false,
  ): Promise<LibraryIndex> {
    const rowIndex = readRowIndex(dataDir);
    const disk: OnDisk = { crc: null };
    // A library.json read entry by entry that Gloss would write as it is: indexed now, read by its index next time.
    let unindexed: { rows: LibraryRows; text: string } | undefined;
    const adapter = new DurableJsonFile<LibraryRows>({
      file: path.join(dataDir, LIBRARY_FILE),
      root: dataDir,
      readText: async (text, bytes) => {
        const index = await rowIndex;
        const indexed = index === null ? null : rowsByIndex(text, bytes, index);
        disk.crc = indexed?.crc ?? null;
        if (indexed) return indexed.rows;
        const rows = await readLibraryRows(text);
        unindexed = { rows, text };
        return rows;
      },
      toText: (data) => {
        disk.crc = null; // unknown until this write is on disk and indexed
        return writeLibraryRows(data);
      },
      afterWrite: async (data, text) => {
        disk.crc = await saveRowIndex(dataDir, data, text);
      },
      onWarning,
      fallback: () => rebuildFromContent(dataDir, articleNames()),
    });
    const db = new Low<LibraryRows>(adapter, { rows: [], ids: [] });
    await db.read();
    if (unindexed?.rows === db.data && unindexed.text === writeLibraryRows(db.data))
      disk.crc = await saveRowIndex(dataDir, db.data, unindexed.text);
    // However it was read (as saved, from .bak, or valid but emptied), an article saved in
    // articles/ but missing from the list is added back: it was imported and never removed.
    const index = new LibraryIndex(db, adapter, disk);
    if (disk.crc !== null && (await listedAll(disk.crc))) return index;
    const unlisted = savedArticleIds(await articleNames(), (id) => !index.has(id));
    const found = await readSaved(dataDir, unlisted);
    if (found.length > 0) {
      // Saved after the list was last written: an import a crash stopped between its two writes,
      // finished now without a word. Older: the list lost it (restored from .bak, emptied): said so.
      const listWritten = (await fs.stat(adapter.file).catch(() => null))?.mtimeMs ?? 0;
      const hidden = found
        .filter((f) => f.savedAtMs < listWritten)
        .map((f) => f.entry)
        .sort(byNewestImport);
      const added = rowsOf({ articles: found.map((f) => f.entry) });
      db.data = sortRows({
        ...db.data,
        rows: [...db.data.rows, ...added.rows],
        ids: [...db.data.ids, ...added.ids],
      });
      index.reindex();
      // Listed either way; if the list cannot be saved now, the next import or removal saves it.
      await db.write().catch(() => {});
      if (hidden.length > 0)
        onWarning(
          `${LIBRARY_FILE} did not list ${describeFound(hidden)} saved in the library folder, so Gloss added ${hidden.length === 1 ? 'it' : 'them'} back.`,
        );
    }
    return index;
  }

  /** Every entry, newest import first: parsed now, so each is the caller's own. */
  list(): ArticleIndexEntry[] {
    return this.db.data.rows.map(parseRow);
  }

  /** Every entry, newest import first, each parsed as it is reached: a caller keeping less holds less. */
  *entries(): Generator<ArticleIndexEntry> {
    for (const row of this.db.data.rows) yield parseRow(row);
  }

  /** The entry, parsed now (the caller's own copy). */
  get(id: string): ArticleIndexEntry | undefined {
    const at = this.positions().get(id);
    return at === undefined ? undefined : parseRow(this.db.data.rows[at]);
  }

  has(id: string): boolean {
    return this.positions().has(id);
  }

  ids(): string[] {
    return [...this.db.data.ids];
  }

  /**
   * The first entry (newest first) that `matches`, parsing only the rows that hold `text` (a value
   * the entry must contain) or any escape (where a value's JSON may differ from the value itself).
   */
  find(text: string, matches: (e: ArticleIndexEntry) => boolean): ArticleIndexEntry | undefined {
    for (const row of this.db.data.rows) {
      if (!row.includes(text) && !row.includes('\\')) continue;
      const entry = parseRow(row);
      if (matches(entry)) return entry;
    }
    return undefined;
  }

  async upsert(entry: ArticleIndexEntry): Promise<void> {
    await this.replaceMany(new Set([entry.id]), [entry]);
  }

  /** Forgets the entry at once (so nothing new attaches to it), then saves. */
  async remove(id: string): Promise<void> {
    await this.replaceMany(new Set([id]));
  }

  /** Several entries out, or back in (undo of a removal), in one write. */
  async replaceMany(remove: ReadonlySet<string>, add: readonly ArticleIndexEntry[] = []): Promise<void> {
    const adding = new Set(add.map((e) => e.id));
    const { rows, ids } = this.db.data;
    const kept: LibraryRows = { ...this.db.data, rows: [], ids: [] };
    for (let i = 0; i < rows.length; i++) {
      if (remove.has(ids[i]) || adding.has(ids[i])) continue;
      kept.rows.push(rows[i]);
      kept.ids.push(ids[i]);
    }
    for (const entry of [...add].sort(byNewestImport)) insertRow(kept, entry);
    this.db.data = kept;
    this.reindex();
    await this.db.write();
  }

  idle(): Promise<void> {
    return this.adapter.idle();
  }

  /** library.json's crc32 as on disk, when known: read by its row index, or written and indexed since. */
  savedCrc(): string | null {
    return this.disk.crc;
  }

  private reindex(): void {
    this.positionMap = null;
  }

  private positions(): Map<string, number> {
    if (this.positionMap) return this.positionMap;
    const map = new Map<string, number>();
    const { ids } = this.db.data;
    for (let i = 0; i < ids.length; i++) map.set(ids[i], i);
    return (this.positionMap = map);
  }
}

/** Puts the entry at its place in rows kept newest first (a binary search: a few rows parsed, not all). */
function insertRow(data: LibraryRows, entry: ArticleIndexEntry): void {
  let lo = 0;
  let hi = data.rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (byNewestImport(parseRow(data.rows[mid]), entry) <= 0) lo = mid + 1;
    else hi = mid;
  }
  data.rows.splice(lo, 0, JSON.stringify(entry));
  data.ids.splice(lo, 0, entry.id);
}

/**
 * Ids of the content files in articles/ (one readdir: ~10 ms for 10,000 articles), those `keep` accepts.
 * One pass, no array of every id: at open only the unlisted few are kept.
 */
function savedArticleIds(names: readonly string[], keep: (id: string) => boolean = () => true): string[] {
  const ids: string[] = [];
  for (const name of names) {
    if (!name.endsWith('.json')) continue;
    const id = name.slice(0, -'.json'.length);
    if (isSafeId(id) && keep(id)) ids.push(id);
  }
  return ids;
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
): Promise<Fallback<LibraryRows> | null> {
  const articles = (await readSaved(dataDir, savedArticleIds(await articleNames)))
    .map((f) => f.entry)
    .sort(byNewestImport);
  if (articles.length === 0) return null;
  const noun = articles.length === 1 ? 'article' : 'articles';
  return {
    data: rowsOf({ articles }),
    clause: `rebuilt the library list from ${articles.length} saved ${noun}`,
  };
}
