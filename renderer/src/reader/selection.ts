/**
 * DOM selection ⇄ canonical text offsets. The reader marks every block element
 * with `data-block-start` (its offset in the article's canonical text) and every
 * text run with `data-offset` (the run's offset inside its block); a run holds
 * only article text. So a DOM point inside a run is
 * blockStart + runOffset + (characters of the run before the point).
 * Text outside runs (labels, buttons) is never part of a highlight.
 */

export const BLOCK_ATTR = 'data-block-start';
export const RUN_ATTR = 'data-offset';

export interface TextRange {
  start: number;
  end: number;
}

function runsIn(root: ParentNode): Element[] {
  return Array.from(root.querySelectorAll(`[${RUN_ATTR}]`));
}

/** Canonical offset of the start of a run element. */
export function runStart(run: Element): number {
  const block = run.closest(`[${BLOCK_ATTR}]`);
  return Number(block?.getAttribute(BLOCK_ATTR) ?? 0) + Number(run.getAttribute(RUN_ATTR) ?? 0);
}

/** Characters of `run`'s text before the DOM point (node, offset) inside it. */
function charsBefore(run: Element, node: Node, offset: number): number {
  const doc = run.ownerDocument;
  const r = doc.createRange();
  r.setStart(run, 0);
  r.setEnd(node, offset);
  return r.toString().length;
}

/**
 * The canonical range a DOM range covers within `root`, or null when it covers
 * no article text. Endpoints outside runs (between blocks, on a label) snap to
 * the nearest article text inside the range.
 */
export function rangeToOffsets(range: Range, root: ParentNode): TextRange | null {
  if (range.collapsed) return null;
  const hit = runsIn(root).filter((run) => range.intersectsNode(run));
  if (hit.length === 0) return null;
  const first = hit[0];
  const last = hit[hit.length - 1];
  const start =
    runStart(first) +
    (first.contains(range.startContainer) ? charsBefore(first, range.startContainer, range.startOffset) : 0);
  const end =
    runStart(last) +
    (last.contains(range.endContainer)
      ? charsBefore(last, range.endContainer, range.endOffset)
      : (last.textContent ?? '').length);
  return end > start ? { start, end } : null;
}

/** The current document selection as canonical offsets within `root`. */
export function selectionToOffsets(selection: Selection | null, root: Element): TextRange | null {
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  if (!root.contains(range.commonAncestorContainer) && !range.intersectsNode(root)) return null;
  return rangeToOffsets(range, root);
}

/** DOM point for a canonical offset: the text node and offset inside the run holding it. */
function pointAt(
  root: ParentNode,
  offset: number,
  preferEnd: boolean,
): { node: Node; offset: number } | null {
  for (const run of runsIn(root)) {
    const s = runStart(run);
    const len = (run.textContent ?? '').length;
    const inside = preferEnd ? offset > s && offset <= s + len : offset >= s && offset < s + len;
    if (!inside) continue;
    let rest = offset - s;
    const walker = run.ownerDocument.createTreeWalker(run, 4 /* NodeFilter.SHOW_TEXT */);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      const n = (t.textContent ?? '').length;
      if (rest <= n) return { node: t, offset: rest };
      rest -= n;
    }
  }
  return null;
}

/** A DOM range over canonical [start, end), or null if those offsets are not rendered. */
export function offsetsToRange(root: ParentNode & Node, start: number, end: number): Range | null {
  const a = pointAt(root, start, false);
  const b = pointAt(root, end, true);
  if (!a || !b) return null;
  const r = (root.ownerDocument ?? (root as unknown as Document)).createRange();
  r.setStart(a.node, a.offset);
  r.setEnd(b.node, b.offset);
  return r;
}
