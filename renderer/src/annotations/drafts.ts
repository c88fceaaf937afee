/**
 * Drafts: what the user is typing into a note or tag field, saved through main
 * as they type (debounced) and at once when the page is about to go away, so a
 * reload, a crash or a quit never loses typing. When an article opens, its
 * drafts are applied to their annotations (one undoable change each).
 */
import type { Annotation } from '@core/contract';
import { normalizeTags } from '@core/annotations/tags';
import { gloss } from '../gloss';
import { showInfo } from '../app/toasts';
import { plural } from '../ui/format';

export interface DraftFields {
  /** The note as typed, when it differs from the saved note. */
  note?: string;
  /** Text in the tag field not yet added as a tag. */
  tag?: string;
}

/** Quiet time after a keystroke before the draft is saved. */
export const DRAFT_DEBOUNCE_MS = 300;

interface Pending {
  articleId: string;
  /** Main's id for the annotation: null while it is unsaved, undefined once it is gone. */
  annotationId: () => string | null | undefined;
  fields: DraftFields;
}

const pending = new Map<string, Pending>(); // editor key → latest fields
const saved = new Set<string>(); // annotation ids with a draft in main
let timer: ReturnType<typeof setTimeout> | undefined;

const isEmpty = (f: DraftFields) => f.note === undefined && !f.tag;

/**
 * Record what an editor's fields hold now. `key` names the editor; `annotationId`
 * is read when the draft is sent (a new highlight may not have its id yet).
 */
export function typeDraft(
  key: string,
  articleId: string,
  annotationId: () => string | null | undefined,
  fields: DraftFields,
): void {
  pending.set(key, { articleId, annotationId, fields });
  guardLeaving(true);
  clearTimeout(timer);
  timer = setTimeout(() => void flushDrafts(), DRAFT_DEBOUNCE_MS);
}

/**
 * Other text saved as it is typed (the article's note) flushes with the drafts.
 * `unsent` says whether it holds typing not yet sent; its owner calls
 * `typedUnsent()` on each keystroke and `sentTyping()` once it has sent.
 */
const flushers = new Map<() => Promise<void>, () => boolean>();
export function registerFlush(flush: () => Promise<void>, unsent: () => boolean): () => void {
  flushers.set(flush, unsent);
  return () => {
    flushers.delete(flush);
    sentTyping();
  };
}

/**
 * A beforeunload listener, only while something typed is not yet sent. pagehide
 * flushes too, but a page being unloaded is past the point where every host
 * still delivers its requests (the test harness's bridge drops them); and a
 * listener kept at all times makes every navigation wait for a round trip to the
 * page before its request leaves (bench open-article: requestStart 13 → 5 ms
 * without it, the static page's own).
 */
let onLeaving: (() => void) | undefined;
let guarding = false;
function guardLeaving(on: boolean): void {
  if (!onLeaving || on === guarding) return;
  guarding = on;
  if (on) window.addEventListener('beforeunload', onLeaving);
  else window.removeEventListener('beforeunload', onLeaving);
}
/** Typing that is not sent yet: guard the page's leaving until it is. */
export function typedUnsent(): void {
  guardLeaving(true);
}
/** Typing was sent: stop guarding once nothing else waits. */
export function sentTyping(): void {
  guardLeaving(pending.size > 0 || [...flushers.values()].some((unsent) => unsent()));
}

/**
 * Send every draft now. The requests leave synchronously, so this is safe in
 * beforeunload and pagehide; the promise resolves when main has saved them.
 */
export function flushDrafts(): Promise<void> {
  clearTimeout(timer);
  timer = undefined;
  const sends: Promise<void>[] = [...flushers.keys()].map((flush) => flush());
  for (const [key, p] of pending) {
    const annotationId = p.annotationId();
    if (annotationId === null) continue; // not saved yet: sent once it has its id
    pending.delete(key);
    if (annotationId === undefined) continue; // its highlight is gone
    if (isEmpty(p.fields) && !saved.has(annotationId)) continue;
    if (isEmpty(p.fields)) saved.delete(annotationId);
    else saved.add(annotationId);
    sends.push(
      gloss()
        .saveDraft({ articleId: p.articleId, annotationId, ...p.fields })
        .catch(() => undefined),
    );
  }
  if (pending.size) timer = setTimeout(() => void flushDrafts(), DRAFT_DEBOUNCE_MS);
  sentTyping();
  return Promise.all(sends).then(() => undefined);
}

/** The fields were committed to the annotation: forget the draft, here and in main. */
export function clearDraft(
  key: string,
  articleId: string,
  annotationId: string | null | undefined,
): Promise<void> {
  pending.delete(key);
  sentTyping();
  if (!annotationId) return Promise.resolve();
  saved.delete(annotationId);
  return gloss()
    .saveDraft({ articleId, annotationId })
    .catch(() => undefined);
}

/** The changes that apply an article's saved drafts to its annotations. */
export function draftPatches(
  items: readonly Annotation[],
  drafts: readonly { annotationId: string; note?: string; tag?: string }[],
): Array<{ id: string; patch: Partial<Pick<Annotation, 'note' | 'tags'>> }> {
  const out: Array<{ id: string; patch: Partial<Pick<Annotation, 'note' | 'tags'>> }> = [];
  for (const d of drafts) {
    const a = items.find((x) => x.id === d.annotationId);
    if (!a) continue;
    const patch: Partial<Pick<Annotation, 'note' | 'tags'>> = {};
    if (d.note !== undefined && d.note.trim() !== a.note) patch.note = d.note;
    const tags = d.tag ? normalizeTags([...a.tags, ...d.tag.split(',')]) : a.tags;
    if (tags.length !== a.tags.length) patch.tags = tags;
    out.push({ id: a.id, patch });
  }
  return out;
}

/** Apply what was being typed when the page last went away; say so once. */
export async function restoreDrafts(
  articleId: string,
  items: readonly Annotation[],
  update: (id: string, patch: Partial<Pick<Annotation, 'note' | 'tags'>>) => Promise<void>,
): Promise<string[]> {
  const drafts = await gloss().listDrafts({ articleId });
  const restored: string[] = [];
  for (const { id, patch } of draftPatches(items, drafts)) {
    if (patch.note !== undefined || patch.tags) {
      await update(id, patch);
      restored.push(id);
    }
    await gloss()
      .saveDraft({ articleId, annotationId: id })
      .catch(() => undefined);
  }
  if (restored.length) showInfo(`Restored what you were typing in ${plural(restored.length, 'highlight')}.`);
  return restored;
}

/**
 * Save drafts whenever the page may be going away: reload, close, hidden, and
 * when the shell asks; on beforeunload too while typing is unsent (guardLeaving).
 */
export function installDraftFlushing(): () => void {
  const onHide = () => {
    if (document.visibilityState === 'hidden') void flushDrafts();
  };
  const onLeave = () => void flushDrafts();
  onLeaving = onLeave;
  sentTyping();
  window.addEventListener('pagehide', onLeave);
  document.addEventListener('visibilitychange', onHide);
  const unsubscribe = gloss().onEvent((e) => {
    if (e.type === 'flush-drafts')
      void flushDrafts().then(() => gloss().draftsFlushed({ request: e.request }));
  });
  return () => {
    guardLeaving(false);
    onLeaving = undefined;
    window.removeEventListener('pagehide', onLeave);
    document.removeEventListener('visibilitychange', onHide);
    unsubscribe();
  };
}
