/**
 * sealed-folders.json: articles/ and notes/ as a clean close left them, so the
 * next open need not list their 10,000 names each (a cold start's largest cost
 * after library.json, bench/README.md "cold-start"). Written at close, once
 * every write has finished and the temp files are swept: then articles/ holds
 * no content file that library.json does not list, and neither folder holds a
 * crash's leftover. A folder whose mtime is still the one recorded has had no
 * name added, removed or renamed since, so at open
 *   - its temp-file sweep is skipped (a leftover is a name added), and
 *   - articles/ is not checked for unlisted articles when library.json is the
 *     very file the close left (its crc32): a crash between an import's two
 *     writes adds a name to articles/, one between a removal's changes
 *     library.json, and either way the check runs.
 * A folder changed less than two seconds before the close is not sealed: a
 * change right after, in the same tick of a coarse clock (FAT's 2 s), could
 * leave its mtime as it was. Derived data, written without an fsync: missing,
 * damaged or stale, the open lists the folders as before.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { ARTICLES_DIR } from './article-files';
import { replaceFile } from './fs-durable';
import { NOTES_DIR } from './notes';

export const FOLDER_SEAL_FILE = 'sealed-folders.json';
/** Longer than any file system's mtime resolution (FAT: 2 s). */
const SETTLED_MS = 2000n;

interface SealFile {
  version: 1;
  /** library.json's crc32 at that close. */
  library: string;
  /** Each folder's mtime in nanoseconds, as a decimal string. */
  articles: string;
  notes: string;
}

export interface FolderSeal {
  /** library.json's crc32 when sealed; null when there is no seal. */
  library: string | null;
  /** articles/ has had no name added, removed or renamed since the seal. */
  articlesUnchanged: boolean;
  notesUnchanged: boolean;
  /** The seal file as read, so a close that finds nothing changed does not write it again. */
  text: string | null;
}

const mtimeNs = (dir: string): Promise<bigint | null> =>
  fs.stat(dir, { bigint: true }).then(
    (s) => s.mtimeNs,
    () => null,
  );

function parseSeal(text: string | null): SealFile | null {
  if (text === null) return null;
  try {
    const seal = JSON.parse(text) as Partial<SealFile>;
    const isNs = (x: unknown) => typeof x === 'string' && /^\d+$/.test(x);
    return seal.version === 1 && typeof seal.library === 'string' && isNs(seal.articles) && isNs(seal.notes)
      ? (seal as SealFile)
      : null;
  } catch {
    return null;
  }
}

/** The seal the last clean close left, checked against the folders as they are now. */
export async function readFolderSeal(dataDir: string): Promise<FolderSeal> {
  const [text, articles, notes] = await Promise.all([
    fs.readFile(path.join(dataDir, FOLDER_SEAL_FILE), 'utf8').catch(() => null),
    mtimeNs(path.join(dataDir, ARTICLES_DIR)),
    mtimeNs(path.join(dataDir, NOTES_DIR)),
  ]);
  const seal = parseSeal(text);
  return {
    library: seal?.library ?? null,
    articlesUnchanged: seal !== null && articles !== null && BigInt(seal.articles) === articles,
    notesUnchanged: seal !== null && notes !== null && BigInt(seal.notes) === notes,
    text,
  };
}

/**
 * At close, every write finished and the sweep done: records the folders (when both settled) and
 * library.json's crc32 (`libraryCrc`, null when unknown: no seal). Never throws.
 */
export async function sealFolders(
  dataDir: string,
  libraryCrc: string | null,
  previous: FolderSeal,
  now = Date.now(),
): Promise<void> {
  try {
    if (libraryCrc === null) return;
    const [articles, notes] = await Promise.all([
      mtimeNs(path.join(dataDir, ARTICLES_DIR)),
      mtimeNs(path.join(dataDir, NOTES_DIR)),
    ]);
    const settled = (ns: bigint | null): ns is bigint => ns !== null && ns / 1_000_000n + SETTLED_MS <= now;
    if (!settled(articles) || !settled(notes)) return;
    const seal: SealFile = { version: 1, library: libraryCrc, articles: `${articles}`, notes: `${notes}` };
    const text = JSON.stringify(seal);
    if (text !== previous.text) await replaceFile(path.join(dataDir, FOLDER_SEAL_FILE), text);
  } catch {
    // The next open lists the folders, as without a seal.
  }
}
