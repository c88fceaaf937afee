/**
 * Re-find an annotation's passage in an article's (possibly changed) text.
 * Cheapest first: the stored position, then the quote exactly, then fuzzily
 * near the old position, then fuzzily anywhere (see match-quote). `null`
 * means the passage is gone; the caller keeps the annotation as an orphan.
 */
import type { TextPositionSelector, TextQuoteSelector } from '../annotations/types';
import { matchQuote } from './match-quote';
import { similarity } from './similarity';

/** Similarity of stored and present context above which the stored position is trusted. */
const CONTEXT_AGREES = 0.8;

export interface AnchorTarget {
  quote: TextQuoteSelector;
  position?: TextPositionSelector;
}

export interface Anchored {
  start: number;
  end: number;
  /** How it was found: useful to tell the user a highlight moved or was approximated. */
  method: 'position' | 'quote' | 'fuzzy';
}

/** The stored position still holds the quote, and the context there does not contradict it. */
function positionHolds(text: string, quote: TextQuoteSelector, pos: TextPositionSelector): boolean {
  const { start, end } = pos;
  if (!(start >= 0 && end <= text.length && start < end)) return false;
  if (text.slice(start, end) !== quote.exact) return false;
  // The same words may now sit here by accident (text inserted above a repeated phrase):
  // accept only when at least one side's context still agrees closely (an edit may touch the other).
  const agrees: boolean[] = [];
  if (quote.prefix)
    agrees.push(
      similarity(text.slice(Math.max(0, start - quote.prefix.length), start), quote.prefix) >= CONTEXT_AGREES,
    );
  if (quote.suffix)
    agrees.push(similarity(text.slice(end, end + quote.suffix.length), quote.suffix) >= CONTEXT_AGREES);
  return agrees.length === 0 || agrees.includes(true);
}

export function anchor(text: string, target: AnchorTarget): Anchored | null {
  const { quote, position } = target;
  if (quote.exact.length === 0) return null;
  if (position && positionHolds(text, quote, position)) {
    return { start: position.start, end: position.end, method: 'position' };
  }
  const match = matchQuote(text, quote, { hint: position?.start });
  if (!match) return null;
  return { start: match.start, end: match.end, method: match.errors === 0 ? 'quote' : 'fuzzy' };
}
