/**
 * Undo and redo for changes made across the library (the notebook's edits,
 * the tag manager's renames, merges and deletes, a Markdown sync). Each step
 * holds the passages (and tags' codes, and article notes) as they were and as
 * they became: undo puts the old ones back in one journaled operation
 * (restoreAnnotations); redo does the change again. Views that show passages
 * or tags listen, so every count follows.
 */
import type { Annotation, ArticleNoteChange, BatchReport, TagCodeChange } from '@core/contract';
import { gloss } from '../gloss';
import { dismissToast, showError, showInfo } from '../app/toasts';
import { articleNoteChanged } from '../annotations/articleNoteChanges';
import { nextChange } from './historyOrder';
import { batchUndo } from '@core/annotations/batch-undo';

export interface BatchStep {
  /** What happened, as a toast says it ("Renamed #a to #b in 3 passages"). */
  label: string;
  before: Annotation[];
  after: Annotation[];
  /** Tags whose colour or description changed with it. */
  codebook: TagCodeChange[];
  /** Article notes it set (a Markdown sync). */
  articleNotes: ArticleNoteChange[];
  /** Articles it added (Import Highlights): undo removes them. */
  articlesAdded: string[];
  /** Made from the library (Import Highlights): Ctrl/Cmd+Z there undoes it while it is the last change. */
  library?: boolean;
  /** When it was done, in the order of every undoable change in the app (historyOrder.ts). */
  seq: number;
  /** Do the change again; answers what it did this time. */
  redo: () => Promise<BatchReport>;
  /** How the views follow the change (done after it and each redo); answers how they go back at its undo. */
  follow?: () => (() => Promise<void>) | undefined;
  unfollow?: () => Promise<void>;
  /** The toast offering to undo (or redo) it: taken down once that no longer applies. */
  toast?: number;
}

const undoStack: BatchStep[] = [];
const redoStack: BatchStep[] = [];
const LIMIT = 100;
const listeners = new Set<(after: readonly Annotation[]) => void>();

/** The open article's note field shows a note the change set (or put back) at once. */
function notesShown(notes: readonly ArticleNoteChange[], side: 'before' | 'after'): void {
  for (const n of notes) articleNoteChanged(n.articleId, n[side]?.text ?? '');
}

/** Be told of every change done, undone or redone here (the passages as they are now). */
export function onBatchChange(listener: (after: readonly Annotation[]) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function changed(now: readonly Annotation[]): void {
  for (const l of listeners) l(now);
}

let queue: Promise<unknown> = Promise.resolve();
/** One change at a time, in the order asked. */
function serial<T>(work: () => Promise<T>): Promise<T> {
  const run = queue.then(work, work);
  queue = run.catch(() => undefined);
  return run;
}

/**
 * Run a change and remember it: `run` answers what it did. The toast says
 * `label(report)` and offers Undo. Nothing is recorded when nothing changed.
 */
export function runBatch(
  run: () => Promise<BatchReport>,
  label: (r: BatchReport) => string,
  opts: { toast?: boolean; follow?: BatchStep['follow']; library?: boolean } = {},
): Promise<BatchReport | null> {
  return serial(async () => {
    try {
      const report = await run();
      notesShown(report.articleNotes ?? [], 'after');
      if (
        report.after.length === 0 &&
        report.before.length === 0 &&
        !report.codebook?.length &&
        !report.articleNotes?.length &&
        !report.articlesAdded?.length
      ) {
        if (opts.toast !== false) showInfo(label(report));
        return report;
      }
      const step: BatchStep = {
        label: label(report),
        before: report.before,
        after: report.after,
        codebook: report.codebook ?? [],
        articleNotes: report.articleNotes ?? [],
        articlesAdded: report.articlesAdded ?? [],
        library: opts.library,
        seq: nextChange(),
        redo: run,
        follow: opts.follow,
        unfollow: opts.follow?.(),
      };
      undoStack.push(step);
      if (undoStack.length > LIMIT) undoStack.shift();
      redoStack.length = 0;
      changed(report.after);
      if (opts.toast !== false) offerUndo(step);
      return report;
    } catch (err) {
      showError(err);
      return null;
    }
  });
}

export const canUndoBatch = () => undoStack.length > 0;

/** When the last change made from the library that undo (or redo) would take was done; -1: none is next. */
export function libraryBatchSeq(which: 'undo' | 'redo'): number {
  const step = (which === 'undo' ? undoStack : redoStack).at(-1);
  return step?.library ? step.seq : -1;
}

/** A toast's Undo undoes its own step, and only while it is the last change (changes build on one another). */
function offerUndo(step: BatchStep): void {
  step.toast = showInfo(step.label, { label: 'Undo', run: () => void undoBatch(step) });
}

function offerRedo(step: BatchStep): void {
  step.toast = showInfo(`Undone: ${step.label}`, { label: 'Redo', run: () => void redoBatch(step) });
}

/** Undoes the last change (`only`: if it is that one). */
export function undoBatch(only?: BatchStep): Promise<void> {
  return serial(async () => {
    if (only && undoStack.at(-1) !== only) return;
    const step = undoStack.pop();
    if (!step) return;
    if (step.toast !== undefined) dismissToast(step.toast);
    try {
      const { restore, removeArticles } = batchUndo(step);
      // One request: the passages, codes and article notes go back in one journaled batch.
      if (restore) await gloss().restoreAnnotations(restore);
      if (removeArticles.length) {
        // Those the user removed meanwhile are gone already.
        const gone = new Set(removeArticles);
        const ids = (await gloss().listArticles()).filter((a) => gone.has(a.id)).map((a) => a.id);
        if (ids.length) await gloss().removeArticles({ ids });
      }
      notesShown(step.articleNotes, 'before');
      await step.unfollow?.();
      step.seq = nextChange(); // the redo stack is in the order things were undone
      redoStack.push(step);
      changed(step.before);
      offerRedo(step);
    } catch (err) {
      undoStack.push(step);
      showError(err);
    }
  });
}

/** Redoes the last change undone (`only`: if it is that one). */
export function redoBatch(only?: BatchStep): Promise<void> {
  return serial(async () => {
    if (only && redoStack.at(-1) !== only) return;
    const step = redoStack.pop();
    if (!step) return;
    if (step.toast !== undefined) dismissToast(step.toast);
    try {
      const report = await step.redo();
      // The passages as this redo left them: what the next undo puts back.
      const again: BatchStep = {
        ...step,
        before: report.before,
        after: report.after,
        codebook: report.codebook ?? [],
        articleNotes: report.articleNotes ?? [],
        articlesAdded: report.articlesAdded ?? [],
        seq: nextChange(),
        unfollow: step.follow?.(),
      };
      undoStack.push(again);
      notesShown(report.articleNotes ?? [], 'after');
      changed(report.after);
      offerUndo(again);
    } catch (err) {
      redoStack.push(step);
      showError(err);
    }
  });
}
