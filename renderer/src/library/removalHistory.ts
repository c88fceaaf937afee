/**
 * Undo and redo of articles removed from the library — one row's Remove or
 * several checked ones alike. Main keeps what a removal took out aside for
 * the session (removeArticles answers a token; restoreArticles takes it), so
 * each step here is just the ids and that token. The toast's Undo puts back
 * its own removal; Ctrl/Cmd+Z while the library is shown (App's `history`)
 * puts back the last one. Everything runs one at a time, in the order asked:
 * a Ctrl/Cmd+Z pressed while a removal is still on its way waits for it.
 */
import { gloss } from '../gloss';
import { showError, showInfo } from '../app/toasts';
import { plural } from '../ui/format';
import { libraryStore, refreshLibrary } from './libraryStore';
import { tagsChanged } from '../ui/tagList';
import { nextChange } from '../ui/historyOrder';

interface RemovalStep {
  ids: string[];
  /** What removeArticles answered; a redo removes again and gets a new one. */
  token: string;
  /** "2 articles and 3 highlights". */
  what: string;
  /** When it was removed (or, on the redo stack, put back), in the order of every undoable change (historyOrder.ts). */
  seq: number;
}

const undoStack: RemovalStep[] = [];
const redoStack: RemovalStep[] = [];
const LIMIT = 100;

let queue: Promise<unknown> = Promise.resolve();
function serial<T>(work: () => Promise<T>): Promise<T> {
  const run = queue.then(work, work);
  queue = run.catch(() => undefined);
  return run;
}

/** Removes the articles at once from the list, then in main; the toast offers Undo. */
export function removeArticlesUndoably(ids: readonly string[]): Promise<void> {
  const gone = new Set(ids);
  const before = libraryStore.get().articles;
  libraryStore.set({ articles: before.filter((a) => !gone.has(a.id)), confirmRemove: null });
  return serial(async () => {
    try {
      const step = await remove([...ids]);
      redoStack.length = 0;
      remember(step);
      showInfo(`Removed ${step.what}`, { label: 'Undo', run: () => void undoRemoval(step) });
    } catch (err) {
      showError(err);
      await refreshLibrary();
    }
  });
}

async function remove(ids: string[]): Promise<RemovalStep> {
  const r = await gloss().removeArticles({ ids });
  if (r.annotations > 0) tagsChanged();
  return {
    ids,
    token: r.token,
    seq: nextChange(),
    what: `${plural(r.articles, 'article')} and ${plural(r.annotations, 'highlight')}`,
  };
}

function remember(step: RemovalStep): void {
  undoStack.push(step);
  if (undoStack.length > LIMIT) undoStack.shift();
}

export const canUndoRemoval = () => undoStack.length > 0;

/** When the removal undo (or redo) would take was done; -1: none. */
export const removalSeq = (which: 'undo' | 'redo'): number =>
  (which === 'undo' ? undoStack : redoStack).at(-1)?.seq ?? -1;

/**
 * Puts back `step` (a toast's own removal, wherever it is in the history) or,
 * without one, the last removal. A step already undone does nothing.
 */
export function undoRemoval(step?: RemovalStep): Promise<void> {
  return serial(async () => {
    const at = step ? undoStack.indexOf(step) : undoStack.length - 1;
    if (at < 0) return;
    const [taken] = undoStack.splice(at, 1);
    try {
      const back = await gloss().restoreArticles({ token: taken.token });
      if (back.length) tagsChanged();
      // Redo removes what came back (an article imported again meanwhile stayed, and is not ours to remove).
      if (back.length) redoStack.push({ ...taken, ids: back.map((a) => a.id), seq: nextChange() });
      showInfo(
        `Put back ${plural(back.length, 'article')}`,
        back.length ? { label: 'Redo', run: () => void redoRemoval() } : undefined,
      );
    } catch (err) {
      // The removal can no longer be put back (say, its holding is gone): not offered again.
      showError(err);
    }
    await refreshLibrary();
  });
}

/** Removes again what the last undo put back. */
export function redoRemoval(): Promise<void> {
  return serial(async () => {
    const taken = redoStack.pop();
    if (!taken) return;
    const gone = new Set(taken.ids);
    libraryStore.set((s) => ({ articles: s.articles.filter((a) => !gone.has(a.id)) }));
    try {
      const step = await remove(taken.ids);
      remember(step);
      showInfo(`Removed ${step.what}`, { label: 'Undo', run: () => void undoRemoval(step) });
    } catch (err) {
      showError(err);
      await refreshLibrary();
    }
  });
}
