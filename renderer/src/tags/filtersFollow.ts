/**
 * The views' tag filters follow a rename: a notebook or a library narrowed to
 * `claim` is narrowed to `claims/official` once `claim` is renamed so (its
 * children too), and goes back with the undo. Without this a rename left the
 * list empty under a filter naming a tag gone. (A delete leaves the filters:
 * a parent deleted may still cover the tags under it.)
 */
import { applyTagChange, sameTag, type TagChange } from '@core/annotations/tags';
import { notebookStore, setNotebookFilter } from '../notebook/notebookStore';
import { libraryStore, setLibraryTag } from '../library/libraryStore';

const same = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((t, i) => sameTag(t, b[i]));

/** Applies `change` to the filters; answers how to put them back (undefined: no filter named those tags). */
export function filtersFollow(
  change: Extract<TagChange, { kind: 'rename' }>,
): (() => Promise<void>) | undefined {
  const notebookBefore = notebookStore.get().filter.tags;
  const libraryBefore = libraryStore.get().tag;
  const notebookAfter = applyTagChange(notebookBefore, change);
  const libraryAfter = libraryBefore ? (applyTagChange([libraryBefore], change)?.[0] ?? '') : null;
  if (!notebookAfter && libraryAfter === null) return undefined;
  if (notebookAfter) setNotebookFilter({ tags: notebookAfter });
  if (libraryAfter !== null && libraryAfter !== libraryBefore) void setLibraryTag(libraryAfter);
  // Put back only what the user has not changed since.
  return async () => {
    if (notebookAfter && same(notebookStore.get().filter.tags, notebookAfter))
      setNotebookFilter({ tags: notebookBefore });
    if (libraryAfter !== null && libraryStore.get().tag === libraryAfter) await setLibraryTag(libraryBefore);
  };
}
