/**
 * The one binary search: the first index in [0, count) at which `holds` is
 * true, for a test that is false up to some index and true from there on (a
 * sorted list asked "is this one past the point?"); `count` when it never
 * holds. Block lookups, code-point counts, windowing and contents all use it.
 */
export function firstIndex(count: number, holds: (i: number) => boolean): number {
  let lo = 0;
  let hi = Math.max(0, count);
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (holds(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
