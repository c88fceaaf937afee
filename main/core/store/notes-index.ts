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
import { crc32 } from 'node:zlib';
import type { TagCount } from '../annotations/types';
import { replaceFileDurably } from './fs-durable';
import { isSafeId } from './safe-names';
import { tagKey } from '../annotations/tags';

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
  return crc32(fields).toString(16).padStart(8, '0');
}

/**
 * Line-oriented so loading costs a split, not a parse of every tag:
 *   gloss notes-index 2 <sealed|open> <number of rows> <checksum of all the rows below>
 *   <id> TAB <count> TAB <size> TAB <mtimeMs> TAB <tags as JSON [[tag, n], …]> TAB <checksum of the fields before it>
 * The rows are checked one by one only when the whole does not check out.
 * Null when it is not such a file (then it is rebuilt).
 */
export function parseNotesIndex(text: string): LoadedIndex | null {
  const lines = text.split('\n');
  const head = HEAD_LINE.exec(lines[0]);
  if (!head) return null;
  const whole = checksum(text.slice(lines[0].length + 1)) === head[3];
  const entries = new Map<string, IndexedNotes>();
  let rows = 0;
  let bad = 0;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (line === '') continue;
    rows++;
    const f = line.split('\t');
    const count = Number(f[1]);
    // (No closure here: one per row doubled the cost of loading 10,000 rows.)
    if (
      f.length !== 6 ||
      !(whole || checksum(line.slice(0, line.lastIndexOf('\t'))) === f[5]) ||
      !isSafeId(f[0]) ||
      !isCount(count) ||
      !f[4].startsWith('[')
    ) {
      bad++;
      continue;
    }
    const size = f[2] === '' ? NaN : Number(f[2]);
    const mtimeMs = f[3] === '' ? NaN : Number(f[3]);
    const stamp = Number.isFinite(size) && Number.isFinite(mtimeMs) ? { size, mtimeMs } : undefined;
    entries.set(f[0], { count, tags: f[4], stamp, line });
  }
  return { sealed: head[1] === 'sealed', entries, intact: bad === 0 && rows === Number(head[2]) };
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
