/**
 * The tag manager: every tag with its count, the tags checked, and the
 * changes — rename (to an existing name: a merge), merge several, delete,
 * a colour and a description (the codebook) — each one operation across the
 * library, undone with Ctrl/Cmd+Z or the toast's Undo (ui/batchHistory.ts).
 */
import type { Color, TagCount } from '@core/contract';
import { sameTag, tagKey } from '@core/annotations/tags';
import { createStore } from '../store';
import { gloss } from '../gloss';
import { showError } from '../app/toasts';
import { plural } from '../ui/format';
import { runBatch } from '../ui/batchHistory';
import { ensureTags, tagListStore } from '../ui/tagList';
import { filtersFollow } from './filtersFollow';

export type TagDialog =
  | { kind: 'rename'; tag: string }
  | { kind: 'merge'; tags: string[] }
  | { kind: 'delete'; tags: string[] }
  | { kind: 'describe'; tag: string }
  | null;

/** What the tag manager adds to the library's tag list (ui/tagList.ts): the tags checked, the search, the dialog. */
export const tagsStore = createStore({
  /** Tags checked (by tagKey) for merge or delete. */
  checked: new Set<string>() as ReadonlySet<string>,
  find: '',
  dialog: null as TagDialog,
});

/** The list, asked of main only if it may have changed since (a failure is said). */
export async function loadTags(): Promise<void> {
  try {
    await ensureTags();
  } catch (err) {
    showError(err);
  }
}
// A tag gone since it was checked (renamed, merged, deleted) is no longer checked.
tagListStore.subscribe(() => {
  const { checked } = tagsStore.get();
  if (checked.size === 0) return;
  const keys = new Set(tagListStore.get().tags.map((t) => tagKey(t.tag)));
  if ([...checked].some((k) => !keys.has(k)))
    tagsStore.set({ checked: new Set([...checked].filter((k) => keys.has(k))) });
});

export function toggleChecked(tag: string): void {
  tagsStore.set((s) => {
    const next = new Set(s.checked);
    const key = tagKey(tag);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    return { checked: next };
  });
}

export const existingTag = (name: string): TagCount | undefined =>
  tagListStore.get().tags.find((t) => sameTag(t.tag, name));

/** How many passages a change would touch: a rename carries children along; a delete takes only the tags named. */
export async function passagesTouched(kind: 'rename' | 'delete', tags: readonly string[]): Promise<number> {
  // A count, not the passages: a rename carries children along; a delete takes only the tags named.
  const filter = { tags: [...tags], match: 'any' as const, tagChildren: kind === 'rename' };
  return (await gloss().listPassages({ filter, limit: 0 })).total;
}

const hash = (tags: readonly string[]) => tags.map((t) => `#${t}`).join(', ');

/** Rename `from` (several: merge them) to `to`; an existing `to` takes them in. */
export function renameTags(from: string[], to: string): Promise<unknown> {
  const merging = from.length > 1 || (!!existingTag(to) && !from.some((f) => sameTag(f, to)));
  tagsStore.set({ dialog: null, checked: new Set() });
  const change = { kind: 'rename' as const, from, to };
  return runBatch(
    () => gloss().changeTags({ change }),
    (r) =>
      `${merging ? 'Merged' : 'Renamed'} ${hash(from)} ${merging ? 'into' : 'to'} #${to} in ${plural(r.after.length, 'passage')}`,
    { follow: () => filtersFollow(change) },
  );
}

export function deleteTags(tags: string[]): Promise<unknown> {
  tagsStore.set({ dialog: null, checked: new Set() });
  const change = { kind: 'delete' as const, tags };
  return runBatch(
    () => gloss().changeTags({ change }),
    (r) => `Deleted ${hash(tags)} from ${plural(r.after.length, 'passage')}`,
    { follow: () => filtersFollow(change) },
  );
}

/** Sets a tag's colour and description (null: none); one undoable step. */
export function describeTag(tag: string, color: Color | null, description: string): Promise<unknown> {
  tagsStore.set({ dialog: null });
  return runBatch(
    () => gloss().describeTag({ tag, color, description }),
    () => `Described #${tag}`,
  );
}
