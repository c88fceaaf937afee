/**
 * Articles checked in the library: a checkbox per row, Shift-click for a range
 * of the list as shown, Ctrl/Cmd+A for every article shown, Escape to clear.
 * The selection is removed with one confirmation and put back with one Undo
 * (removalHistory.ts), or exported alone through the export dialog.
 */
import { createStore } from '../store';
import { removeArticlesUndoably } from './removalHistory';

export const selectionStore = createStore({
  selected: new Set<string>() as ReadonlySet<string>,
  /** The row a Shift-click extends from: the last one checked or unchecked alone. */
  anchor: null as string | null,
  confirmRemove: false,
  exporting: false,
});

/** The selected articles among those shown (a filter may hide some), in the order shown. */
export const chosenAmong = (shown: readonly { id: string }[], selected: ReadonlySet<string>): string[] =>
  shown.filter((a) => selected.has(a.id)).map((a) => a.id);

/** Checks or unchecks one row; with `range`, every row from the anchor to it takes the anchor's new state. */
export function toggleArticle(id: string, range: boolean, shown: readonly { id: string }[]): void {
  selectionStore.set(({ selected, anchor }) => {
    const next = new Set(selected);
    const from = range && anchor ? shown.findIndex((a) => a.id === anchor) : -1;
    const to = shown.findIndex((a) => a.id === id);
    if (from >= 0 && to >= 0) {
      const on = next.has(anchor!);
      for (let i = Math.min(from, to); i <= Math.max(from, to); i++)
        if (on) next.add(shown[i].id);
        else next.delete(shown[i].id);
      return { selected: next };
    }
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return { selected: next, anchor: id };
  });
}

export function selectAllShown(shown: readonly { id: string }[]): void {
  selectionStore.set({ selected: new Set(shown.map((a) => a.id)) });
}

export function clearArticleSelection(): void {
  selectionStore.set({ selected: new Set(), anchor: null, confirmRemove: false });
}

/** Removes the articles chosen (one request); one Undo, or Ctrl/Cmd+Z, puts them all back (removalHistory.ts). */
export function removeChosen(ids: readonly string[]): Promise<void> {
  clearArticleSelection();
  return removeArticlesUndoably(ids);
}
