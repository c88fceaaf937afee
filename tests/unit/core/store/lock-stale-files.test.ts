/**
 * A lock file that is empty or unreadable was left by a crash or a failed
 * write — a live Gloss never shows one, since its lock appears whole — so the
 * next start takes it over at once instead of saying the folder is in use.
 * Openings racing each other still leave exactly one owner, both where the lock
 * is linked into place and where it is created in place (no hard links).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { GlossError } from '@core/errors';
import { openStore } from '@core/store/index';
import { acquireDirLock, type DirLock } from '@core/store/lock';
import { tempDataDir } from '../../helpers/store-fixtures';

describe('store lock: empty and unreadable lock files', () => {
  for (const [what, content] of [
    ['an empty lock file', ''],
    ['a lock file cut off mid-write', '{"pid":12'],
    ['a lock file of garbage', '\u0000\u0000\u0000'],
    ['a lock file of JSON without an owner', '{"since":"2026-01-01T00:00:00Z"}'],
  ] as const) {
    it(`takes over ${what} at once`, async (t) => {
      const { dir } = await tempDataDir(t);
      await fs.writeFile(path.join(dir, 'gloss.lock'), content);
      const store = await openStore(dir);
      assert.equal(JSON.parse(await fs.readFile(path.join(dir, 'gloss.lock'), 'utf8')).pid, process.pid);
      await store.close();
      assert.deepEqual(
        await fs.readdir(dir).then((names) => names.filter((n) => n.includes('lock'))),
        [],
        'nothing left after close',
      );
    });
  }
});

describe('store lock: openings racing each other', () => {
  for (const withoutHardLinks of [false, true]) {
    it(`leaves exactly one owner in every round (${withoutHardLinks ? 'created in place' : 'linked into place'})`, async (t) => {
      const { dir } = await tempDataDir(t);
      for (let round = 0; round < 25; round++) {
        const results = await Promise.allSettled(
          Array.from({ length: 4 }, () => acquireDirLock(dir, { withoutHardLinks })),
        );
        const won = results.filter((r): r is PromiseFulfilledResult<DirLock> => r.status === 'fulfilled');
        assert.equal(won.length, 1, `round ${round}: ${won.length} owners`);
        for (const r of results) {
          if (r.status === 'rejected')
            assert.ok(r.reason instanceof GlossError && r.reason.code === 'LOCKED', String(r.reason));
        }
        await won[0].value.release();
        assert.deepEqual(await fs.readdir(dir), [], `round ${round}: nothing left after release`);
      }
    });
  }
});
