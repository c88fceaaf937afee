/**
 * Re-anchoring every annotation of an article on a new version of its text,
 * each with a stated confidence (its band):
 *
 * - **silent** — the exact quote, with its stored context (prefix and suffix
 *   each at least SILENT_CONTEXT similar to the text now beside it): moved
 *   without a word, confirmed on the new version;
 * - **moved** — the quote's words unchanged (exactly, or up to white space,
 *   curly quotes and dashes) but found in other surroundings or by the fuzzy
 *   search: moved, marked "moved", confirmed on the new version;
 * - **changed** — found by the fuzzy search (anchoring/match-quote.ts: at most
 *   25 % of the quote edited, overall score ≥ 0.7), but its words differ:
 *   moved to the new wording and sent to review with the old wording kept;
 * - **not-found** — kept where it was, an orphan on the old version, sent to
 *   review.
 *
 * Nothing is dropped: every annotation given comes back. Speed comes from
 * searching near the old position first: the old text's paragraphs are
 * matched to the new text's (a diff of paragraphs, jsdiff), so an offset in an
 * unchanged paragraph maps exactly to its new place, and most quotes are
 * confirmed by one comparison there; the rest search a window around the
 * mapped place before the whole text (matchQuote's order).
 */
import { diffArrays } from 'diff';
import type { Annotation, VersionChange } from '../annotations/types';
import { describeRange } from '../anchoring/describe';
import { matchQuote } from '../anchoring/match-quote';
import { similarity } from '../anchoring/similarity';
import { BLOCK_SEPARATOR } from '../document/types';

/** Stored context at least this similar on each side (edit distance) counts as "the same context". */
export const SILENT_CONTEXT = 0.8;

import type { ReanchorBand } from './reanchor-band';
export type { ReanchorBand } from './reanchor-band';

export interface Reanchored {
  annotation: Annotation;
  band: ReanchorBand;
}

export interface VersionTexts {
  oldText: string;
  newText: string;
  /** Hashes of the two versions (versions/version-hash.ts). */
  fromVersion: string;
  toVersion: string;
}

/** Maps offsets of the old text to the new one through the paragraphs the two share. */
export function offsetMap(oldText: string, newText: string): (offset: number) => number {
  const oldParas = oldText.split(BLOCK_SEPARATOR);
  const newParas = newText.split(BLOCK_SEPARATOR);
  // Runs of equal paragraphs: [oldStart, newStart, length] in characters.
  const runs: Array<[number, number, number]> = [];
  let o = 0;
  let n = 0;
  const step = (paras: string[]) => paras.reduce((sum, p) => sum + p.length + BLOCK_SEPARATOR.length, 0);
  for (const part of diffArrays(oldParas, newParas)) {
    const length = step(part.value);
    if (!part.added && !part.removed) runs.push([o, n, length]);
    if (!part.added) o += length;
    if (!part.removed) n += length;
  }
  return (offset) => {
    // The last run starting at or before the offset: inside it, exact; past it, the place after it.
    let lo = 0;
    let hi = runs.length - 1;
    let at = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (runs[mid][0] <= offset) {
        at = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (at === -1) return Math.min(offset, newText.length);
    const [os, ns, len] = runs[at];
    return Math.min(ns + Math.min(offset - os, len), newText.length);
  };
}

/** The same words to a reader: white space runs, curly quotes and dashes folded. */
export function sameWords(a: string, b: string): boolean {
  const fold = (s: string) =>
    s
      .normalize('NFC')
      .replace(/[‘’‚‛]/g, "'")
      .replace(/[“”„‟]/g, '"')
      .replace(/[‐‑‒–—―]/g, '-')
      .replace(/\s+/g, ' ')
      .trim();
  return fold(a) === fold(b);
}

function contextHolds(text: string, start: number, end: number, prefix: string, suffix: string): boolean {
  const before = text.slice(Math.max(0, start - prefix.length), start);
  const after = text.slice(end, end + suffix.length);
  return similarity(before, prefix) >= SILENT_CONTEXT && similarity(after, suffix) >= SILENT_CONTEXT;
}

/** Each annotation on the new version, with its band; the order given is kept. */
export function reanchorOnVersion(annotations: readonly Annotation[], texts: VersionTexts): Reanchored[] {
  const { oldText, newText, fromVersion, toVersion } = texts;
  const map = offsetMap(oldText, newText);
  return annotations.map((a) => reanchorOne(a, newText, map, fromVersion, toVersion));
}

function reanchorOne(
  a: Annotation,
  newText: string,
  map: (offset: number) => number,
  fromVersion: string,
  toVersion: string,
): Reanchored {
  const { quote, position } = a.target;
  const previous: VersionChange['previous'] = {
    exact: quote.exact,
    prefix: quote.prefix,
    suffix: quote.suffix,
    start: position.start,
    end: position.end,
  };
  const hint = map(position.start);
  // Near the old position first: in an unchanged paragraph the quote is exactly at its mapped place.
  const found =
    !a.orphan && newText.startsWith(quote.exact, hint)
      ? { start: hint, end: hint + quote.exact.length, errors: 0 }
      : matchQuote(newText, quote, { hint });

  const notFound = (): Reanchored => ({
    annotation: {
      ...a,
      orphan: true,
      versionHash: a.versionHash ?? fromVersion,
      versionChange: { band: 'not-found', fromVersion, previous },
    },
    band: 'not-found',
  });
  if (!found) return notFound();

  let target: Annotation['target'];
  try {
    // Fresh context from the new text, so the next version is matched against it.
    const described = describeRange(newText, found.start, found.end);
    target = { ...a.target, ...described };
  } catch {
    return notFound(); // a match of white space only is no passage
  }
  const { orphan: _orphan, versionChange: _change, ...rest } = a;
  if (found.errors === 0 || sameWords(target.quote.exact, quote.exact)) {
    const silent =
      found.errors === 0 && contextHolds(newText, found.start, found.end, quote.prefix, quote.suffix);
    // Words unchanged: confirmed on the new version; the quote keeps the words as highlighted.
    const moved: Annotation = {
      ...rest,
      target: {
        ...target,
        quote: { ...target.quote, exact: found.errors === 0 ? quote.exact : target.quote.exact },
      },
      versionHash: toVersion,
    };
    if (silent) return { annotation: moved, band: 'silent' };
    return {
      annotation: { ...moved, versionChange: { band: 'moved', fromVersion, previous } },
      band: 'moved',
    };
  }
  // The words changed: the annotation covers the new wording, but is confirmed only by the user.
  return {
    annotation: {
      ...rest,
      target,
      versionHash: a.versionHash ?? fromVersion,
      versionChange: { band: 'changed', fromVersion, previous },
    },
    band: 'changed',
  };
}

export { inReview } from './review-band';
