/**
 * Where foreign highlights go in the library: which article a foreign
 * document is (by URL, else by title and author), and where each passage sits
 * in that article's text — found with the same matcher that re-anchors
 * annotations (anchoring/match-quote), then with typography folded
 * (anchoring/find-quote: curly quotes, dashes, spaces), since a Kindle and a
 * web page rarely print the same apostrophes.
 */
import { findQuote } from '../anchoring/find-quote';
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

function count(text: string, words: string, limit = 3): number {
  let n = 0;
  for (let i = text.indexOf(words); i !== -1 && n < limit; i = text.indexOf(words, i + 1)) n++;
  return n;
}

/** Where a passage is in an article's text, and how sure the match is. */
export function placeHighlight(text: string, h: ForeignHighlight): Placement {
  const exact = h.text.trim();
  if (!exact) return { kind: 'unanchored' };
  const match = matchQuote(text, { exact, prefix: h.prefix, suffix: h.suffix });
  if (match && match.errors === 0) {
    // The same words more than once and no context to choose by: placed at the first, and said so.
    if (!h.prefix && !h.suffix && count(text, exact) > 1)
      return { kind: 'low', start: match.start, end: match.end, why: 'these words appear more than once' };
    return { kind: 'anchored', start: match.start, end: match.end };
  }
  try {
    const folded = findQuote(text, exact);
    return { kind: 'anchored', ...folded };
  } catch {
    // Not found even with typography folded, or found more than once that way.
  }
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
