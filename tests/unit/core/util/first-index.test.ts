import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { firstIndex } from '@core/util/first-index';

describe('firstIndex (the one binary search)', () => {
  const sorted = [1, 3, 3, 5, 8, 13];
  it('finds the first index where the test starts to hold', () => {
    assert.equal(
      firstIndex(sorted.length, (i) => sorted[i] >= 3),
      1,
    );
    assert.equal(
      firstIndex(sorted.length, (i) => sorted[i] > 3),
      3,
    );
    assert.equal(
      firstIndex(sorted.length, (i) => sorted[i] >= 1),
      0,
    );
  });
  it('answers the count when it never holds, and 0 for an empty or negative count', () => {
    assert.equal(
      firstIndex(sorted.length, (i) => sorted[i] > 100),
      sorted.length,
    );
    assert.equal(
      firstIndex(0, () => true),
      0,
    );
    assert.equal(
      firstIndex(-1, () => true),
      0,
    );
  });
  it('agrees with a linear scan on every threshold', () => {
    for (let t = 0; t <= 14; t++)
      assert.equal(
        firstIndex(sorted.length, (i) => sorted[i] > t),
        sorted.findIndex((x) => x > t) === -1 ? sorted.length : sorted.findIndex((x) => x > t),
      );
  });
});
