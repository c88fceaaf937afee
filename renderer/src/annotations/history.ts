/**
 * Undo/redo as data: each change records what it needs to be reversed. Pure;
 * the annotations store turns a change into calls on main.
 */
import type { Annotation } from '@core/annotations/types';

export type Change =
  | { kind: 'create'; annotation: Annotation }
  | { kind: 'delete'; annotation: Annotation }
  | { kind: 'update'; before: Annotation; after: Annotation };

export interface History {
  undo: Change[];
  redo: Change[];
}

export const EMPTY_HISTORY: History = { undo: [], redo: [] };
const LIMIT = 500;

export function record(h: History, change: Change): History {
  return { undo: [...h.undo, change].slice(-LIMIT), redo: [] };
}

/** The change to reverse now, and the history once it has been reversed. */
export function takeUndo(h: History): { change: Change; next: History } | null {
  const change = h.undo[h.undo.length - 1];
  if (!change) return null;
  return { change, next: { undo: h.undo.slice(0, -1), redo: [...h.redo, change] } };
}

export function takeRedo(h: History): { change: Change; next: History } | null {
  const change = h.redo[h.redo.length - 1];
  if (!change) return null;
  return { change, next: { undo: [...h.undo, change], redo: h.redo.slice(0, -1) } };
}

/** The same change seen backwards (what undoing it does). */
export function inverse(change: Change): Change {
  switch (change.kind) {
    case 'create':
      return { kind: 'delete', annotation: change.annotation };
    case 'delete':
      return { kind: 'create', annotation: change.annotation };
    case 'update':
      return { kind: 'update', before: change.after, after: change.before };
  }
}
