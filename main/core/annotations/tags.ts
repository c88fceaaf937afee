/**
 * Tags are free text typed by the user. They are kept as first written
 * ("Iraq", not "iraq") but compared without regard to case or spacing, so
 * "Oil  Exports" and "oil exports" are one tag.
 */
import type { Annotation, TagCount } from './types';

/**
 * Trim, drop a leading "#" (people type tags as they will read them: "#claim"),
 * collapse runs of whitespace to one space; NFC so composed and decomposed accents agree.
 */
function tidy(tag: string): string {
  return tag.normalize('NFC').trim().replace(/^#+/u, '').trim().replace(/\s+/gu, ' ');
}

/** The key two spellings of one tag share. */
export function tagKey(tag: string): string {
  return tidy(tag).toLocaleLowerCase('und');
}

export function sameTag(a: string, b: string): boolean {
  return tagKey(a) === tagKey(b);
}

/** Tidy each tag, drop empty ones, keep the first spelling of each tag. */
export function normalizeTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of tags) {
    const tag = tidy(raw);
    if (tag === '') continue;
    const key = tagKey(tag);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(tag);
  }
  return out;
}

/**
 * How many annotations carry each tag, most used first, then by name.
 * Pass the same `into` map across calls to count over several articles'
 * annotations without concatenating them; it is keyed by tagKey.
 */
export function countTags(
  annotations: Iterable<Pick<Annotation, 'tags'>>,
  into: Map<string, TagCount> = new Map(),
): TagCount[] {
  for (const a of annotations) {
    for (const tag of normalizeTags(a.tags)) {
      const key = tagKey(tag);
      const entry = into.get(key);
      if (entry) entry.count++;
      else into.set(key, { tag, count: 1 });
    }
  }
  return [...into.values()]
    .map((e) => ({ ...e }))
    .sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag, undefined, { sensitivity: 'base' }) || (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
}
