/**
 * Windowing a list: which of its items to render for the part in view, so a
 * list of thousands renders like one of ten. Pure: tested without a browser.
 *
 * Rows of one fixed height (the library, the notebook): arithmetic on the row
 * height (rowWindow). Items that differ in height (the side panel's highlights,
 * the review list: a quote may be a word or a paragraph): each is measured once
 * rendered and those not yet measured are taken to be as tall as the average of
 * those that were; which are near the view is then arithmetic over their tops
 * (stackedHeights.ts, as the reader's chunks).
 */
import { itemsInBand, prefixTops } from './stackedHeights';

/** Rows rendered beyond each edge of the view. */
const ROW_OVERSCAN = 12;

/** Rows [first, last) of `rowHeight` px each to render for a view over the list. */
export function rowWindow(
  count: number,
  viewTop: number,
  viewHeight: number,
  rowHeight: number,
  overscan = ROW_OVERSCAN,
): [number, number] {
  const first = Math.max(0, Math.floor(viewTop / rowHeight) - overscan);
  const last = Math.min(count, Math.ceil((viewTop + viewHeight) / rowHeight) + overscan);
  return [Math.min(first, last), last];
}

/** Rendered beyond each edge of the view (px), so a short scroll shows items already there. */
export const OVERSCAN_PX = 480;

/**
 * Each item's height: measured, else the average of those measured (or `estimate` before any).
 * `guess` fixes the height of those not measured instead: see firstAverage.
 */
export function itemHeights(
  ids: readonly string[],
  measured: ReadonlyMap<string, number>,
  estimate: number,
  guess?: number,
): Float64Array {
  if (guess === undefined) {
    let sum = 0;
    let n = 0;
    for (const id of ids) {
      const h = measured.get(id);
      if (h !== undefined) {
        sum += h;
        n++;
      }
    }
    guess = n > 0 ? sum / n : estimate;
  }
  const out = new Float64Array(ids.length);
  for (let i = 0; i < ids.length; i++) out[i] = measured.get(ids[i]) ?? guess;
  return out;
}

/**
 * The height to take for items not measured, in a list that grows while shown (the side panel): the
 * average of the first ones measured, then kept. An average taken anew at each measure moved every
 * item not measured — thousands above the view — by a little each, so measuring one new item moved the
 * window and the scroll position, mounting items only to take them out again.
 */
export function firstAverage(measured: ReadonlyMap<string, number>): number | undefined {
  if (measured.size === 0) return undefined;
  let sum = 0;
  for (const h of measured.values()) sum += h;
  return sum / measured.size;
}

/** tops[i]: the space above item i; tops[n]: the list's whole height. */
export const itemTops = prefixTops;

/** Items [first, last) to render for a view of [viewTop, viewTop + viewHeight) over the list. */
export function measuredWindow(
  tops: Float64Array,
  viewTop: number,
  viewHeight: number,
  overscan = OVERSCAN_PX,
): [number, number] {
  const n = tops.length - 1;
  if (n <= 0) return [0, 0];
  const [first, last] = itemsInBand(tops, Math.max(0, viewTop - overscan), viewTop + viewHeight + overscan);
  return [first, last + 1];
}

/**
 * The scroll position that brings item `i` wholly into a view of `viewHeight`
 * at `viewTop` (its top first when it is taller than the view), or null when it
 * is already in view.
 */
export function scrollToShow(
  tops: Float64Array,
  i: number,
  viewTop: number,
  viewHeight: number,
): number | null {
  const top = tops[i];
  const bottom = tops[i + 1];
  if (top === undefined || bottom === undefined) return null;
  if (top < viewTop) return top;
  if (bottom > viewTop + viewHeight) return Math.min(top, bottom - viewHeight);
  return null;
}
