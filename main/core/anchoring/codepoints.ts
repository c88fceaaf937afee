/**
 * Offsets in Gloss are UTF-16 code units (what JavaScript strings index by);
 * the W3C Web Annotation model counts Unicode code points. An emoji or other
 * astral character is two units but one code point, so the two differ by the
 * number of surrogate pairs before the offset.
 */
import { GlossError } from '../errors';
import { firstIndex } from '../util/first-index';

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}
function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

/** Code-point offset of UTF-16 `offset`. An offset inside a surrogate pair counts the pair as not yet reached. */
export function utf16ToCodePoint(text: string, offset: number): number {
  if (!Number.isInteger(offset) || offset < 0 || offset > text.length) {
    throw new GlossError('OUT_OF_RANGE', `The offset ${offset} is outside the text (0–${text.length}).`);
  }
  let cp = 0;
  for (let i = 0; i < offset; i++) {
    // The low half of a pair was already counted with its high half.
    if (isLowSurrogate(text.charCodeAt(i)) && i > 0 && isHighSurrogate(text.charCodeAt(i - 1))) continue;
    cp++;
  }
  // An offset that splits a pair points at the pair's start, not past it.
  if (
    offset > 0 &&
    offset < text.length &&
    isHighSurrogate(text.charCodeAt(offset - 1)) &&
    isLowSurrogate(text.charCodeAt(offset))
  ) {
    cp--;
  }
  return cp;
}

/** UTF-16 offset of code-point offset `cp`. */
export function codePointToUtf16(text: string, cp: number): number {
  if (!Number.isInteger(cp) || cp < 0) {
    throw new GlossError('OUT_OF_RANGE', `The code point offset ${cp} is outside the text.`);
  }
  let i = 0;
  for (let n = 0; n < cp; n++) {
    if (i >= text.length) {
      throw new GlossError('OUT_OF_RANGE', `The code point offset ${cp} is past the end of the text.`);
    }
    const pair =
      isHighSurrogate(text.charCodeAt(i)) && i + 1 < text.length && isLowSurrogate(text.charCodeAt(i + 1));
    i += pair ? 2 : 1;
  }
  return i;
}

/**
 * utf16ToCodePoint for many offsets into one text: the surrogate pairs are
 * found once, then each offset costs a binary search (or nothing, in the usual
 * text without astral characters) instead of a scan from the start.
 */
export function codePointCounter(text: string): (offset: number) => number {
  const pairs: number[] = [];
  const re = /[\uD800-\uDBFF](?=[\uDC00-\uDFFF])/g;
  for (let m = re.exec(text); m; m = re.exec(text)) pairs.push(m.index);
  return (offset) => {
    if (!Number.isInteger(offset) || offset < 0 || offset > text.length)
      return utf16ToCodePoint(text, offset); // throws
    // Each pair whose high half lies before the offset is one code point fewer (a split pair counts as not reached).
    return offset - firstIndex(pairs.length, (i) => pairs[i] >= offset);
  };
}
