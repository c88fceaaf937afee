/**
 * Read access to what a MiniSearch index already holds: each term's postings
 * (field → document → term frequency), the vocabulary's prefix and typo
 * expansions, and the statistics its BM25 score reads. MiniSearch declares
 * these fields `protected` (its surface for subclasses); they are read here,
 * never written, so the index, its updates and its serialisation stay
 * MiniSearch's own.
 *
 * Why: `search` walks every document holding each word and scores whatever
 * `boostDocument` does not refuse, so two common words cost the length of both
 * lists in every pass, though a page shows fifty. With the postings, a lookup
 * walks the rarest word's list only, asks the others whether they hold each of
 * its documents (a Map lookup), stops at the page, and scores just those
 * (bounded-lookup.ts). `tests/unit/core/search/postings.test.ts` checks the
 * answers against `search`'s, so a MiniSearch that changes these fields fails
 * there, not in use; `postingsOf` also refuses an index without them.
 */
import type MiniSearch from 'minisearch';
import type { SearchOptions } from 'minisearch';

/** Document (MiniSearch's short id) → how often the term occurs in the field. */
export type DocumentFreqs = Map<number, number>;
/** Field id → that field's postings of one term. */
export type TermPostings = Map<number, DocumentFreqs>;

interface Vocabulary {
  get(term: string): TermPostings | undefined;
  atPrefix(prefix: string): Iterable<[string, TermPostings]>;
  fuzzyGet(term: string, maxDistance: number): Map<string, [TermPostings, number]>;
}

/** The protected fields of a MiniSearch instance read here (minisearch 7's names). */
interface Held {
  _index: Vocabulary;
  _documentCount: number;
  _documentIds: Map<number, string>;
  _fieldIds: Record<string, number>;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
  _storedFields: Map<number, Record<string, unknown>>;
  _options: { fields: string[]; searchOptions: Required<Pick<SearchOptions, 'weights' | 'bm25'>> };
}

export interface Postings {
  /** The term's postings, or undefined when no document holds it. */
  term(term: string): TermPostings | undefined;
  /** Every indexed term starting with `prefix` (itself included), in MiniSearch's order. */
  prefixed(prefix: string): Iterable<[string, TermPostings]>;
  /** Every indexed term within `maxDistance` edits of `term`, with its distance. */
  nearby(term: string, maxDistance: number): Map<string, [TermPostings, number]>;
  /** Whether the short id is a live document (a discarded one lingers in postings until vacuumed). */
  live(doc: number): boolean;
  id(doc: number): string;
  stored(doc: number): Record<string, unknown> | undefined;
  fieldId(field: string): number | undefined;
  readonly fields: readonly string[];
  /** The inverse document frequency of a term held by `matching` documents (in one field), as MiniSearch's BM25 has it. */
  idf(matching: number): number;
  /** MiniSearch's BM25 score of one term in one field of one document (its formula and parameters), given the term's `idf`. */
  bm25(termFreq: number, idf: number, doc: number, fieldId: number): number;
  readonly weights: { prefix: number; fuzzy: number };
}

const cache = new WeakMap<object, Postings>();

/** The postings of `index` (kept per instance). Throws if this MiniSearch does not hold them as expected. */
export function postingsOf(index: MiniSearch<never> | MiniSearch): Postings {
  let postings = cache.get(index);
  if (!postings) {
    postings = read(index as unknown as Held);
    cache.set(index, postings);
  }
  return postings;
}

function read(held: Held): Postings {
  const vocabulary = held._index;
  if (
    typeof vocabulary?.get !== 'function' ||
    typeof vocabulary.atPrefix !== 'function' ||
    typeof vocabulary.fuzzyGet !== 'function' ||
    !(held._documentIds instanceof Map) ||
    !(held._fieldLength instanceof Map) ||
    !(held._storedFields instanceof Map) ||
    !Array.isArray(held._avgFieldLength) ||
    typeof held._fieldIds !== 'object' ||
    !Array.isArray(held._options?.fields)
  )
    throw new Error('This version of MiniSearch does not hold its postings where the search expects them.');
  const { weights, bm25 } = held._options.searchOptions;
  const { k, b, d } = bm25;
  return {
    term: (term) => vocabulary.get(term),
    prefixed: (prefix) => vocabulary.atPrefix(prefix),
    nearby: (term, maxDistance) => vocabulary.fuzzyGet(term, maxDistance),
    live: (doc) => held._documentIds.has(doc),
    id: (doc) => held._documentIds.get(doc)!,
    stored: (doc) => held._storedFields.get(doc),
    fieldId: (field) => held._fieldIds[field],
    fields: held._options.fields,
    weights: { prefix: weights.prefix, fuzzy: weights.fuzzy },
    // The count of documents is read at each call: it changes as documents come and go.
    idf: (matching) => Math.log(1 + (held._documentCount - matching + 0.5) / (matching + 0.5)),
    bm25: (termFreq, idf, doc, fieldId) => {
      const fieldLength = held._fieldLength.get(doc)![fieldId];
      const avg = held._avgFieldLength[fieldId];
      return idf * (d + (termFreq * (k + 1)) / (termFreq + k * (1 - b + (b * fieldLength) / avg)));
    },
  };
}
