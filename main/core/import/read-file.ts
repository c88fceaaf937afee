/**
 * Reading a file the user asked to import. Only regular files (or links to
 * them) are read: a named pipe would block forever and a device such as
 * /dev/zero never ends, and both report a size of 0. The path is checked
 * first, so a device is never even opened (opening one can have effects); the
 * file is then opened once, without blocking, and its handle checked again,
 * since the path may have been swapped meanwhile. Reading stops one byte past
 * the limit whatever the size claimed, and every failure of the file system is
 * told as a typed sentence rather than a raw errno message.
 */
import { constants, type Stats } from 'node:fs';
import { lstat, open, stat, type FileHandle } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { GlossError } from '../errors';
import { MAX_IMPORT_BYTES, type ImportInput } from './types';

export interface ReadImportFileOptions {
  /** Bytes past which the file is refused (default MAX_IMPORT_BYTES). */
  limit?: number;
  /** Runs between the check of the path and the open; tests change the file here. */
  afterCheck?: () => Promise<void> | void;
}

/** Not in fs.constants on Windows, where opening cannot block on a pipe this way. */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);
const FIRST_CHUNK = 64 * 1024;
const MB = 1024 * 1024;

export async function readImportFile(
  path: string,
  options: ReadImportFileOptions = {},
): Promise<ImportInput> {
  const limit = options.limit ?? MAX_IMPORT_BYTES;
  const info = await stat(path).catch((err: unknown) => {
    throw readError(path, err);
  });
  await refuseUnlessRegular(path, info, limit);
  await options.afterCheck?.();

  let handle: FileHandle;
  try {
    handle = await open(path, OPEN_FLAGS);
  } catch (err) {
    throw readError(path, err);
  }
  try {
    const opened = await handle.stat();
    await refuseUnlessRegular(path, opened, limit);
    const bytes = await readUpTo(handle, limit, opened.size);
    if (bytes.byteLength > limit) throw tooLarge(path, `is larger than ${limit / MB} MB`, limit);
    return { bytes, fileName: basename(path), filePath: resolve(path) };
  } catch (err) {
    throw err instanceof GlossError ? err : readError(path, err);
  } finally {
    await handle.close().catch(() => {});
  }
}

/** At most limit + 1 bytes, so a file past the limit is known without reading it all. */
async function readUpTo(handle: FileHandle, limit: number, claimedSize: number): Promise<Uint8Array> {
  const cap = limit + 1;
  let buffer = Buffer.allocUnsafe(Math.min(cap, Math.max(claimedSize + 1, FIRST_CHUNK)));
  let filled = 0;
  for (;;) {
    if (filled === buffer.byteLength) {
      if (filled === cap) break;
      const grown = Buffer.allocUnsafe(Math.min(cap, buffer.byteLength * 2));
      buffer.copy(grown, 0, 0, filled);
      buffer = grown;
    }
    const { bytesRead } = await handle.read(buffer, filled, buffer.byteLength - filled, null);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return new Uint8Array(buffer.buffer, buffer.byteOffset, filled);
}

async function refuseUnlessRegular(path: string, info: Stats, limit: number): Promise<void> {
  if (info.isFile()) {
    if (info.size > limit) throw tooLarge(path, `is ${(info.size / MB).toFixed(1)} MB`, limit);
    return;
  }
  if (info.isDirectory())
    throw new GlossError('UNSUPPORTED_FORMAT', `${path} is a folder; choose the files inside it.`);
  const what = info.isFIFO()
    ? 'a named pipe (FIFO)'
    : info.isCharacterDevice() || info.isBlockDevice()
      ? 'a device'
      : info.isSocket()
        ? 'a socket'
        : 'something other than a regular file';
  const viaLink = (await lstat(path).catch(() => null))?.isSymbolicLink() ? 'is a link to' : 'is';
  throw new GlossError('UNSUPPORTED_FORMAT', `${path} ${viaLink} ${what}, not a file Gloss can import.`);
}

function tooLarge(path: string, size: string, limit: number): GlossError {
  return new GlossError(
    'TOO_LARGE',
    `“${basename(path)}” ${size}; Gloss imports files up to ${limit / MB} MB.`,
  );
}

/** A failure of the file system while checking, opening or reading `path`, as a sentence. */
export function readError(path: string, err: unknown): GlossError {
  const errno = (err as NodeJS.ErrnoException | undefined)?.code;
  const say = (code: ConstructorParameters<typeof GlossError>[0], message: string) =>
    new GlossError(code, message, { cause: err });
  switch (errno) {
    case 'ENOENT':
    case 'ENOTDIR':
      return say('NOT_FOUND', `${path} does not exist (it may have been moved or deleted).`);
    case 'EACCES':
    case 'EPERM':
      return say('IO', `Gloss is not allowed to read ${path}; check the file’s permissions.`);
    case 'EISDIR':
      return say('UNSUPPORTED_FORMAT', `${path} is a folder; choose the files inside it.`);
    case 'ELOOP':
      return say(
        'NOT_FOUND',
        `${path} is a link that leads back to itself (a loop of links), so there is no file to read.`,
      );
    case 'ENAMETOOLONG':
      return say('INVALID_REQUEST', `The path ${path} is too long for the file system.`);
    case 'EIO':
      return say(
        'IO',
        `The disk reported an error while reading ${path}; the drive may be failing or disconnected.`,
      );
    default:
      return say('IO', `Could not read ${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
}
