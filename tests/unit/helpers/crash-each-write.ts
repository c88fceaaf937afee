/**
 * The crash tests' one loop: a request is sent by a child (request-crasher.ts)
 * on a copy of a data folder, killed right after its 1st, 2nd, … file rename
 * (each durable write's last step), until a run finishes. Each crashed copy's
 * state and the finished one's are read by the test's own `stateIn`, so the
 * test can say that every crash left the state before or the whole change.
 */
import assert from 'node:assert/strict';
import { cp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { spawnHelper } from './store-fixtures';

export interface CrashRuns<S> {
  /** The state after each run killed after write `after`. */
  crashed: Array<{ after: number; state: S }>;
  /** The state once a run finished. */
  whole: S;
}

export async function crashAfterEachWrite<S>(opts: {
  /** The data folder the request is sent to (copied per run, never changed). */
  data: string;
  /** Where the copies go (each removed once read). */
  scratch: string;
  /** The service's method, and a file holding its request as JSON. */
  method: string;
  requestFile: string;
  stateIn: (dataDir: string) => Promise<S>;
}): Promise<CrashRuns<S>> {
  const crashed: CrashRuns<S>['crashed'] = [];
  for (let k = 1; ; k++) {
    assert.ok(k < 100, `${opts.method} ends after a bounded number of writes`);
    const copy = join(opts.scratch, `crash-${k}`);
    await cp(opts.data, copy, { recursive: true });
    const run = await spawnHelper('request-crasher.ts', [
      copy,
      opts.method,
      opts.requestFile,
      String(k),
    ]).finished();
    try {
      if (run.signal === 'SIGKILL') {
        crashed.push({ after: k, state: await opts.stateIn(copy) });
        continue;
      }
      assert.equal(run.code, 0, run.stderr);
      assert.ok(
        run.lines.some((l) => l.startsWith('{"done":')),
        'the child says it finished',
      );
      return { crashed, whole: await opts.stateIn(copy) };
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  }
}

/**
 * What every crash test says of its runs: each crash left the state before or the whole change (never a
 * part), and some crash, after the journal was written, was finished at the next start.
 */
export function assertWholeOrNothing<S>(runs: CrashRuns<S>, before: S): void {
  for (const { after, state } of runs.crashed)
    assert.ok(
      isDeepStrictEqual(state, before) || isDeepStrictEqual(state, runs.whole),
      `killed after write ${after}: ${JSON.stringify(state)}`,
    );
  assert.ok(
    runs.crashed.some(({ state }) => isDeepStrictEqual(state, runs.whole)),
    'a crash after the journal is written is finished at the next start',
  );
}
