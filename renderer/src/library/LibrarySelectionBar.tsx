/** What can be done with the articles checked in the library: remove them (one confirmation, one Undo) or export them. */
import { lazy, Suspense } from 'react';
import type { ArticleSummary } from '@core/contract';
import { useStore } from '../store';
import { Dialog } from '../app/Dialog';
import { plural } from '../ui/format';
import {
  chosenAmong,
  clearArticleSelection,
  removeChosen,
  selectAllShown,
  selectionStore,
} from './librarySelection';

const ExportDialog = lazy(() => import('../export/ExportDialog').then((m) => ({ default: m.ExportDialog })));

export function LibrarySelectionBar({ shown }: { shown: readonly ArticleSummary[] }) {
  const selected = useStore(selectionStore, (s) => s.selected);
  const confirmRemove = useStore(selectionStore, (s) => s.confirmRemove);
  const exporting = useStore(selectionStore, (s) => s.exporting);
  const chosen = chosenAmong(shown, selected);
  if (chosen.length === 0 && !exporting) return null;
  const articles = shown.filter((a) => selected.has(a.id));
  const highlights = articles.reduce((n, a) => n + a.annotationCount, 0);
  return (
    <>
      {chosen.length > 0 && (
        <div className="selection-bar library-selection" role="toolbar" aria-label="Selected articles">
          <span className="selection-count" role="status">
            {plural(chosen.length, 'article')} selected
          </span>
          <button
            type="button"
            className="danger"
            onClick={() => selectionStore.set({ confirmRemove: true })}
          >
            Remove…
          </button>
          <button type="button" onClick={() => selectionStore.set({ exporting: true })}>
            Export…
          </button>
          {chosen.length < shown.length && (
            <button type="button" className="link" onClick={() => selectAllShown(shown)}>
              Select all {shown.length}
            </button>
          )}
          <button type="button" className="link" onClick={clearArticleSelection}>
            Clear selection
          </button>
        </div>
      )}
      {confirmRemove && chosen.length > 0 && (
        <Dialog
          role="alertdialog"
          title={`Remove ${plural(chosen.length, 'article')}?`}
          description={`${describe(articles)} and ${highlights === 1 ? 'its' : 'their'} ${plural(highlights, 'highlight')} will be removed from the library. You can undo this until Gloss is closed.`}
          onClose={() => selectionStore.set({ confirmRemove: false })}
          initialFocus="[data-cancel]"
        >
          <div className="modal-actions">
            <button type="button" data-cancel onClick={() => selectionStore.set({ confirmRemove: false })}>
              Cancel
            </button>
            <button type="button" className="danger" onClick={() => void removeChosen(chosen)}>
              Remove {plural(chosen.length, 'article')}
            </button>
          </div>
        </Dialog>
      )}
      {exporting && (
        <Suspense fallback={null}>
          <ExportDialog articles={chosen} onClose={() => selectionStore.set({ exporting: false })} />
        </Suspense>
      )}
    </>
  );
}

/** The titles, three at most: “A”, “B”, “C” and 4 others. */
function describe(articles: readonly ArticleSummary[]): string {
  const titles = articles.slice(0, 3).map((a) => `“${a.title}”`);
  const rest = articles.length - titles.length;
  return rest > 0 ? `${titles.join(', ')} and ${plural(rest, 'other')}` : titles.join(', ');
}
