/**
 * One way of turning text into search terms, shared by the query parser, the
 * index (MiniSearch's tokenize and processTerm) and the snippet maker, so a
 * word typed and a word indexed always meet: split at spaces and punctuation
 * (MiniSearch's own rule), then fold case and diacritics ("Café" → "cafe").
 */

/** MiniSearch's default separator: runs of spaces, line breaks and punctuation. */
export const TERM_SEPARATOR = /[\n\r\p{Z}\p{P}]+/u;
const TERM_RUN = /[^\n\r\p{Z}\p{P}]+/gu;
const MARKS = /\p{M}+/gu;
const ASCII = /^[\u0000-\u007f]*$/;

/** Letters that do not decompose into a base letter and a mark. */
const SPECIAL: Record<string, string> = {
  ß: 'ss',
  ẞ: 'ss',
  æ: 'ae',
  Æ: 'ae',
  œ: 'oe',
  Œ: 'oe',
  ø: 'o',
  Ø: 'o',
  ł: 'l',
  Ł: 'l',
  đ: 'd',
  Đ: 'd',
  ı: 'i',
  þ: 'th',
  Þ: 'th',
};

/** Lower case, no diacritics, compatibility forms unfolded ("ﬁ" → "fi"). */
export function fold(text: string): string {
  // ASCII decomposes to itself and holds no mark: its lower case is its fold (most terms; 5× faster).
  if (ASCII.test(text)) return text.toLowerCase();
  let out = text.normalize('NFKD').replace(MARKS, '').toLowerCase();
  if (/[^\u0000-\u007f]/.test(out)) out = out.replace(/[ßẞæÆœŒøØłŁđĐıþÞ]/g, (c) => SPECIAL[c]);
  return out;
}

/** The folded terms of a text, in order. */
export function terms(text: string): string[] {
  return text
    .split(TERM_SEPARATOR)
    .filter((t) => t !== '')
    .map(fold)
    .filter((t) => t !== '');
}

/** MiniSearch's tokenize: the raw words (processTerm folds each). */
export function tokenize(text: string): string[] {
  return text.split(TERM_SEPARATOR).filter((t) => t !== '');
}

/** MiniSearch's processTerm. */
export function processTerm(term: string): string | null {
  const t = fold(term);
  return t === '' ? null : t;
}

/** A term of a text with where it stands in the original (UTF-16 offsets). */
export interface PlacedTerm {
  term: string;
  start: number;
  end: number;
}

/** Every term of `text` with its place, for highlighting and phrase checks. */
export function placedTerms(text: string): PlacedTerm[] {
  const out: PlacedTerm[] = [];
  for (const m of text.matchAll(TERM_RUN)) {
    const term = fold(m[0]);
    if (term !== '') out.push({ term, start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** Where the folded terms `phrase` stand one after the other in `placed`; -1 when nowhere. */
export function findRun(placed: readonly PlacedTerm[], phrase: readonly string[], from = 0): number {
  if (phrase.length === 0) return -1;
  outer: for (let i = from; i + phrase.length <= placed.length; i++) {
    for (let j = 0; j < phrase.length; j++) if (placed[i + j].term !== phrase[j]) continue outer;
    return i;
  }
  return -1;
}
