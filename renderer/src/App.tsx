/**
 * The app shell: start-up (settings, recovery warnings, library, last article),
 * theme and text size, menu commands from main, keyboard shortcuts, file drops.
 */
import { lazy, Suspense, useCallback, useEffect, useLayoutEffect, useState } from 'react';
import type { MenuCommand } from '@core/contract';
import { useStore } from './store';
import { gloss, messageOf } from './gloss';
import { Toasts } from './app/Toasts';
import { WarningsBanner } from './app/WarningsBanner';
import { showError } from './app/toasts';
import { modalOpen } from './app/Dialog';
import { LibraryView } from './library/LibraryView';
import {
  importDroppedFiles,
  importFromClipboard,
  importFromDialog,
  libraryStore,
  onImportProgress,
  refreshLibrary,
} from './library/libraryStore';
import { ReaderView } from './reader/ReaderView';
import { closeArticle, openArticle, readerStore, setSelection } from './reader/readerStore';
import { changeFontSize, loadSettings, setTheme, settingsStore, togglePanel } from './reader/settingsStore';
import { shortcutOf, type ShortcutId } from './app/shortcuts';
import {
  annotationsStore,
  clearAnnotations,
  closeEditor,
  deleteAnnotation,
  loadAnnotations,
  openEditor,
  primeAnnotations,
  redo,
  undo,
} from './annotations/annotationsStore';
import { takeStartup, type Startup } from './app/startup';
import { dropFirstScreen } from './reader/firstScreen';
import { handleMainEvents } from './app/mainEvents';
import { highlightSelection } from './annotations/actions';
import { showView, viewStore, type View } from './ui/views';
import { NotebookView, TagManagerView } from './ui/viewChunks';
import { ViewTabs } from './ui/ViewTabs';
import { libraryBatchSeq, redoBatch, undoBatch } from './ui/batchHistory';
import { redoRemoval, removalSeq, undoRemoval } from './library/removalHistory';
import { openSearch, searchStore } from './search/searchStore';
import { loadVersions, versionsStore } from './versions/versionsStore';
import { OldVersionReader } from './versions/OldVersionReader';
import { VersionsLayer } from './versions/VersionsLayer';
import { useCopyCitationKey } from './ui/copyCitation';

// Rarely opened, so not part of the first bundle.
const ExportDialog = lazy(() => import('./export/ExportDialog').then((m) => ({ default: m.ExportDialog })));
const ImportHighlightsDialog = lazy(() =>
  import('./interop/ImportHighlightsDialog').then((m) => ({ default: m.ImportHighlightsDialog })),
);
const SyncMarkdownDialog = lazy(() =>
  import('./interop/SyncMarkdownDialog').then((m) => ({ default: m.SyncMarkdownDialog })),
);
const PreferencesDialog = lazy(() =>
  import('./preferences/PreferencesDialog').then((m) => ({ default: m.PreferencesDialog })),
);
const HelpOverlay = lazy(() => import('./app/HelpOverlay').then((m) => ({ default: m.HelpOverlay })));
const SearchDialog = lazy(() => import('./search/SearchDialog').then((m) => ({ default: m.SearchDialog })));
const VIEW_OF: Record<'show-library' | 'show-notebook' | 'show-tags', View> = {
  'show-library': 'library',
  'show-notebook': 'notebook',
  'show-tags': 'tags',
};
/** What still acts while a text field has focus: the keys that leave it, never a letter or undo. */
const FIELD_KEYS: readonly ShortcutId[] = [
  'show-library',
  'show-notebook',
  'show-tags',
  'search',
  'find',
  'zoom-in',
  'zoom-out',
  'zoom-reset',
  'export',
  'import',
  'import-url',
  'toggle-panel',
  'preferences',
];

// A checkbox or radio button takes no typing (and has no undo of its own): the library's row checkboxes keep Ctrl/Cmd+Z.
const isTyping = (t: EventTarget | null) =>
  !!(t as Element | null)?.closest?.(
    'input:not([type="checkbox"]):not([type="radio"]), textarea, select, [contenteditable="true"]',
  );

export function App() {
  const [ready, setReady] = useState(false);
  const [warnings, setWarnings] = useState<string[]>([]);
  const [help, setHelp] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [preferences, setPreferences] = useState(false);
  const [interop, setInterop] = useState<'import-highlights' | 'sync-markdown' | null>(null);
  const closeInterop = useCallback(() => setInterop(null), []);
  const [dropping, setDropping] = useState(false);
  const article = useStore(readerStore, (s) => s.article);
  const searching = useStore(searchStore, (s) => s.open);
  const settings = useStore(settingsStore, (s) => s.settings);
  const view = useStore(viewStore, (s) => s.view);
  const viewingOld = useStore(versionsStore, (s) => s.viewing?.articleId);
  useCopyCitationKey();

  // ---- start-up
  useEffect(() => {
    let cancelled = false;
    // `start` is this function's own, not the effect's: the cleanup below would keep the effect's
    // scope, and with it a book's article and annotations, alive beside the reader's copies.
    void (async (start: Startup) => {
      const library = refreshLibrary(start.articles);
      const s = await loadSettings(start.settings);
      // The last article opens as soon as it arrives, without waiting for the library list.
      const id = s.lastArticleId;
      const reopened = id ? await start.article : null;
      if (id && reopened) {
        primeAnnotations(
          id,
          start.annotations.then((a) => a ?? gloss().listAnnotations({ articleId: id })),
        );
        await openArticle(id, { remember: false, prefetched: Promise.resolve(reopened) });
      } else await library;
      if (!cancelled) setReady(true);
      // Fetched while idle, so opening the notebook waits only for its passages.
      requestIdleCallback(() => void NotebookView.preload().catch(() => undefined));
      gloss()
        .storeStatus()
        .then((st) => !cancelled && setWarnings((shown) => [...new Set([...st.warnings, ...shown])]))
        .catch(() => undefined);
    })(takeStartup());
    return () => {
      cancelled = true;
    };
  }, []);

  // The picture of the last screen goes in the commit that paints the live one (never both on screen).
  useLayoutEffect(() => {
    if (ready) dropFirstScreen();
  }, [ready]);

  // ---- theme and text size live on the root element (outside React's tree)
  useEffect(() => {
    const root = document.documentElement;
    root.dataset.theme = settings.theme;
    root.style.setProperty('--reader-font-size', `${settings.fontSize}px`);
  }, [settings.theme, settings.fontSize]);

  useEffect(() => {
    if (article) void loadAnnotations(article.id);
    else clearAnnotations();
  }, [article?.id]); // eslint-disable-line react-hooks/exhaustive-deps
  // Its versions and review count: the text itself changes with a new version.
  useEffect(() => {
    if (article) void loadVersions(article.id);
  }, [article]);

  const backToLibrary = useCallback(() => {
    closeArticle();
    void refreshLibrary();
  }, []);

  // ---- undo/redo from keys and from the menu (which may echo the same key press)
  const lastKeyHistory = useState({ at: 0 })[0];
  const history = useCallback(
    (which: 'undo' | 'redo', from: 'key' | 'menu') => {
      if (from === 'key') lastKeyHistory.at = performance.now();
      else if (performance.now() - lastKeyHistory.at < 300) return;
      if (from === 'menu' && isTyping(document.activeElement)) {
        document.execCommand(which);
        return;
      }
      // The reader undoes its annotations; the library its removals and the changes made from it (Import
      // Highlights), whichever came last; the notebook and the tag manager every change across the library.
      const batch =
        !readerStore.get().article &&
        (viewStore.get().view !== 'library' || libraryBatchSeq(which) > removalSeq(which));
      if (readerStore.get().article) void (which === 'undo' ? undo() : redo());
      else if (!batch) void (which === 'undo' ? undoRemoval() : redoRemoval());
      else void (which === 'undo' ? undoBatch() : redoBatch());
    },
    [lastKeyHistory],
  );

  // ---- menu commands and progress from main
  useEffect(() => {
    const run = (c: MenuCommand) => {
      switch (c) {
        case 'import':
          backToLibrary();
          return void importFromDialog();
        case 'import-url':
          backToLibrary();
          return libraryStore.set({ urlDialog: true });
        case 'export':
          return setExporting(true);
        case 'import-highlights':
        case 'sync-markdown':
          return setInterop(c);
        case 'undo':
        case 'redo':
          return history(c, 'menu');
        case 'zoom-in':
          return void changeFontSize(1);
        case 'zoom-out':
          return void changeFontSize(-1);
        case 'zoom-reset':
          return void changeFontSize('reset');
        case 'theme-light':
        case 'theme-dark':
        case 'theme-sepia':
          return void setTheme(c.slice('theme-'.length) as 'light');
        case 'help':
          return setHelp(true);
        case 'preferences':
          return setPreferences(true);
        case 'toggle-panel':
          return void togglePanel();
        case 'search':
          return openSearch();
        case 'find':
          if (readerStore.get().article) readerStore.set({ finding: true });
          return;
      }
    };
    return handleMainEvents((e) => {
      if (e.type === 'command') run(e.command);
      else if (e.type === 'import-progress') onImportProgress(e.done, e.total, e.current);
      // Found while serving a request (a damaged notes file, say): shown like those found at start-up.
      else if (e.type === 'store-warning')
        setWarnings((shown) => (shown.includes(e.message) ? shown : [...shown, e.message]));
    });
  }, [backToLibrary, history]);

  // ---- keyboard shortcuts, looked up in the one table (main/core/shortcuts.ts)
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // In a text field every key is the field's: typing, and Ctrl/Cmd+Z undoing typing (natively).
      const typing = isTyping(e.target);
      const id = shortcutOf(e, typing ? FIELD_KEYS : undefined);
      if (!id) return;
      const inReader = !!readerStore.get().article;
      const act = (run: () => void) => {
        e.preventDefault();
        run();
      };
      switch (id) {
        case 'show-library':
        case 'show-notebook':
        case 'show-tags': {
          if (modalOpen()) return;
          const view = VIEW_OF[id];
          return act(() => {
            if (inReader) backToLibrary();
            else if (view === 'library') void refreshLibrary();
            showView(view);
          });
        }
        case 'search':
          return modalOpen() ? undefined : act(openSearch);
        case 'find':
          return inReader && !modalOpen() ? act(() => readerStore.set({ finding: true })) : undefined;
        case 'undo':
          return act(() => history('undo', 'key'));
        case 'redo':
          return act(() => history('redo', 'key'));
        case 'paste-import':
          return inReader ? undefined : act(() => void importFromClipboard());
        case 'toggle-panel':
          return inReader ? act(() => void togglePanel()) : undefined;
        case 'zoom-in':
          return act(() => void changeFontSize(1));
        case 'zoom-out':
          return act(() => void changeFontSize(-1));
        case 'zoom-reset':
          return act(() => void changeFontSize('reset'));
        case 'export':
          return modalOpen() ? undefined : act(() => setExporting(true));
        case 'import':
          return modalOpen()
            ? undefined
            : act(() => {
                backToLibrary();
                void importFromDialog();
              });
        case 'import-url':
          return modalOpen()
            ? undefined
            : act(() => {
                backToLibrary();
                libraryStore.set({ urlDialog: true });
              });
        case 'help':
          return modalOpen() ? undefined : act(() => setHelp(true));
        case 'preferences':
          return modalOpen() ? undefined : act(() => setPreferences(true));
      }
      if (modalOpen() || !inReader) return;
      const { selection } = readerStore.get();
      const { selectedKey, editor } = annotationsStore.get();
      switch (id) {
        case 'escape':
          if (editor) closeEditor();
          else if (selection) {
            document.getSelection()?.removeAllRanges();
            setSelection(null);
          } else annotationsStore.set({ selectedKey: null });
          return;
        case 'delete-highlight':
          if (selectedKey && !selection) act(() => void deleteAnnotation(selectedKey, { undoable: true }));
          return;
        case 'highlight':
          if (selection) act(() => void highlightSelection());
          return;
        case 'note':
        case 'tag': {
          const focus = id === 'note' ? 'note' : 'tags';
          if (selection) act(() => void highlightSelection(undefined, focus));
          else if (selectedKey) act(() => openEditor(selectedKey, focus));
          return;
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [history, backToLibrary]);

  // ---- files dropped anywhere on the window
  useEffect(() => {
    const hasFiles = (e: DragEvent) => !!e.dataTransfer && Array.from(e.dataTransfer.types).includes('Files');
    const over = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      setDropping(true);
    };
    const leave = (e: DragEvent) => {
      if (!e.relatedTarget) setDropping(false);
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      setDropping(false);
      const files = Array.from(e.dataTransfer?.files ?? []);
      if (files.length === 0) return;
      backToLibrary();
      importDroppedFiles(files).catch((err) => showError(messageOf(err)));
    };
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [backToLibrary]);

  return (
    <div className={`app ${dropping ? 'is-dropping' : ''}`}>
      <WarningsBanner warnings={warnings} onDismiss={() => setWarnings([])} />
      {!ready ? (
        <p className="loading" role="status">
          Opening your library…
        </p>
      ) : article && viewingOld === article.id ? (
        <OldVersionReader onBack={backToLibrary} />
      ) : article ? (
        <ReaderView
          article={article}
          onBack={backToLibrary}
          onExport={() => setExporting(true)}
          onHelp={() => setHelp(true)}
        />
      ) : (
        <>
          <ViewTabs onView={(v) => v === 'library' && void refreshLibrary()} />
          {view === 'library' ? (
            <LibraryView onExport={() => setExporting(true)} />
          ) : (
            <Suspense fallback={<p className="loading">Opening…</p>}>
              {view === 'notebook' ? <NotebookView /> : <TagManagerView />}
            </Suspense>
          )}
        </>
      )}
      <Suspense fallback={null}>
        {exporting && (
          <ExportDialog
            article={article ? { id: article.id, title: article.meta.title } : undefined}
            onClose={() => setExporting(false)}
          />
        )}
        {interop === 'import-highlights' && <ImportHighlightsDialog onClose={closeInterop} />}
        {interop === 'sync-markdown' && <SyncMarkdownDialog onClose={closeInterop} />}
        {preferences && <PreferencesDialog onClose={() => setPreferences(false)} />}
        {help && <HelpOverlay onClose={() => setHelp(false)} />}
        {searching && <SearchDialog />}
      </Suspense>
      {dropping && (
        <div className="drop-overlay" aria-hidden="true">
          Drop files to import them
        </div>
      )}
      <VersionsLayer />
      <Toasts />
    </div>
  );
}
