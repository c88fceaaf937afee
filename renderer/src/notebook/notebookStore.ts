/**
 * The notebook: the passages of the library passing the filter, held one
 * window at a time (main filters and sorts all of them, listPassages; the
 * list asks for the rows it shows), the filter, the passages selected, and the
 * edits made from it — each one an undoable step of the library's history
 * (ui/batchHistory.ts).
 */
import type { Annotation, ArticleSummary, Color, PassagePage } from '@core/contract';
import { normalizeTags } from '@core/annotations/tags';
import { createStore } from '../store';
import { gloss } from '../gloss';
import { showError, showInfo } from '../app/toasts';
import { plural } from '../ui/format';
import { openPassageById } from '../annotations/annotationsStore';
import { onBatchChange, runBatch } from '../ui/batchHistory';
import { ensureTags } from '../ui/tagList';
import { EVERY_PASSAGE, type NotebookFilter } from '@core/notebook/passage-filter';

/** Rows asked for at a time: a few screens, so scrolling asks rarely. */
export const WINDOW_ROWS = 150;
/** Rows asked for first on a visit: the screen and a little more (a tall one shows 18), so the first paint waits on a third of the bytes. */
const FIRST_ROWS = 45;
/** A passage row's height (px); the stylesheet fixes .passage-row to it. */
export const PASSAGE_ROW_HEIGHT = 118;

export const notebookStore = createStore({
  loaded: false,
  loading: false,
  /** Passages passing the filter; in the library. */
  total: 0,
  all: 0,
  /** The window held: `passages[i]` is row `offset + i` of the filtered list. */
  offset: 0,
  passages: [] as Annotation[],
  articles: new Map<string, ArticleSummary>() as ReadonlyMap<string, ArticleSummary>,
  choices: { articles: [], sources: [] } as NonNullable<PassagePage['choices']>,
  filter: EVERY_PASSAGE as NotebookFilter,
  /** Ids of the passages checked; `anchor` is where a Shift-click range starts. */
  selected: new Set<string>() as ReadonlySet<string>,
  anchor: null as string | null,
  /** The passage whose tags and note are being edited in place. */
  editing: null as string | null,
  /** Where the list was scrolled, kept while an article is open. */
  scrollTop: 0,
});

/** Whether rows [first, last) are held (or beyond the end). */
export function holds(first: number, last: number, s = notebookStore.get()): boolean {
  const end = Math.min(last, s.total);
  return first >= s.offset && end <= s.offset + s.passages.length;
}

let requests = 0;
/** Asks main for the window of rows around `first`. */
export async function loadWindow(first: number, rows = WINDOW_ROWS): Promise<void> {
  const n = ++requests;
  const { filter } = notebookStore.get();
  const offset = Math.max(0, first - Math.floor(rows / 3));
  notebookStore.set({ loading: true });
  try {
    const page = await gloss().listPassages({ filter, offset, limit: rows });
    if (n !== requests) return; // a newer filter or window was asked for since
    notebookStore.set((s) => ({
      total: page.total,
      all: page.all,
      offset: page.offset,
      passages: page.passages,
      articles: withArticles(s.articles, page.articles),
      loaded: true,
      loading: false,
    }));
  } catch (err) {
    if (n === requests) notebookStore.set({ loading: false, loaded: true });
    showError(err);
  }
}

let visit: Promise<void> | null = null;
/**
 * Fresh on every visit: passages may have been added or edited in the reader. The rows come
 * first; the filter menus and tags (thousands of articles) after them. Selected ones gone since are dropped.
 * Asked for as the view is chosen (ui/views.ts) and again as it mounts: the second joins the first.
 */
export function loadNotebook(): Promise<void> {
  return (visit ??= refreshNotebook().finally(() => (visit = null)));
}

async function refreshNotebook(): Promise<void> {
  const s = notebookStore.get();
  const first = Math.floor(s.scrollTop / PASSAGE_ROW_HEIGHT);
  await loadWindow(first, FIRST_ROWS);
  try {
    const [{ choices }] = await Promise.all([
      gloss().listPassages({ limit: 0, choices: true }),
      // The library's tags (ui/tagList.ts): asked only if they changed since last shown.
      ensureTags(),
      // Then the whole window, unless the first held every row there is.
      holds(first, first + WINDOW_ROWS - FIRST_ROWS) ? null : loadWindow(first),
    ]);
    if (choices) notebookStore.set({ choices });
  } catch (err) {
    showError(err);
  }
  if (s.selected.size === 0) return;
  const still = await passagesById([...s.selected]).catch(() => null);
  if (still && still.length < s.selected.size) {
    const ids = new Set(still.map((a) => a.id));
    notebookStore.set((x) => ({ selected: new Set([...x.selected].filter((id) => ids.has(id))) }));
  }
}

function withArticles(
  known: ReadonlyMap<string, ArticleSummary>,
  more: readonly ArticleSummary[],
): ReadonlyMap<string, ArticleSummary> {
  if (more.every((a) => known.get(a.id) === a)) return known;
  const next = new Map(known);
  for (const a of more) next.set(a.id, a);
  return next;
}

export function setNotebookFilter(patch: Partial<NotebookFilter>): void {
  notebookStore.set((s) => ({ filter: { ...s.filter, ...patch } }));
  void loadWindow(0);
}

/** Passages changed elsewhere in the workspace (an undo, a tag rename): replaced where shown. */
function replacePassages(changed: readonly Annotation[]): void {
  if (!changed.length) return;
  const byId = new Map(changed.map((a) => [a.id, a]));
  notebookStore.set((s) => ({ passages: s.passages.map((a) => byId.get(a.id) ?? a) }));
}
onBatchChange(replacePassages);

/** Every passage passing the filter, by id, in order (from main: most are not held here). */
async function shownIds(): Promise<string[]> {
  const { filter } = notebookStore.get();
  return (await gloss().listPassages({ filter, limit: 0, ids: true })).ids ?? [];
}

/** The passages named, held or not, in the notebook's order. */
async function passagesById(ids: readonly string[]): Promise<Annotation[]> {
  const s = notebookStore.get();
  const held = new Map(s.passages.map((a) => [a.id, a]));
  if (ids.every((id) => held.has(id))) return ids.map((id) => held.get(id)!);
  const page = await gloss().listPassages({
    filter: { sort: s.filter.sort },
    only: [...ids],
    limit: ids.length,
  });
  notebookStore.set((x) => ({ articles: withArticles(x.articles, page.articles) }));
  return page.passages;
}

// ---- selection

/** Check or uncheck one passage; with `range`, every passage shown between the anchor and it. */
export async function toggleSelected(id: string, range = false): Promise<void> {
  const s = notebookStore.get();
  const anchor = range ? s.anchor : null;
  let between: string[] | null = null;
  if (anchor && anchor !== id) {
    const window = s.passages.map((a) => a.id);
    const list = window.includes(anchor) && window.includes(id) ? window : await shownIds();
    const from = list.indexOf(anchor);
    const to = list.indexOf(id);
    if (from >= 0 && to >= 0) between = list.slice(Math.min(from, to), Math.max(from, to) + 1);
  }
  notebookStore.set((x) => {
    const next = new Set(x.selected);
    if (between) {
      const value = x.selected.has(anchor!);
      for (const b of between) {
        if (value) next.add(b);
        else next.delete(b);
      }
    } else if (next.has(id)) next.delete(id);
    else next.add(id);
    return { selected: next, anchor: between ? anchor : id };
  });
}

export async function selectAll(): Promise<void> {
  try {
    notebookStore.set({ selected: new Set(await shownIds()) });
  } catch (err) {
    showError(err);
  }
}

export function clearSelection(): void {
  notebookStore.set({ selected: new Set(), anchor: null });
}

/** The passages checked, in the notebook's order (asked of main when not all are held). */
export function selectedPassages(s = notebookStore.get()): Promise<Annotation[]> {
  return passagesById([...s.selected]);
}

// ---- edits

const passage = (id: string) => notebookStore.get().passages.find((a) => a.id === id);

/** Change one passage's tags or note (or colour) in place: saved through updateAnnotation, undoable. */
export function editPassage(
  id: string,
  patch: Partial<Pick<Annotation, 'tags' | 'note' | 'color'>>,
): Promise<unknown> {
  const before = passage(id);
  if (!before) return Promise.resolve();
  // Shown at once; put back if main refuses.
  replacePassages([{ ...before, ...patch }]);
  const label = patch.note !== undefined ? 'Note changed' : patch.tags ? 'Tags changed' : 'Colour changed';
  return runBatch(
    async () => {
      const after = await gloss().updateAnnotation({ articleId: before.articleId, id, ...patch });
      return { articles: 1, before: [before], after: [after] };
    },
    () => label,
    { toast: false },
  ).then((r) => {
    if (!r) replacePassages([before]);
  });
}

/** Change many passages at once (add a tag, recolour): one operation, one undo. */
function editMany(
  list: readonly Annotation[],
  change: (a: Annotation) => Annotation | null,
  label: (n: number) => string,
): Promise<unknown> {
  const now = new Date().toISOString();
  const after = list
    .map((a) => {
      const next = change(a);
      return next ? { ...next, modified: now } : null;
    })
    .filter((a): a is Annotation => a !== null);
  if (after.length === 0) {
    showInfo(label(0));
    return Promise.resolve();
  }
  return runBatch(
    () => gloss().restoreAnnotations({ annotations: after }),
    (r) => label(r.after.length),
  );
}

export async function tagSelected(raw: string): Promise<unknown> {
  const [tag] = normalizeTags([raw]);
  if (!tag) return;
  return editMany(
    await selectedPassages(),
    (a) => {
      const tags = normalizeTags([...a.tags, tag]);
      return tags.length === a.tags.length ? null : { ...a, tags };
    },
    (n) => `Tagged ${plural(n, 'passage')} #${tag}`,
  );
}

export async function recolourSelected(color: Color): Promise<unknown> {
  return editMany(
    await selectedPassages(),
    (a) => (a.color === color ? null : { ...a, color }),
    (n) => `Coloured ${plural(n, 'passage')} ${color}`,
  );
}

// ---- open

/** Open the passage's article, scrolled to it with its highlight selected. */
export function openPassage(a: Annotation): Promise<void> {
  return openPassageById(a.articleId, a.id);
}
