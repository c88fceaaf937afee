/**
 * normalizeTags, remembered per tag for one export: the same few hundred tags
 * recur on thousands of annotations, and Unicode normalisation is the costly
 * part of writing each one. Remembered per tag, not per list: lists of two or
 * three tags rarely repeat (a 100,000-passage library missed nine times in ten).
 */
import { normalizeTags, tagKey } from '../annotations/tags';

/** A tag as typed: its tidy spelling ('' when nothing is left) and the key that compares it. */
export interface TagParts {
  tag: string;
  key: string;
}

const REMEMBERED = 50_000;

export interface TagMemo {
  /** normalizeTags(tags), from the remembered parts of each tag. */
  normalize: (tags: readonly string[]) => string[];
  parts: (raw: string) => TagParts;
}

export function tagMemo(): TagMemo {
  const seen = new Map<string, TagParts>();
  const parts = (raw: string): TagParts => {
    let p = seen.get(raw);
    if (!p) {
      // normalizeTags' own two steps: its tidy spelling, keyed by tagKey of that spelling.
      const [tag = ''] = normalizeTags([raw]);
      p = { tag, key: tag === '' ? '' : tagKey(tag) };
      if (seen.size < REMEMBERED) seen.set(raw, p);
    }
    return p;
  };
  const normalize = (tags: readonly string[]): string[] => {
    if (tags.length === 0) return [];
    if (tags.length === 1) {
      const { tag } = parts(tags[0]);
      return tag === '' ? [] : [tag];
    }
    const keys = new Set<string>();
    const out: string[] = [];
    for (const raw of tags) {
      const { tag, key } = parts(raw);
      if (tag === '' || keys.has(key)) continue;
      keys.add(key);
      out.push(tag);
    }
    return out;
  };
  return { normalize, parts };
}

/** normalizeTags remembered for one export (the JSON export's tag bodies). */
export function memoizedTagNormalizer(): (tags: readonly string[]) => string[] {
  return tagMemo().normalize;
}
