/** What the toolbar and the H/N/T keys do with the current selection. */
import type { Color } from '../../../main/core/contract';
import { readerStore, setSelection } from '../reader/readerStore';
import { annotationsStore, createHighlight, openEditor, type EditorFocus } from './annotationsStore';

export async function highlightSelection(color?: Color, then?: EditorFocus): Promise<boolean> {
  const sel = readerStore.get().selection;
  if (!sel) return false;
  const c = color ?? annotationsStore.get().lastColor;
  setSelection(null);
  document.getSelection()?.removeAllRanges();
  const saved = await createHighlight({ start: sel.start, end: sel.end, color: c });
  if (saved && then) openEditor(saved.id, then);
  return !!saved;
}
