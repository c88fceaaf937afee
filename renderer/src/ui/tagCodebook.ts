/**
 * The tag codebook as the views show it: each tag's colour on its chips and its
 * description as the chip's tooltip and accessible description. Loaded from
 * listTags on first use and again after every change across the library
 * (ui/batchHistory.ts), so a colour given in the tag manager shows everywhere.
 * A tag with no colour of its own takes its nearest parent's (`claim/official`
 * is drawn as `claim`), as a code under a theme is in a codebook.
 */
import { useEffect } from 'react';
import type { Color, TagCount } from '@core/contract';
import { tagKey } from '@core/annotations/tags';
import { createStore, useStore } from '../store';
import { gloss } from '../gloss';
import { onBatchChange } from './batchHistory';

export interface TagLook {
  color?: Color;
  description?: string;
}

export const codebookStore = createStore({
  byKey: new Map<string, TagLook>() as ReadonlyMap<string, TagLook>,
  loaded: false,
});

let loading: Promise<void> | null = null;

/** Takes the codebook from a tag list already fetched (the tag manager's). */
export function setCodebookFrom(tags: readonly TagCount[]): void {
  const byKey = new Map<string, TagLook>();
  for (const t of tags)
    if (t.color || t.description) byKey.set(tagKey(t.tag), { color: t.color, description: t.description });
  codebookStore.set({ byKey, loaded: true });
}

export function loadCodebook(): Promise<void> {
  loading ??= gloss()
    .listTags()
    .then(setCodebookFrom)
    .catch(() => codebookStore.set({ loaded: true })) // chips without colours: nothing the user must act on
    .finally(() => (loading = null));
  return loading;
}
onBatchChange(() => void loadCodebook());

/** A tag's look: its own description; its own colour, else its nearest parent's. */
export function lookOf(byKey: ReadonlyMap<string, TagLook>, tag: string): TagLook {
  const key = tagKey(tag);
  const own = byKey.get(key);
  if (own?.color) return own;
  for (let cut = key.lastIndexOf('/'); cut > 0; cut = key.lastIndexOf('/', cut - 1)) {
    const parent = byKey.get(key.slice(0, cut));
    if (parent?.color) return { color: parent.color, description: own?.description };
  }
  return own ?? {};
}

export function useTagLook(tag: string): TagLook {
  const loaded = useStore(codebookStore, (s) => s.loaded);
  const byKey = useStore(codebookStore, (s) => s.byKey);
  useEffect(() => {
    if (!loaded && !loading) void loadCodebook();
  }, [loaded]);
  return lookOf(byKey, tag);
}
