/**
 * Work over many items a few at a time: mapLimit keeps the input order;
 * mapLimitUntilFailure (a batch change's notes files) starts nothing after a
 * failure and answers it only once the calls in flight have ended.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mapLimit, mapLimitUntilFailure } from '@core/util/map-limit';

/** A promise settled from outside, so a test decides the order calls end in. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((ok, fail) => ((resolve = ok), (reject = fail)));
  return { promise, resolve, reject };
}

describe('mapLimit', () => {
  it('answers in the input order whatever order the calls end in, with at most `limit` in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const gates = [0, 1, 2, 3, 4].map(() => deferred<void>());
    const done = mapLimit([0, 1, 2, 3, 4], 2, async (i) => {
      most = Math.max(most, ++inFlight);
      await gates[i].promise;
      inFlight--;
      return i * 10;
    });
    for (const i of [1, 0, 3, 2, 4]) {
      gates[i].resolve();
      await new Promise((ok) => setImmediate(ok));
    }
    assert.deepEqual(await done, [0, 10, 20, 30, 40]);
    assert.equal(most, 2);
  });
});

describe('mapLimitUntilFailure', () => {
  it('starts nothing after a failure and rejects only once the calls in flight have ended', async () => {
    const started: number[] = [];
    const gates = Array.from({ length: 10 }, () => deferred<void>());
    let settled = false;
    const done = mapLimitUntilFailure([...gates.keys()], 3, async (i) => {
      started.push(i);
      await gates[i].promise;
      return i;
    }).finally(() => (settled = true));
    await new Promise((ok) => setImmediate(ok));
    assert.deepEqual(started, [0, 1, 2]);
    gates[1].reject(new Error('disk full'));
    await new Promise((ok) => setImmediate(ok));
    assert.equal(settled, false, 'items 0 and 2 are still being written');
    gates[0].resolve();
    gates[2].resolve();
    await assert.rejects(done, /disk full/);
    assert.deepEqual(started, [0, 1, 2], 'nothing started after the failure');
  });

  it('answers every result in the input order when nothing fails', async () => {
    assert.deepEqual(await mapLimitUntilFailure([3, 1, 2], 2, async (x) => x * 2), [6, 2, 4]);
  });
});
