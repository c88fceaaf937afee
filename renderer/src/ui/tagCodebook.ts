/**
 * The tag codebook as the views show it: each tag's colour on its chips and its
 * description as the chip's tooltip and accessible description. Read from the
 * one tag list (ui/tagList.ts), which follows every change across the library,
 * so a colour given in the tag manager shows everywhere.
 * A tag with no colour of its own takes its nearest parent's (`claim/official`
 * is drawn as `claim`), as a code under a theme is in a codebook.
 */
import { useEffect, useMemo } from 'react';
import type { Color, TagCount } from '@core/contract';
import { tagKey } from '@core/annotations/tags';
import { useStore } from '../store';
import { ensureTags, tagListStore } from './tagList';

export interface TagLook {
  color?: Color;
  description?: string;
}

/** The tags that have a colour or a description, by key. */
export function codebookOf(tags: readonly TagCount[]): ReadonlyMap<string, TagLook> {
  const byKey = new Map<string, TagLook>();
  for (const t of tags)
    if (t.color || t.description) byKey.set(tagKey(t.tag), { color: t.color, description: t.description });
  return byKey;
}

// One codebook per tag list, however many chips read it.
let made: { tags: readonly TagCount[]; byKey: ReadonlyMap<string, TagLook> } | null = null;
const codebook = (tags: readonly TagCount[]) =>
  made?.tags === tags ? made.byKey : (made = { tags, byKey: codebookOf(tags) }).byKey;

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
  const tags = useStore(tagListStore, (s) => s.tags);
  useEffect(() => void ensureTags().catch(() => undefined), []); // chips without colours: nothing to act on
  return useMemo(() => lookOf(codebook(tags), tag), [tags, tag]);
}
