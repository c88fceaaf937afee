/**
 * normalizeTags, remembered per spelling for one export: the same few tags
 * recur on thousands of annotations, and Unicode normalisation and
 * locale-aware lower-casing are the costly part of writing each one.
 */
import { normalizeTags } from '../annotations/tags';

export function memoizedTagNormalizer(): (tags: readonly string[]) => string[] {
  const seen = new Map<string, string[]>();
  return (tags) => {
    if (tags.length === 0) return [];
    // One tag list as a key; \u0000 cannot be typed into a tag.
    const key = tags.length === 1 ? tags[0] : tags.join('\u0000');
    let out = seen.get(key);
    if (!out) {
      out = normalizeTags(tags);
      if (seen.size < 50_000) seen.set(key, out);
    }
    return out.slice();
  };
}
