/**
 * Find a quote in a text that may have changed since the quote was taken.
 *
 * Candidates come from exact occurrences first; when there are none near the
 * hint, from an approximate (Myers bit-parallel) search in a window around
 * the hint, and only when that finds nothing, over the whole text — the whole
 * text costs hundreds of times more than a window on a long book.
 *
 * Each candidate is scored by how alike it is to the quote, how well the text
 * before and after it matches the stored prefix and suffix, and how near it is
 * to the hint. Context outweighs position so a repeated phrase resolves to the
 * occurrence whose surroundings match, even if the text above it grew.
 */
import approxSearch from 'approx-string-match';
import { similarity } from './similarity';

export interface QuoteToMatch {
  exact: string;
  prefix?: string;
  suffix?: string;
}

export interface MatchOptions {
  /** Where the quote used to start (UTF-16 offset): nearer candidates win ties. */
  hint?: number;
}

export interface QuoteMatch {
  start: number;
  end: number;
  /** 0..1: weighted agreement of quote, context and position. */
  score: number;
  /** Edits between the stored quote and the matched text (0 = exact). */
  errors: number;
}

const WEIGHTS = { quote: 0.5, prefix: 0.2, suffix: 0.2, position: 0.1 };
/** At most this share of the quote may differ for a fuzzy match to count. */
const MAX_ERROR_RATE = 0.25;
/** Approximate search cost grows with allowed errors; beyond this a quote is long enough to be unmistakable. */
const MAX_ERRORS_CAP = 256;
/** A fuzzy candidate must agree at least this well overall: a near-quote in unrelated context is another passage. */
const MIN_FUZZY_SCORE = 0.7;
/** A match this good needs no search beyond the window. */
const STRONG_SCORE = 0.9;
/** Only this much of a stored prefix/suffix (nearest the quote) is compared: keeps scoring cheap. */
const CONTEXT_COMPARED = 64;

/** Characters searched on either side of the hint before giving up on the window. */
export function windowSlack(quoteLength: number): number {
  return 2 * Math.max(1024, quoteLength);
}

function exactOccurrences(text: string, exact: string): number[] {
  const found: number[] = [];
  for (let i = text.indexOf(exact); i !== -1; i = text.indexOf(exact, i + 1)) found.push(i);
  return found;
}

interface Candidate {
  start: number;
  end: number;
  errors: number;
}

function fuzzyCandidates(
  text: string,
  exact: string,
  from: number,
  to: number,
  maxErrors: number,
): Candidate[] {
  return approxSearch(text.slice(from, to), exact, maxErrors).map((m) => ({
    start: m.start + from,
    end: m.end + from,
    errors: m.errors,
  }));
}

function weightsFor(quote: QuoteToMatch, hint: number | undefined): number {
  return (
    WEIGHTS.quote +
    (quote.prefix ? WEIGHTS.prefix : 0) +
    (quote.suffix ? WEIGHTS.suffix : 0) +
    (hint !== undefined ? WEIGHTS.position : 0)
  );
}

function positionScore(text: string, c: Candidate, hint: number): number {
  return 1 - Math.min(1, Math.abs(c.start - hint) / Math.max(1, text.length));
}

/** The best score `c` could reach if its context matched perfectly: cheap, used to skip hopeless candidates. */
function scoreBound(text: string, c: Candidate, quote: QuoteToMatch, hint?: number): number {
  let total = WEIGHTS.quote * (1 - c.errors / quote.exact.length);
  if (quote.prefix) total += WEIGHTS.prefix;
  if (quote.suffix) total += WEIGHTS.suffix;
  if (hint !== undefined) total += WEIGHTS.position * positionScore(text, c, hint);
  return total / weightsFor(quote, hint);
}

/** Score a candidate range of `text` against the stored quote; 0..1. */
export function scoreCandidate(text: string, c: Candidate, quote: QuoteToMatch, hint?: number): number {
  let total = WEIGHTS.quote * (1 - c.errors / quote.exact.length);
  if (quote.prefix) {
    const expected = quote.prefix.slice(-CONTEXT_COMPARED);
    const actual = text.slice(Math.max(0, c.start - expected.length), c.start);
    total += WEIGHTS.prefix * similarity(actual, expected);
  }
  if (quote.suffix) {
    const expected = quote.suffix.slice(0, CONTEXT_COMPARED);
    const actual = text.slice(c.end, c.end + expected.length);
    total += WEIGHTS.suffix * similarity(actual, expected);
  }
  if (hint !== undefined) total += WEIGHTS.position * positionScore(text, c, hint);
  return total / weightsFor(quote, hint);
}

/** The best-scoring acceptable candidate. A common word can occur 100,000 times in a book: skip those that cannot win. */
function bestOf(
  text: string,
  candidates: Candidate[],
  quote: QuoteToMatch,
  hint?: number,
): QuoteMatch | null {
  const ordered =
    hint === undefined
      ? candidates
      : [...candidates].sort((a, b) => Math.abs(a.start - hint) - Math.abs(b.start - hint));
  let best: QuoteMatch | null = null;
  for (const c of ordered) {
    if (best && scoreBound(text, c, quote, hint) <= best.score) continue;
    const score = scoreCandidate(text, c, quote, hint);
    if (c.errors > 0 && score < MIN_FUZZY_SCORE) continue;
    if (!best || score > best.score) best = { ...c, score };
  }
  return best;
}

export function matchQuote(
  text: string,
  quote: QuoteToMatch | string,
  opts: MatchOptions = {},
): QuoteMatch | null {
  const q: QuoteToMatch = typeof quote === 'string' ? { exact: quote } : quote;
  const exact = q.exact;
  if (exact.length === 0 || text.length === 0) return null;
  const hint = opts.hint !== undefined && Number.isFinite(opts.hint) ? opts.hint : undefined;
  const maxErrors = Math.min(MAX_ERRORS_CAP, Math.floor(exact.length * MAX_ERROR_RATE));
  const slack = windowSlack(exact.length);

  const candidates: Candidate[] = exactOccurrences(text, exact).map((start) => ({
    start,
    end: start + exact.length,
    errors: 0,
  }));
  const exactNearHint = hint !== undefined && candidates.some((c) => Math.abs(c.start - hint) <= slack);
  if (maxErrors > 0 && hint !== undefined && !exactNearHint) {
    const from = Math.max(0, hint - slack);
    const to = Math.min(text.length, hint + exact.length + slack);
    candidates.push(...fuzzyCandidates(text, exact, from, to, maxErrors));
  }
  let best = bestOf(text, candidates, q, hint);
  // Nothing convincing nearby: the passage may have moved far, so pay for the whole text.
  if (maxErrors > 0 && (!best || best.score < STRONG_SCORE) && !candidates.some((c) => c.errors === 0)) {
    const whole = bestOf(text, fuzzyCandidates(text, exact, 0, text.length, maxErrors), q, hint);
    if (whole && (!best || whole.score > best.score)) best = whole;
  }
  return best;
}
