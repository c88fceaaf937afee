/**
 * The tag codebook: a colour and a description per tag, as qualitative
 * researchers keep for their codes. Keyed by tagKey, spelled as the tag is.
 * A colour is one of the highlight palette's names (colors.ts), not any hex:
 * each palette colour has a value per theme whose contrast is checked, so a
 * tag's colour reads in light, dark and sepia alike.
 *
 * Tag changes carry the codebook along: a renamed tag keeps its entry (its
 * children's entries move with it); a merge keeps the target's own colour and
 * description where it has them, else the first merged tag's; a deleted tag's
 * entry goes. Pure: the store applies it (store/tag-codebook.ts).
 */
import type { Color } from './colors';
import { normalizeTags, tagCovers, tagKey, type TagChange } from './tags';

/** A description is a paragraph or two, not a document. */
export const DESCRIPTION_MAX = 2000;

export interface TagCode {
  tag: string;
  color?: Color;
  description?: string;
}
/** As stored: with the time of the change that last wrote it. */
export interface StoredTagCode extends TagCode {
  modified: string;
}
/** One tag's entry before and after a change (null: none), so undo can put it back. */
export interface TagCodeChange {
  tag: string;
  before: TagCode | null;
  after: TagCode | null;
}

/** A code worth keeping: it has a colour or a description. */
export const isEmptyCode = (c: TagCode): boolean => !c.color && !c.description;

/** The entry without its stamp. */
export const plainCode = (c: StoredTagCode | TagCode): TagCode => ({
  tag: c.tag,
  ...(c.color && { color: c.color }),
  ...(c.description && { description: c.description }),
});

/**
 * The codebook after a tag change, and what changed; null when the change
 * touches no entry. `modified` stamps each entry written. Not safe to apply
 * twice (renaming `claim` into `claim/official` would move it again): the
 * store records which change it applied last (store/tag-codebook.ts).
 */
export function applyCodebookChange(
  codes: readonly StoredTagCode[],
  change: TagChange,
  modified: string,
): { codes: StoredTagCode[]; changes: TagCodeChange[] } | null {
  const byKey = new Map(codes.map((c) => [tagKey(c.tag), c]));
  const changes = new Map<string, TagCodeChange>();
  const note = (key: string, tag: string, after: StoredTagCode | null) => {
    const seen = changes.get(key);
    const was = seen ? seen.before : byKey.has(key) ? plainCode(byKey.get(key)!) : null;
    changes.set(key, { tag, before: was, after: after && plainCode(after) });
  };
  if (change.kind === 'delete') {
    for (const key of new Set(change.tags.map(tagKey))) {
      const c = byKey.get(key);
      if (!c) continue;
      note(key, c.tag, null);
      byKey.delete(key);
    }
  } else {
    const to = normalizeTags([change.to])[0] ?? '';
    // In the order the change names the tags: with no target entry, the first merged tag's colour wins.
    const moving: Array<{ from: StoredTagCode; tag: string; rank: number }> = [];
    for (const c of codes) {
      const rank = change.from.findIndex((f) => tagCovers(f, c.tag));
      if (rank < 0) continue;
      const tidyFrom = normalizeTags([change.from[rank]])[0] ?? '';
      moving.push({ from: c, tag: to + normalizeTags([c.tag])[0].slice(tidyFrom.length), rank });
    }
    moving.sort((a, b) => a.rank - b.rank);
    for (const { from } of moving) {
      const key = tagKey(from.tag);
      note(key, from.tag, null);
      byKey.delete(key);
    }
    for (const { from, tag } of moving) {
      const key = tagKey(tag);
      const target = byKey.get(key);
      // The target's own colour and description win; the moved entry fills what it lacks.
      const next: StoredTagCode = {
        tag: target && !moving.some((m) => m.from === target) ? target.tag : tag,
        ...((target?.color ?? from.color) && { color: target?.color ?? from.color }),
        ...((target?.description ?? from.description) && {
          description: target?.description ?? from.description,
        }),
        modified,
      };
      note(key, next.tag, next);
      byKey.set(key, next);
    }
  }
  if (changes.size === 0) return null;
  return { codes: [...byKey.values()], changes: [...changes.values()] };
}
