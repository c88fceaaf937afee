/** What the toolbar and the H/N/T keys do with the current selection. */
import type { Color } from '@core/contract';
import { readerStore, setSelection } from '../reader/readerStore';
import { bodyRanges } from '../reader/captionRanges';
import { annotationsStore, createHighlight, openEditor, type EditorFocus } from './annotationsStore';

/**
 * Highlight the selection; `then` opens its editor at once, before main has
 * saved it, so what is typed right after T or N lands in the field.
 */
export function highlightSelection(color?: Color, then?: EditorFocus): Promise<boolean> {
  const { selection: sel, article } = readerStore.get();
  if (!sel || !article) return Promise.resolve(false);
  const c = color ?? annotationsStore.get().lastColor;
  setSelection(null);
  document.getSelection()?.removeAllRanges();
  // Across a photo: one highlight per stretch of body text, the caption left out (captionRanges.ts).
  const made = bodyRanges(article.blocks, article.text, sel.start, sel.end).map((r) =>
    createHighlight({ start: r.start, end: r.end, color: c }),
  );
  const first = made[0];
  if (!first) return Promise.resolve(false);
  if (then) openEditor(first.key, then);
  return Promise.all(made.map((m) => m?.saved)).then((saved) => saved.every((a) => !!a));
}
