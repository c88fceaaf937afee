/**
 * The journal of an index part: every change made to the part since its
 * snapshot (index-files.ts), one line each, appended and fsynced when the index
 * is saved — so saving one article's change writes that article's bytes, not
 * the whole index. Loading replays it over the snapshot; once it grows past a
 * share of the snapshot, the keeper writes a new snapshot and starts a new
 * journal (compaction).
 *
 *   search/articles.journal      changes to the articles part
 *   search/annotations.journal   changes to the highlights part
 *
 * The first line names the snapshot the journal continues (its checksum): a
 * journal left beside another snapshot (a crash between writing a new snapshot
 * and starting its journal) is stale and ignored — the snapshot already holds
 * its changes. Each further line is `<crc32, 8 hex digits> <JSON>`. A crash
 * while appending leaves the last line cut short: it is dropped (and cut off
 * the file before the next append), and the change it held is found again by
 * the keeper's comparison with the store. A bad line with good lines after it
 * is damage: the part is rebuilt from the store.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { code, replaceFileDurably } from '../store/fs-durable';
import { INDEX_VERSION, searchDir, type PartName } from './index-files';

const FORMAT = 'gloss-search-journal';

export const JOURNAL_FILES: Record<PartName, string> = {
  articles: 'articles.journal',
  annotations: 'annotations.journal',
};

interface Header {
  format: string;
  version: number;
  part: PartName;
  /** The checksum of the snapshot this journal continues. */
  snapshot: number;
}

export type LoadedJournal<E> =
  | {
      status: 'ok';
      entries: E[];
      /** Bytes of the good lines (the file's length unless its last line was cut short). */
      bytes: number;
      /** The last line was cut short (a crash while appending): the file is longer than `bytes`. */
      torn: boolean;
    }
  /** None, or one continuing another snapshot or from another version: nothing to replay. */
  | { status: 'missing' | 'stale' }
  | { status: 'damaged'; reason: string };

function journalPath(dataDir: string, name: PartName): string {
  return path.join(searchDir(dataDir), JOURNAL_FILES[name]);
}

/** One journal line, newline included. */
export function journalLine(entry: unknown): string {
  const json = JSON.stringify(entry);
  return `${crc32(json).toString(16).padStart(8, '0')} ${json}\n`;
}

function headerLine(name: PartName, snapshot: number): string {
  const header: Header = { format: FORMAT, version: INDEX_VERSION, part: name, snapshot };
  return `${JSON.stringify(header)}\n`;
}

export function parseJournal<E>(name: PartName, text: string, snapshot: number): LoadedJournal<E> {
  const end = text.indexOf('\n');
  if (end < 0) return { status: 'stale' }; // cut while being started: the snapshot is whole
  let header: Header;
  try {
    header = JSON.parse(text.slice(0, end)) as Header;
  } catch {
    return { status: 'damaged', reason: 'its header cannot be read' };
  }
  if (header?.format !== FORMAT || header.part !== name)
    return { status: 'damaged', reason: 'it is not a Gloss search journal' };
  if (header.version !== INDEX_VERSION || header.snapshot !== snapshot) return { status: 'stale' };
  const entries: E[] = [];
  let at = end + 1;
  while (at < text.length) {
    const next = text.indexOf('\n', at);
    const line = next < 0 ? text.slice(at) : text.slice(at, next);
    const entry = next < 0 ? undefined : parseLine<E>(line);
    if (entry === undefined) {
      // Only the last line may be bad: cut short by a crash while it was appended.
      if (next < 0 || text.slice(next + 1).trim() === '')
        return { status: 'ok', entries, bytes: Buffer.byteLength(text.slice(0, at)), torn: true };
      return { status: 'damaged', reason: 'a change in it cannot be read' };
    }
    entries.push(entry);
    at = next + 1;
  }
  return { status: 'ok', entries, bytes: Buffer.byteLength(text), torn: false };
}

function parseLine<E>(line: string): E | undefined {
  const json = line.slice(9);
  if (line[8] !== ' ' || parseInt(line.slice(0, 8), 16) !== crc32(json)) return undefined;
  try {
    return JSON.parse(json) as E;
  } catch {
    return undefined;
  }
}

/** `upTo`: only its first bytes (a compaction reads the journal as it was when asked, while lines are appended). */
export async function readJournal<E>(
  dataDir: string,
  name: PartName,
  snapshot: number,
  upTo?: number,
): Promise<LoadedJournal<E>> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(journalPath(dataDir, name));
  } catch (err) {
    if (code(err) === 'ENOENT') return { status: 'missing' };
    return { status: 'damaged', reason: (err as Error).message };
  }
  return parseJournal<E>(name, bytes.subarray(0, upTo).toString('utf8'), snapshot);
}

/** The journal's lines from byte `from` to byte `to` (those appended since a compaction read it). */
export async function journalLines(
  dataDir: string,
  name: PartName,
  from: number,
  to: number,
): Promise<string> {
  const file = await fs.open(journalPath(dataDir, name), 'r');
  try {
    const buffer = Buffer.alloc(to - from);
    const { bytesRead } = await file.read(buffer, 0, buffer.length, from);
    if (bytesRead !== buffer.length) throw new Error('the search journal is shorter than written');
    return buffer.toString('utf8');
  } finally {
    await file.close();
  }
}

/** Replaces the journal (atomically, durably) with one continuing `snapshot`, holding `lines`; answers its size. */
export async function startJournal(
  dataDir: string,
  name: PartName,
  snapshot: number,
  lines = '',
): Promise<number> {
  const text = headerLine(name, snapshot) + lines;
  await replaceFileDurably(journalPath(dataDir, name), text);
  return Buffer.byteLength(text);
}

/**
 * Appends lines to the journal and fsyncs it; answers the bytes written. `validBytes`: the length of
 * its good lines, when a line cut short by a crash follows them (cut off first).
 */
export async function appendJournal(
  dataDir: string,
  name: PartName,
  lines: string,
  validBytes?: number,
): Promise<number> {
  const file = await fs.open(journalPath(dataDir, name), 'r+');
  try {
    const { size } = await file.stat();
    let at = size;
    if (validBytes !== undefined && validBytes < size) {
      await file.truncate(validBytes);
      at = validBytes;
    }
    const bytes = Buffer.from(lines, 'utf8');
    await file.write(bytes, 0, bytes.length, at);
    await file.sync();
    return bytes.length;
  } finally {
    await file.close();
  }
}
