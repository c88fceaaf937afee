/**
 * The open article's annotations as the renderer holds them, each with a local
 * `key` (as Hypothesis's `$tag`): given when it enters the list and kept for as
 * long as it stays there. An annotation from main is keyed by its id; one the
 * user just made is keyed `new:N` before main has saved it, and keeps that key
 * once saved. Selection, editor and flash name keys, so nothing needs re-keying
 * when a save completes. Pure list operations (tested under node:test); the
 * store (annotationsStore.ts) does the calls to main.
 */
import type { Annotation, Color } from '@core/annotations/types';
import { tagCovers } from '@core/annotations/tags';

export interface LocalAnnotation extends Annotation {
  /** Stable for the item's life in the renderer; never sent to main. */
  key: string;
  /** True until main has saved it (its `id` is then not a real id yet). */
  unsaved?: true;
}

/** An annotation as main gave it, keyed by its id. */
export function fromMain(a: Annotation): LocalAnnotation {
  return { ...a, key: a.id };
}

let counter = 0;
/** A highlight the user just made, not yet saved: its key is new and unique. */
export function unsavedAnnotation(
  articleId: string,
  req: { start: number; end: number; color: Color; tags?: string[]; note?: string },
  now = new Date().toISOString(),
): LocalAnnotation {
  const key = `new:${++counter}`;
  return {
    key,
    unsaved: true,
    id: key,
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
}

/** The plain annotation (what history records and main accepts): the local fields dropped. */
export function toAnnotation(a: LocalAnnotation): Annotation {
  const { key: _key, unsaved: _unsaved, ...plain } = a;
  return plain;
}

/** Reading order: by start, then by end. */
export const byPosition = (a: Annotation, b: Annotation) =>
  a.target.position.start - b.target.position.start || a.target.position.end - b.target.position.end;

export const sorted = (items: LocalAnnotation[]): LocalAnnotation[] => [...items].sort(byPosition);

export const findByKey = (items: readonly LocalAnnotation[], key: string | null | undefined) =>
  key == null ? undefined : items.find((a) => a.key === key);

/** The key of the saved annotation `id`, if it is in the list. */
export const keyOfId = (items: readonly LocalAnnotation[], id: string): string | undefined =>
  items.find((a) => !a.unsaved && a.id === id)?.key;

/**
 * Put `item` in the list (in reading order, as every list here is) under its
 * key, replacing the one with that key: inserted after those at the same
 * place, where sorting the list with it last would put it — by binary search,
 * not a sort of thousands per new highlight.
 */
export function putLocal(items: readonly LocalAnnotation[], item: LocalAnnotation): LocalAnnotation[] {
  const out = items.filter((x) => x.key !== item.key);
  let lo = 0;
  let hi = out.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (byPosition(out[mid], item) <= 0) lo = mid + 1;
    else hi = mid;
  }
  out.splice(lo, 0, item);
  return out;
}

/** Put what main answered in the list: it keeps the key of the item with its id, or is keyed by its id. */
export function putSaved(items: readonly LocalAnnotation[], a: Annotation): LocalAnnotation[] {
  const key = keyOfId(items, a.id) ?? a.id;
  return putLocal(items, { ...a, key });
}

/** The unsaved item `key` has been saved as `saved`: same key, main's fields. */
export function settle(items: readonly LocalAnnotation[], key: string, saved: Annotation): LocalAnnotation[] {
  return putLocal(items, { ...saved, key });
}

export function withoutKey(items: readonly LocalAnnotation[], key: string): LocalAnnotation[] {
  return items.filter((x) => x.key !== key);
}

/**
 * The id main knows an item by: null while it is unsaved, undefined once it
 * has left the list (its save failed, or it was deleted).
 */
export function savedIdOf(items: readonly LocalAnnotation[], key: string): string | null | undefined {
  const a = findByKey(items, key);
  if (!a) return undefined;
  return a.unsaved ? null : a.id;
}

export interface Filter {
  tag: string;
  color: Color | '';
}

export function visibleAnnotations<A extends Annotation>(s: { items: readonly A[]; filter: Filter }): A[] {
  return s.items.filter(
    (a) =>
      (!s.filter.color || a.color === s.filter.color) &&
      (!s.filter.tag || a.tags.some((t) => tagCovers(s.filter.tag, t))),
  );
}

/**
 * What a screen reader hears on a highlight in the text: its colour, its words
 * (the first 120 characters), its tags, and whether it has a note.
 */
export function highlightLabel(a: Annotation): string {
  const colour = a.color[0].toUpperCase() + a.color.slice(1);
  const quote = a.target.quote.exact;
  const words = !quote ? ' (being saved)' : `: “${quote.length > 120 ? `${quote.slice(0, 119)}…` : quote}”`;
  const tags = a.tags.length ? ` Tags: ${a.tags.join(', ')}.` : '';
  const note = a.note ? ' Has a note.' : '';
  return `${colour} highlight${words}.${tags}${note}`;
}

/** The highlight after (or before) `key` in reading order, wrapping round; the first (last) when none is current. */
export function stepKey(
  items: readonly LocalAnnotation[],
  key: string | null,
  direction: 1 | -1,
): string | null {
  const anchored = items.filter((a) => !a.orphan);
  if (anchored.length === 0) return null;
  const at = key === null ? -1 : anchored.findIndex((a) => a.key === key);
  if (at < 0) return anchored[direction === 1 ? 0 : anchored.length - 1].key;
  return anchored[(at + direction + anchored.length) % anchored.length].key;
}
