/**
 * library.json held as it is on disk: one row of JSON text per article, not
 * 10,000 objects. Parsed into objects, the entries outlived V8's young-generation
 * collections during the open and made it grow to its maximum (32 MB of the
 * process's resident memory, bench/README.md "core-rss"); a row is a slice of
 * the file's text (a few bytes pointing into it), and an entry is parsed when
 * someone asks for it. The file's format is unchanged: written back, the rows
 * are the same JSON that `JSON.stringify` of the whole would give.
 */
import { byNewestImport, isIndexEntry, parseLibraryFile, type ArticleIndexEntry } from './schemas';

export interface LibraryRows {
  /** Each entry's JSON, newest import first. */
  rows: string[];
  /** Each row's article id, in the same order. */
  ids: string[];
  /** Top-level fields other than version and articles (written by a later version): kept as they were. */
  others?: Record<string, unknown>;
}

/** How the usual file (written by Gloss, nothing but version and articles) begins and ends around its rows. */
export const LIBRARY_HEAD = '{"version":1,"articles":[';
export const LIBRARY_TAIL = ']}';
const HEAD = LIBRARY_HEAD;
const TAIL = LIBRARY_TAIL;

/** The file's text as rows; throws (through zod, for its message) when it is not a library file. */
export async function readLibraryRows(text: string): Promise<LibraryRows> {
  return sliceRows(text) ?? rowsOf(await parseLibraryFile(JSON.parse(text)));
}

export function writeLibraryRows(data: LibraryRows): string {
  const head = data.others
    ? `${JSON.stringify({ version: 1, ...data.others }).slice(0, -1)},"articles":[`
    : HEAD;
  return `${head}${data.rows.join(',')}${TAIL}`;
}

/** Rows of entries that are already objects (a library rebuilt, or read the slow way). */
export function rowsOf(file: { articles: readonly ArticleIndexEntry[] }): LibraryRows {
  const { articles, version: _version, ...others } = file as { articles: ArticleIndexEntry[]; version?: 1 };
  return {
    rows: articles.map((e) => JSON.stringify(e)),
    ids: articles.map((e) => e.id),
    ...(Object.keys(others).length > 0 && { others }),
  };
}

export function parseRow(row: string): ArticleIndexEntry {
  return JSON.parse(row) as ArticleIndexEntry;
}

/**
 * The usual file (as Gloss writes it: compact, nothing but version and articles) cut into its entries
 * without parsing the whole: each entry ends at a `},{` or at the final `}]}`; a `},{` inside a string
 * leaves a piece that does not parse (a proper prefix of an object is never JSON), so the piece is
 * extended to the next. Each entry is parsed once to be checked, then dropped. Null when the text is
 * anything else, or an entry fails the plain check: the whole is then read the usual way.
 */
function sliceRows(text: string): LibraryRows | null {
  if (!text.startsWith(HEAD) || !text.endsWith(TAIL)) return null;
  const end = text.length - TAIL.length;
  const rows: string[] = [];
  const ids: string[] = [];
  if (end === HEAD.length) return { rows, ids };
  let start = HEAD.length;
  let from = start;
  let previous: ArticleIndexEntry | null = null;
  let sorted = true;
  let extended = 0;
  while (start < end) {
    const next = text.indexOf('},{', from);
    const stop = next < 0 || next >= end ? end : next + 1;
    const row = text.slice(start, stop);
    let entry: unknown;
    try {
      entry = JSON.parse(row);
    } catch {
      // The `},{` was inside a string: the entry goes on (a damaged one is left to the whole parse).
      if (stop === end || ++extended > 64) return null;
      from = stop;
      continue;
    }
    if (!isIndexEntry(entry)) return null;
    const e = entry as ArticleIndexEntry;
    if (previous && byNewestImport(previous, e) > 0) sorted = false;
    previous = e;
    rows.push(row);
    ids.push(e.id);
    start = from = stop + 1;
    extended = 0;
  }
  // A file Gloss wrote is in order already; any other is put in order once, here.
  return sorted ? { rows, ids } : sortRows({ rows, ids });
}

/** Newest import first, as byNewestImport says (each row parsed once). */
export function sortRows(data: LibraryRows): LibraryRows {
  const keyed = data.rows.map((row) => ({ row, entry: parseRow(row) }));
  keyed.sort((a, b) => byNewestImport(a.entry, b.entry));
  return { ...data, rows: keyed.map((k) => k.row), ids: keyed.map((k) => k.entry.id) };
}
