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
 * - the same source under another title (the headline was edited): the same
 *   measure with higher thresholds, since the title no longer vouches for it.
 *   Only articles whose word counts allow it are read (Jaccard ≤ the ratio of the
 *   two sets' sizes): the newest MAX_RETITLED_CANDIDATES of them, and, across the
 *   whole library, those whose titles share most of their words with the
 *   import's (titlesShareWords; at most MAX_TITLE_MATCHED_CANDIDATES). Reading
 *   every article of a 10,000-article source took 9–15 s per import on the bench
 *   library (busy machine, 30–70× the newest 50); the titles alone, ~10–25 ms.
 *
 * Boilerplate is left out of the measure when the library shows it: a shingle
 * of the incoming text found in two or more of the candidates read (other
 * articles of the source) belongs to the source, not to one story.
 *
 * Pure: the caller reads the candidates' texts.
 */

/** Words per shingle: long enough that common phrases of a language rarely match by chance. */
export const SHINGLE_WORDS = 5;
/** At or above: the same story (an edit keeps most five-word runs). */
export const SAME_ARTICLE_RESEMBLANCE = 0.5;
/** At or above (and below SAME_ARTICLE_RESEMBLANCE): uncertain, the user confirms. Below: different articles. */
export const ASK_RESEMBLANCE = 0.3;
/** Another title, same source: at or above, a version (the text alone must vouch for it). */
export const RETITLED_SAME_RESEMBLANCE = 0.7;
/** Another title, same source: at or above (and below RETITLED_SAME_RESEMBLANCE), the user confirms. */
export const RETITLED_ASK_RESEMBLANCE = 0.5;
/** Articles of the same source under another title read per import, newest first (each is read from disk). */
export const MAX_RETITLED_CANDIDATES = 50;
/** Older articles of the same source read per import because their titles share most words with the import's. */
export const MAX_TITLE_MATCHED_CANDIDATES = 200;

export type VersionVerdict = 'version' | 'ask' | 'different';

export interface VersionCandidate {
  title: string;
  source?: string;
  url?: string;
  /** Lets an article of another title be ruled out without reading it. */
  wordCount?: number;
}

/** Why an article may be a version of an import: its address, its title and source, or its source alone. */
export type CandidateKind = 'url' | 'title' | 'source';

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
 * The verdict for one existing article: a version (same canonical URL; same
 * title and source and resemblance ≥ SAME_ARTICLE_RESEMBLANCE; same source,
 * another title and resemblance ≥ RETITLED_SAME_RESEMBLANCE), ask (the band
 * below each of those) or different.
 */
export function judgeVersion(
  incoming: VersionCandidate,
  existing: VersionCandidate,
  score: () => number,
): { verdict: VersionVerdict; resemblance?: number; reason: 'url' | 'text' | 'none' } {
  const kind = candidateKind(incoming, existing);
  if (kind === 'url') return { verdict: 'version', reason: 'url' };
  if (!kind) return { verdict: 'different', reason: 'none' };
  const r = score();
  const [same, ask] =
    kind === 'title'
      ? [SAME_ARTICLE_RESEMBLANCE, ASK_RESEMBLANCE]
      : [RETITLED_SAME_RESEMBLANCE, RETITLED_ASK_RESEMBLANCE];
  const verdict = r >= same ? 'version' : r >= ask ? 'ask' : 'different';
  return { verdict, resemblance: r, reason: 'text' };
}

/**
 * Why an existing article is worth reading as a possible earlier version (cheap:
 * index fields only), or null: the same canonical URL; the same title and
 * source; the same named source under another title, when the word counts do
 * not already rule out RETITLED_ASK_RESEMBLANCE.
 */
export function candidateKind(incoming: VersionCandidate, existing: VersionCandidate): CandidateKind | null {
  const url = canonicalUrl(incoming.url);
  if (url && url === canonicalUrl(existing.url)) return 'url';
  if (!sameLabel(incoming.source, existing.source)) return null;
  if (sameLabel(incoming.title, existing.title)) return 'title';
  if (!incoming.source?.trim()) return null;
  const [a, b] = [incoming.wordCount, existing.wordCount];
  // Two sets of sizes m ≤ n share at most m shingles: Jaccard ≤ m / n (a little slack for the 4 words a text's edges lose).
  if (a !== undefined && b !== undefined && Math.min(a, b) + 8 < RETITLED_ASK_RESEMBLANCE * Math.max(a, b))
    return null;
  return 'source';
}

/** Candidates worth reading (see candidateKind). */
export function mayBeVersion(incoming: VersionCandidate, existing: VersionCandidate): boolean {
  return candidateKind(incoming, existing) !== null;
}

/** A title's words that say something: four letters or more, or a number; lower-cased. */
export function titleWords(title: string): Set<string> {
  const words =
    title
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  return new Set(words.filter((w) => w.length >= 4 || /^\p{N}+$/u.test(w)));
}

/**
 * Do two titles share most of their words (half the shorter's, and at least
 * two unless it has one)? An edited headline usually keeps its names and
 * nouns: "Ceasefire talks resume in Doha" → "… as death toll rises".
 */
export function titlesShareWords(a: Set<string>, b: Set<string>): boolean {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  if (small.size === 0) return false;
  let shared = 0;
  for (const w of small) if (large.has(w)) shared++;
  return shared >= Math.min(2, small.size) && shared * 2 >= small.size;
}

/** The shingles of `incoming` found in two or more of `others`: the source's boilerplate, not one story's. */
export function boilerplateOf(incoming: Set<number>, others: readonly Set<number>[]): Set<number> {
  const out = new Set<number>();
  if (others.length < 2) return out;
  for (const s of incoming) {
    let seen = 0;
    for (const o of others) if (o.has(s) && ++seen >= 2) break;
    if (seen >= 2) out.add(s);
  }
  return out;
}

/** A shingle set without the boilerplate's shingles (the same set when there is none). */
export function without(set: Set<number>, boilerplate: Set<number>): Set<number> {
  if (boilerplate.size === 0) return set;
  const out = new Set<number>();
  for (const s of set) if (!boilerplate.has(s)) out.add(s);
  return out;
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
