/** What the toolbar and the H/N/T keys do with the current selection. */
import type { Color } from '../../../main/core/contract';
import { readerStore, setSelection } from '../reader/readerStore';
import { annotationsStore, createHighlight, openEditor, type EditorFocus } from './annotationsStore';

/**
 * Highlight the selection; `then` opens its editor at once, before main has
 * saved it, so what is typed right after T or N lands in the field.
 */
export function highlightSelection(color?: Color, then?: EditorFocus): Promise<boolean> {
  const sel = readerStore.get().selection;
  if (!sel) return Promise.resolve(false);
  const c = color ?? annotationsStore.get().lastColor;
  setSelection(null);
  document.getSelection()?.removeAllRanges();
  const made = createHighlight({ start: sel.start, end: sel.end, color: c });
  if (!made) return Promise.resolve(false);
  if (then) openEditor(made.key, then);
  return made.saved.then((a) => !!a);
}
