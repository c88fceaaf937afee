/**
 * The reader and library at scale: highlights bucketed by block (each block
 * sees only its own, unchanged blocks keep their array), long articles cut
 * into chunks with heights, and the library's fixed-height row window.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  bucketSpans,
  firstBlockEndingAfter,
  listChanges,
  rebucketSpans,
  mergeLayers,
  shouldMergeLayers,
  toSpan,
  type SpanBuckets,
} from '../../../renderer/src/reader/spanBuckets';
import { chunkAt, chunkBlocks, estimateHeights } from '../../../renderer/src/reader/chunks';
import { itemsInBand, prefixTops } from '../../../renderer/src/ui/stackedHeights';
import { rowWindow } from '../../../renderer/src/ui/listWindow';
import type { Span } from '../../../renderer/src/reader/runs';
import type { LocalAnnotation } from '../../../renderer/src/annotations/localAnnotations';

const blocks = [
  { id: 'a', kind: 'paragraph', start: 0, end: 10 },
  { id: 'b', kind: 'paragraph', start: 11, end: 20 },
  { id: 'c', kind: 'paragraph', start: 21, end: 30 },
];
const span = (id: string, start: number, end: number): Span => ({ id, start, end, color: 'yellow' });

describe('bucketSpans: each block gets the highlights that intersect it', () => {
  it('puts a highlight in every block it crosses, and in no other', () => {
    const s = span('x', 5, 15);
    const b = bucketSpans(blocks, [s]);
    assert.deepEqual(b.get('a'), [s]);
    assert.deepEqual(b.get('b'), [s]);
    assert.equal(b.get('c'), undefined);
  });

  it('treats block ends as exclusive: a highlight ending where a block starts is not in it', () => {
    const b = bucketSpans(blocks, [span('x', 0, 11), span('y', 19, 21)]);
    assert.deepEqual([...b.keys()].sort(), ['a', 'b']);
    assert.deepEqual(
      b.get('b')!.map((s) => s.id),
      ['y'],
    );
  });

  it('ignores empty highlights and ones past the end of the text', () => {
    const b = bucketSpans(blocks, [span('e', 5, 5), span('p', 40, 50)]);
    assert.equal(b.size, 0);
  });

  it('keeps the previous array of a block whose highlights did not change', () => {
    const one = span('one', 1, 3);
    const two = span('two', 22, 25);
    const before = bucketSpans(blocks, [one, two]);
    const added = span('new', 12, 14);
    const after = bucketSpans(blocks, [one, added, two], before);
    assert.equal(after.get('a'), before.get('a'));
    assert.equal(after.get('c'), before.get('c'));
    assert.deepEqual(after.get('b'), [added]);
  });

  it('gives a changed annotation a new span and an unchanged one the same span', () => {
    const a = {
      id: 'k',
      key: 'k',
      color: 'yellow',
      tags: [],
      note: '',
      target: { quote: { exact: 'abc' }, position: { start: 1, end: 4 } },
    } as unknown as LocalAnnotation;
    assert.equal(toSpan(a), toSpan(a));
    const recoloured = { ...a, color: 'green' } as LocalAnnotation;
    assert.notEqual(toSpan(recoloured), toSpan(a));
    assert.equal(toSpan(recoloured).color, 'green');
  });

  it('finds the first block ending after an offset by binary search', () => {
    assert.equal(firstBlockEndingAfter(blocks, 0), 0);
    assert.equal(firstBlockEndingAfter(blocks, 10), 1);
    assert.equal(firstBlockEndingAfter(blocks, 29), 2);
    assert.equal(firstBlockEndingAfter(blocks, 30), 3);
  });
});

describe('chunkBlocks: a long article cut into windows', () => {
  const para = (i: number, len = 100) => ({
    kind: 'paragraph',
    start: i * (len + 1),
    end: i * (len + 1) + len,
  });

  it('covers every block once, in order, with each chunk near the target size', () => {
    const bs = Array.from({ length: 95 }, (_, i) => para(i));
    const chunks = chunkBlocks(bs, 1000, 40);
    assert.equal(chunks[0].from, 0);
    for (let i = 1; i < chunks.length; i++) assert.equal(chunks[i].from, chunks[i - 1].to);
    assert.equal(chunks[chunks.length - 1].to, 95);
    assert.ok(chunks.slice(0, -1).every((c) => c.chars === 1000));
    assert.equal(chunks[1].start, bs[10].start);
    assert.equal(chunks[1].end, bs[19].end);
  });

  it('never cuts a run of list items in two', () => {
    const bs = [
      para(0),
      ...Array.from({ length: 6 }, (_, i) => ({ ...para(i + 1), kind: 'list-item' })),
      para(7),
    ];
    const chunks = chunkBlocks(bs, 250, 40);
    for (const c of chunks)
      assert.ok(!(c.from > 0 && bs[c.from].kind === 'list-item' && bs[c.from - 1].kind === 'list-item'));
  });

  it('puts one huge block in a chunk of its own', () => {
    const chunks = chunkBlocks([para(0, 50_000), para(1, 10)], 4000);
    assert.deepEqual(
      chunks.map((c) => [c.from, c.to]),
      [
        [0, 1],
        [1, 2],
      ],
    );
  });

  it('finds the chunk holding an offset', () => {
    const chunks = chunkBlocks(
      Array.from({ length: 30 }, (_, i) => para(i)),
      1000,
    );
    assert.equal(chunkAt(chunks, 0), 0);
    assert.equal(chunkAt(chunks, chunks[1].start + 5), 1);
    assert.equal(chunkAt(chunks, 1e9), chunks.length - 1);
  });
});

describe('chunk heights and the band in view', () => {
  it('sums heights into tops and finds the chunks a band intersects', () => {
    const tops = prefixTops([100, 200, 300, 400]);
    assert.deepEqual([...tops], [0, 100, 300, 600, 1000]);
    assert.deepEqual(itemsInBand(tops, 0, 50), [0, 0]);
    assert.deepEqual(itemsInBand(tops, 150, 650), [1, 3]);
    assert.deepEqual(itemsInBand(tops, -500, 100), [0, 0]);
    assert.deepEqual(itemsInBand(tops, 5000, 6000), [3, 3]);
  });

  it('estimates unmeasured chunks from the pixels per character of measured ones', () => {
    const chunks = [
      { from: 0, to: 1, start: 0, end: 1000, chars: 1000 },
      { from: 1, to: 2, start: 1000, end: 3000, chars: 2000 },
    ];
    const heights = new Float64Array([500, 0]);
    const measured = new Uint8Array([1, 0]);
    estimateHeights(chunks, heights, measured, 0.1);
    assert.deepEqual([...heights], [500, 1000]);
    measured.fill(0);
    estimateHeights(chunks, heights, measured, 0.1);
    assert.deepEqual([...heights], [100, 200]);
  });

  it('re-estimates only the chunks from a given one on, leaving those above as they were', () => {
    const chunks = [0, 1, 2, 3].map((i) => ({
      from: i,
      to: i + 1,
      start: i * 1000,
      end: i * 1000 + 1000,
      chars: 1000,
    }));
    const heights = new Float64Array([300, 300, 500, 300]);
    const measured = new Uint8Array([0, 0, 1, 0]);
    estimateHeights(chunks, heights, measured, 0.1, 3);
    assert.deepEqual([...heights], [300, 300, 500, 500]);
  });
});

describe('rowWindow: the library rows to render', () => {
  it('renders the rows in view plus an overscan on each side, within the list', () => {
    assert.deepEqual(rowWindow(10_000, 0, 880, 88, 5), [0, 15]);
    assert.deepEqual(rowWindow(10_000, 88 * 100, 880, 88, 5), [95, 115]);
    assert.deepEqual(rowWindow(50, 88 * 100, 880, 88, 5), [50, 50]);
    assert.deepEqual(rowWindow(10_000, -300, 880, 88, 0), [0, 7]);
  });
});

describe('rebucketSpans: a change of a few highlights among thousands', () => {
  const bySpan = (a: Span, b: Span) => a.start - b.start || a.end - b.end;
  const many = Array.from({ length: 40 }, (_, i) => ({
    id: `b${i}`,
    kind: 'paragraph',
    start: i * 10,
    end: i * 10 + 9,
  }));

  it('gives the buckets a whole bucketing gives, each unchanged block keeping its array', () => {
    let seed = 11;
    const rand = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    const make = (k: number): Span => {
      const start = rand(400);
      return {
        id: `s${k}`,
        start,
        end: rand(10) === 0 ? start : start + 1 + rand(25),
        color: 'yellow',
      };
    };
    let spans = Array.from({ length: 60 }, (_, k) => make(k)).sort(bySpan);
    let buckets: SpanBuckets = bucketSpans(many, spans);
    let rebuilt = 0;
    for (let step = 0; step < 500; step++) {
      // Add, remove or replace one or two spans, keeping the list in order (a new one after its equals).
      const next = [...spans];
      for (let n = 1 + rand(2); n > 0; n--) {
        if (next.length && rand(3) === 0) next.splice(rand(next.length), 1);
        else {
          const s = make(1000 + step * 2 + n);
          let at = next.length;
          while (at > 0 && bySpan(next[at - 1], s) > 0) at--;
          if (next.length && rand(4) === 0) next.splice(rand(next.length), 1);
          next.splice(Math.min(at, next.length), 0, s);
        }
      }
      next.sort(bySpan);
      const change = listChanges(spans, next, bySpan)!;
      assert.deepEqual(
        new Set([...change.removed].filter((s) => !next.includes(s))),
        new Set(spans.filter((s) => !next.includes(s))),
      );
      assert.deepEqual(
        new Set([...change.added].filter((s) => !spans.includes(s))),
        new Set(next.filter((s) => !spans.includes(s))),
      );
      const whole = bucketSpans(many, next, buckets);
      const quick = rebucketSpans(many, buckets, change.removed, change.added);
      if (quick) {
        rebuilt++;
        assert.deepEqual([...quick.entries()].sort(), [...whole.entries()].sort());
        for (const [id, list] of quick) if (list !== whole.get(id)) assert.ok(buckets.get(id) !== list);
        for (const [id, list] of buckets) if (quick.get(id) === list) assert.equal(whole.get(id), list);
      }
      spans = next;
      // Each change is made on the last one's result, as the reader does (layers, merged now and then).
      buckets = quick ?? whole;
    }
    assert.ok(rebuilt > 400, `most changes rebucketed (${rebuilt} of 500)`);
  });

  it('leaves the buckets it was given as they were', () => {
    const kept = span('kept', 12, 15);
    const before = bucketSpans(many, [kept, span('other', 31, 33)]);
    const snapshot = [...before.entries()];
    const after = rebucketSpans(many, before, [kept], [span('new', 51, 55)])!;
    assert.deepEqual([...before.entries()], snapshot);
    assert.equal(after.get('b1'), undefined);
    assert.deepEqual(
      after.get('b5')?.map((s) => s.id),
      ['new'],
    );
    assert.equal(after.get('b3'), before.get('b3'));
  });

  it('layers changes until they are worth merging, and merging keeps every block its array', () => {
    let buckets: SpanBuckets = bucketSpans(many, [span('first', 2, 4)]);
    assert.equal(shouldMergeLayers(buckets), false);
    for (let i = 0; i < 16; i++)
      buckets = rebucketSpans(many, buckets, [], [span(`n${i}`, i * 20 + 5, i * 20 + 7)])!;
    assert.equal(shouldMergeLayers(buckets), true);
    const merged = mergeLayers(buckets);
    assert.equal(shouldMergeLayers(merged), false);
    assert.deepEqual([...merged.entries()], [...buckets.entries()]);
    for (const [id, list] of buckets) assert.equal(merged.get(id), list);
  });

  it('declines (null) when an added highlight has the same place as one kept in its block', () => {
    const kept = span('kept', 12, 15);
    const before = bucketSpans(many, [kept]);
    assert.equal(rebucketSpans(many, before, [], [span('twin', 12, 15)]), null);
  });

  it('lists nothing for the same list, and gives up past its limit of changes', () => {
    const list = [span('a', 1, 2), span('b', 3, 4)];
    assert.deepEqual(listChanges(list, list, bySpan), { removed: [], added: [] });
    const others = Array.from({ length: 10 }, (_, i) => span(`n${i}`, i, i + 1));
    assert.equal(listChanges(list, others, bySpan, 4), null);
  });
});
