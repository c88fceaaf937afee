/**
 * A MiniSearch lookup whose cost follows the page asked for, not how common
 * the words are. MiniSearch's `search` walks every document holding each word
 * (a common word: thousands) and builds a result for each one it scores,
 * although a page shows fifty. This lookup reads MiniSearch's own postings
 * (postings.ts) instead:
 *
 *   - The rarest word (fewest postings in the fields asked) is walked, title,
 *     authors and source first, then bodies in index order; each document is
 *     kept if every other word holds it (a Map lookup per word, not a walk of
 *     its list), no excluded word does, and it passes `accept` (the query's
 *     filters, pushed here so they narrow the walk, not the page).
 *   - The walk stops at the `cap`-th document kept (the answer then says it was
 *     capped; the caller asks again without a cap if the page is not filled).
 *   - Only the kept documents are scored, with MiniSearch's BM25 and weights for
 *     whole words, prefixes and typos: the words required, not those the caller
 *     checks again itself (a phrase's), so a common word of a phrase is only
 *     asked, never walked.
 *
 * Uncapped, the answer is MiniSearch's own for the words combined with AND
 * (minus what `accept` refuses): the same documents and the same scores.
 * A filter alone (no word) is MiniSearch's wildcard search.
 */
import type MiniSearch from 'minisearch';
import type { Query, SearchOptions as MiniOptions, SearchResult as MiniResult } from 'minisearch';
import { postingsOf, type DocumentFreqs, type Postings, type TermPostings } from './postings';

export interface LookupPlan {
  /** The words (each with its variants) every result must hold, and that are scored. */
  required: Query[];
  /**
   * Words every result must hold that the caller checks again afterwards (a phrase's): they narrow
   * the lookup but are not scored — a common one is never walked to be scored — unless no word is
   * required, when the rarest of them is.
   */
  checked?: Query[];
  /** Words no result may hold. */
  excluded?: Query[];
  /** MiniSearch's query for these words: all of them, with the exclusions (no word: every document). */
  scored(words: Query[]): Query;
}

export interface Lookup {
  results: MiniResult[];
  /** Documents beyond the cap were skipped: more may match than were scored. */
  capped: boolean;
}

/** Whether a document may be a result, from its id and stored fields (a filter pushed into the walk). */
export type Accept = (id: string, stored: Record<string, unknown> | undefined) => boolean;

export function boundedLookup(
  index: MiniSearch<never> | MiniSearch,
  plan: LookupPlan,
  options: MiniOptions,
  cap: number | null,
  accept?: Accept,
): Lookup {
  const words = [...plan.required, ...(plan.checked ?? [])];
  // No word (a filter alone, or exclusions alone): MiniSearch's own wildcard.
  if (words.length === 0) {
    const results = index.search(plan.scored([]), {
      ...options,
      ...(accept && { boostDocument: (id, _t, stored) => (accept(id, stored) ? 1 : 0) }),
    });
    return { results: accept ? results.filter((r) => r.score > 0) : results, capped: false };
  }
  const postings = postingsOf(index);
  const fields = (options.fields ?? postings.fields).flatMap((name) => {
    const id = postings.fieldId(name);
    return id === undefined ? [] : [{ name, id, boost: options.boost?.[name] || 1 }];
  });
  const expanded = words.map((w) => expand(postings, w));
  const excluded = (plan.excluded ?? []).map((w) => expand(postings, w));
  // The rarest word's documents are walked, title field first; the other words are asked.
  let driver = expanded[0];
  for (const w of expanded) if (heldBy(w, fields) < heldBy(driver, fields)) driver = w;
  const others = expanded.filter((w) => w !== driver).map((w) => holder(w, fields));
  const unwanted = excluded.map((w) => holder(w, fields));
  const chosen: number[] = [];
  const seen = new Set<number>();
  let capped = false;
  walk: for (const field of fields) {
    for (const variant of driver.variants) {
      const list = variant.postings.get(field.id);
      if (!list) continue;
      for (const doc of list.keys()) {
        if (seen.has(doc)) continue;
        seen.add(doc);
        if (!postings.live(doc)) continue;
        if (!allHold(others, doc) || anyHolds(unwanted, doc)) continue;
        if (accept && !accept(postings.id(doc), postings.stored(doc))) continue;
        if (cap !== null && chosen.length >= cap) {
          capped = true;
          break walk;
        }
        chosen.push(doc);
      }
    }
  }
  // Scored: the required words; or (a phrase's words alone, checked by the caller) the rarest.
  const scored = plan.required.length ? expanded.slice(0, plan.required.length) : [driver];
  return { results: scoreOf(postings, chosen, scored, fields), capped };
}

/** A word of the plan with the indexed terms it stands for, each with MiniSearch's weight for it. */
interface Expanded {
  source: string;
  variants: Array<{ term: string; weight: number; postings: TermPostings }>;
}

/** The word and its variants (exact, then longer words, then typos), as MiniSearch's executeQuerySpec expands it. */
function expand(postings: Postings, query: Query): Expanded {
  const spec = query as { queries: string[]; prefix?: boolean; fuzzy?: number | boolean; maxFuzzy?: number };
  const source = String(spec.queries[0]);
  const variants: Expanded['variants'] = [];
  const own = postings.term(source);
  if (own) variants.push({ term: source, weight: 1, postings: own });
  const prefixed = new Set<string>();
  if (spec.prefix) {
    for (const [term, data] of postings.prefixed(source)) {
      const distance = term.length - source.length;
      if (!distance) continue;
      prefixed.add(term);
      const weight = (postings.weights.prefix * term.length) / (term.length + 0.3 * distance);
      variants.push({ term, weight, postings: data });
    }
  }
  if (spec.fuzzy) {
    const fuzzy = spec.fuzzy === true ? 0.2 : spec.fuzzy;
    const maxDistance = fuzzy < 1 ? Math.min(spec.maxFuzzy ?? 6, Math.round(source.length * fuzzy)) : fuzzy;
    if (maxDistance) {
      for (const [term, [data, distance]] of postings.nearby(source, maxDistance)) {
        if (!distance || prefixed.has(term)) continue;
        const weight = (postings.weights.fuzzy * term.length) / (term.length + distance);
        variants.push({ term, weight, postings: data });
      }
    }
  }
  return { source, variants };
}

/** How many (document, field) entries a word's variants have in these fields: its walk's length. */
function heldBy(word: Expanded, fields: readonly Field[]): number {
  let n = 0;
  for (const v of word.variants) for (const f of fields) n += v.postings.get(f.id)?.size ?? 0;
  return n;
}

interface Field {
  name: string;
  id: number;
  boost: number;
}

/**
 * Whether a document holds the word in one of the fields: a lookup in each of its lists, longest
 * first; a word of many variants (a short prefix's) is gathered into one set first.
 */
function holder(word: Expanded, fields: readonly Field[]): (doc: number) => boolean {
  const lists = word.variants
    .flatMap((v) => fields.map((f) => v.postings.get(f.id)))
    .filter((l): l is DocumentFreqs => l !== undefined)
    .sort((a, b) => b.size - a.size);
  if (lists.length === 1) {
    const [list] = lists;
    return (doc) => list.has(doc);
  }
  if (lists.length <= MANY_LISTS)
    return (doc) => {
      for (const l of lists) if (l.has(doc)) return true;
      return false;
    };
  let all: Set<number> | undefined;
  return (doc) => {
    all ??= new Set(lists.flatMap((l) => [...l.keys()]));
    return all.has(doc);
  };
}

function allHold(words: readonly ((doc: number) => boolean)[], doc: number): boolean {
  for (const holds of words) if (!holds(doc)) return false;
  return true;
}

function anyHolds(words: readonly ((doc: number) => boolean)[], doc: number): boolean {
  for (const holds of words) if (holds(doc)) return true;
  return false;
}

/** Past this many lists, a word's documents are gathered once rather than looked up in each list. */
const MANY_LISTS = 12;

/**
 * MiniSearch's result for each chosen document, as `search` would give it for these words
 * combined with AND: the same BM25 terms summed in the same order (variant, then field), times the
 * number of words, stored fields attached; best first. Which terms matched in which fields (`terms`,
 * `match`, `queryTerms`) is worked out only when read: a lookup scores a hundred documents or more
 * and a page reads fifty.
 */
function scoreOf(
  postings: Postings,
  chosen: number[],
  words: Expanded[],
  fields: readonly Field[],
): MiniResult[] {
  const n = chosen.length;
  const at = new Map<number, number>();
  for (let i = 0; i < n; i++) at.set(chosen[i], i);
  const scores = new Float64Array(n);
  const wordScores = new Float64Array(n);
  const held = new Uint8Array(n);
  // How many distinct words (by what was typed) each document holds: the score's multiplier.
  const sources = [...new Set(words.map((w) => w.source))];
  const heldSources = new Uint8Array(n * sources.length);
  const heldCount = new Uint8Array(n);
  for (const word of words) {
    wordScores.fill(0);
    held.fill(0);
    for (const { weight, postings: data } of word.variants) {
      for (const field of fields) {
        const list = data.get(field.id);
        if (!list) continue;
        const idf = postings.idf(list.size);
        const factor = weight * field.boost;
        // The shorter side is walked: the list, or the chosen documents.
        if (list.size < n) {
          for (const [doc, termFreq] of list) {
            const i = at.get(doc);
            if (i === undefined) continue;
            wordScores[i] += factor * postings.bm25(termFreq, idf, doc, field.id);
            held[i] = 1;
          }
        } else {
          for (let i = 0; i < n; i++) {
            const termFreq = list.get(chosen[i]);
            if (termFreq === undefined) continue;
            wordScores[i] += factor * postings.bm25(termFreq, idf, chosen[i], field.id);
            held[i] = 1;
          }
        }
      }
    }
    const s = sources.indexOf(word.source);
    for (let i = 0; i < n; i++) {
      if (!held[i]) continue;
      scores[i] += wordScores[i];
      if (!heldSources[i * sources.length + s]) {
        heldSources[i * sources.length + s] = 1;
        heldCount[i]++;
      }
    }
  }
  const out: MiniResult[] = [];
  for (let i = 0; i < n; i++) {
    if (heldCount[i] === 0) continue;
    const result = new ScoredResult(
      postings.id(chosen[i]),
      scores[i] * heldCount[i],
      chosen[i],
      words,
      fields,
    );
    out.push(Object.assign(result, postings.stored(chosen[i])) as unknown as MiniResult);
  }
  return out.sort((a, b) => b.score - a.score);
}

/** A result whose matched terms and fields are found when first read (in scoreOf's order: word, variant, field). */
class ScoredResult {
  private details?: { terms: string[]; queryTerms: string[]; match: Record<string, string[]> };

  constructor(
    readonly id: string,
    readonly score: number,
    private readonly doc: number,
    private readonly words: Expanded[],
    private readonly fields: readonly Field[],
  ) {}

  get terms(): string[] {
    return this.detailed().terms;
  }

  get queryTerms(): string[] {
    return this.detailed().queryTerms;
  }

  get match(): Record<string, string[]> {
    return this.detailed().match;
  }

  private detailed() {
    if (this.details) return this.details;
    const match: Record<string, string[]> = {};
    const queryTerms: string[] = [];
    for (const word of this.words) {
      let held = false;
      for (const { term, postings: data } of word.variants)
        for (const field of this.fields) {
          if (!data.get(field.id)?.has(this.doc)) continue;
          held = true;
          (match[term] ??= []).push(field.name);
        }
      if (held && !queryTerms.includes(word.source)) queryTerms.push(word.source);
    }
    return (this.details = { terms: Object.keys(match), queryTerms, match });
  }
}

/**
 * `boundedLookup` over an index split into shards (shards.ts): shard after shard, each capped at
 * what the page still needs, so a common word is walked only in the first shards. Matches in
 * `everyShardFields` (an article's title, authors, source: short, and ranked first) are still
 * looked up in the shards the cap left unwalked, in those fields alone.
 */
export function shardedLookup(
  shards: readonly (MiniSearch<never> | MiniSearch)[],
  plan: LookupPlan,
  options: MiniOptions,
  cap: number | null,
  accept?: Accept,
  everyShardFields?: string[],
): Lookup {
  const results: MiniResult[] = [];
  let capped = false;
  for (const shard of shards) {
    const left = cap === null ? null : cap - results.length;
    if (left !== null && left <= 0) {
      capped = true;
      if (!everyShardFields) break;
      const fields = everyShardFields.filter((f) => !options.fields || options.fields.includes(f));
      if (fields.length === 0) break;
      results.push(...boundedLookup(shard, plan, { ...options, fields }, null, accept).results);
      continue;
    }
    const lookup = boundedLookup(shard, plan, options, left, accept);
    results.push(...lookup.results);
    capped ||= lookup.capped;
  }
  return { results, capped };
}
