/**
 * notes-index.tsv: per-article annotation and tag counts, so the library list
 * opens without reading every notes file. Derived data — when it is missing,
 * damaged or may be stale it is rebuilt from the notes files, without a word
 * to the user.
 *
 * Staleness. The file says whether it was sealed: written at close, after every
 * notes write had finished. A sealed index is trusted as it is. While a session
 * changes notes, the file on disk is marked unsealed first, so after a crash
 * the next session verifies it: each notes file whose size and mtime differ
 * from the ones recorded (or that has none recorded) is read again.
 *
 * Damage. Each row carries a checksum of its own fields and the header the
 * number of rows, so a flipped digit or a dropped row is never shown as a
 * count: the index is then not trusted, its good rows serve only as stamps to
 * compare, and each notes file without one is read again.
 *
 * It lives beside library.json, not in notes/, where "index" is a valid article id.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { TagCount } from '../annotations/types';
import { replaceFileDurably } from './fs-durable';
import { isSafeId } from './safe-names';
import { tagKey } from '../annotations/tags';
import { nodeZlib } from '../util/lazy-builtins';

export const NOTES_INDEX_FILE = 'notes-index.tsv';
/** Version 1 had no checksums: read as no index, so counts are taken from the notes files once. */
const HEADER = 'gloss notes-index 2';
const HEAD_LINE = new RegExp(`^${HEADER} (sealed|open) (\\d+) ([0-9a-f]{8})$`);

/** Identifies one version of a notes file on disk. */
export interface FileStamp {
  size: number;
  mtimeMs: number;
}

/** One article's counts. Entries are replaced, never changed, so `line` can be cached. */
export interface IndexedNotes {
  count: number;
  /**
   * Lower-cased tag → the tag as first written and how many annotations carry it;
   * or, as loaded, the stored JSON, parsed only when tags are asked for: the
   * library list needs counts alone.
   */
  tags: Map<string, TagCount> | string;
  /** The notes file the counts were taken from; absent when not (yet) known. */
  stamp?: FileStamp;
  /** This entry as a line of the file, once serialised. */
  line?: string;
}

export interface LoadedIndex {
  sealed: boolean;
  /** The rows whose checksum holds. */
  entries: Map<string, IndexedNotes>;
  /** Every row the file was written with is there and checks out. */
  intact: boolean;
}

const isCount = (x: number): boolean => Number.isInteger(x) && x >= 0;

/** crc32, 8 hex digits: catches any flipped bit or digit, and costs ~1 ms over a 10,000-row file. */
function checksum(fields: string): string {
  return nodeZlib().crc32(fields).toString(16).padStart(8, '0');
}

/**
 * Line-oriented so loading costs a split, not a parse of every tag:
 *   gloss notes-index 2 <sealed|open> <number of rows> <checksum of all the rows below>
 *   <id> TAB <count> TAB <size> TAB <mtimeMs> TAB <tags as JSON [[tag, n], …]> TAB <checksum of the fields before it>
 * The rows are checked one by one only when the whole does not check out.
 * Null when it is not such a file (then it is rebuilt).
 */
export function parseNotesIndex(text: string): LoadedIndex | null {
  const headEnd = text.indexOf('\n');
  const head = HEAD_LINE.exec(headEnd < 0 ? text : text.slice(0, headEnd));
  if (!head) return null;
  const bodyStart = headEnd < 0 ? text.length : headEnd + 1;
  const whole = checksum(text.slice(bodyStart)) === head[3];
  const entries = new Map<string, IndexedNotes>();
  let rows = 0;
  let bad = 0;
  // Walked with indexOf, not split: the lines and their fields are never all held at once, so only what
  // the entries keep (slices of the text) outlives V8's young-generation collections (bench/README.md, core-rss).
  const tab = [0, 0, 0, 0, 0, 0]; // where each field starts, less one (no array, nor closure, per row)
  for (let at = bodyStart; at < text.length;) {
    let end = text.indexOf('\n', at);
    if (end < 0) end = text.length;
    const start = at;
    at = end + 1;
    if (end === start) continue;
    rows++;
    // The five tabs of a good row: one more, or fewer, and it is not one.
    tab[0] = start - 1;
    let fields = 1;
    for (let t = text.indexOf('\t', start); t >= 0 && t < end; t = text.indexOf('\t', t + 1))
      if (fields++ < 6) tab[fields - 1] = t;
    const count = fields === 6 ? Number(field(text, tab, 1, end)) : NaN;
    if (
      fields !== 6 ||
      !(whole || checksum(text.slice(start, tab[5])) === field(text, tab, 5, end)) ||
      !isSafeId(field(text, tab, 0, end)) ||
      !isCount(count) ||
      text.charCodeAt(tab[4] + 1) !== 0x5b // '['
    ) {
      bad++;
      continue;
    }
    entries.set(field(text, tab, 0, end), new LoadedRow(text.slice(start, end)));
  }
  return { sealed: head[1] === 'sealed', entries, intact: bad === 0 && rows === Number(head[2]) };
}

/**
 * A row as loaded, kept as its line: the count, the tags and the stamp are read from it when asked,
 * so 10,000 rows are 10,000 slices of the file's text, not four values and a stamp each (what outlives
 * V8's young-generation collections while the library is listed: bench/README.md, core-rss).
 */
class LoadedRow implements IndexedNotes {
  /** The tags once parsed (tagsOf's caller keeps them: the line stays valid). */
  private parsed: Map<string, TagCount> | undefined;

  constructor(readonly line: string) {}

  get count(): number {
    return Number(this.field(1));
  }

  get tags(): Map<string, TagCount> | string {
    return this.parsed ?? this.field(4);
  }

  set tags(tags: Map<string, TagCount> | string) {
    if (typeof tags !== 'string') this.parsed = tags;
  }

  get stamp(): FileStamp | undefined {
    const size = this.field(2);
    const mtime = this.field(3);
    const stamp = { size: size === '' ? NaN : Number(size), mtimeMs: mtime === '' ? NaN : Number(mtime) };
    return Number.isFinite(stamp.size) && Number.isFinite(stamp.mtimeMs) ? stamp : undefined;
  }

  /** Field `i` of the line (checked when it was loaded: six fields). */
  private field(i: number): string {
    let from = 0;
    for (let n = 0; n < i; n++) from = this.line.indexOf('\t', from) + 1;
    return this.line.slice(from, this.line.indexOf('\t', from));
  }
}

/** Field `i` of the row ending at `end` whose tabs are at `tab`. */
function field(text: string, tab: readonly number[], i: number, end: number): string {
  return text.slice(tab[i] + 1, i === 5 ? end : tab[i + 1]);
}

/** The entry's tags; null when the stored ones do not parse (the caller reads the notes file instead). */
export function tagsOf(entry: IndexedNotes): Map<string, TagCount> | null {
  if (typeof entry.tags !== 'string') return entry.tags;
  try {
    const pairs = JSON.parse(entry.tags) as unknown;
    if (!Array.isArray(pairs)) return null;
    const tags = new Map<string, TagCount>();
    for (const p of pairs) {
      if (!Array.isArray(p) || typeof p[0] !== 'string' || typeof p[1] !== 'number' || !isCount(p[1]))
        return null;
      tags.set(tagKey(p[0]), { tag: p[0], count: p[1] });
    }
    return tags;
  } catch {
    return null;
  }
}

function lineOf(id: string, entry: IndexedNotes): string {
  if (entry.line !== undefined) return entry.line;
  const tags =
    typeof entry.tags === 'string'
      ? entry.tags
      : JSON.stringify([...entry.tags.values()].map((t) => [t.tag, t.count]));
  const { stamp } = entry;
  const fields = `${id}\t${entry.count}\t${stamp?.size ?? ''}\t${stamp?.mtimeMs ?? ''}\t${tags}`;
  entry.line = `${fields}\t${checksum(fields)}`;
  return entry.line;
}

export function serializeNotesIndex(entries: ReadonlyMap<string, IndexedNotes>, sealed: boolean): string {
  const rows: string[] = [];
  for (const [id, entry] of entries) rows.push(`${lineOf(id, entry)}\n`);
  const body = rows.join('');
  return `${HEADER} ${sealed ? 'sealed' : 'open'} ${entries.size} ${checksum(body)}\n${body}`;
}

/** Reads the index; null when it is missing or not an index. */
export async function loadNotesIndex(dataDir: string): Promise<LoadedIndex | null> {
  try {
    return parseNotesIndex(await fs.readFile(path.join(dataDir, NOTES_INDEX_FILE), 'utf8'));
  } catch {
    return null;
  }
}

export function saveNotesIndex(dataDir: string, text: string): Promise<void> {
  return replaceFileDurably(path.join(dataDir, NOTES_INDEX_FILE), text);
}

export function sameStamp(a: FileStamp | undefined, b: FileStamp | undefined): boolean {
  return !!a && !!b && a.size === b.size && a.mtimeMs === b.mtimeMs;
}

export async function stampOf(file: string): Promise<FileStamp | undefined> {
  try {
    const st = await fs.stat(file);
    return { size: st.size, mtimeMs: st.mtimeMs };
  } catch {
    return undefined;
  }
}
