/**
 * Is an imported article a new version of one already in the library?
 *
 * Two signals, strongest first:
 * - the same canonical URL (the page's rel=canonical or og:url, or the URL it
 *   was fetched from), compared without scheme, `www.`, fragment, trailing
 *   slash and tracking parameters → a version;
 * - the same title and source, decided by **resemblance**: the Jaccard
 *   similarity of the two texts' sets of word 5-shingles (Broder, 1997) —
 *   |A ∩ B| / |A ∪ B| over every run of five consecutive words. An edited
 *   news story keeps most of its runs; two different stories from one source
 *   share only their boilerplate (a newsletter footer, a credit line), which is
 *   a small share of their runs. Between the two thresholds the user is asked.
 *
 * Pure: the caller reads the candidates' texts.
 */

/** Words per shingle: long enough that common phrases of a language rarely match by chance. */
export const SHINGLE_WORDS = 5;
/** At or above: the same story (an edit keeps most five-word runs). */
export const SAME_ARTICLE_RESEMBLANCE = 0.5;
/** At or above (and below SAME_ARTICLE_RESEMBLANCE): uncertain, the user confirms. Below: different articles. */
export const ASK_RESEMBLANCE = 0.3;

export type VersionVerdict = 'version' | 'ask' | 'different';

export interface VersionCandidate {
  title: string;
  source?: string;
  url?: string;
}

const TRACKING_PARAM = /^(utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid|ref|cmpid|ocid)$/i;

/** A URL reduced to what names the page: host without www., path without trailing slash, non-tracking query. */
export function canonicalUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
  const params = [...u.searchParams]
    .filter(([k]) => !TRACKING_PARAM.test(k))
    .sort(([a], [b]) => (a < b ? -1 : 1));
  const query = params.length ? `?${new URLSearchParams(params).toString()}` : '';
  const path = u.pathname.replace(/\/+$/, '') || '/';
  return `${u.hostname.toLowerCase().replace(/^www\./, '')}${path}${query}`;
}

/** Titles and sources compared as a reader would: case, spacing and typographic quotes ignored. */
export function sameLabel(a: string | undefined, b: string | undefined): boolean {
  const fold = (s: string | undefined) =>
    (s ?? '')
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[‘’‚‛`]/g, "'")
      .replace(/[“”„‟]/g, '"')
      .replace(/\s+/g, ' ')
      .trim();
  return fold(a) === fold(b);
}

/** The set of word 5-shingles of a text, each hashed to a 32-bit number (FNV-1a) to keep the set small. */
export function shingles(text: string): Set<number> {
  const words =
    text
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  const out = new Set<number>();
  if (words.length < SHINGLE_WORDS) {
    if (words.length) out.add(fnv1a(words.join(' ')));
    return out;
  }
  for (let i = 0; i + SHINGLE_WORDS <= words.length; i++)
    out.add(fnv1a(words.slice(i, i + SHINGLE_WORDS).join(' ')));
  return out;
}

/** Jaccard similarity of two shingle sets, 0..1 (two empty texts: 1). */
export function resemblance(a: Set<number>, b: Set<number>): number {
  if (a.size === 0 && b.size === 0) return 1;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const s of small) if (large.has(s)) shared++;
  return shared / (a.size + b.size - shared);
}

/**
 * The verdict for one existing article: a version (same canonical URL, or same
 * title and source and resemblance ≥ SAME_ARTICLE_RESEMBLANCE), ask (same title
 * and source, resemblance in the middle band) or different.
 */
export function judgeVersion(
  incoming: VersionCandidate,
  existing: VersionCandidate,
  score: () => number,
): { verdict: VersionVerdict; resemblance?: number; reason: 'url' | 'text' | 'none' } {
  const url = canonicalUrl(incoming.url);
  if (url && url === canonicalUrl(existing.url)) return { verdict: 'version', reason: 'url' };
  if (!sameLabel(incoming.title, existing.title) || !sameLabel(incoming.source, existing.source))
    return { verdict: 'different', reason: 'none' };
  const r = score();
  const verdict = r >= SAME_ARTICLE_RESEMBLANCE ? 'version' : r >= ASK_RESEMBLANCE ? 'ask' : 'different';
  return { verdict, resemblance: r, reason: 'text' };
}

/** Candidates worth reading: same canonical URL, or same title and source (cheap: index fields only). */
export function mayBeVersion(incoming: VersionCandidate, existing: VersionCandidate): boolean {
  const url = canonicalUrl(incoming.url);
  if (url && url === canonicalUrl(existing.url)) return true;
  return sameLabel(incoming.title, existing.title) && sameLabel(incoming.source, existing.source);
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
