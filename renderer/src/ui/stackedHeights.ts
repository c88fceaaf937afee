/**
 * Things laid out one above the other, each with a height (an article's chunks, a list's items): where
 * each starts (prefix sums of the heights) and which of them a band of the page crosses. Pure, shared by
 * the reader's windowing (reader/chunks.ts) and the lists' (ui/listWindow.ts).
 */
import { firstIndex } from '@core/util/first-index';

/** tops[i] = sum of the heights before item i; tops[n] = the whole height. */
export function prefixTops(heights: ArrayLike<number>): Float64Array {
  const tops = new Float64Array(heights.length + 1);
  for (let i = 0; i < heights.length; i++) tops[i + 1] = tops[i] + heights[i];
  return tops;
}

/** The items [first, last] that intersect the band [top, bottom) (never empty when there are items). */
export function itemsInBand(tops: Float64Array, top: number, bottom: number): [number, number] {
  const n = tops.length - 1;
  if (n <= 0) return [0, -1];
  // first item whose bottom is below `top`
  const first = firstIndex(n - 1, (i) => tops[i + 1] > top);
  let last = first;
  while (last + 1 < n && tops[last + 1] < bottom) last++;
  return [first, last];
}
