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

export type SpanBuckets = ReadonlyMap<string, readonly Span[]>;

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

/**
 * Spans per block id. `spans` may come in any order; within a block they keep
 * their order. `previous` lends its arrays to blocks whose spans are unchanged.
 */
export function bucketSpans(
  blocks: readonly BlockBounds[],
  spans: readonly Span[],
  previous?: SpanBuckets,
): Map<string, readonly Span[]> {
  let ranges = blockRanges.get(blocks);
  if (!ranges) blockRanges.set(blocks, (ranges = new WeakMap()));
  // By block index (an array, not a map keyed by id): thousands of highlights are bucketed per change.
  const lists = new Array<Span[] | undefined>(blocks.length);
  for (const s of spans) {
    if (s.end <= s.start) continue;
    let range = ranges.get(s);
    if (!range) {
      const first = firstBlockEndingAfter(blocks, s.start);
      let last = first - 1;
      while (last + 1 < blocks.length && blocks[last + 1].start < s.end) last++;
      ranges.set(s, (range = [first, last]));
    }
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
