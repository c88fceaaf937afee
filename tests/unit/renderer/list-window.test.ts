/**
 * The window over a list of items of different heights (the side panel, the
 * review list): measured once rendered and guessed from the average until
 * then; only those near the view are rendered, and a key that moves past the
 * view scrolls just enough. (The fixed-height rowWindow: windowing.test.ts.)
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  firstAverage,
  itemHeights,
  itemTops,
  measuredWindow,
  OVERSCAN_PX,
  scrollToShow,
} from '../../../renderer/src/ui/listWindow';

const ids = (n: number) => Array.from({ length: n }, (_, i) => `a${i}`);

describe('the window over items of measured heights', () => {
  it('guesses the items not yet measured from the average of those that were', () => {
    const none = itemHeights(ids(3), new Map(), 112);
    assert.deepEqual([...none], [112, 112, 112], 'the estimate, before any was measured');
    const some = itemHeights(
      ids(4),
      new Map([
        ['a0', 100],
        ['a2', 200],
      ]),
      112,
    );
    assert.deepEqual([...some], [100, 150, 200, 150]);
  });

  it('with the first average kept, measuring one more item moves only the items after it', () => {
    const measured = new Map([
      ['a500', 100],
      ['a501', 200],
    ]);
    const guess = firstAverage(measured);
    assert.equal(guess, 150);
    assert.equal(firstAverage(new Map()), undefined, 'none measured: no average to keep');
    const before = itemTops(itemHeights(ids(1000), measured, 112, guess));
    measured.set('a502', 40);
    const after = itemTops(itemHeights(ids(1000), measured, 112, guess));
    assert.deepEqual(after.slice(0, 503), before.slice(0, 503), 'the space above it is where it was');
    assert.equal(after[503], before[503] - 110);
  });

  it('renders only the items near the view out of 1,000', () => {
    const tops = itemTops(itemHeights(ids(1000), new Map(), 100));
    assert.deepEqual(measuredWindow(tops, 0, 500, 0), [0, 5]);
    const [first, last] = measuredWindow(tops, 50_000, 500);
    assert.ok(first <= 500 - OVERSCAN_PX / 100 && first >= 500 - OVERSCAN_PX / 100 - 1, `first ${first}`);
    assert.ok(last - first < 20, `${last - first} items rendered`);
    assert.equal(measuredWindow(tops, 99_800, 500)[1], 1000, 'the last item at the bottom');
  });

  it('renders nothing for an empty list', () => {
    assert.deepEqual(measuredWindow(itemTops(new Float64Array(0)), 0, 500), [0, 0]);
  });

  it('scrolls an item moved to by a key just into view, and not at all when it is in view', () => {
    const tops = itemTops(Float64Array.from([100, 100, 300, 100, 100]));
    assert.equal(scrollToShow(tops, 1, 0, 250), null, 'in view');
    assert.equal(scrollToShow(tops, 3, 0, 250), 350, 'below: its bottom at the bottom of the view');
    assert.equal(scrollToShow(tops, 0, 150, 250), 0, 'above: its top at the top');
    assert.equal(scrollToShow(tops, 2, 0, 250), 200, 'taller than the view: its top first');
    assert.equal(scrollToShow(tops, 9, 0, 250), null, 'no such item');
  });
});
