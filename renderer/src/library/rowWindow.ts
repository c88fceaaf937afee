/** The library's row window: fixed-height rows, so which ones are in view is arithmetic. */

/** A row's height in a windowed list (px); the stylesheet fixes .is-virtual rows to it. */
export const ROW_HEIGHT = 88;
/** Rows rendered beyond each edge of the viewport. */
const OVERSCAN = 12;

/** Rows [first, last) to render for a viewport over the list. */
export function rowWindow(
  count: number,
  viewTop: number,
  viewHeight: number,
  rowHeight = ROW_HEIGHT,
  overscan = OVERSCAN,
): [number, number] {
  const first = Math.max(0, Math.floor(viewTop / rowHeight) - overscan);
  const last = Math.min(count, Math.ceil((viewTop + viewHeight) / rowHeight) + overscan);
  return [Math.min(first, last), last];
}
