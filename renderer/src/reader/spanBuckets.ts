/**
 * Highlights bucketed by block, once per change of the annotation list. Each
 * block gets only the spans that intersect it (found by binary search, not by
 * filtering every span per block), and a block whose spans did not change
 * keeps the very same array, so a memoised BlockView compares by identity and
 * adding one highlight re-renders only the blocks it touches.
 */
import { highlightLabel, type LocalAnnotation } from '../annotations/localAnnotations';
import type { Span } from './runs';
import { firstIndex } from '@core/util/first-index';

export interface BlockBounds {
  id: string;
  start: number;
  end: number;
}

/** Spans per block id (a Map, or a few blocks' change layered over one: see rebucketSpans). */
export type SpanBuckets = Pick<
  ReadonlyMap<string, readonly Span[]>,
  'get' | 'entries' | typeof Symbol.iterator
>;

/** Past this many layers the reader merges them into one Map once a frame is painted (mergeLayers). */
const MERGE_AT = 16;
/** Past this many, rebucketSpans merges them itself (lookups walk every layer). */
const MAX_LAYERS = 256;

/**
 * A few blocks' new spans over the buckets before them (null: the block has none now). Copying
 * a Map of the thousands of blocks with highlights cost ~1 ms of the key's frame per new highlight
 * (bench add-highlight); a layer costs the blocks touched, and a lookup one Map per layer.
 */
class ChangedBuckets implements SpanBuckets {
  readonly depth: number;
  constructor(
    private readonly base: SpanBuckets,
    private readonly changed: ReadonlyMap<string, readonly Span[] | null>,
  ) {
    this.depth = base instanceof ChangedBuckets ? base.depth + 1 : 1;
  }
  get(id: string): readonly Span[] | undefined {
    const list = this.changed.get(id);
    return list === undefined ? this.base.get(id) : (list ?? undefined);
  }
  *entries(): MapIterator<[string, readonly Span[]]> {
    for (const [id, list] of this.changed) if (list) yield [id, list];
    for (const entry of this.base.entries()) if (!this.changed.has(entry[0])) yield entry;
  }
  [Symbol.iterator](): MapIterator<[string, readonly Span[]]> {
    return this.entries();
  }
}

/** What every block without highlights gets (one identity). */
export const NO_SPANS: readonly Span[] = Object.freeze([]);

/** One Span per Annotation object: unchanged annotations keep their span's identity. */
const spanOf = new WeakMap<LocalAnnotation, Span>();
export function toSpan(a: LocalAnnotation): Span {
  let s = spanOf.get(a);
  if (!s) {
    s = {
      id: a.key,
      start: a.target.position.start,
      end: a.target.position.end,
      color: a.color,
      label: highlightLabel(a),
    };
    spanOf.set(a, s);
  }
  return s;
}

/** Index of the first block whose end is after `offset` (blocks in text order). */
export function firstBlockEndingAfter(blocks: readonly BlockBounds[], offset: number): number {
  return firstIndex(blocks.length, (i) => blocks[i].end > offset);
}

const sameSpans = (a: readonly Span[], b: readonly Span[]) =>
  a.length === b.length && a.every((s, i) => s === b[i]);

/**
 * Each span's first and last block index, per blocks array: a span stands for
 * one version of an annotation and blocks for one article, so the binary
 * search is done once per highlight, not once per change of the list.
 */
const blockRanges = new WeakMap<readonly BlockBounds[], WeakMap<Span, readonly [number, number]>>();

/** The first and last index of the blocks `s` intersects (last < first when none). */
function blockRange(blocks: readonly BlockBounds[], s: Span): readonly [number, number] {
  let ranges = blockRanges.get(blocks);
  if (!ranges) blockRanges.set(blocks, (ranges = new WeakMap()));
  let range = ranges.get(s);
  if (!range) {
    const first = firstBlockEndingAfter(blocks, s.start);
    let last = first - 1;
    while (last + 1 < blocks.length && blocks[last + 1].start < s.end) last++;
    ranges.set(s, (range = [first, last]));
  }
  return range;
}

/**
 * Spans per block id. `spans` may come in any order; within a block they keep
 * their order. `previous` lends its arrays to blocks whose spans are unchanged.
 */
export function bucketSpans(
  blocks: readonly BlockBounds[],
  spans: readonly Span[],
  previous?: SpanBuckets,
): Map<string, readonly Span[]> {
  // By block index (an array, not a map keyed by id): thousands of highlights are bucketed per change.
  const lists = new Array<Span[] | undefined>(blocks.length);
  for (const s of spans) {
    if (s.end <= s.start) continue;
    const range = blockRange(blocks, s);
    for (let i = range[0]; i <= range[1]; i++) (lists[i] ??= []).push(s);
  }
  const out = new Map<string, readonly Span[]>();
  lists.forEach((list, i) => {
    if (!list) return;
    const id = blocks[i].id;
    const before = previous?.get(id);
    out.set(id, before && sameSpans(before, list) ? before : list);
  });
  return out;
}

/** Reading order of spans, as the annotation list's (by start, then end). */
const bySpanPosition = (a: Span, b: Span) => a.start - b.start || a.end - b.end;

/**
 * The buckets bucketSpans would give after a change of the list, made from
 * those before it: only the blocks of the spans that went (`removed`) or came
 * (`added`, in the list's order) are made anew, every other block keeps its
 * array, and the thousands of unchanged spans are not walked. Both lists are
 * in reading order. The result is a layer over `previous`, not a copy of it
 * (the reader merges the layers after a paint: shouldMergeLayers). Null when an added span starts and ends where a kept one
 * in its block does (their order is the list's, which only a whole bucketing
 * knows).
 */
export function rebucketSpans(
  blocks: readonly BlockBounds[],
  previous: SpanBuckets,
  removed: readonly Span[],
  added: readonly Span[],
): SpanBuckets | null {
  const touched = new Set<number>();
  for (const s of [...removed, ...added]) {
    if (s.end <= s.start) continue;
    const [first, last] = blockRange(blocks, s);
    for (let i = first; i <= last; i++) touched.add(i);
  }
  const changed = new Map<string, readonly Span[] | null>();
  const gone = new Set(removed);
  for (const i of touched) {
    const block = blocks[i];
    const incoming = added.filter((s) => s.end > s.start && s.start < block.end && s.end > block.start);
    const list: Span[] = [];
    let k = 0;
    for (const s of previous.get(block.id) ?? NO_SPANS) {
      if (gone.has(s)) continue;
      while (k < incoming.length && bySpanPosition(incoming[k], s) < 0) list.push(incoming[k++]);
      if (k < incoming.length && bySpanPosition(incoming[k], s) === 0) return null;
      list.push(s);
    }
    while (k < incoming.length) list.push(incoming[k++]);
    changed.set(block.id, list.length ? list : null);
  }
  const out = new ChangedBuckets(previous, changed);
  return out.depth > MAX_LAYERS ? new Map(out) : out;
}

/** Whether `buckets` has enough layers to be worth merging (a copy of every block's entry: do it after a paint). */
export const shouldMergeLayers = (buckets: SpanBuckets): boolean =>
  buckets instanceof ChangedBuckets && buckets.depth >= MERGE_AT;

/** The same buckets as one Map (each block keeps its array). */
export const mergeLayers = (buckets: SpanBuckets): SpanBuckets => new Map(buckets);

/**
 * What went and what came between two lists in the same order, by identity,
 * in one walk of both (an item whose place did not move is compared once);
 * null past `max` changes (a new article, a reload: bucket anew).
 */
export function listChanges<T>(
  before: readonly T[],
  after: readonly T[],
  order: (a: T, b: T) => number,
  max = 64,
): { removed: T[]; added: T[] } | null {
  const removed: T[] = [];
  const added: T[] = [];
  let i = 0;
  let j = 0;
  while (i < before.length || j < after.length) {
    if (i < before.length && j < after.length && before[i] === after[j]) {
      i++;
      j++;
      continue;
    }
    // The one that comes first in the order cannot be in the other list further on
    // (at a tie, `before`'s goes and may come back as added: both are then rebuilt).
    if (j >= after.length || (i < before.length && order(before[i], after[j]) <= 0))
      removed.push(before[i++]);
    else added.push(after[j++]);
    if (removed.length + added.length > max) return null;
  }
  return { removed, added };
}
