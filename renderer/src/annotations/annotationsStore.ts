/**
 * The open article's annotations, the editor and panel state, and undo/redo.
 * Every change is applied to the UI at once, saved through main, and reverted
 * with an error toast if main refuses. Calls run one at a time, in order.
 */
import type { Annotation, Color, TagCount } from '../../../main/core/contract';
import { createStore } from '../store';
import { gloss } from '../gloss';
import { showError } from '../app/toasts';
import { EMPTY_HISTORY, inverse, record, takeRedo, takeUndo, type Change, type History } from './history';
import { restoreDrafts } from './drafts';
import { openArticle } from '../reader/readerStore';
import { tagCovers } from '../../../main/core/annotations/tags';

export type EditorFocus = 'color' | 'tags' | 'note';

export interface AnnotationsState {
  articleId: string | null;
  items: Annotation[];
  selectedId: string | null;
  /** `session` names one opening of the editor: it survives the pending id turning into the saved one. */
  editor: { id: string; focus: EditorFocus; session: number } | null;
  filter: { tag: string; color: Color | '' };
  flash: { id: string; n: number } | null;
  lastColor: Color;
  history: History;
  tags: TagCount[];
}

export const annotationsStore = createStore<AnnotationsState>({
  articleId: null,
  items: [],
  selectedId: null,
  editor: null,
  filter: { tag: '', color: '' },
  flash: null,
  lastColor: 'yellow',
  history: EMPTY_HISTORY,
  tags: [],
});

const byPosition = (a: Annotation, b: Annotation) =>
  a.target.position.start - b.target.position.start || a.target.position.end - b.target.position.end;

function setItems(update: (items: Annotation[]) => Annotation[]): void {
  annotationsStore.set((s) => ({ items: update(s.items).sort(byPosition) }));
}

const upsert = (a: Annotation) => (items: Annotation[]) => {
  if (a.articleId !== annotationsStore.get().articleId) return items;
  return [...items.filter((x) => x.id !== a.id), a];
};
const without = (id: string) => (items: Annotation[]) => items.filter((x) => x.id !== id);

let queue: Promise<unknown> = Promise.resolve();
function serial<T>(work: () => Promise<T>): Promise<T> {
  const run = queue.then(work, work);
  queue = run.catch(() => undefined);
  return run;
}

export async function refreshTags(): Promise<void> {
  try {
    annotationsStore.set({ tags: await gloss().listTags() });
  } catch {
    /* autocomplete is a nicety; the next change retries */
  }
}

/** Annotations asked for before the reader opened (start-up), used once by loadAnnotations. */
const primed = new Map<string, Promise<Annotation[]>>();
export function primeAnnotations(articleId: string, pending: Promise<Annotation[]>): void {
  primed.set(articleId, pending);
}

export async function loadAnnotations(articleId: string): Promise<void> {
  annotationsStore.set({ articleId, items: [], selectedId: null, editor: null, flash: null });
  const pending = primed.get(articleId) ?? gloss().listAnnotations({ articleId });
  primed.delete(articleId);
  try {
    const items = await pending;
    if (annotationsStore.get().articleId !== articleId) return;
    annotationsStore.set({ items: [...items].sort(byPosition) });
    // What was being typed when the page last went away becomes part of its highlight.
    const restored = await restoreDrafts(articleId, items, updateAnnotation);
    if (restored.length) annotationsStore.set({ selectedId: restored[restored.length - 1] });
  } catch (err) {
    showError(err);
  }
  // Tag autocomplete can wait until the page has painted.
  setTimeout(() => void refreshTags(), 500);
}

export function clearAnnotations(): void {
  annotationsStore.set({ articleId: null, items: [], selectedId: null, editor: null, flash: null });
}

let pendingId = 0;
/** Temporary ids of optimistic highlights → the ids main gave them. */
const savedIds = new Map<string, string>();
const resolveId = (id: string) => savedIds.get(id) ?? id;

export function createHighlight(req: {
  start: number;
  end: number;
  color: Color;
  tags?: string[];
  note?: string;
}): Promise<Annotation | null> {
  const articleId = annotationsStore.get().articleId;
  if (!articleId) return Promise.resolve(null);
  annotationsStore.set({ lastColor: req.color });
  const now = new Date().toISOString();
  const temp: Annotation = {
    id: `pending-${++pendingId}`,
    articleId,
    target: {
      source: articleId,
      quote: { type: 'TextQuoteSelector', exact: '', prefix: '', suffix: '' },
      position: { type: 'TextPositionSelector', start: req.start, end: req.end },
    },
    color: req.color,
    tags: req.tags ?? [],
    note: req.note ?? '',
    created: now,
    modified: now,
  };
  setItems(upsert(temp));
  return serial(async () => {
    try {
      const result = await gloss().createAnnotation({
        articleId,
        start: req.start,
        end: req.end,
        color: req.color,
        tags: req.tags ?? [],
        note: req.note ?? '',
      });
      savedIds.set(temp.id, result.id);
      setItems((items) => upsert(result)(without(temp.id)(items)));
      // The user may already have clicked the highlight while it was being saved.
      annotationsStore.set((s) => ({
        history: record(s.history, { kind: 'create', annotation: result }),
        selectedId: result.id,
        editor: s.editor?.id === temp.id ? { ...s.editor, id: result.id } : s.editor,
        flash: s.flash?.id === temp.id ? { ...s.flash, id: result.id } : s.flash,
      }));
      if (result.tags.length) void refreshTags();
      return result;
    } catch (err) {
      setItems(without(temp.id));
      showError(err);
      return null;
    }
  });
}

export type AnnotationPatch = Partial<Pick<Annotation, 'color' | 'tags' | 'note'>>;

export function updateAnnotation(pending: string, patch: AnnotationPatch): Promise<void> {
  return serial(async () => {
    const id = resolveId(pending);
    const before = annotationsStore.get().items.find((a) => a.id === id);
    if (!before) return;
    if (patch.color === before.color && patch.tags === undefined && patch.note === undefined) return;
    if (patch.color) annotationsStore.set({ lastColor: patch.color });
    setItems(upsert({ ...before, ...patch }));
    try {
      const after = await gloss().updateAnnotation({ articleId: before.articleId, id, ...patch });
      setItems(upsert(after));
      annotationsStore.set((s) => ({ history: record(s.history, { kind: 'update', before, after }) }));
      if (patch.tags) void refreshTags();
    } catch (err) {
      setItems(upsert(before));
      showError(err);
    }
  });
}

export function deleteAnnotation(pending: string): Promise<void> {
  return serial(async () => {
    const id = resolveId(pending);
    const before = annotationsStore.get().items.find((a) => a.id === id);
    if (!before) return;
    setItems(without(id));
    annotationsStore.set((s) => ({
      selectedId: s.selectedId === id ? null : s.selectedId,
      editor: s.editor?.id === id ? null : s.editor,
    }));
    try {
      await gloss().deleteAnnotation({ articleId: before.articleId, id });
      annotationsStore.set((s) => ({ history: record(s.history, { kind: 'delete', annotation: before }) }));
      if (before.tags.length) void refreshTags();
    } catch (err) {
      setItems(upsert(before));
      showError(err);
    }
  });
}

/** Make `change` true in main and in the list (redo does a change, undo its inverse). */
async function apply(change: Change): Promise<void> {
  const g = gloss();
  switch (change.kind) {
    case 'create': {
      const a = await g.restoreAnnotation({ annotation: change.annotation });
      setItems(upsert(a));
      annotationsStore.set({ selectedId: a.id });
      return;
    }
    case 'delete': {
      const a = change.annotation;
      await g.deleteAnnotation({ articleId: a.articleId, id: a.id });
      setItems(without(a.id));
      annotationsStore.set((s) => ({
        selectedId: s.selectedId === a.id ? null : s.selectedId,
        editor: s.editor?.id === a.id ? null : s.editor,
      }));
      return;
    }
    case 'update': {
      const { articleId, id, color, tags, note } = change.after;
      setItems(upsert(await g.updateAnnotation({ articleId, id, color, tags, note })));
      return;
    }
  }
}

export function undo(): Promise<void> {
  return serial(async () => {
    const step = takeUndo(annotationsStore.get().history);
    if (!step) return;
    try {
      await apply(inverse(step.change));
      annotationsStore.set({ history: step.next });
      void refreshTags();
    } catch (err) {
      showError(err);
    }
  });
}

export function redo(): Promise<void> {
  return serial(async () => {
    const step = takeRedo(annotationsStore.get().history);
    if (!step) return;
    try {
      await apply(step.change);
      annotationsStore.set({ history: step.next });
      void refreshTags();
    } catch (err) {
      showError(err);
    }
  });
}

export function selectAnnotation(id: string | null): void {
  annotationsStore.set({ selectedId: id });
}

let editorSession = 0;
export function openEditor(id: string, focus: EditorFocus = 'color'): void {
  annotationsStore.set({ selectedId: id, editor: { id, focus, session: ++editorSession } });
}

export function closeEditor(): void {
  annotationsStore.set({ editor: null });
}

let flashN = 0;
/** Ask the reader to scroll to an annotation and flash it. */
export function revealAnnotation(id: string): void {
  const flash = { id, n: ++flashN };
  annotationsStore.set({ selectedId: id, flash });
  setTimeout(() => {
    if (annotationsStore.get().flash === flash) annotationsStore.set({ flash: null });
  }, 1600);
}

export function setFilter(filter: Partial<AnnotationsState['filter']>): void {
  annotationsStore.set((s) => ({ filter: { ...s.filter, ...filter } }));
}

export function visibleAnnotations(s: Pick<AnnotationsState, 'items' | 'filter'>): Annotation[] {
  return s.items.filter(
    (a) =>
      (!s.filter.color || a.color === s.filter.color) &&
      (!s.filter.tag || a.tags.some((t) => tagCovers(s.filter.tag, t))),
  );
}

/** Open an article scrolled to one of its highlights, selected (from the notebook or a search hit). */
export async function openPassageById(articleId: string, id: string): Promise<void> {
  if (!(await openArticle(articleId))) return;
  // The reader loads the article's annotations itself; reveal once this one is among them.
  const shown = () => {
    const s = annotationsStore.get();
    return s.articleId === articleId && s.items.some((x) => x.id === id);
  };
  if (shown()) return revealAnnotation(id);
  const stop = annotationsStore.subscribe(() => {
    const s = annotationsStore.get();
    if (s.articleId !== articleId && s.articleId !== null) return stop();
    if (shown()) {
      stop();
      revealAnnotation(id);
    }
  });
}
