/**
 * The notebook: every passage in the library in one list — quote, article,
 * source, date, tags, note, colour — filtered and sorted (NotebookFilters),
 * opened in its article with a click, edited in place, and selected several
 * at a time to tag, recolour, copy or export.
 */
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { useStore } from '../store';
import { plural } from '../ui/format';
import { clearSelection, loadNotebook, notebookStore, selectAll } from './notebookStore';
import { NotebookFilters } from './NotebookFilters';
import { SelectionBar } from './SelectionBar';
import { PassageList } from './PassageList';

const ExportDialog = lazy(() => import('../export/ExportDialog').then((m) => ({ default: m.ExportDialog })));

const isTyping = (t: EventTarget | null) =>
  !!(t as Element | null)?.closest?.(
    'input:not([type="checkbox"]), textarea, select, [contenteditable="true"]',
  );

export function NotebookView() {
  const loaded = useStore(notebookStore, (s) => s.loaded);
  const total = useStore(notebookStore, (s) => s.total);
  const all = useStore(notebookStore, (s) => s.all);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [exporting, setExporting] = useState<string[] | null>(null);

  // Fresh on every visit: passages may have been added or edited in the reader.
  useEffect(() => void loadNotebook(), []);

  // Ctrl/Cmd+A selects every passage shown; Escape clears the selection.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e.target) || document.querySelector('[aria-modal="true"]') || e.altKey) return;
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'a' && !e.shiftKey) {
        e.preventDefault();
        void selectAll();
      } else if (e.key === 'Escape' && !notebookStore.get().editing && notebookStore.get().selected.size)
        clearSelection();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <main className="notebook" aria-labelledby="notebook-title">
      <header className="notebook-header">
        <h1 id="notebook-title">Notebook</h1>
        <span className="notebook-count" role="status">
          {!loaded
            ? 'Loading passages…'
            : total === all
              ? plural(all, 'passage')
              : `${total} of ${plural(all, 'passage')}`}
        </span>
      </header>
      <NotebookFilters />
      <SelectionBar total={total} onExport={setExporting} />
      <div className="notebook-scroll" ref={scrollRef}>
        {loaded && all === 0 ? (
          <p className="empty">
            No passages yet. Highlight text in an article and it appears here, with its tags and note.
          </p>
        ) : loaded && total === 0 ? (
          <p className="empty">No passage matches these filters.</p>
        ) : (
          <PassageList scrollRef={scrollRef} />
        )}
      </div>
      <Suspense fallback={null}>
        {exporting && <ExportDialog passages={exporting} onClose={() => setExporting(null)} />}
      </Suspense>
    </main>
  );
}
