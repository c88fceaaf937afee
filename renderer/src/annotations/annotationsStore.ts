/**
 * The open article's annotations, the editor and panel state, and undo/redo.
 * Every change is applied to the UI at once, saved through main, and reverted
 * with an error toast if main refuses. Calls run one at a time, in order.
 */
import type { Annotation, Color } from '@core/contract';
import { createStore } from '../store';
import { gloss } from '../gloss';
import { showError, showInfo } from '../app/toasts';
import { EMPTY_HISTORY, inverse, record, takeRedo, takeUndo, type Change, type History } from './history';
import { restoreDrafts } from './drafts';
import { tagsChanged } from '../ui/tagList';
import { openArticle } from '../reader/readerStore';
import { afterNextPaint } from '../ui/afterPaint';
import {
  findByKey,
  fromMain,
  keyOfId,
  putLocal,
  putSaved,
  settle,
  sorted,
  toAnnotation,
  unsavedAnnotation,
  withoutKey,
  type Filter,
  type LocalAnnotation,
} from './localAnnotations';

export { visibleAnnotations } from './localAnnotations';

export type EditorFocus = 'color' | 'tags' | 'note';

/** Selection, editor and flash name items by their local key (see localAnnotations.ts), never by id. */
export interface AnnotationsState {
  articleId: string | null;
  items: LocalAnnotation[];
  selectedKey: string | null;
  /** `session` names one opening of the editor (a fresh editor each time it opens). */
  editor: { key: string; focus: EditorFocus; session: number } | null;
  filter: Filter;
  flash: { key: string; n: number } | null;
  lastColor: Color;
  history: History;
}

export const annotationsStore = createStore<AnnotationsState>({
  articleId: null,
  items: [],
  selectedKey: null,
  editor: null,
  filter: { tag: '', color: '' },
  flash: null,
  lastColor: 'yellow',
  history: EMPTY_HISTORY,
});

/** Change the list, unless the article changed meanwhile (a late answer for the one before). */
function setItems(articleId: string, update: (items: LocalAnnotation[]) => LocalAnnotation[]): void {
  annotationsStore.set((s) => (s.articleId === articleId ? { items: update(s.items) } : {}));
}

/** Selection and editor let go of an item that left the list. */
const forget = (key: string) => (s: AnnotationsState) => ({
  selectedKey: s.selectedKey === key ? null : s.selectedKey,
  editor: s.editor?.key === key ? null : s.editor,
  flash: s.flash?.key === key ? null : s.flash,
});

let queue: Promise<unknown> = Promise.resolve();
function serial<T>(work: () => Promise<T>): Promise<T> {
  const run = queue.then(work, work);
  queue = run.catch(() => undefined);
  return run;
}

/** Annotations asked for before the reader opened (start-up), used once by loadAnnotations. */
const primed = new Map<string, Promise<Annotation[]>>();
export function primeAnnotations(articleId: string, pending: Promise<Annotation[]>): void {
  primed.set(articleId, pending);
}

export async function loadAnnotations(articleId: string): Promise<void> {
  annotationsStore.set({ articleId, items: [], selectedKey: null, editor: null, flash: null });
  const pending = primed.get(articleId) ?? gloss().listAnnotations({ articleId });
  primed.delete(articleId);
  try {
    const items = await pending;
    if (annotationsStore.get().articleId !== articleId) return;
    annotationsStore.set({ items: sorted(items.map(fromMain)) });
    // What was being typed when the page last went away becomes part of its highlight
    // (saved annotations are keyed by their id, so the ids restored are keys).
    const restored = await restoreDrafts(articleId, items, updateAnnotation);
    if (restored.length) annotationsStore.set({ selectedKey: restored[restored.length - 1] });
  } catch (err) {
    showError(err);
  }
}

export function clearAnnotations(): void {
  annotationsStore.set({ articleId: null, items: [], selectedKey: null, editor: null, flash: null });
}

/**
 * Show a new highlight at once and save it. `key` is usable right away (select
 * it, open its editor: edits wait in line for the save); `saved` settles with
 * what main stored, or null when it refused (the highlight is then gone).
 */
export function createHighlight(req: {
  start: number;
  end: number;
  color: Color;
  tags?: string[];
  note?: string;
}): { key: string; saved: Promise<Annotation | null> } | null {
  const articleId = annotationsStore.get().articleId;
  if (!articleId) return null;
  annotationsStore.set({ lastColor: req.color });
  const item = unsavedAnnotation(articleId, req);
  const { key } = item;
  setItems(articleId, (items) => putLocal(items, item));
  annotationsStore.set({ selectedKey: key });
  const saved = serial(async () => {
    // The new mark is painted first: the request (made and sent on this thread, main's work on the
    // same cores) waits for that frame (bench add-highlight).
    await new Promise<void>((ok) => afterNextPaint(ok));
    try {
      const result = await gloss().createAnnotation({
        articleId,
        start: req.start,
        end: req.end,
        color: req.color,
        tags: req.tags ?? [],
        note: req.note ?? '',
      });
      setItems(articleId, (items) => settle(items, key, result));
      annotationsStore.set((s) => ({ history: record(s.history, { kind: 'create', annotation: result }) }));
      if (result.tags.length) tagsChanged();
      return result;
    } catch (err) {
      setItems(articleId, (items) => withoutKey(items, key));
      annotationsStore.set(forget(key));
      showError(err);
      return null;
    }
  });
  return { key, saved };
}

export type AnnotationPatch = Partial<Pick<Annotation, 'color' | 'tags' | 'note'>>;

/** Change the highlight `key`; waits in line behind its save when it is new. */
export function updateAnnotation(key: string, patch: AnnotationPatch): Promise<void> {
  return serial(async () => {
    const before = findByKey(annotationsStore.get().items, key);
    if (!before || before.unsaved) return;
    if (patch.color === before.color && patch.tags === undefined && patch.note === undefined) return;
    if (patch.color) annotationsStore.set({ lastColor: patch.color });
    const { articleId, id } = before;
    setItems(articleId, (items) => putLocal(items, { ...before, ...patch }));
    try {
      const after = await gloss().updateAnnotation({ articleId, id, ...patch });
      setItems(articleId, (items) => putLocal(items, { ...after, key }));
      annotationsStore.set((s) => ({
        history: record(s.history, { kind: 'update', before: toAnnotation(before), after }),
      }));
      if (patch.tags) tagsChanged();
    } catch (err) {
      setItems(articleId, (items) => putLocal(items, before));
      showError(err);
    }
  });
}

/** Delete the highlight `key`; `undoable` offers Undo in a message (a deletion from the keyboard). */
export function deleteAnnotation(key: string, opts: { undoable?: boolean } = {}): Promise<void> {
  return serial(async () => {
    const before = findByKey(annotationsStore.get().items, key);
    if (!before || before.unsaved) return;
    const { articleId, id } = before;
    setItems(articleId, (items) => withoutKey(items, key));
    annotationsStore.set(forget(key));
    try {
      await gloss().deleteAnnotation({ articleId, id });
      const annotation = toAnnotation(before);
      annotationsStore.set((s) => ({ history: record(s.history, { kind: 'delete', annotation }) }));
      if (before.tags.length) tagsChanged();
      if (opts.undoable) showInfo('Highlight deleted.', { label: 'Undo', run: () => void undoDelete(id) });
    } catch (err) {
      setItems(articleId, (items) => putLocal(items, before));
      showError(err);
    }
  });
}

/** The message's Undo: only while the deletion is still the last change (Ctrl/Cmd+Z covers the rest). */
function undoDelete(id: string): Promise<void> {
  const last = annotationsStore.get().history.undo.at(-1);
  if (last?.kind !== 'delete' || last.annotation.id !== id) return Promise.resolve();
  return undo();
}

/** Make `change` true in main and in the list (redo does a change, undo its inverse). */
async function apply(change: Change): Promise<void> {
  const g = gloss();
  switch (change.kind) {
    case 'create': {
      const a = await g.restoreAnnotation({ annotation: change.annotation });
      setItems(a.articleId, (items) => putSaved(items, a));
      const key = keyOfId(annotationsStore.get().items, a.id);
      if (key) annotationsStore.set({ selectedKey: key });
      return;
    }
    case 'delete': {
      const a = change.annotation;
      await g.deleteAnnotation({ articleId: a.articleId, id: a.id });
      const key = keyOfId(annotationsStore.get().items, a.id);
      if (!key) return;
      setItems(a.articleId, (items) => withoutKey(items, key));
      annotationsStore.set(forget(key));
      return;
    }
    case 'update': {
      const { articleId, id, color, tags, note } = change.after;
      const after = await g.updateAnnotation({ articleId, id, color, tags, note });
      setItems(articleId, (items) => putSaved(items, after));
      return;
    }
  }
}

/** Whether a change (or its inverse) moves a tag's count. */
const movesTags = (c: Change) =>
  c.kind === 'update' ? c.before.tags.join('\n') !== c.after.tags.join('\n') : c.annotation.tags.length > 0;

export function undo(): Promise<void> {
  return serial(async () => {
    const step = takeUndo(annotationsStore.get().history);
    if (!step) return;
    try {
      await apply(inverse(step.change));
      annotationsStore.set({ history: step.next });
      if (movesTags(step.change)) tagsChanged();
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
      if (movesTags(step.change)) tagsChanged();
    } catch (err) {
      showError(err);
    }
  });
}

export function selectAnnotation(key: string | null): void {
  annotationsStore.set({ selectedKey: key });
}

let editorSession = 0;
export function openEditor(key: string, focus: EditorFocus = 'color'): void {
  annotationsStore.set({ selectedKey: key, editor: { key, focus, session: ++editorSession } });
}

export function closeEditor(): void {
  annotationsStore.set({ editor: null });
}

let flashN = 0;
/** Ask the reader to scroll to an annotation and flash it. */
export function revealAnnotation(key: string): void {
  const flash = { key, n: ++flashN };
  annotationsStore.set({ selectedKey: key, flash });
  setTimeout(() => {
    if (annotationsStore.get().flash === flash) annotationsStore.set({ flash: null });
  }, 1600);
}

export function setFilter(filter: Partial<Filter>): void {
  annotationsStore.set((s) => ({ filter: { ...s.filter, ...filter } }));
}

/** Open an article scrolled to one of its highlights, selected (from the notebook or a search hit). */
export async function openPassageById(articleId: string, id: string): Promise<void> {
  if (!(await openArticle(articleId))) return;
  // The reader loads the article's annotations itself; reveal once this one is among them.
  const shown = () => {
    const s = annotationsStore.get();
    return s.articleId === articleId ? keyOfId(s.items, id) : undefined;
  };
  const key = shown();
  if (key) return revealAnnotation(key);
  const stop = annotationsStore.subscribe(() => {
    const s = annotationsStore.get();
    if (s.articleId !== articleId && s.articleId !== null) return stop();
    const key = shown();
    if (key) {
      stop();
      revealAnnotation(key);
    }
  });
}
