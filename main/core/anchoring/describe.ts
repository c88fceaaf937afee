/**
 * Describe a range of an article's canonical text with the two selectors an
 * annotation stores: the quote (with context, survives edits) and the
 * position (fast and exact while the text is unchanged).
 */
import { GlossError } from '../errors';
import type { TextPositionSelector, TextQuoteSelector } from '../annotations/types';

export interface RangeDescription {
  quote: TextQuoteSelector;
  position: TextPositionSelector;
}

/** Move `i` off the low half of a surrogate pair so context never holds half a character. */
function snapOffPair(text: string, i: number, direction: -1 | 1): number {
  const unit = text.charCodeAt(i);
  const prev = text.charCodeAt(i - 1);
  const splits =
    i > 0 && i < text.length && unit >= 0xdc00 && unit <= 0xdfff && prev >= 0xd800 && prev <= 0xdbff;
  return splits ? i + direction : i;
}

export function describeRange(text: string, start: number, end: number, context = 32): RangeDescription {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > text.length || start >= end) {
    throw new GlossError(
      'OUT_OF_RANGE',
      `The range ${start}–${end} is not a non-empty range inside the text (0–${text.length}).`,
    );
  }
  if (text.slice(start, end).trim() === '') {
    throw new GlossError(
      'INVALID_REQUEST',
      'Select some words to highlight: the selection holds only spaces.',
    );
  }
  // A selection made by words (double-click, Ctrl+Shift+arrows) takes the space after the last
  // word too: a quote begins and ends with its words, or its citation reads "died ”.
  while (/\s/.test(text[start])) start++;
  while (/\s/.test(text[end - 1])) end--;
  const exact = text.slice(start, end);
  const prefixStart = snapOffPair(text, Math.max(0, start - context), 1);
  const suffixEnd = snapOffPair(text, Math.min(text.length, end + context), -1);
  return {
    quote: {
      type: 'TextQuoteSelector',
      exact,
      prefix: text.slice(prefixStart, start),
      suffix: text.slice(end, suffixEnd),
    },
    position: { type: 'TextPositionSelector', start, end },
  };
}
