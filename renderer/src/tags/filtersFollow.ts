/**
 * The views' tag filters follow a change to tags: a notebook or a library
 * narrowed to `claim` is narrowed to `claims/official` once `claim` is renamed
 * so (its children too), or merged into it; a deleted tag leaves the filters
 * (the notebook keeps it while tags under it remain: a parent the tag manager
 * still shows, which still narrows to them). The undo puts the filters back. Without this a
 * filter named a tag gone and showed an empty list.
 */
import { applyTagChange, sameTag, tagCovers, type TagChange } from '@core/annotations/tags';
import { notebookStore, setNotebookFilter } from '../notebook/notebookStore';
import { libraryStore, setLibraryTag } from '../library/libraryStore';
import { tagListStore } from '../ui/tagList';

const same = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((t, i) => sameTag(t, b[i]));

/** The filter's tags after `change` (null: untouched). `before` is the library's tag list before it. */
export function filterAfter(
  tags: readonly string[],
  change: TagChange,
  before: readonly string[],
): string[] | null {
  if (change.kind === 'rename') return applyTagChange(tags, change);
  const deleted = (t: string) => change.tags.some((d) => sameTag(d, t));
  const named = (f: string) => before.some((t) => !sameTag(t, f) && tagCovers(f, t) && !deleted(t));
  const after = tags.filter((f) => !deleted(f) || named(f));
  return after.length === tags.length ? null : after;
}

/** Applies `change` to the filters; answers how to put them back (undefined: no filter named those tags). */
export function filtersFollow(change: TagChange): (() => Promise<void>) | undefined {
  const before = tagListStore.get().tags.map((t) => t.tag);
  const notebookBefore = notebookStore.get().filter.tags;
  const libraryBefore = libraryStore.get().tag;
  const notebookAfter = filterAfter(notebookBefore, change, before);
  if (notebookAfter) setNotebookFilter({ tags: notebookAfter });
  // The library's menu offers only tags in use: a deleted tag leaves it, children or not. It holds its
  // tag's articles: asked again after any change (a merge into its tag brings more).
  const libraryAfter = libraryBefore
    ? ((filterAfter([libraryBefore], change, []) ?? [libraryBefore])[0] ?? '')
    : '';
  if (libraryBefore) void setLibraryTag(libraryAfter);
  if (!notebookAfter && !libraryBefore) return undefined;
  // Put back only what the user has not changed since.
  return async () => {
    if (notebookAfter && same(notebookStore.get().filter.tags, notebookAfter))
      setNotebookFilter({ tags: notebookBefore });
    if (libraryBefore && libraryStore.get().tag === libraryAfter) await setLibraryTag(libraryBefore);
  };
}
