/**
 * Low-level durable file operations. A file is replaced by writing a unique
 * temp file beside it, fsyncing it, renaming it over the target and fsyncing
 * the folder: after a crash the target is either the old or the new version,
 * never a mix, and once the promise resolves the new version is on disk.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { nodeCrypto } from '../util/lazy-builtins';

const TEMP_SUFFIX = '.tmp';
/** Temp files this process is writing now: a sweep running alongside must leave them alone. */
const inFlight = new Set<string>();

/** Hidden, unique, and recognisable so leftovers from a crash can be swept. */
export function tempPathFor(target: string, tag = ''): string {
  const dir = path.dirname(target);
  const base = path.basename(target);
  const temp = path.join(
    dir,
    `.${base}${tag}.${process.pid}-${nodeCrypto().randomBytes(6).toString('hex')}${TEMP_SUFFIX}`,
  );
  inFlight.add(temp);
  return temp;
}

export function isTempName(name: string): boolean {
  return name.startsWith('.') && name.endsWith(TEMP_SUFFIX);
}

/** Best effort: some platforms (Windows) and file systems cannot fsync a folder. */
export async function fsyncDir(dir: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch {
    // Not supported here; the rename itself is still atomic.
  } finally {
    // Durable once synced: the read-only handle is closed without making the save wait for it.
    void handle?.close().catch(() => {});
  }
}

/**
 * One folder's handle, opened at its first fsync and kept for the next ones: a folder that many
 * saves replace files in (notes/) is synced without opening and closing it for each save. Best
 * effort, as fsyncDir. close() when done with the folder.
 */
export class FolderSync {
  private handle?: Promise<fs.FileHandle | null>;
  private closed = false;

  constructor(readonly dir: string) {}

  async sync(): Promise<void> {
    if (this.closed) return fsyncDir(this.dir);
    this.handle ??= fs.open(this.dir, 'r').catch(() => null);
    const handle = await this.handle;
    // Not supported here (fsyncDir says why); a handle closed meanwhile (close()) is opened again once.
    if (handle) await handle.sync().catch(() => (this.closed ? fsyncDir(this.dir) : undefined));
  }

  async close(): Promise<void> {
    this.closed = true;
    const handle = await this.handle;
    this.handle = undefined;
    await handle?.close().catch(() => {});
  }
}

async function writeAndSync(file: string, data: string | Uint8Array): Promise<void> {
  const handle = await fs.open(file, 'wx');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Keeps the current target as `<target>.bak`. A hard link costs nothing; where
 * links are not supported, a copy. The old .bak goes first: a crash in between
 * leaves no backup, but the target itself is whole (this runs before it is replaced).
 */
async function keepBackup(target: string): Promise<void> {
  const bak = `${target}.bak`;
  // unlink, not rm: rm looks first (lstat), one more round trip per file in a 2,000-file tag rename.
  await fs.unlink(bak).catch((err: unknown) => {
    if (code(err) !== 'ENOENT') throw err;
  });
  try {
    await fs.link(target, bak);
  } catch (err) {
    if (code(err) === 'ENOENT') return; // first write: nothing to keep
    const bakTemp = tempPathFor(target, '.bak');
    try {
      await fs.copyFile(target, bakTemp);
      await fs.rename(bakTemp, bak);
    } catch (copyErr) {
      await fs.rm(bakTemp, { force: true }).catch(() => {});
      if (code(copyErr) === 'ENOENT') return;
      throw copyErr;
    } finally {
      inFlight.delete(bakTemp);
    }
  }
}

export interface ReplaceOptions {
  /** Keep the file being replaced as `<target>.bak`. */
  backup?: boolean;
  /** The target's folder, synced through a handle kept open (else the folder is opened for the fsync). */
  folder?: FolderSync;
}

/** Atomically and durably replaces `target` with `data`. */
export async function replaceFileDurably(
  target: string,
  data: string | Uint8Array,
  options: ReplaceOptions = {},
): Promise<void> {
  const temp = tempPathFor(target);
  try {
    // The backup is made while the new version goes to disk: it links the current target, which stays
    // as it is until the rename, so the order between them does not matter — and a save waits for
    // the slower of the two, not for both in turn (two directory changes the raw write does not make).
    const [written, backedUp] = await Promise.allSettled([
      writeAndSync(temp, data),
      options.backup ? keepBackup(target) : undefined,
    ]);
    if (written.status === 'rejected') throw written.reason;
    if (backedUp.status === 'rejected') throw backedUp.reason;
    await fs.rename(temp, target);
  } catch (err) {
    await fs.rm(temp, { force: true }).catch(() => {});
    throw err;
  } finally {
    inFlight.delete(temp);
  }
  const dir = path.dirname(target);
  await (options.folder?.dir === dir ? options.folder.sync() : fsyncDir(dir));
}

/**
 * Atomically replaces `target`, without fsyncs: for derived data that a crash may lose or leave
 * empty (its reader checks it), where a save should not wait for the disk.
 */
export async function replaceFile(target: string, data: string | Uint8Array): Promise<void> {
  const temp = tempPathFor(target);
  try {
    await fs.writeFile(temp, data, { flag: 'wx' });
    await fs.rename(temp, target);
  } catch (err) {
    await fs.rm(temp, { force: true }).catch(() => {});
    throw err;
  } finally {
    inFlight.delete(temp);
  }
}

/** Removes temp files a crash left behind in `dir` (never data files). */
export async function sweepTempFiles(dir: string, listed?: readonly string[]): Promise<number> {
  let names: readonly string[];
  try {
    names = listed ?? (await fs.readdir(dir));
  } catch {
    return 0;
  }
  const temps = names.filter((n) => isTempName(n) && !inFlight.has(path.join(dir, n)));
  await Promise.all(temps.map((n) => fs.rm(path.join(dir, n), { force: true }).catch(() => {})));
  return temps.length;
}

/** `2026-11-25T12-02-38-123Z`: sortable and legal in every file system. */
export function fileTimestamp(date = new Date()): string {
  return date.toISOString().replace(/[:.]/g, '-');
}

/** `2026-11-25 12:02 UTC`, for sentences shown to the user. */
export function readableTime(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** Renames a damaged file to `<file>.corrupt-<timestamp>` and returns the new path. */
export async function moveAside(file: string): Promise<string> {
  const stamp = fileTimestamp();
  for (let n = 0; ; n++) {
    const aside = `${file}.corrupt-${stamp}${n ? `-${n}` : ''}`;
    try {
      await fs.access(aside);
      continue; // taken: try the next suffix
    } catch {
      await fs.rename(file, aside);
      await fsyncDir(path.dirname(file));
      return aside;
    }
  }
}

export function code(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException | undefined)?.code;
}
