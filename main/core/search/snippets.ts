/**
 * Snippets: a short stretch of text around the first match, with every matched
 * word marked by offsets into the snippet, so the UI highlights without
 * searching again. Words are compared folded (see fold.ts); the text shown is
 * the original.
 */
import { findRun, fold, placedTerms, type PlacedTerm } from './fold';
import type { Snippet } from './types';

const BEFORE = 70;
const AFTER = 150;
/** Texts this short are shown whole. */
const WHOLE = BEFORE + AFTER + 40;
const TERM_RUN = /[^\n\r\p{Z}\p{P}]+/gu;

export interface Match {
  /** Folded words to mark. */
  words: ReadonlySet<string>;
  /** Phrases (folded words in order) to mark. */
  phrases: readonly (readonly string[])[];
}

/** Where the first match is: a phrase if any is asked for, else any of the words. Null when none occurs. */
export function firstMatch(text: string, match: Match): { start: number; end: number } | null {
  if (match.phrases.length > 0) {
    const placed = placedTerms(text);
    for (const phrase of match.phrases) {
      const i = findRun(placed, phrase);
      if (i >= 0) return { start: placed[i].start, end: placed[i + phrase.length - 1].end };
    }
    return null;
  }
  // Lazy: a book is scanned only as far as its first match.
  for (const m of text.matchAll(TERM_RUN)) {
    if (match.words.has(fold1(m[0]))) return { start: m.index, end: m.index + m[0].length };
  }
  return null;
}

/** The snippet around `around` (or the start of the text), with the matches inside it marked. */
export function snippetOf(
  text: string,
  match: Match,
  around?: { start: number; end: number } | null,
): Snippet {
  let from = 0;
  let to = text.length;
  if (text.length > WHOLE) {
    const at = around ?? { start: 0, end: 0 };
    from = Math.max(0, at.start - BEFORE);
    to = Math.min(text.length, Math.max(at.end, at.start) + AFTER);
    // Cut at spaces, not inside words.
    if (from > 0) {
      const space = text.indexOf(' ', from);
      if (space >= 0 && space < at.start) from = space + 1;
    }
    if (to < text.length) {
      const space = text.lastIndexOf(' ', to);
      if (space > at.end) to = space;
    }
  }
  // Line breaks shown as spaces (same length, so offsets hold).
  const body = text.slice(from, to).replace(/\s/gu, ' ');
  const lead = from > 0 ? '…' : '';
  const tail = to < text.length ? '…' : '';
  const ranges = markedRanges(body, match).map(([s, e]): [number, number] => [
    s + lead.length,
    e + lead.length,
  ]);
  return { text: lead + body + tail, ranges };
}

/** Offsets of the matched words (each alone) and phrases (each whole) in `text`, sorted, overlaps merged. */
export function markedRanges(text: string, match: Match): Array<[number, number]> {
  const placed: PlacedTerm[] = placedTerms(text);
  const found: Array<[number, number]> = [];
  for (const p of placed) if (match.words.has(p.term)) found.push([p.start, p.end]);
  for (const phrase of match.phrases) {
    for (let i = findRun(placed, phrase); i >= 0; i = findRun(placed, phrase, i + 1)) {
      found.push([placed[i].start, placed[i + phrase.length - 1].end]);
    }
  }
  found.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const ranges: Array<[number, number]> = [];
  for (const r of found) {
    const last = ranges[ranges.length - 1];
    if (last && r[0] < last[1]) last[1] = Math.max(last[1], r[1]);
    else ranges.push([r[0], r[1]]);
  }
  return ranges;
}

function fold1(word: string): string {
  return /^[\u0000-\u007f]*$/.test(word) ? word.toLowerCase() : fold(word);
}
