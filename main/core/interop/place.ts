/**
 * Where foreign highlights go in the library: which article a foreign
 * document is (by URL, else by title and author), and where each passage sits
 * in that article's text — found with the same matcher that re-anchors
 * annotations (anchoring/match-quote), then with typography folded
 * (anchoring/find-quote: curly quotes, dashes, spaces), since a Kindle and a
 * web page rarely print the same apostrophes.
 */
import { foldTypography } from '../anchoring/find-quote';
import { matchQuote } from '../anchoring/match-quote';
import type { ForeignDocument, ForeignHighlight } from './types';

export interface LibraryDocument {
  id: string;
  title: string;
  byline?: string;
  /** The publication: a web highlight's "author" is often the site ("Kurdistan 24"). */
  source?: string;
  url?: string;
  /** An article Gloss made to hold imported passages: matched only when no article of the library's own fits. */
  holdsImports?: boolean;
}

export type MatchedBy = 'url' | 'title-author' | 'title';

/** Tracking parameters and fragments do not make another page. */
export function urlKey(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url.trim());
    if (!/^https?:$/.test(u.protocol)) return undefined;
    for (const k of [...u.searchParams.keys()])
      if (/^(utm_|fbclid$|gclid$|mc_|ref$|ref_src$)/i.test(k)) u.searchParams.delete(k);
    const host = u.hostname.toLowerCase().replace(/^(www|m|amp)\./, '');
    const path = u.pathname.replace(/\/(amp\/?)?$/, '').replace(/\/index\.html?$/, '');
    const query = u.searchParams.toString();
    return `${host}${path}${query ? `?${query}` : ''}`;
  } catch {
    return undefined;
  }
}

const fold = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** The title and, when it has one, the title without its subtitle ("Dune: Deluxe Edition" → "dune"). */
function titleKeys(title: string): string[] {
  const whole = fold(title);
  const main = fold(title.split(/[:–—(]|\s-\s/)[0]);
  return main && main !== whole ? [whole, main] : [whole];
}

/** Family names, as tokens: "Le Guin, Ursula K." and "Ursula K. Le Guin" share "guin". */
function surnames(authors: string[]): Set<string> {
  const out = new Set<string>();
  for (const a of authors.flatMap((x) => x.split(/;|\band\b|&|\bet\b|\bund\b|\by\b|、/))) {
    const inverted = a.includes(',');
    const words = fold(inverted ? a.split(',')[0] : a)
      .split(' ')
      .filter(Boolean);
    // "Last, First": every word before the comma; "First Last": the last word.
    for (const w of inverted ? words : words.slice(-1)) if (w.length > 1) out.add(w);
  }
  return out;
}

/** The library article this document is, and how sure: by URL or title and author (sure), by title alone (not sure). */
export function findArticle(
  doc: ForeignDocument,
  library: readonly LibraryDocument[],
): { id: string; by: MatchedBy } | undefined {
  return (
    findIn(
      doc,
      library.filter((a) => !a.holdsImports),
    ) ??
    findIn(
      doc,
      library.filter((a) => a.holdsImports),
    )
  );
}

function findIn(
  doc: ForeignDocument,
  library: readonly LibraryDocument[],
): { id: string; by: MatchedBy } | undefined {
  const url = urlKey(doc.url);
  if (url) {
    const hit = library.find((a) => urlKey(a.url) === url);
    if (hit) return { id: hit.id, by: 'url' };
  }
  const keys = new Set(titleKeys(doc.title).filter((k) => k.length >= 3));
  if (keys.size === 0) return undefined;
  const theirs = surnames(doc.authors);
  let byTitle: string | undefined;
  for (const a of library) {
    if (!titleKeys(a.title).some((k) => keys.has(k))) continue;
    const ours = surnames([a.byline, a.source].filter((x): x is string => !!x));
    if (theirs.size && ours.size) {
      if ([...theirs].some((s) => ours.has(s))) return { id: a.id, by: 'title-author' };
    } else byTitle ??= a.id;
  }
  return byTitle ? { id: byTitle, by: 'title' } : undefined;
}

export type Placement =
  | { kind: 'anchored'; start: number; end: number }
  | { kind: 'low'; start: number; end: number; why: string }
  | { kind: 'unanchored' };

function occurrences(text: string, words: string, limit = 3): number[] {
  const at: number[] = [];
  for (let i = text.indexOf(words); i !== -1 && at.length < limit; i = text.indexOf(words, i + 1)) at.push(i);
  return at;
}

/** The last text folded: an import places many passages in one article, and folding a book costs tens of milliseconds. */
let folding: { text: string; folded: ReturnType<typeof foldTypography>; words: Set<string> } | undefined;
function foldedOnce(text: string) {
  if (folding?.text !== text) {
    const folded = foldTypography(text);
    folding = { text, folded, words: new Set(wordsOf(folded.folded)) };
  }
  return folding;
}

const wordsOf = (folded: string) => folded.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 4);

/**
 * The fuzzy search costs ~75 ms per passage on an 800,000-character book; a
 * passage most of whose words the text never uses cannot be a near match
 * (at most a quarter of it may differ), so it is not searched for.
 */
function mayBeThere(words: Set<string>, passage: string): boolean {
  const own = wordsOf(passage);
  if (own.length < 3) return true;
  return own.filter((w) => words.has(w)).length * 2 >= own.length;
}

/**
 * Where a passage is in an article's text, and how sure the match is.
 * Cheapest first: the words exactly; then with typography folded (curly
 * quotes, dashes, spaces, case); only then, for a passage whose words the
 * text mostly has, the fuzzy search.
 */
export function placeHighlight(text: string, h: ForeignHighlight): Placement {
  const exact = h.text.trim();
  if (!exact) return { kind: 'unanchored' };
  const hasContext = !!(h.prefix || h.suffix);
  const exactly = occurrences(text, exact);
  if (exactly.length === 1) return { kind: 'anchored', start: exactly[0], end: exactly[0] + exact.length };
  if (exactly.length > 1) {
    // The same words more than once: the stored context chooses; without any, the first, and said so.
    const best = hasContext ? matchQuote(text, { exact, prefix: h.prefix, suffix: h.suffix }) : null;
    if (best) return { kind: 'anchored', start: best.start, end: best.end };
    return {
      kind: 'low',
      start: exactly[0],
      end: exactly[0] + exact.length,
      why: 'these words appear more than once',
    };
  }
  const { folded: t, words } = foldedOnce(text);
  const q = foldTypography(exact).folded.trim();
  const loosely = q ? occurrences(t.folded, q) : [];
  if (loosely.length > 0) {
    const start = t.origin[loosely[0]];
    const end = t.origin[loosely[0] + q.length - 1] + 1;
    if (loosely.length === 1) return { kind: 'anchored', start, end };
    return { kind: 'low', start, end, why: 'these words appear more than once' };
  }
  if (!mayBeThere(words, q)) return { kind: 'unanchored' };
  const match = matchQuote(text, { exact, prefix: h.prefix, suffix: h.suffix });
  if (match) {
    const agreement = Math.round(100 * (1 - match.errors / exact.length));
    return {
      kind: 'low',
      start: match.start,
      end: match.end,
      why: `the words differ (${agreement} % alike)`,
    };
  }
  return { kind: 'unanchored' };
}
