/**
 * Opening a library on a full disk: the lock cannot be written, so Gloss says
 * the disk is full and leaves no lock file behind; once space is freed the
 * library opens at once (not "Another Gloss is already using …"). Runs on a
 * real, tiny tmpfs filled to the last byte; skipped where mounting is not
 * permitted (it needs root).
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GlossError } from '@core/errors';
import { openStore } from '@core/store/index';
import { acquireDirLock } from '@core/store/lock';

function tryMount(dir: string): string | null {
  if (process.platform !== 'linux') return 'tmpfs mounts are a Linux feature';
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir], { stdio: 'pipe' });
    return null;
  } catch (err) {
    return `cannot mount a tmpfs here: ${String((err as { stderr?: Buffer }).stderr ?? err).trim()}`;
  }
}

describe('store lock on a full disk', () => {
  let mountPoint: string;
  let skip: string | null;
  before(async () => {
    mountPoint = await mkdtemp(path.join(tmpdir(), 'gloss-full-disk-'));
    skip = tryMount(mountPoint);
  });
  after(async () => {
    if (!skip) execFileSync('umount', [mountPoint]);
    await rm(mountPoint, { recursive: true, force: true });
  });

  /** A library folder on the tmpfs, then the rest of the disk filled by one file; returns how to free it. */
  async function fullDisk(name: string): Promise<{ dataDir: string; free: () => Promise<void> }> {
    const dataDir = path.join(mountPoint, name);
    await mkdir(dataDir);
    const filler = path.join(mountPoint, 'filler');
    await assert.rejects(writeFile(filler, Buffer.alloc(1024 * 1024)), { code: 'ENOSPC' });
    await assert.rejects(
      writeFile(path.join(mountPoint, 'probe'), 'x'),
      { code: 'ENOSPC' },
      'the disk is full',
    );
    await rm(path.join(mountPoint, 'probe'), { force: true });
    return { dataDir, free: () => rm(filler) };
  }

  const diskFull = (dataDir: string) => (err: unknown) =>
    err instanceof GlossError &&
    err.code === 'IO' &&
    err.message === `Could not lock ${dataDir}: the disk is full.`;

  it('says the disk is full, leaves no lock, and opens at once when space is freed', async (t) => {
    if (skip) return t.skip(skip);
    const { dataDir, free } = await fullDisk('library');
    await assert.rejects(openStore(dataDir), diskFull(dataDir));
    assert.deepEqual(await readdir(dataDir), [], 'no lock file and no temp file left');
    await free();
    const store = await openStore(dataDir);
    await store.close();
  });

  it('does the same where the file system has no hard links (the lock is created in place)', async (t) => {
    if (skip) return t.skip(skip);
    const { dataDir, free } = await fullDisk('library-without-links');
    await assert.rejects(acquireDirLock(dataDir, { withoutHardLinks: true }), diskFull(dataDir));
    assert.deepEqual(await readdir(dataDir), [], 'the empty lock it created is removed');
    await free();
    const lock = await acquireDirLock(dataDir, { withoutHardLinks: true });
    await lock.release();
    assert.deepEqual(await readdir(dataDir), []);
  });
});
