/**
 * The notebook: every passage in the library in one list — quote, article,
 * source, date, tags, note, colour — filtered and sorted (NotebookFilters),
 * opened in its article with a click, edited in place, and selected several
 * at a time to tag, recolour, copy or export.
 */
import { lazy, Suspense, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from '../store';
import { plural } from '../library/format';
import { clearSelection, loadNotebook, notebookStore, selectAll } from './notebookStore';
import { filterPassages } from './notebookFilter';
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
  const passages = useStore(notebookStore, (s) => s.passages);
  const articles = useStore(notebookStore, (s) => s.articles);
  // Typing stays responsive over 100,000 passages: the list follows the filter when it can.
  const filter = useDeferredValue(useStore(notebookStore, (s) => s.filter));
  const shown = useMemo(() => filterPassages(passages, articles, filter), [passages, articles, filter]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [exporting, setExporting] = useState<string[] | null>(null);

  // Fresh on every visit: passages may have been added or edited in the reader.
  useEffect(() => void loadNotebook(), []);

  // Ctrl/Cmd+A selects every passage shown; Escape clears the selection.
  const shownRef = useRef(shown);
  shownRef.current = shown;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e.target) || document.querySelector('[aria-modal="true"]') || e.altKey) return;
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'a' && !e.shiftKey) {
        e.preventDefault();
        selectAll(shownRef.current);
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
            : shown.length === passages.length
              ? plural(passages.length, 'passage')
              : `${shown.length} of ${plural(passages.length, 'passage')}`}
        </span>
      </header>
      <NotebookFilters />
      <SelectionBar shown={shown} onExport={setExporting} />
      <div className="notebook-scroll" ref={scrollRef}>
        {loaded && passages.length === 0 ? (
          <p className="empty">
            No passages yet. Highlight text in an article and it appears here, with its tags and note.
          </p>
        ) : loaded && shown.length === 0 ? (
          <p className="empty">No passage matches these filters.</p>
        ) : (
          <PassageList passages={shown} scrollRef={scrollRef} />
        )}
      </div>
      <Suspense fallback={null}>
        {exporting && <ExportDialog passages={exporting} onClose={() => setExporting(null)} />}
      </Suspense>
    </main>
  );
}
