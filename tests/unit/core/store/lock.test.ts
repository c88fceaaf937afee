/**
 * One Gloss per data folder: a second opener, in this process or another, is
 * told plainly that the folder is in use; a lock left by a dead process is
 * taken over.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore } from '@core/store/index';
import { GlossError } from '@core/errors';
import { makeArticle, spawnHelper, tempDataDir } from '../../helpers/store-fixtures';

const lockedFor = (dir: string) => (err: unknown) =>
  err instanceof GlossError &&
  err.code === 'LOCKED' &&
  err.message === `Another Gloss is already using ${dir}. Close it and try again.`;

describe('store: single-instance lock on the data folder', () => {
  it('refuses a second open in the same process, and allows it after close()', async (t) => {
    const { dir } = await tempDataDir(t);
    const first = await openStore(dir);
    await assert.rejects(openStore(dir), lockedFor(dir));
    await first.close();
    const second = await openStore(dir);
    await second.close();
  });

  it('lets only one of two simultaneous opens win', async (t) => {
    const { dir } = await tempDataDir(t);
    const results = await Promise.allSettled([openStore(dir), openStore(dir), openStore(dir)]);
    const won = results.filter((r) => r.status === 'fulfilled');
    assert.equal(won.length, 1);
    for (const r of results) if (r.status === 'rejected') assert.ok(lockedFor(dir)(r.reason));
    await (won[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof openStore>>>).value.close();
  });

  it('refuses another process while this one has the folder open', async (t) => {
    const { dir } = await tempDataDir(t);
    const store = await openStore(dir);
    const refused = await spawnHelper('store-holder.ts', [dir]).finished();
    assert.deepEqual(
      refused.lines.map((l) => JSON.parse(l)),
      [
        {
          ok: false,
          code: 'LOCKED',
          message: `Another Gloss is already using ${dir}. Close it and try again.`,
        },
      ],
      refused.stderr,
    );
    await store.close();

    const again = await spawnHelper('store-holder.ts', [dir]).finished();
    assert.deepEqual(
      again.lines.map((l) => JSON.parse(l).ok),
      [true],
      `after close() another process can open it. ${again.stderr}`,
    );
    assert.equal(again.code, 0);
  });

  it('is refused while another process holds the folder, and takes over once that process is killed', async (t) => {
    const { dir } = await tempDataDir(t);
    const holder = spawnHelper('store-holder.ts', [dir, 'hold']);
    assert.equal(JSON.parse(await holder.line((l) => l.startsWith('{'))).ok, true);
    await assert.rejects(openStore(dir), lockedFor(dir));
    holder.child.kill('SIGKILL');
    const { lines, signal } = await holder.finished();
    assert.equal(signal, 'SIGKILL');
    assert.equal(lines.length, 1, 'the holder printed only that it holds the folder');
    assert.ok(await fs.stat(path.join(dir, 'gloss.lock')), 'a killed process leaves its lock behind');
    const store = await openStore(dir);
    await store.putArticle(makeArticle(1));
    await store.close();
  });

  it('takes over a lock file naming a process that no longer exists', async (t) => {
    const { dir } = await tempDataDir(t);
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    assert.ok(gone);
    await fs.writeFile(
      path.join(dir, 'gloss.lock'),
      JSON.stringify({ pid: gone, host: os.hostname(), token: 'dead', since: '2026-01-01T00:00:00Z' }),
    );
    const store = await openStore(dir);
    const lock = JSON.parse(await fs.readFile(path.join(dir, 'gloss.lock'), 'utf8'));
    assert.equal(lock.pid, process.pid);
    await store.close();
  });

  it('respects a lock held by a live process', async (t) => {
    const { dir } = await tempDataDir(t);
    // The parent of this test runner is alive and is not a Gloss, but the lock says it is.
    await fs.writeFile(
      path.join(dir, 'gloss.lock'),
      JSON.stringify({
        pid: process.ppid,
        host: os.hostname(),
        token: 'live',
        since: '2026-01-01T00:00:00Z',
      }),
    );
    await assert.rejects(openStore(dir), lockedFor(dir));
    assert.equal(
      JSON.parse(await fs.readFile(path.join(dir, 'gloss.lock'), 'utf8')).token,
      'live',
      'the live lock is left alone',
    );
  });
});
