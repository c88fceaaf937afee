/**
 * Transient marks on the article's text — the matches of Find, a search hit
 * being revealed — painted with the CSS Custom Highlight API, so they never
 * touch the DOM React renders (highlights are <mark>s; these are not).
 * Where the API is missing, nothing is painted and the scroll still lands.
 */
import { offsetsToRange } from './selection';

type Ranges = ReadonlyArray<readonly [number, number]>;

interface HighlightRegistry {
  set(name: string, h: unknown): void;
  delete(name: string): void;
}
const registry = (): HighlightRegistry | null =>
  (globalThis.CSS as unknown as { highlights?: HighlightRegistry } | undefined)?.highlights ?? null;
const HighlightCtor = (): (new (...r: Range[]) => unknown) | null =>
  (globalThis as unknown as { Highlight?: new (...r: Range[]) => unknown }).Highlight ?? null;

/** Paints `ranges` (those whose text is rendered) under `name` (see ::highlight(name) in app.css). */
export function paintRanges(name: string, root: (ParentNode & Node) | null, ranges: Ranges): void {
  const reg = registry();
  const Ctor = HighlightCtor();
  if (!reg || !Ctor) return;
  if (!root || ranges.length === 0) return reg.delete(name);
  const dom = ranges.map(([s, e]) => offsetsToRange(root, s, e)).filter((r): r is Range => r !== null);
  reg.set(name, new Ctor(...dom));
}

export function clearRanges(...names: string[]): void {
  const reg = registry();
  for (const n of names) reg?.delete(n);
}

/** Scrolls `scrollEl` so the text at [start, end) is in the middle of the view. */
export function centerRange(
  scrollEl: HTMLElement | null,
  root: (ParentNode & Node) | null,
  start: number,
  end: number,
): boolean {
  const range = root ? offsetsToRange(root, start, end) : null;
  if (!scrollEl || !range) return false;
  const rect = range.getBoundingClientRect();
  const view = scrollEl.getBoundingClientRect();
  scrollEl.scrollTop += rect.top - (view.top + scrollEl.clientHeight / 2) + rect.height / 2;
  return true;
}
