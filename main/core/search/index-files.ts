/**
 * The index's files in the data folder:
 *   search/articles.jsonl      the articles index (its snapshot; changes since: index-journal.ts)
 *   search/annotations.jsonl   the highlights index (the same)
 *   search/open                present while a Gloss has the index open (see index-keeper.ts)
 * Each index file is a header line (format, version, part, crc32 of the rest),
 * a line of bookkeeping (what each entry was built from), then one line of
 * MiniSearch's own JSON per shard (shards.ts). Written whole through the durable replace (temp, fsync, rename), so a
 * crash leaves the previous file or the new one; the checksum catches damage
 * that still parses. Derived data: no .bak is kept — a damaged or outdated file
 * is rebuilt from the store.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { code, fsyncDir, replaceFileDurably, tempPathFor } from '../store/fs-durable';
import type { IndexParts } from './search-index';

export const SEARCH_DIR = 'search';
export const OPEN_MARKER = 'open';
const FORMAT = 'gloss-search';
/** Raise when the documents, fields, tokenising or layout change: an older index is then rebuilt, silently. */
export const INDEX_VERSION = 2;

export type PartName = 'articles' | 'annotations';
export const PART_FILES: Record<PartName, string> = {
  articles: 'articles.jsonl',
  annotations: 'annotations.jsonl',
};

interface Header {
  format: string;
  version: number;
  part: PartName;
  crc: number;
}

export type LoadedPart<P extends PartName> =
  /** `crc` names this snapshot (its journal continues it); `bytes`: its size. */
  | { status: 'ok'; part: IndexParts[P]; crc: number; bytes: number }
  | { status: 'missing' | 'outdated' }
  | { status: 'damaged'; reason: string };

export function searchDir(dataDir: string): string {
  return path.join(dataDir, SEARCH_DIR);
}

export function serializePart<P extends PartName>(
  name: P,
  part: IndexParts[P],
): { text: string; crc: number } {
  const { index, ...bookkeeping } = part;
  const rest = `${JSON.stringify(bookkeeping)}\n${index.join('\n')}`;
  const header: Header = { format: FORMAT, version: INDEX_VERSION, part: name, crc: crc32(rest) };
  return { text: `${JSON.stringify(header)}\n${rest}`, crc: header.crc };
}

export function parsePart<P extends PartName>(name: P, text: string): LoadedPart<P> {
  const first = text.indexOf('\n');
  const second = first < 0 ? -1 : text.indexOf('\n', first + 1);
  if (second < 0) return { status: 'damaged', reason: 'it is cut short' };
  let header: Header;
  try {
    header = JSON.parse(text.slice(0, first)) as Header;
  } catch {
    return { status: 'damaged', reason: 'its header cannot be read' };
  }
  if (header?.format !== FORMAT || header.part !== name)
    return { status: 'damaged', reason: 'it is not a Gloss search index' };
  if (header.version !== INDEX_VERSION) return { status: 'outdated' };
  const rest = text.slice(first + 1);
  if (crc32(rest) !== header.crc) return { status: 'damaged', reason: 'its checksum does not match' };
  try {
    const bookkeeping = JSON.parse(text.slice(first + 1, second)) as Omit<IndexParts[P], 'index'>;
    return {
      status: 'ok',
      part: { ...bookkeeping, index: text.slice(second + 1).split('\n') } as unknown as IndexParts[P],
      crc: header.crc,
      bytes: text.length,
    };
  } catch {
    return { status: 'damaged', reason: 'its contents cannot be read' };
  }
}

export async function readPart<P extends PartName>(dataDir: string, name: P): Promise<LoadedPart<P>> {
  let text: string;
  try {
    text = await fs.readFile(path.join(searchDir(dataDir), PART_FILES[name]), 'utf8');
  } catch (err) {
    if (code(err) === 'ENOENT') return { status: 'missing' };
    return { status: 'damaged', reason: (err as Error).message };
  }
  return parsePart(name, text);
}

/** Writes a snapshot (whole, atomically, durably); answers its checksum, which names it, and its size. */
export async function writePart<P extends PartName>(
  dataDir: string,
  name: P,
  part: IndexParts[P],
): Promise<{ crc: number; bytes: number }> {
  await fs.mkdir(searchDir(dataDir), { recursive: true });
  const { text, crc } = serializePart(name, part);
  await replaceFileDurably(path.join(searchDir(dataDir), PART_FILES[name]), text);
  return { crc, bytes: text.length };
}

/**
 * Writes a snapshot into a temp file beside its place (fsynced), not yet in place: a compaction
 * (compaction.ts) writes it from another thread, and the keeper puts it in place with `installPart`.
 */
export async function writePartToTemp<P extends PartName>(
  dataDir: string,
  name: P,
  part: IndexParts[P],
): Promise<{ temp: string; crc: number; bytes: number }> {
  const { text, crc } = serializePart(name, part);
  const temp = tempPathFor(path.join(searchDir(dataDir), PART_FILES[name]));
  const file = await fs.open(temp, 'wx');
  try {
    await file.writeFile(text);
    await file.sync();
  } catch (err) {
    await file.close();
    await fs.rm(temp, { force: true });
    throw err;
  }
  await file.close();
  return { temp, crc, bytes: text.length };
}

/** Renames a snapshot written by `writePartToTemp` over the part's snapshot (atomically, durably). */
export async function installPart(dataDir: string, name: PartName, temp: string): Promise<void> {
  await fs.rename(temp, path.join(searchDir(dataDir), PART_FILES[name]));
  await fsyncDir(searchDir(dataDir));
}

/** Marks the index open (durably); answers whether a marker was already there (the last session did not close). */
export async function markOpen(dataDir: string): Promise<boolean> {
  const dir = searchDir(dataDir);
  await fs.mkdir(dir, { recursive: true });
  const file = path.join(dir, OPEN_MARKER);
  const existed = await fs.access(file).then(
    () => true,
    () => false,
  );
  if (!existed) await replaceFileDurably(file, `${process.pid}\n`);
  return existed;
}

export async function markClosed(dataDir: string): Promise<void> {
  await fs.rm(path.join(searchDir(dataDir), OPEN_MARKER), { force: true });
  await fsyncDir(searchDir(dataDir));
}
