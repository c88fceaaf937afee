/**
 * An article's text as a search reads it: the text itself (for snippets) and,
 * computed the first time a phrase is looked for, its folded terms in one
 * string, so checking a phrase is one `includes` instead of folding every word
 * of the text again for each candidate (a phrase query checks hundreds), and a
 * small filter of the pairs of terms that stand side by side, which rules out
 * most texts lacking a phrase without reading them (see PairFilter).
 */
import { terms } from './fold';

/** Between terms: a character no folded term contains (terms never hold line breaks). */
const GAP = '\n';

/**
 * What a phrase is looked for as in the joined terms: its words, each followed by GAP. It starts with
 * the phrase's first letter, not a GAP: V8 scans for a needle's first character before comparing,
 * and GAP is every few characters (3× slower); the GAP before it is checked at each place found.
 * Made once per phrase (a query's phrase is checked in hundreds of texts: a string joined at each
 * check was a new string to flatten each time).
 */
const needles = new WeakMap<readonly string[], string>();
function needleOf(phrase: readonly string[]): string {
  let needle = needles.get(phrase);
  if (needle === undefined) needles.set(phrase, (needle = phrase.join(GAP) + GAP));
  return needle;
}

/** Each adjacent pair of a phrase's words as its filter key (made once per phrase). */
const pairKeysOf = new WeakMap<readonly string[], Uint32Array>();
function pairKeys(phrase: readonly string[]): Uint32Array {
  let keys = pairKeysOf.get(phrase);
  if (keys === undefined) {
    const hashes = phrase.map(termHash);
    keys = new Uint32Array(Math.max(0, phrase.length - 1));
    for (let i = 0; i < keys.length; i++) keys[i] = pairKey(hashes[i], hashes[i + 1]);
    pairKeysOf.set(phrase, keys);
  }
  return keys;
}

export class SearchableText {
  private flat?: string;
  private pairs?: PairFilter;
  /**
   * Characters held (the text, and its terms and pair filter once computed): what a cache of these
   * counts. A field, not a sum read from the strings: a phrase query reads it for hundreds of texts,
   * and each string read is another place in memory the CPU's caches seldom hold.
   */
  size: number;

  constructor(readonly text: string) {
    this.size = text.length;
  }

  /** Whether the folded words of `phrase` stand one after the other in the text (as fold.ts's findRun decides). */
  hasPhrase(phrase: readonly string[]): boolean {
    if (phrase.length === 0 || this.text === '') return false;
    const flat = this.prepare();
    // A pair of the phrase's words that never stand side by side here: no need to read the text.
    if (!this.pairs!.mayHold(phrase)) return false;
    const needle = needleOf(phrase);
    for (let at = flat.indexOf(needle, 1); at > 0; at = flat.indexOf(needle, at + 1))
      if (flat[at - 1] === GAP) return true;
    return false;
  }

  /** Computes the folded terms now (ahead of a phrase query); returns them joined. */
  prepare(): string {
    if (this.flat === undefined) {
      const all = terms(this.text);
      this.pairs = PairFilter.of(all);
      this.flat = GAP + all.join(GAP) + GAP;
      this.size += this.flat.length + this.pairs.bytes;
    }
    return this.flat;
  }
}

/**
 * Which pairs of terms stand side by side in a text, as a Bloom filter: a few bits per pair (one byte
 * per term: ~5 % of the joined terms' size), two set per pair. It answers "no" only for a pair the
 * text lacks; "maybe" for one it holds and for about one in twenty it lacks (the phrase is then looked
 * for in the text). Why: a phrase's candidates are the texts holding all its words (~300 articles for
 * two common words in the bench's library), and reading each one's terms was most of the query.
 */
export class PairFilter {
  private constructor(private readonly bits: Uint8Array) {}

  static of(terms: readonly string[]): PairFilter {
    // Eight bits per pair (at least 64): two bits set per pair leave ~5 % of absent pairs passing.
    const bits = new Uint8Array(Math.max(8, terms.length));
    const filter = new PairFilter(bits);
    let prev = terms.length ? termHash(terms[0]) : 0;
    for (let i = 1; i < terms.length; i++) {
      const next = termHash(terms[i]);
      filter.add(pairKey(prev, next));
      prev = next;
    }
    return filter;
  }

  get bytes(): number {
    return this.bits.length;
  }

  /** False when two words of the phrase surely never stand side by side in the text; true when they all may. */
  mayHold(phrase: readonly string[]): boolean {
    const keys = pairKeys(phrase);
    for (let i = 0; i < keys.length; i++) if (!this.mayHoldKey(keys[i])) return false;
    return true;
  }

  private add(key: number): void {
    const size = this.bits.length * 8;
    const a = key % size;
    const b = Math.imul(key, 0x9e3779b1) >>> 0;
    const c = b % size;
    this.bits[a >>> 3] |= 1 << (a & 7);
    this.bits[c >>> 3] |= 1 << (c & 7);
  }

  private mayHoldKey(key: number): boolean {
    const size = this.bits.length * 8;
    const a = key % size;
    const c = (Math.imul(key, 0x9e3779b1) >>> 0) % size;
    return (this.bits[a >>> 3] & (1 << (a & 7))) !== 0 && (this.bits[c >>> 3] & (1 << (c & 7))) !== 0;
  }
}

/** FNV-1a of a term's UTF-16 code units. */
function termHash(term: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < term.length; i++) h = Math.imul(h ^ term.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** One key for an ordered pair of terms (a→b differs from b→a), mixed so that its bits spread. */
function pairKey(a: number, b: number): number {
  let h = Math.imul(a ^ (b >>> 15) ^ Math.imul(b, 0x85ebca6b), 0xc2b2ae35);
  h ^= h >>> 13;
  h = Math.imul(h, 0x27d4eb2f);
  return (h ^ (h >>> 16)) >>> 0;
}
