/**
 * library-rows.tsv: where each row of library.json lies, and a checksum of the
 * library.json it describes, so a library.json Gloss wrote opens without
 * parsing and checking its 10,000 entries (~25 ms of a cold start,
 * bench/README.md "cold-start"): its rows are cut at the recorded lengths.
 * Derived data, written after library.json without an fsync: missing, damaged,
 * or describing another library.json (a crash between the two writes, a file
 * edited or restored from .bak), it is not used and library.json is read and
 * checked entry by entry, as without it. The checksum covers library.json's
 * bytes, so it is trusted only for the very bytes that were checked when
 * written.
 *
 *   gloss library-rows 1 <crc32 of library.json> <its size in bytes> <rows> <crc32 of the lines below>
 *   <id> TAB <length of the row's JSON in UTF-16 code units>
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { replaceFile } from './fs-durable';
import { LIBRARY_HEAD, LIBRARY_TAIL, type LibraryRows } from './library-rows';
import { nodeZlib } from '../util/lazy-builtins';

export const LIBRARY_ROWS_FILE = 'library-rows.tsv';
const HEADER = 'gloss library-rows 1';
const HEAD_LINE = new RegExp(`^${HEADER} ([0-9a-f]{8}) (\\d+) (\\d+) ([0-9a-f]{8})$`);

const crc = (data: string | Uint8Array): string => nodeZlib().crc32(data).toString(16).padStart(8, '0');

/**
 * The index of `text`, library.json as written from `data` (writeLibraryRows); null when the file has a
 * form the index does not describe (top-level fields of a later version: read the usual way).
 */
export function rowIndexFor(data: LibraryRows, text: string, textCrc = crc(text)): string | null {
  if (data.others) return null;
  let body = '';
  for (let i = 0; i < data.rows.length; i++) body += `${data.ids[i]}\t${data.rows[i].length}\n`;
  return `${HEADER} ${textCrc} ${Buffer.byteLength(text)} ${data.rows.length} ${crc(body)}\n${body}`;
}

/** library.json's rows as the index says, with the file's crc32, if it describes these very bytes; else null. */
export function rowsByIndex(
  text: string,
  bytes: Uint8Array,
  index: string,
): { rows: LibraryRows; crc: string } | null {
  const headEnd = index.indexOf('\n');
  const head = HEAD_LINE.exec(index.slice(0, Math.max(headEnd, 0)));
  if (!head) return null;
  const [, fileCrc, size, count, bodyCrc] = head;
  const body = index.slice(headEnd + 1);
  if (Number(size) !== bytes.length || crc(body) !== bodyCrc || crc(bytes) !== fileCrc) return null;
  if (!text.startsWith(LIBRARY_HEAD) || !text.endsWith(LIBRARY_TAIL)) return null;
  const rows: string[] = [];
  const ids: string[] = [];
  let at = LIBRARY_HEAD.length;
  for (let line = 0; line < body.length;) {
    const tab = body.indexOf('\t', line);
    const end = body.indexOf('\n', tab);
    if (tab < 0 || end < 0) return null;
    const length = Number(body.slice(tab + 1, end));
    ids.push(body.slice(line, tab));
    rows.push(text.slice(at, at + length));
    at += length + 1; // the comma between rows
    line = end + 1;
  }
  const rowsEnd = rows.length === 0 ? at : at - 1;
  return rows.length === Number(count) && rowsEnd === text.length - LIBRARY_TAIL.length
    ? { rows: { rows, ids }, crc: fileCrc }
    : null;
}

/** The index as saved, or null (none yet, unreadable: library.json is then read the usual way). */
export function readRowIndex(dataDir: string): Promise<string | null> {
  return fs.readFile(path.join(dataDir, LIBRARY_ROWS_FILE), 'utf8').catch(() => null);
}

/**
 * Saves the index of library.json as just written from `data`; removes a stale one when there is none
 * to write. Answers the file's crc32 once its index is saved, else null. Never throws.
 */
export async function saveRowIndex(dataDir: string, data: LibraryRows, text: string): Promise<string | null> {
  const file = path.join(dataDir, LIBRARY_ROWS_FILE);
  try {
    const textCrc = crc(text);
    const index = rowIndexFor(data, text, textCrc);
    if (index === null) {
      await fs.rm(file, { force: true });
      return null;
    }
    await replaceFile(file, index);
    return textCrc;
  } catch {
    // Derived data: the next open reads library.json entry by entry and saves the index again.
    return null;
  }
}
