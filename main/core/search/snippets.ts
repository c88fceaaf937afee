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
/** One character between terms (fold.ts's TERM_SEPARATOR, a character at a time). */
const SEPARATOR = /^[\n\r\p{Z}\p{P}]$/u;
const ASCII = /^[\u0000-\u007f]*$/;
/** A separator anywhere. */
const SPLITS = /[\n\r\p{Z}\p{P}]/u;

export interface Match {
  /** Folded words to mark. */
  words: ReadonlySet<string>;
  /** Phrases (folded words in order) to mark. */
  phrases: readonly (readonly string[])[];
}

/** Where the first match is: a phrase if any is asked for, else any of the words. Null when none occurs. */
export function firstMatch(text: string, match: Match): { start: number; end: number } | null {
  if (!ASCII.test(text)) return firstMatchByTerms(text, match);
  return match.phrases.length > 0
    ? firstAsciiPhrase(text.toLowerCase(), match.phrases)
    : firstAsciiWord(text, match.words);
}

/** firstMatch by folding every term up to the match (any text). */
export function firstMatchByTerms(text: string, match: Match): { start: number; end: number } | null {
  if (match.phrases.length > 0) return firstPhrase(text, match.phrases);
  // Lazy: a book is scanned only as far as its first match.
  for (const m of text.matchAll(TERM_RUN)) {
    if (match.words.has(fold1(m[0]))) return { start: m.index, end: m.index + m[0].length };
  }
  return null;
}

/** The earliest place where one of the phrases' terms stand in order, scanning only as far as it. */
function firstPhrase(text: string, phrases: Match['phrases']): { start: number; end: number } | null {
  const longest = Math.max(...phrases.map((p) => p.length));
  if (longest === 0) return null;
  const recent: PlacedTerm[] = [];
  for (const m of text.matchAll(TERM_RUN)) {
    const term = fold1(m[0]);
    if (term === '') continue;
    recent.push({ term, start: m.index, end: m.index + m[0].length });
    if (recent.length > longest) recent.shift();
    for (const phrase of phrases) {
      const from = recent.length - phrase.length;
      if (phrase.length > 0 && from >= 0 && findRun(recent, phrase, from) === from)
        return { start: recent[from].start, end: recent[recent.length - 1].end };
    }
  }
  return null;
}

/**
 * firstPhrase in an ASCII text, by indexOf in its lower case: each phrase's first place (its first
 * word a whole term, each next word the next term), the one ending first (the first listed on a tie).
 */
function firstAsciiPhrase(lower: string, phrases: Match['phrases']): { start: number; end: number } | null {
  let best: { start: number; end: number } | null = null;
  for (const phrase of phrases) {
    if (phrase.length === 0 || phrase.some((w) => w === '' || SPLITS.test(w))) continue;
    for (let at = lower.indexOf(phrase[0]); at >= 0; at = lower.indexOf(phrase[0], at + 1)) {
      const end = phraseEnd(lower, at, phrase);
      if (end >= 0) {
        if (!best || end < best.end) best = { start: at, end };
        break;
      }
    }
  }
  return best;
}

/** Where the phrase ends if it stands at `at` in the lower-cased ASCII text (terms in a row), else -1. */
function phraseEnd(lower: string, at: number, phrase: readonly string[]): number {
  if (at > 0 && !isSeparator(lower, at - 1)) return -1;
  let pos = at;
  for (let j = 0; j < phrase.length; j++) {
    if (j > 0) {
      const gap = pos;
      while (pos < lower.length && isSeparator(lower, pos)) pos++;
      if (pos === gap) return -1;
    }
    if (!lower.startsWith(phrase[j], pos)) return -1;
    pos += phrase[j].length;
    if (pos < lower.length && !isSeparator(lower, pos)) return -1;
  }
  return pos;
}

/**
 * The first of the words in an ASCII text: found in its lower case (an ASCII term's fold, at the
 * same offsets) by indexOf, kept where a separator or an end stands on each side — a whole term,
 * as the scan of every term would find it, without folding each term before it.
 */
function firstAsciiWord(text: string, words: ReadonlySet<string>): { start: number; end: number } | null {
  const lower = text.toLowerCase();
  let best: { start: number; end: number } | null = null;
  for (const word of words) {
    if (word === '') continue;
    for (
      let at = lower.indexOf(word);
      at >= 0 && (!best || at < best.start);
      at = lower.indexOf(word, at + 1)
    ) {
      const end = at + word.length;
      if ((at === 0 || isSeparator(lower, at - 1)) && (end === lower.length || isSeparator(lower, end))) {
        best = { start: at, end };
        break;
      }
    }
  }
  return best;
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
  // Words alone in an ASCII text (most snippets): found by indexOf, not by placing every term.
  if (match.phrases.length === 0 && ASCII.test(text)) return merged(asciiWordRanges(text, match.words));
  return markedRangesByTerms(text, match);
}

/** markedRanges by placing and folding every term of the text (any text, phrases too). */
export function markedRangesByTerms(text: string, match: Match): Array<[number, number]> {
  const placed: PlacedTerm[] = placedTerms(text);
  const found: Array<[number, number]> = [];
  for (const p of placed) if (match.words.has(p.term)) found.push([p.start, p.end]);
  for (const phrase of match.phrases) {
    for (let i = findRun(placed, phrase); i >= 0; i = findRun(placed, phrase, i + 1)) {
      found.push([placed[i].start, placed[i + phrase.length - 1].end]);
    }
  }
  return merged(found);
}

/**
 * Every place where one of the words stands as a whole term of an ASCII text: in its lower case (an
 * ASCII term's fold, at the same offsets), with a separator or an end on each side.
 */
function asciiWordRanges(text: string, words: ReadonlySet<string>): Array<[number, number]> {
  const lower = text.toLowerCase();
  const found: Array<[number, number]> = [];
  for (const word of words) {
    if (word === '' || SPLITS.test(word)) continue; // never a whole term
    for (let at = lower.indexOf(word); at >= 0; at = lower.indexOf(word, at + 1)) {
      const end = at + word.length;
      if ((at === 0 || isSeparator(lower, at - 1)) && (end === lower.length || isSeparator(lower, end)))
        found.push([at, end]);
    }
  }
  return found;
}

/** Which ASCII characters separate terms (fold.ts's TERM_SEPARATOR), by code. */
const ASCII_SEPARATORS = Array.from({ length: 128 }, (_, c) => SEPARATOR.test(String.fromCharCode(c)));

function isSeparator(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  return c < 128 ? ASCII_SEPARATORS[c] : SEPARATOR.test(text[at]);
}

/** Ranges sorted, overlapping ones merged. */
function merged(found: Array<[number, number]>): Array<[number, number]> {
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
