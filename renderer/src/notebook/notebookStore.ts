/**
 * The notebook: every passage in the library (loaded whole when the view
 * opens, then filtered here, so filters answer at once), the filter, the
 * passages selected, and the edits made from it — each one an undoable step
 * of the library's history (ui/batchHistory.ts).
 */
import type { Annotation, ArticleSummary, Color, TagCount } from '../../../main/core/contract';
import { normalizeTags } from '../../../main/core/annotations/tags';
import { createStore } from '../store';
import { gloss } from '../gloss';
import { showError, showInfo } from '../app/toasts';
import { plural } from '../library/format';
import { openPassageById } from '../annotations/annotationsStore';
import { onBatchChange, runBatch } from '../ui/batchHistory';
import { EVERY_PASSAGE, type NotebookFilter } from './notebookFilter';
import { citePassages } from './citation';

export const notebookStore = createStore({
  loaded: false,
  loading: false,
  passages: [] as Annotation[],
  articles: new Map<string, ArticleSummary>() as ReadonlyMap<string, ArticleSummary>,
  tags: [] as TagCount[],
  filter: EVERY_PASSAGE as NotebookFilter,
  /** Ids of the passages checked; `anchor` is where a Shift-click range starts. */
  selected: new Set<string>() as ReadonlySet<string>,
  anchor: null as string | null,
  /** The passage whose tags and note are being edited in place. */
  editing: null as string | null,
  /** Where the list was scrolled, kept while an article is open. */
  scrollTop: 0,
});

let loads = 0;
export async function loadNotebook(): Promise<void> {
  const n = ++loads;
  notebookStore.set({ loading: true });
  try {
    const [{ annotations, articles }, tags] = await Promise.all([
      gloss().listLibraryAnnotations({}),
      gloss().listTags(),
    ]);
    if (n !== loads) return;
    const byId = new Map(articles.map((a) => [a.id, a]));
    const ids = new Set(annotations.map((a) => a.id));
    notebookStore.set((s) => ({
      passages: annotations,
      articles: byId,
      tags,
      loaded: true,
      loading: false,
      // Passages gone since (removed elsewhere) are no longer selected.
      selected: [...s.selected].every((id) => ids.has(id))
        ? s.selected
        : new Set([...s.selected].filter((id) => ids.has(id))),
    }));
  } catch (err) {
    if (n === loads) notebookStore.set({ loading: false, loaded: true });
    showError(err);
  }
}

export function setNotebookFilter(patch: Partial<NotebookFilter>): void {
  notebookStore.set((s) => ({ filter: { ...s.filter, ...patch } }));
}

/** Passages changed elsewhere in the workspace (an undo, a tag rename): replaced where shown. */
function replacePassages(changed: readonly Annotation[]): void {
  if (!changed.length) return;
  const byId = new Map(changed.map((a) => [a.id, a]));
  notebookStore.set((s) => ({ passages: s.passages.map((a) => byId.get(a.id) ?? a) }));
  void gloss()
    .listTags()
    .then(
      (tags) => notebookStore.set({ tags }),
      () => undefined,
    );
}
onBatchChange(replacePassages);

// ---- selection

/** Check or uncheck one passage; with `range`, every passage shown between the anchor and it. */
export function toggleSelected(id: string, shown: readonly Annotation[], range = false): void {
  notebookStore.set((s) => {
    const next = new Set(s.selected);
    const on = !s.selected.has(id);
    const from = range && s.anchor ? shown.findIndex((a) => a.id === s.anchor) : -1;
    const to = shown.findIndex((a) => a.id === id);
    if (from >= 0 && to >= 0) {
      const [lo, hi] = from < to ? [from, to] : [to, from];
      const value = s.selected.has(s.anchor!);
      for (let i = lo; i <= hi; i++) {
        if (value) next.add(shown[i].id);
        else next.delete(shown[i].id);
      }
    } else if (on) next.add(id);
    else next.delete(id);
    return { selected: next, anchor: range && s.anchor ? s.anchor : id };
  });
}

export function selectAll(shown: readonly Annotation[]): void {
  notebookStore.set({ selected: new Set(shown.map((a) => a.id)) });
}

export function clearSelection(): void {
  notebookStore.set({ selected: new Set(), anchor: null });
}

export function selectedPassages(s = notebookStore.get(), shown?: readonly Annotation[]): Annotation[] {
  return (shown ?? s.passages).filter((a) => s.selected.has(a.id));
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

export function tagSelected(raw: string): Promise<unknown> {
  const [tag] = normalizeTags([raw]);
  if (!tag) return Promise.resolve();
  return editMany(
    selectedPassages(),
    (a) => {
      const tags = normalizeTags([...a.tags, tag]);
      return tags.length === a.tags.length ? null : { ...a, tags };
    },
    (n) => `Tagged ${plural(n, 'passage')} #${tag}`,
  );
}

export function recolourSelected(color: Color): Promise<unknown> {
  return editMany(
    selectedPassages(),
    (a) => (a.color === color ? null : { ...a, color }),
    (n) => `Coloured ${plural(n, 'passage')} ${color}`,
  );
}

// ---- copy and open

export async function copyPassages(list: readonly Annotation[]): Promise<void> {
  if (!list.length) return;
  try {
    await navigator.clipboard.writeText(citePassages(list, notebookStore.get().articles));
    showInfo(
      list.length === 1
        ? 'Copied the passage with its citation'
        : `Copied ${plural(list.length, 'passage')} with their citations`,
    );
  } catch (err) {
    showError(`Could not copy: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** Open the passage's article, scrolled to it with its highlight selected. */
export function openPassage(a: Annotation): Promise<void> {
  return openPassageById(a.articleId, a.id);
}
