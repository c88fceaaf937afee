/**
 * The search box's language, parsed into a plain structure (no index needed):
 *
 *   coalition priority        words: every one must match; from three letters each also as a
 *                             prefix ("coalit" → "Coalition"), from four with a typo or two
 *   "the top priority"        a phrase: these words, in this order ("oil" quoted: that
 *                             word exactly, no prefix or typo)
 *   -iran  -"press release"   must not contain
 *   tag:claim                 a highlight carrying the tag or one below it (claim/official)
 *   color:pink                a highlight of that colour
 *   source:"Kurdistan 24"     from that source (the words of it, in order)
 *   is:note is:passage is:article   where the match is: a note, a highlighted passage, an article
 *   -tag:x  -color:y  -source:z  -is:k   the opposite
 *
 * Case and diacritics never matter. Repeated filters of one kind: tags must all
 * hold; colours, sources and kinds are alternatives. What cannot be read is never
 * an error: an unclosed quote closes at the end, a filter with nothing after it
 * (`tag:` while typing) is ignored, an unknown filter (`foo:bar`) is searched
 * as words, and a colour or kind that does not exist is ignored with a warning.
 */
import { COLORS, type Color } from '../annotations/types';
import { tagKey } from '../annotations/tags';
import { fold, terms } from './fold';

export const HIT_KINDS = ['article', 'passage', 'note'] as const;
export type HitKind = (typeof HIT_KINDS)[number];

export interface SearchQuery {
  /** Folded words to find (prefix and fuzzy matching). */
  words: string[];
  /** Each phrase as its folded words. */
  phrases: string[][];
  /** Folded words that must not occur. */
  notWords: string[];
  notPhrases: string[][];
  /** Folded tag keys; a highlight must carry each (or a tag below it). */
  tags: string[];
  notTags: string[];
  colors: Color[];
  notColors: Color[];
  /** Each source as its folded words. */
  sources: string[][];
  notSources: string[][];
  kinds: HitKind[];
  notKinds: HitKind[];
  /** Sentences about parts of the query that were ignored. */
  warnings: string[];
}

const FILTERS = ['tag', 'color', 'colour', 'source', 'is'] as const;
type FilterName = (typeof FILTERS)[number];
const KIND_ALIASES: Record<string, HitKind> = {
  article: 'article',
  articles: 'article',
  passage: 'passage',
  passages: 'passage',
  highlight: 'passage',
  highlights: 'passage',
  note: 'note',
  notes: 'note',
};

/** A piece of the query: a bare word, a quoted phrase, or name:value; `negated` by a leading "-". */
interface Piece {
  negated: boolean;
  filter?: FilterName;
  /** Text after the colon, or the word or phrase itself. */
  text: string;
  quoted: boolean;
}

export function emptyQuery(): SearchQuery {
  return {
    words: [],
    phrases: [],
    notWords: [],
    notPhrases: [],
    tags: [],
    notTags: [],
    colors: [],
    notColors: [],
    sources: [],
    notSources: [],
    kinds: [],
    notKinds: [],
    warnings: [],
  };
}

/** True when the query asks for nothing (no words, phrases or filters). */
export function isEmptyQuery(q: SearchQuery): boolean {
  return (
    q.words.length +
      q.phrases.length +
      q.notWords.length +
      q.notPhrases.length +
      q.tags.length +
      q.notTags.length +
      q.colors.length +
      q.notColors.length +
      q.sources.length +
      q.notSources.length +
      q.kinds.length +
      q.notKinds.length ===
    0
  );
}

/** Text NFC leaves as it is: ASCII. */
const ASCII = /^[\u0000-\u007f]*$/;

export function parseQuery(input: string): SearchQuery {
  const q = emptyQuery();
  // ASCII is its own NFC: skip ICU's normalizer, whose tables a query typed after other work finds
  // out of the CPU's caches (in profiles from cold caches, about half of parsing `sulq`).
  for (const piece of pieces(ASCII.test(input) ? input : input.normalize('NFC'))) {
    if (!piece.filter) {
      const words = terms(piece.text);
      if (words.length === 0) continue;
      // Quoted, even one word is exact: no prefix, no typo.
      if (piece.quoted) (piece.negated ? q.notPhrases : q.phrases).push(words);
      else (piece.negated ? q.notWords : q.words).push(...words);
      continue;
    }
    const value = piece.text.trim();
    if (value === '') continue; // still being typed
    switch (piece.filter) {
      case 'tag': {
        const key = fold(tagKey(value));
        if (key !== '') pushOnce(piece.negated ? q.notTags : q.tags, key);
        break;
      }
      case 'color':
      case 'colour': {
        const c = fold(value) as Color;
        if (COLORS.includes(c)) pushOnce(piece.negated ? q.notColors : q.colors, c);
        else
          q.warnings.push(
            `“${value}” is not a highlight colour (${COLORS.join(', ')}), so color:${value} was ignored.`,
          );
        break;
      }
      case 'source': {
        const words = terms(value);
        if (words.length) (piece.negated ? q.notSources : q.sources).push(words);
        break;
      }
      case 'is': {
        const kind = KIND_ALIASES[fold(value)];
        if (kind) pushOnce(piece.negated ? q.notKinds : q.kinds, kind);
        else q.warnings.push(`is:${value} was ignored: search is:article, is:passage or is:note.`);
        break;
      }
    }
  }
  return q;
}

function pushOnce<T>(list: T[], value: T): void {
  if (!list.includes(value)) list.push(value);
}

/** Splits at spaces outside quotes; a quote opens a phrase (or a filter's value) until the next quote or the end. */
function pieces(input: string): Piece[] {
  const out: Piece[] = [];
  let i = 0;
  const n = input.length;
  const isSpace = (c: string) => /\s/u.test(c);
  while (i < n) {
    while (i < n && isSpace(input[i])) i++;
    if (i >= n) break;
    let negated = false;
    if (input[i] === '-' && i + 1 < n && !isSpace(input[i + 1])) {
      negated = true;
      i++;
    }
    if (input[i] === '"') {
      const close = input.indexOf('"', i + 1);
      const end = close < 0 ? n : close;
      out.push({ negated, text: input.slice(i + 1, end), quoted: true });
      i = end + 1;
      continue;
    }
    // A word, or name:value where value may be quoted.
    let j = i;
    while (j < n && !isSpace(input[j]) && input[j] !== '"') j++;
    const word = input.slice(i, j);
    const colon = word.indexOf(':');
    const name = colon > 0 ? word.slice(0, colon).toLowerCase() : '';
    if (colon > 0 && (FILTERS as readonly string[]).includes(name)) {
      const filter = name as FilterName;
      if (colon === word.length - 1 && input[j] === '"') {
        const close = input.indexOf('"', j + 1);
        const end = close < 0 ? n : close;
        out.push({ negated, filter, text: input.slice(j + 1, end), quoted: true });
        i = end + 1;
      } else {
        out.push({ negated, filter, text: word.slice(colon + 1), quoted: false });
        i = j;
      }
      continue;
    }
    // A bare word (an unknown name:value included: its words are searched).
    out.push({ negated, text: word, quoted: false });
    i = j;
  }
  return out;
}
