/**
 * The library's tags with their counts and codebook, held once for every view
 * that shows them (the library's tag menu, the notebook's filters and tag
 * fields, the tag manager, the reader's autocomplete, the chips' colours).
 * Main is asked on first use and once after each change that can move a count
 * (tagsChanged: a change across the library, a highlight's tags edited in the
 * reader, articles removed or put back, highlights imported) — never per view
 * or per visit. A change made while a request is on its way asks once more
 * when it is back, so the list never keeps the counts from before it.
 */
import { useEffect } from 'react';
import type { TagCount } from '@core/contract';
import { createStore, useStore } from '../store';
import { gloss } from '../gloss';
import { onBatchChange } from './batchHistory';

export const tagListStore = createStore({
  tags: [] as TagCount[],
  /** Whether a list has come back (or failed to: the views then show none). */
  loaded: false,
});

/** Whether what main holds may differ from `tags` (true until the first answer). */
let stale = true;
let asking: Promise<void> | null = null;

function ask(): Promise<void> {
  stale = false;
  asking = gloss()
    .listTags()
    .then(
      (tags) => tagListStore.set({ tags, loaded: true }),
      (err: unknown) => {
        stale = true; // the next use asks again
        tagListStore.set({ loaded: true });
        throw err;
      },
    )
    .finally(() => (asking = null));
  // A change arrived while this one was on its way: its counts may predate the change.
  return asking.then(() => (stale ? ask() : undefined));
}

/** The list, asked of main only when it may have changed since it was last asked (shared while on its way). */
export function ensureTags(): Promise<void> {
  if (asking) return asking.then(() => (stale ? ask() : undefined));
  return stale ? ask() : Promise.resolve();
}

/**
 * Counts may have moved: asked again at once if a view has the list (once, however many
 * changes come while it is on its way), else at the next use.
 */
export function tagsChanged(): void {
  stale = true;
  if (asking || !tagListStore.get().loaded) return;
  void ask().catch(() => undefined); // a view that needs the list asks again and shows the error
}
// Whatever changed passages across the library (the notebook, the tag manager, an undo): the counts follow.
onBatchChange(() => tagsChanged());

/** The tags, asked for when a view showing them mounts (and only if they may have changed). */
export function useTagList(): TagCount[] {
  useEffect(() => void ensureTags().catch(() => undefined), []);
  return useStore(tagListStore, (s) => s.tags);
}
