/**
 * One part of the search index (articles, or highlights) as one or more
 * MiniSearch indexes, each holding the documents whose id hashes to it.
 *
 * A new index has one shard. Eight were made in session 4, when MiniSearch's
 * own `search` walked every document holding a word and eight shards let a
 * common word fill the page from the first one or two. Since session 5 the
 * lookup reads the postings and stops at the page in any one index
 * (bounded-lookup.ts), so shards no longer shorten a walk; they only repeat
 * per-shard work — a prefix's or a typo's walk of the tree of words, the
 * title, author and source lookups in every shard, `someWordIsAPrefix` — and
 * rank with each shard's own statistics. Measured on the bench library (one
 * process, each query of search-10k against an eight-shard copy, bench/README.md
 * "search-10k, session 7"): one shard is 0.7–1.0× the time of eight per query,
 * a typo's walk 0.3×, and two shards no better than one.
 *
 * An index saved with several shards (by an older Gloss) still loads and is
 * searched as it was: every id always hashes to the same shard, so replacing or
 * removing a document needs no bookkeeping, and the shard count is read back
 * from the saved index.
 */
import { crc32 } from 'node:zlib';
import MiniSearch, { type Options, type Query, type SearchOptions, type SearchResult } from 'minisearch';

/** A new index's shards (see above). */
export const SHARD_COUNT = 1;

export class Shards<T extends { id: string }> {
  private constructor(readonly shards: readonly MiniSearch<T>[]) {}

  static empty<T extends { id: string }>(options: Options<T>, count = SHARD_COUNT): Shards<T> {
    return new Shards(Array.from({ length: count }, () => new MiniSearch<T>(options)));
  }

  /** From `serialize`'s strings (their count is the shard count). Throws on a damaged one. */
  static load<T extends { id: string }>(serialized: readonly string[], options: Options<T>): Shards<T> {
    if (serialized.length === 0) throw new Error('an index with no shard');
    return new Shards(serialized.map((json) => MiniSearch.loadJSON<T>(json, options)));
  }

  /** Each shard's MiniSearch JSON (no line breaks: one line each in the index file). */
  serialize(): string[] {
    return this.shards.map((shard) => JSON.stringify(shard));
  }

  private of(id: string): MiniSearch<T> {
    return this.shards[crc32(id) % this.shards.length];
  }

  has(id: string): boolean {
    return this.of(id).has(id);
  }

  add(doc: T): void {
    this.of(doc.id).add(doc);
  }

  discard(id: string): void {
    this.of(id).discard(id);
  }

  getStoredFields(id: string): Record<string, unknown> | undefined {
    return this.of(id).getStoredFields(id);
  }

  get documentCount(): number {
    return this.shards.reduce((n, s) => n + s.documentCount, 0);
  }

  /** MiniSearch's search over every shard, best first. */
  search(query: Query, options?: SearchOptions): SearchResult[] {
    return this.shards.flatMap((s) => s.search(query, options)).sort((a, b) => b.score - a.score);
  }
}
