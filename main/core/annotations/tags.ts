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

/**
 * The key two spellings of one tag share. toLowerCase is Unicode's default
 * (locale-free) lower-casing, the same as toLocaleLowerCase('und') for every
 * code point, and ~400× faster: 8 µs a call through ICU was most of a
 * library export's time.
 */
export function tagKey(tag: string): string {
  return tidy(tag).toLowerCase();
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
    .sort(
      (a, b) =>
        b.count - a.count ||
        a.tag.localeCompare(b.tag, undefined, { sensitivity: 'base' }) ||
        (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0),
    );
}

/**
 * Tags nest by "/": `coalition/strategy` is filed under `coalition`, so a
 * filter for `coalition` covers it (and `coalition` itself), but not `coalitions`.
 */
export function tagCovers(filter: string, tag: string): boolean {
  const f = tagKey(filter);
  const t = tagKey(tag);
  return f !== '' && (t === f || t.startsWith(`${f}/`));
}

/**
 * A change to tags across the library. Renaming several tags into one merges
 * them (into `to`, spelled as given); a renamed tag's children move with it
 * (`claim/x` → `claims/official/x`). Deleting removes the tags named, not the
 * passages, and not their children.
 */
export type TagChange = { kind: 'rename'; from: string[]; to: string } | { kind: 'delete'; tags: string[] };

/** The tags after the change, or null when the change does not touch them. */
export function applyTagChange(tags: readonly string[], change: TagChange): string[] | null {
  const out: string[] = [];
  let touched = false;
  const gone = change.kind === 'delete' ? new Set(change.tags.map(tagKey)) : null;
  for (const tag of normalizeTags(tags)) {
    if (gone?.has(tagKey(tag))) {
      touched = true;
      continue;
    }
    const from = change.kind === 'rename' ? change.from.find((f) => tagCovers(f, tag)) : undefined;
    const next =
      from === undefined || change.kind !== 'rename'
        ? tag
        : tidy(change.to) + tidy(tag).slice(tidy(from).length);
    touched ||= from !== undefined;
    const same = out.findIndex((x) => sameTag(x, next));
    if (same < 0) out.push(next);
    else if (from !== undefined) out[same] = next; // merged: the new name's spelling wins
  }
  return touched ? out : null;
}

/** The keys of the tags a change reads: a file holding none of them is left alone. */
export function tagChangeKeys(change: TagChange): string[] {
  return (change.kind === 'delete' ? change.tags : change.from).map(tagKey);
}
