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
import { lstat, open, readlink, realpath, rename, rm, stat, type FileHandle } from 'node:fs/promises';
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
  /**
   * The first piece was written before what follows was known (JSON's `total`, taken from the counts
   * index so the notes need not all be held first): called once every piece is written, this answers
   * the first piece as it must be. When it differs the file is corrected before it is renamed into
   * place: overwritten where it stands when its length is the same, else written again behind it.
   */
  finalHead?: () => string;
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

/** Pieces are gathered into about this many bytes before each write: few system calls, little memory. */
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
  const tempBeside = () =>
    join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  /** Temp files made so far: all removed if anything fails. */
  const temps: string[] = [];
  let bytes: number;
  try {
    const first = tempBeside();
    let file = first;
    // Readable too: a corrected head of another length means copying what follows it.
    const handle = await open(first, 'wx+');
    temps.push(first);
    try {
      const written = await writePieces(handle, typeof content === 'string' ? [content] : content);
      bytes = written.bytes;
      const final = options.finalHead?.();
      if (final !== undefined && final !== written.head) {
        const now = Buffer.from(final, 'utf8');
        const was = Buffer.byteLength(written.head, 'utf8');
        if (now.byteLength === was) await handle.write(now, 0, now.byteLength, 0);
        else {
          file = tempBeside();
          temps.push(file);
          await copyBehind(now, handle, was, file);
          bytes += now.byteLength - was;
        }
      }
      if (file === first) await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(file, target);
    if (file !== first) await rm(first, { force: true }).catch(() => undefined);
    temps.length = 0;
  } catch (err) {
    await Promise.all(temps.map((t) => rm(t, { force: true }).catch(() => undefined)));
    if (err instanceof GlossError) throw err;
    throw new GlossError('IO', `Could not write ${path}: ${plainReason(err)}.`, { cause: err });
  }
  return { bytes };
}

/**
 * Writes the pieces in batches; answers the bytes written and the first piece. Each piece is encoded
 * straight into one of two reused buffers: gathering them into a string first made V8 flatten and copy it
 * before encoding, a third of a large JSON export's time. One buffer fills while the other is being
 * written, so building the text overlaps the disk's work (awaited one by one, the export sat idle a quarter
 * of its time); a buffer is reused only once its write has ended, so at most two are ever held.
 */
async function writePieces(
  handle: FileHandle,
  pieces: Iterable<string> | AsyncIterable<string>,
): Promise<{ bytes: number; head: string }> {
  let bytes = 0;
  let head: string | undefined;
  let [buffer, spare] = [Buffer.allocUnsafe(WRITE_BATCH), Buffer.allocUnsafe(WRITE_BATCH)];
  let used = 0;
  /** The write in flight (of `spare`): writes go one at a time, in order. */
  let writing: Promise<void> = Promise.resolve();
  const write = async (data: Uint8Array) => {
    await writing;
    writing = handle.writeFile(data);
    // Its failure is seen when it is next awaited; until then it must not count as unhandled.
    writing.catch(() => {});
    bytes += data.byteLength;
  };
  const flush = async () => {
    await write(buffer.subarray(0, used));
    [buffer, spare] = [spare, buffer];
    used = 0;
  };
  try {
    for await (const piece of pieces) {
      head ??= piece;
      // UTF-8 takes at most 3 bytes per UTF-16 unit: a piece that might not fit waits for the buffer's write.
      if (used + piece.length * 3 > buffer.byteLength && used > 0) await flush();
      if (piece.length * 3 > buffer.byteLength) await write(Buffer.from(piece, 'utf8'));
      else used += buffer.write(piece, used, 'utf8');
    }
    if (used > 0) await flush();
  } finally {
    // Nothing is left writing behind the caller's back, not even when a piece failed.
    await writing.catch(() => {});
  }
  await writing;
  return { bytes, head: head ?? '' };
}

/** A new file `file` holding `head`, then what `from` holds after its first `skip` bytes; flushed. */
async function copyBehind(head: Buffer, from: FileHandle, skip: number, file: string): Promise<void> {
  const out = await open(file, 'wx');
  try {
    await out.writeFile(head);
    const chunk = Buffer.allocUnsafe(WRITE_BATCH);
    for (let at = skip; ;) {
      const { bytesRead } = await from.read(chunk, 0, chunk.byteLength, at);
      if (bytesRead === 0) break;
      await out.write(chunk, 0, bytesRead);
      at += bytesRead;
    }
    await out.sync();
  } finally {
    await out.close();
  }
}
