/**
 * One part of the search index (articles, or highlights) as several MiniSearch
 * indexes, each holding the documents whose id hashes to it. Why: MiniSearch
 * walks every document holding a word to answer it (a word in 2,000 of 10,000
 * articles: 2,000 steps, though a page shows fifty), and nothing in its API
 * stops a walk early. Split eight ways, a common word fills the page from the
 * first shard or two and the others are never walked (bounded-lookup.ts's
 * shardedLookup); a rare word is walked in every shard, which costs what one
 * index would plus a few microseconds a shard.
 *
 * What it costs: each shard ranks with its own statistics (BM25's document
 * frequency and average length are a shard's, not the library's: with
 * documents spread by a hash, the same up to sampling noise), and each holds
 * its own tree of words (small beside the documents' postings). Every id always
 * hashes to the same shard, so replacing or removing a document needs no
 * bookkeeping, and the shard count is read back from the saved index.
 */
import { crc32 } from 'node:zlib';
import MiniSearch, { type Options, type Query, type SearchOptions, type SearchResult } from 'minisearch';

/** Enough that a word held by a few percent of 10,000 articles fills a page from one shard; few enough that walking all of them for a rare word stays cheap. */
export const SHARD_COUNT = 8;

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
