/**
 * Write an export atomically: the content goes to a temp file in the target
 * folder (same file system, so the rename is atomic), is flushed, then renamed
 * over the target. A reader never sees half a file, and a failure leaves
 * nothing behind.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
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

export async function writeExport(path: string, content: string): Promise<{ bytes: number }> {
  const data = Buffer.from(content, 'utf8');
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  let created = false;
  try {
    const handle = await open(temp, 'wx');
    created = true;
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
    created = false;
  } catch (err) {
    if (created) await rm(temp, { force: true }).catch(() => undefined);
    throw new GlossError('IO', `Could not write ${path}: ${plainReason(err)}.`, { cause: err });
  }
  return { bytes: data.byteLength };
}
