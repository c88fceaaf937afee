/**
 * Articles checked in the library: a checkbox per row, Shift-click for a range
 * of the list as shown, Ctrl/Cmd+A for every article shown, Escape to clear.
 * The selection is removed with one confirmation and put back with one Undo
 * (main keeps the removed articles aside for the session: removeArticles /
 * restoreArticles), or exported alone through the export dialog.
 */
import { createStore } from '../store';
import { gloss } from '../gloss';
import { showError, showInfo } from '../app/toasts';
import { plural } from './format';
import { libraryStore, refreshLibrary } from './libraryStore';

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

/** Removes the articles chosen (one request), then offers one Undo that puts them all back. */
export async function removeChosen(ids: readonly string[]): Promise<void> {
  clearArticleSelection();
  const before = libraryStore.get().articles;
  const gone = new Set(ids);
  libraryStore.set({ articles: before.filter((a) => !gone.has(a.id)) });
  try {
    const r = await gloss().removeArticles({ ids: [...ids] });
    const what = `${plural(r.articles, 'article')} and ${plural(r.annotations, 'highlight')}`;
    showInfo(`Removed ${what}`, {
      label: 'Undo',
      run: () =>
        void gloss()
          .restoreArticles({ token: r.token })
          .then(
            (back) => {
              showInfo(`Put back ${plural(back.length, 'article')}`);
              return refreshLibrary();
            },
            (err: unknown) => showError(err),
          ),
    });
  } catch (err) {
    showError(err);
    libraryStore.set({ articles: before });
  }
}
