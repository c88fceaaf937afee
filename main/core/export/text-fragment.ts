/**
 * Text fragment links (WICG Text Fragments, https://wicg.github.io/scroll-to-text-fragment/):
 * `url#:~:text=[prefix-,]textStart[,textEnd][,-suffix]` makes a browser scroll
 * to the words and mark them, so a colleague lands on the passage on the live
 * page. Pure functions over an article's canonical text.
 *
 * The rules followed, from the spec:
 * - Each part is percent-encoded, and `-`, `&` and `,` always (they are the
 *   directive's own syntax); encodeURIComponent encodes `&` and `,`, not `-`.
 * - A browser matches whole words only, case-insensitively, never across a
 *   block boundary: the passage is widened to whole words, its white space
 *   collapsed, and one spanning blocks (or longer than MAX_EXACT) is sent as
 *   `textStart,textEnd` — its first and last few words.
 * - The browser takes the first match: when the start is not unique in the
 *   article, words just before it (`prefix-`) and then just after the passage
 *   (`-suffix`), from the same block, are added until it is.
 */

/** Longer passages are sent as start,end: shorter links, and a match survives small edits in between. */
const MAX_EXACT = 300;
/** Words kept at each end of a start,end directive. */
const EDGE_WORDS = 5;
/** At most this many words of prefix and of suffix. */
const MAX_CONTEXT_WORDS = 3;

const WORD_CHAR = /[\p{L}\p{N}\p{M}_]/u;
const isWordChar = (c: string | undefined): boolean => c !== undefined && WORD_CHAR.test(c);

/** Percent-encoding of one part of a text directive. */
export function encodeDirectivePart(part: string): string {
  return encodeURIComponent(part).replace(/-/g, '%2D');
}

const collapse = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** Offsets of the whitespace-separated tokens of text[from, to). */
function tokens(text: string, from: number, to: number): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  const re = /\S+/g;
  const slice = text.slice(from, to);
  for (let m = re.exec(slice); m; m = re.exec(slice))
    out.push({ start: from + m.index, end: from + m.index + m[0].length });
  return out;
}

/** Start of the block (line) holding `offset`, and its end: context never crosses a line. */
function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}
function lineEnd(text: string, offset: number): number {
  const i = text.indexOf('\n', offset);
  return i < 0 ? text.length : i;
}

/** How many times `needle` occurs in `haystack` as whole words, ignoring case. */
function occurrences(haystack: string, needle: string): number {
  const escaped = needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`(?<![\\p{L}\\p{N}\\p{M}_])${escaped}(?![\\p{L}\\p{N}\\p{M}_])`, 'giu');
  return haystack.match(re)?.length ?? 0;
}

export interface TextDirectiveParts {
  prefix?: string;
  textStart: string;
  textEnd?: string;
  suffix?: string;
}

/**
 * The parts of a text directive for text[start, end), or undefined when the
 * range holds no words.
 */
export function textDirectiveParts(text: string, start: number, end: number): TextDirectiveParts | undefined {
  // Whole words, no white space at either end.
  while (start > 0 && isWordChar(text[start - 1]) && isWordChar(text[start])) start--;
  while (end < text.length && isWordChar(text[end - 1]) && isWordChar(text[end])) end++;
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  if (start >= end) return undefined;

  const passage = text.slice(start, end);
  const ranged = passage.includes('\n') || collapse(passage).length > MAX_EXACT;
  let startEnd = end; // where textStart ends in the text
  let parts: TextDirectiveParts;
  if (ranged) {
    const first = tokens(text, start, lineEnd(text, start)).slice(0, EDGE_WORDS);
    const last = tokens(text, lineStart(text, end), end).slice(-EDGE_WORDS);
    startEnd = first[first.length - 1].end;
    parts = {
      textStart: collapse(text.slice(start, startEnd)),
      textEnd: collapse(text.slice(last[0].start, end)),
    };
    // A long single-block passage whose ends meet: the exact text is shorter than a pair.
    if (last[0].start < startEnd) {
      parts = { textStart: collapse(passage) };
      startEnd = end;
    }
  } else parts = { textStart: collapse(passage) };

  const haystack = collapse(text);
  const before = tokens(text, lineStart(text, start), start);
  const after = parts.textEnd ? [] : tokens(text, end, lineEnd(text, end));
  const candidate = (p: number, s: number) =>
    collapse(
      text.slice(p > 0 ? before[before.length - p].start : start, s > 0 ? after[s - 1].end : startEnd),
    );
  let p = 0;
  let s = 0;
  while (occurrences(haystack, candidate(p, s)) > 1) {
    if (p < Math.min(MAX_CONTEXT_WORDS, before.length)) p++;
    else if (s < Math.min(MAX_CONTEXT_WORDS, after.length)) s++;
    else break;
  }
  if (p > 0) parts.prefix = collapse(text.slice(before[before.length - p].start, start));
  if (s > 0) parts.suffix = collapse(text.slice(end, after[s - 1].end));
  return parts;
}

/** `text=…` from its parts, each percent-encoded. */
export function formatTextDirective(parts: TextDirectiveParts): string {
  return (
    'text=' +
    (parts.prefix ? `${encodeDirectivePart(parts.prefix)}-,` : '') +
    encodeDirectivePart(parts.textStart) +
    (parts.textEnd ? `,${encodeDirectivePart(parts.textEnd)}` : '') +
    (parts.suffix ? `,-${encodeDirectivePart(parts.suffix)}` : '')
  );
}

/**
 * The page address with a fragment directive for text[start, end): any
 * fragment the address has is kept (a directive follows it), one it already
 * had replaced. Undefined for addresses a browser would not open (not http/https)
 * or a range without words.
 */
export function textFragmentLink(url: string, text: string, start: number, end: number): string | undefined {
  if (!/^https?:\/\//i.test(url)) return undefined;
  const parts = textDirectiveParts(text, start, end);
  if (!parts) return undefined;
  const hash = url.indexOf('#');
  const base = hash < 0 ? url : url.slice(0, hash);
  let fragment = hash < 0 ? '' : url.slice(hash + 1);
  const directive = fragment.indexOf(':~:');
  if (directive >= 0) fragment = fragment.slice(0, directive);
  return `${base}#${fragment}:~:${formatTextDirective(parts)}`;
}
