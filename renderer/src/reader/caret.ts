/**
 * The reading caret (caret browsing): arrows move a collapsed selection through
 * the article's text, Ctrl/Alt+arrows by word or paragraph, and Shift extends a
 * selection from wherever the caret is. Chromium moves a selection with keys
 * only in editable text (or with its own caret browsing on), so the reader does
 * it with Selection.modify: a real, native selection, which then flows through
 * selection.ts like a mouse selection. Keys come from the shortcut table.
 */
import type { ShortcutId } from '../app/shortcuts';
import { shortcutOf } from '../app/shortcuts';
import { BLOCK_ATTR, RUN_ATTR } from './selection';

type Direction = 'forward' | 'backward';
type Granularity = 'character' | 'word' | 'line' | 'paragraph' | 'lineboundary';

const CARET_ROWS: readonly ShortcutId[] = ['caret-character', 'caret-line', 'caret-word', 'caret-paragraph'];
const GRANULARITY: Record<string, Granularity> = {
  'caret-character': 'character',
  'caret-line': 'line',
  'caret-word': 'word',
  'caret-paragraph': 'paragraph',
};
const FORWARD = new Set(['ArrowRight', 'ArrowDown', 'End']);

/** What a key does to the caret, or null: the caret rows, and the same with Shift to extend. */
export function caretMove(
  e: KeyboardEvent,
): { extend: boolean; direction: Direction; granularity: Granularity } | null {
  const extend = e.shiftKey;
  // Shift+Home/End select to the edge of the line (as in a text field).
  if (extend && !e.ctrlKey && !e.metaKey && !e.altKey && (e.key === 'Home' || e.key === 'End'))
    return { extend, direction: FORWARD.has(e.key) ? 'forward' : 'backward', granularity: 'lineboundary' };
  const id = shortcutOf(
    { key: e.key, ctrlKey: e.ctrlKey, metaKey: e.metaKey, altKey: e.altKey, shiftKey: false },
    CARET_ROWS,
  );
  if (!id) return null;
  return { extend, direction: FORWARD.has(e.key) ? 'forward' : 'backward', granularity: GRANULARITY[id] };
}

/** The first text run whose line is in view (where a caret starts when there is none in the article). */
function firstVisibleText(article: HTMLElement, viewport: HTMLElement): Node | null {
  const top = viewport.getBoundingClientRect().top;
  const run = Array.from(article.querySelectorAll(`[${RUN_ATTR}]`)).find(
    (r) => r.getBoundingClientRect().bottom > top,
  );
  return run?.firstChild ?? null;
}

/**
 * Move (or extend) the selection for a key press. `caretOn`: plain arrows move
 * the caret; off, only Shift+arrows act (plain ones scroll, natively). A focused
 * highlight is where the caret starts. True when the key was used.
 */
export function moveCaretByKey(
  e: KeyboardEvent,
  article: HTMLElement,
  viewport: HTMLElement,
  caretOn: boolean,
): boolean {
  if (e.metaKey) return false;
  const move = caretMove(e);
  if (!move || (!move.extend && !caretOn)) return false;
  const sel = document.getSelection();
  if (!sel) return false;
  const focused = document.activeElement;
  if (focused instanceof HTMLElement && focused !== article && article.contains(focused)) {
    // From a highlight reached with Tab: the caret starts at its first character.
    const text = focused.matches(`[${RUN_ATTR}]`) ? focused.firstChild : focused.nextSibling?.firstChild;
    if (text && (!sel.focusNode || !focused.contains(sel.focusNode))) sel.collapse(text, 0);
    article.focus({ preventScroll: true });
  }
  if (!sel.focusNode || !article.contains(sel.focusNode)) {
    const text = firstVisibleText(article, viewport);
    if (!text) return false;
    sel.collapse(text, 0);
    if (!move.extend) {
      e.preventDefault();
      return true; // the first press shows where the caret is
    }
  }
  const from = { node: sel.focusNode, offset: sel.focusOffset };
  if (move.granularity === 'paragraph') {
    // As in a word processor: to the start of this paragraph, or of the next / previous one.
    const to = paragraphStart(article, sel.focusNode!, sel.focusOffset, move.direction);
    if (to) {
      if (move.extend) sel.extend(to, 0);
      else sel.collapse(to, 0);
    }
    keepInView(article, viewport);
    e.preventDefault();
    return true;
  }
  sel.modify(move.extend ? 'extend' : 'move', move.direction, move.granularity);
  // Chromium's line moves can land outside the text (the byline, a picture) or leave the
  // article altogether: the caret goes on to the next run of article text instead.
  const inRun = !!sel.focusNode?.parentElement?.closest(`[${RUN_ATTR}]`) && article.contains(sel.focusNode);
  if (!inRun && from.node) {
    const next = nextRunText(article, from.node, move.direction);
    if (next) {
      const at = move.direction === 'forward' ? 0 : (next.textContent ?? '').length;
      if (move.extend) sel.extend(next, at);
      else sel.collapse(next, at);
    } else if (move.extend) sel.extend(from.node, from.offset);
    else sel.collapse(from.node, from.offset);
  }
  keepInView(article, viewport);
  e.preventDefault();
  return true;
}

/** The first text of the block after (forward) or at or before (backward) the point. */
function paragraphStart(article: HTMLElement, node: Node, offset: number, direction: Direction): Node | null {
  const blocks = Array.from(article.querySelectorAll(`[${BLOCK_ATTR}]`)).filter((b) =>
    b.querySelector(`[${RUN_ATTR}]`),
  );
  const firstText = (b: Element) => b.querySelector(`[${RUN_ATTR}]`)?.firstChild ?? null;
  const at = blocks.findIndex((b) => b.contains(node));
  if (at < 0) return null;
  if (direction === 'forward') return blocks[at + 1] ? firstText(blocks[at + 1]) : null;
  const start = firstText(blocks[at]);
  const atStart = node === start && offset === 0;
  return atStart ? (blocks[at - 1] ? firstText(blocks[at - 1]) : null) : start;
}

/** The text of the first run after (before) `node` in document order. */
function nextRunText(article: HTMLElement, node: Node, direction: Direction): Node | null {
  const runs = Array.from(article.querySelectorAll(`[${RUN_ATTR}]`));
  const after = (run: Element) =>
    !run.contains(node) && !!(node.compareDocumentPosition(run) & Node.DOCUMENT_POSITION_FOLLOWING);
  const run =
    direction === 'forward' ? runs.find(after) : runs.findLast((r) => !r.contains(node) && !after(r));
  return run?.firstChild ?? null;
}

/** Scroll so the caret stays a line or two inside the view. */
function keepInView(article: HTMLElement, viewport: HTMLElement): void {
  const at = caretRect(article, viewport);
  if (!at) return;
  const margin = 48;
  if (at.top < margin) viewport.scrollTop += at.top - margin;
  else if (at.top + at.height > viewport.clientHeight - margin)
    viewport.scrollTop += at.top + at.height - viewport.clientHeight + margin;
}

/** The caret's place in `box`'s coordinates (null when there is no caret in `article`). */
export function caretRect(
  article: HTMLElement,
  box: HTMLElement,
): { left: number; top: number; height: number } | null {
  const sel = document.getSelection();
  if (!sel?.focusNode || !article.contains(sel.focusNode)) return null;
  const r = document.createRange();
  r.setStart(sel.focusNode, sel.focusOffset);
  r.collapse(true);
  const rect = r.getClientRects()[0] ?? r.getBoundingClientRect();
  if (!rect || (rect.height === 0 && rect.top === 0)) return null;
  const b = box.getBoundingClientRect();
  return { left: rect.left - b.left, top: rect.top - b.top, height: rect.height };
}
