/**
 * Shift+Arrow selection in the reader. Chromium moves a selection with the
 * keyboard only in editable text or with caret browsing on, so the reader
 * extends it itself with Selection.modify (a real, native selection, which
 * then flows through selection.ts like a mouse selection).
 */
import { RUN_ATTR } from './selection';

const MOVES: Record<
  string,
  [direction: 'forward' | 'backward', granularity: 'character' | 'word' | 'line' | 'lineboundary']
> = {
  ArrowRight: ['forward', 'character'],
  ArrowLeft: ['backward', 'character'],
  ArrowDown: ['forward', 'line'],
  ArrowUp: ['backward', 'line'],
  End: ['forward', 'lineboundary'],
  Home: ['backward', 'lineboundary'],
};

/** Handle a key press; true when it extended (or started) the selection. */
export function extendSelectionByKey(e: KeyboardEvent, article: HTMLElement, viewport: HTMLElement): boolean {
  if (!e.shiftKey || e.metaKey) return false;
  const move = MOVES[e.key];
  if (!move) return false;
  const sel = document.getSelection();
  if (!sel) return false;
  const direction = move[0];
  let granularity = move[1];
  if ((e.ctrlKey || e.altKey) && granularity === 'character') granularity = 'word';
  if (!sel.focusNode || !article.contains(sel.focusNode)) {
    // No caret in the article yet: start at the first line in view.
    const top = viewport.getBoundingClientRect().top;
    const first = Array.from(article.querySelectorAll(`[${RUN_ATTR}]`)).find(
      (r) => r.getBoundingClientRect().bottom > top,
    );
    const text = first?.firstChild;
    if (!text) return false;
    sel.collapse(text, 0);
  }
  sel.modify('extend', direction, granularity);
  e.preventDefault();
  return true;
}
