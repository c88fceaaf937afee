/**
 * Write an export atomically: the content goes to a temp file in the target
 * folder (same file system, so the rename is atomic), is flushed, then renamed
 * over the target. A reader never sees half a file, and a failure leaves
 * nothing behind.
 *
 * The target must be an ordinary file (or a new name) outside the library's
 * own folder: an export never replaces the store, a pipe or a device, and a
 * symbolic link is written through (its target replaced, the link kept).
 */
import { randomBytes } from 'node:crypto';
import { lstat, open, readlink, realpath, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, isAbsolute } from 'node:path';
import { GlossError } from '../errors';

const REASONS: Record<string, string> = {
  ENOENT: 'the folder does not exist',
  ENOTDIR: 'part of the path is a file, not a folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the disk is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EISDIR: 'a folder already has that name',
  ENAMETOOLONG: 'the name is too long',
  EBUSY: 'the file is in use',
};

function plainReason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code && REASONS[code]) return REASONS[code];
  return err instanceof Error ? err.message : String(err);
}

export interface WriteExportOptions {
  /** The library's data folder: never written by an export. */
  dataDir?: string;
}

const isInside = (dir: string, p: string) => {
  const rel = relative(dir, p);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

/** Where the bytes really go: a symlink's (final) target, checked to be a file we may replace. */
async function exportTarget(path: string, options: WriteExportOptions): Promise<string> {
  let target = resolve(path);
  for (let hops = 0; hops < 40; hops++) {
    const info = await lstat(target).catch(() => null);
    if (!info?.isSymbolicLink()) break;
    target = resolve(dirname(target), await readlink(target));
  }
  const info = await stat(target).catch(() => null);
  if (info && !info.isFile()) {
    const what = info.isDirectory()
      ? 'a folder'
      : info.isFIFO()
        ? 'a named pipe'
        : info.isSocket()
          ? 'a socket'
          : 'a device';
    throw new GlossError('IO', `Could not write ${path}: it is ${what}, not a file. Choose a file name.`);
  }
  if (options.dataDir) {
    const folder = await realpath(dirname(target)).catch(() => dirname(target));
    const library = await realpath(options.dataDir).catch(() => resolve(options.dataDir!));
    if (isInside(library, join(folder, basename(target)))) {
      throw new GlossError(
        'INVALID_REQUEST',
        `Could not write ${path}: that is inside Gloss’s library folder (${options.dataDir}), where an export could overwrite your notes. Choose another folder.`,
      );
    }
  }
  return target;
}

/** Pieces are gathered to about this many UTF-16 units before each write: few system calls, little memory. */
const WRITE_BATCH = 1 << 20;

/**
 * Writes `content` — the whole text, or its pieces as they are built — to a
 * temp file beside `path`, flushes it and renames it over `path`. Pieces are
 * written as they come, so a library's export never sits whole in memory; a
 * piece that throws (or a failed write) leaves nothing behind.
 */
export async function writeExport(
  path: string,
  content: string | Iterable<string> | AsyncIterable<string>,
  options: WriteExportOptions = {},
): Promise<{ bytes: number }> {
  const target = await exportTarget(path, options);
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  let created = false;
  let bytes = 0;
  try {
    const handle = await open(temp, 'wx');
    created = true;
    try {
      let pending = '';
      const flush = async () => {
        const data = Buffer.from(pending, 'utf8');
        pending = '';
        bytes += data.byteLength;
        await handle.writeFile(data);
      };
      for await (const piece of typeof content === 'string' ? [content] : content) {
        pending += piece;
        if (pending.length >= WRITE_BATCH) await flush();
      }
      if (pending) await flush();
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
    created = false;
  } catch (err) {
    if (created) await rm(temp, { force: true }).catch(() => undefined);
    if (err instanceof GlossError) throw err;
    throw new GlossError('IO', `Could not write ${path}: ${plainReason(err)}.`, { cause: err });
  }
  return { bytes };
}
