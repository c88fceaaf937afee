/** The library list and imports. */
import type { ArticleSummary, ChosenFiles, ImportReport } from '@core/contract';
import { createStore } from '../store';
import { gloss, messageOf } from '../gloss';
import { showError, showInfo } from '../app/toasts';
import { noteImportVersions } from '../versions/versionsStore';
import { ALL_ARTICLES, type LibraryFilter } from './libraryOrder';

export interface ImportState {
  running: boolean;
  done: number;
  total: number;
  current?: string;
  report?: ImportReport;
  /** A failure of the whole import (not of one file). */
  error?: string;
}

export const libraryStore = createStore({
  loaded: false,
  articles: [] as ArticleSummary[],
  /** How the list is ordered and narrowed (see libraryOrder.ts). */
  filter: ALL_ARTICLES as LibraryFilter,
  /** The tag the list is narrowed to ('' for none); filter.articleIds holds its articles. */
  tag: '',
  importing: null as ImportState | null,
  confirmRemove: null as ArticleSummary | null,
  urlDialog: false,
});

/** Newest first: by publication date when known, else by import time. */
export function sortArticles(list: readonly ArticleSummary[]): ArticleSummary[] {
  const key = (a: ArticleSummary) => a.published ?? a.importedAt;
  return [...list].sort((a, b) =>
    key(a) < key(b) ? 1 : key(a) > key(b) ? -1 : a.title.localeCompare(b.title),
  );
}

export function setLibraryFilter(patch: Partial<LibraryFilter>): void {
  libraryStore.set((s) => ({ filter: { ...s.filter, ...patch } }));
}

/** Narrow the list to the articles with a passage tagged `tag` (or one under it); '' for all. */
export async function setLibraryTag(tag: string): Promise<void> {
  libraryStore.set({ tag });
  if (!tag) return setLibraryFilter({ articleIds: null });
  try {
    // Only the articles' ids: no passage crosses the bridge.
    const { holding = [] } = await gloss().listPassages({ filter: { tags: [tag] }, limit: 0, holding: true });
    if (libraryStore.get().tag === tag) setLibraryFilter({ articleIds: new Set(holding) });
  } catch (err) {
    showError(err);
  }
}

export async function refreshLibrary(
  pending: Promise<ArticleSummary[]> = gloss().listArticles(),
): Promise<ArticleSummary[]> {
  try {
    const articles = sortArticles(await pending);
    libraryStore.set({ articles, loaded: true });
  } catch (err) {
    showError(err);
    libraryStore.set({ loaded: true });
  }
  return libraryStore.get().articles;
}

export function onImportProgress(done: number, total: number, current?: string): void {
  const s = libraryStore.get().importing;
  if (s?.running) libraryStore.set({ importing: { ...s, done, total, current } });
}

async function runImport(total: number, work: () => Promise<ImportReport>): Promise<ImportReport | null> {
  libraryStore.set({ importing: { running: true, done: 0, total } });
  try {
    const report = await work();
    libraryStore.set({ importing: { running: false, done: total, total, report } });
    await refreshLibrary();
    noteImportVersions(report);
    return report;
  } catch (err) {
    libraryStore.set({ importing: { running: false, done: 0, total, error: messageOf(err) } });
    return null;
  }
}

export async function importFromDialog(): Promise<void> {
  let chosen: ChosenFiles | null;
  try {
    chosen = await gloss().chooseImportFiles();
  } catch (err) {
    showError(err);
    return;
  }
  if (!chosen) return;
  const { grant, names } = chosen;
  await runImport(names.length, () => gloss().importFiles({ grant }));
}

export function importText(
  req: { text: string; html?: string; title?: string },
  total = 1,
): Promise<ImportReport | null> {
  return runImport(total, () => gloss().importText(req));
}

export function importUrl(url: string): Promise<ImportReport | null> {
  return runImport(1, () => gloss().importUrl({ url }));
}

/**
 * Dropped files: in the desktop app the preload has main grant them (it reads
 * their paths), so main reads them like any import; elsewhere they are read
 * here and sent as text.
 */
export async function importDroppedFiles(files: readonly File[]): Promise<void> {
  const dropped = await gloss().grantDroppedFiles?.([...files]);
  if (dropped) {
    const { grant, names } = dropped;
    await runImport(names.length, () => gloss().importFiles({ grant }));
    return;
  }
  const combined: ImportReport = { imported: [], existing: [], failed: [] };
  libraryStore.set({ importing: { running: true, done: 0, total: files.length } });
  for (const [i, file] of files.entries()) {
    libraryStore.set({ importing: { running: true, done: i, total: files.length, current: file.name } });
    try {
      const raw = await file.text();
      const isHtml = /html?$/i.test(file.type) || /\.x?html?$/i.test(file.name);
      const title = file.name.replace(/\.[^.]+$/, '');
      const r = await gloss().importText(isHtml ? { text: raw, html: raw } : { text: raw, title });
      combined.imported.push(...r.imported);
      combined.existing.push(...r.existing);
      combined.failed.push(...r.failed.map((f) => ({ ...f, source: file.name })));
      if (r.warnings?.length) (combined.warnings ??= []).push(...r.warnings);
    } catch (err) {
      const e = err as Error & { code?: string };
      combined.failed.push({ source: file.name, code: e.code ?? 'INTERNAL', message: messageOf(err) });
    }
  }
  libraryStore.set({
    importing: { running: false, done: files.length, total: files.length, report: combined },
  });
  await refreshLibrary();
}

/** Ctrl/Cmd+Shift+V: the clipboard's HTML (or text) becomes an article. */
export async function importFromClipboard(): Promise<void> {
  let text = '';
  let html: string | undefined;
  try {
    if (navigator.clipboard.read) {
      for (const item of await navigator.clipboard.read()) {
        if (item.types.includes('text/html')) html = await (await item.getType('text/html')).text();
        if (item.types.includes('text/plain')) text = await (await item.getType('text/plain')).text();
      }
    } else {
      text = await navigator.clipboard.readText();
    }
  } catch {
    try {
      text = await navigator.clipboard.readText();
    } catch (err) {
      showError(`Could not read the clipboard: ${messageOf(err)}`);
      return;
    }
  }
  if (!text.trim() && !html) {
    showInfo('The clipboard holds no text to import.');
    return;
  }
  await importText(html ? { text: text || html, html } : { text });
}

export function dismissImport(): void {
  libraryStore.set({ importing: null });
}
