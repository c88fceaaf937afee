import { useMemo, useRef, useState } from 'react';
import { useStore } from '../store';
import { Dialog } from '../app/Dialog';
import {
  dismissImport,
  importFromClipboard,
  importFromDialog,
  importUrl,
  libraryStore,
} from './libraryStore';
import { removeArticlesUndoably } from './removalHistory';
import { plural } from '../ui/format';
import { ArticleList } from './ArticleList';
import { LibraryToolbar } from './LibraryToolbar';
import { openSearch } from '../search/searchStore';
import { MOD } from '../app/shortcuts';
import { orderLibrary } from './libraryOrder';
import { LibrarySelectionBar } from './LibrarySelectionBar';

export function LibraryView({ onExport }: { onExport: () => void }) {
  const all = useStore(libraryStore, (s) => s.articles);
  const filter = useStore(libraryStore, (s) => s.filter);
  const articles = useMemo(() => orderLibrary(all, filter), [all, filter]);
  const loaded = useStore(libraryStore, (s) => s.loaded);
  const confirmRemove = useStore(libraryStore, (s) => s.confirmRemove);
  const urlDialog = useStore(libraryStore, (s) => s.urlDialog);
  const scrollRef = useRef<HTMLElement>(null);

  return (
    <main className="library" aria-labelledby="library-title" ref={scrollRef}>
      <header className="library-header">
        <h1 id="library-title">Library</h1>
        <div className="library-actions" role="group" aria-label="Add articles">
          <button type="button" className="primary" onClick={() => void importFromDialog()}>
            Import files…
          </button>
          <button type="button" onClick={() => void importFromClipboard()} title="Ctrl+Shift+V">
            Paste article
          </button>
          <button type="button" onClick={() => libraryStore.set({ urlDialog: true })}>
            Import from URL…
          </button>
          <button type="button" onClick={onExport}>
            Export notes…
          </button>
          <button type="button" onClick={openSearch} title={`${MOD}+K`}>
            Search…
          </button>
        </div>
      </header>
      <ImportStatus />
      {all.length > 1 && <LibraryToolbar shown={articles.length} />}
      <LibrarySelectionBar shown={articles} />
      {loaded && all.length === 0 ? (
        <p className="empty">
          Your library is empty. Import a file, paste an article, or drop files onto this window.
        </p>
      ) : loaded && articles.length === 0 ? (
        <p className="empty">No article matches these filters.</p>
      ) : (
        <ArticleList articles={articles} scrollRef={scrollRef} />
      )}
      <p className="hint">Drop text, HTML or Markdown files anywhere in this window to import them.</p>
      {confirmRemove && (
        <Dialog
          role="alertdialog"
          title="Remove article?"
          description={`“${confirmRemove.title}” and its ${plural(confirmRemove.annotationCount, 'highlight')} will be removed from the library. You can undo this until Gloss is closed.`}
          onClose={() => libraryStore.set({ confirmRemove: null })}
          initialFocus="[data-cancel]"
        >
          <div className="modal-actions">
            <button type="button" data-cancel onClick={() => libraryStore.set({ confirmRemove: null })}>
              Cancel
            </button>
            <button
              type="button"
              className="danger"
              onClick={() => void removeArticlesUndoably([confirmRemove.id])}
            >
              Remove
            </button>
          </div>
        </Dialog>
      )}
      {urlDialog && <UrlDialog onClose={() => libraryStore.set({ urlDialog: false })} />}
    </main>
  );
}

function ImportStatus() {
  const s = useStore(libraryStore, (x) => x.importing);
  if (!s) return null;
  if (s.running) {
    return (
      <div className="import-status" role="status">
        <progress max={s.total || 1} value={s.done} aria-label="Import progress" />
        <span>
          Importing {Math.min(s.done + 1, s.total)} of {s.total}
          {s.current ? ` — ${s.current}` : ''}…
        </span>
      </div>
    );
  }
  const r = s.report;
  const warnings = r?.warnings ?? [];
  const tone = s.error || r?.failed.length ? 'has-failures' : warnings.length ? 'has-warnings' : '';
  return (
    <section className={`import-status ${tone}`} aria-label="Import result">
      {s.error ? (
        <p role="alert">Import failed: {s.error}</p>
      ) : r ? (
        <>
          <p role="status">
            Imported {plural(r.imported.length, 'article')}
            {r.existing.length > 0 && `; ${r.existing.length} already in the library`}
            {(r.versions?.length ?? 0) > 0 &&
              `; ${plural(r.versions?.length ?? 0, 'new version')} of articles in the library`}
            {r.failed.length > 0 && `; ${r.failed.length} failed`}
            {warnings.length > 0 && `; ${plural(warnings.length, 'warning')}`}.
          </p>
          {r.failed.length > 0 && (
            <ul className="import-failures" aria-label="Import failures">
              {r.failed.map((f, i) => (
                <li key={`${f.source}-${i}`}>
                  <strong>{f.source.split(/[\\/]/).pop()}</strong>: {f.message}
                </li>
              ))}
            </ul>
          )}
          {warnings.length > 0 && (
            // Imported, but with something to know: the source is the article's title, said as given.
            <ul className="import-warnings" aria-label="Import warnings">
              {warnings.map((w, i) => (
                <li key={`${w.source}-${i}`}>
                  <strong>{w.source}</strong>: {w.message}
                </li>
              ))}
            </ul>
          )}
        </>
      ) : null}
      <button type="button" className="icon" aria-label="Dismiss import result" onClick={dismissImport}>
        ×
      </button>
    </section>
  );
}

function UrlDialog({ onClose }: { onClose: () => void }) {
  const [url, setUrl] = useState('');
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (!url.trim()) return;
    onClose();
    void importUrl(url.trim());
  };
  return (
    <Dialog title="Import from URL" onClose={onClose}>
      <form onSubmit={submit}>
        <label className="field">
          <span>Address</span>
          <input
            type="url"
            required
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            placeholder="https://…"
          />
        </label>
        <div className="modal-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary">
            Import
          </button>
        </div>
      </form>
    </Dialog>
  );
}
