/**
 * A MiniSearch lookup whose cost follows the rarest word asked for, not the
 * most common one. MiniSearch scores every document holding a word and builds
 * a result object for each: a word found in most of 10,000 articles and
 * 100,000 highlights costs it tens of milliseconds, although a page shows fifty.
 * Two rules, both through MiniSearch's public `boostDocument` (a document
 * boosted 0 is skipped before any result is built for it):
 *
 *   - Several words (all required): each word is first looked up alone, counting
 *     documents up to the cap; the smallest complete set found restricts the full
 *     query. The answer is exactly the unrestricted one (a document missing a
 *     word is not a result of an AND anyway, and scores do not depend on the
 *     restriction), at the cost of the rarest word's list.
 *   - One word: only the first `cap` documents that hold it are scored: title, author and source matches first (MiniSearch walks the
 *     fields in that order), then bodies in index order. The answer says it was
 *     capped; the caller asks again without a cap if the page is not filled.
 *   - Several words, all common: the whole query (the costly case left).
 */
import type MiniSearch from 'minisearch';
import type { Query, SearchOptions as MiniOptions, SearchResult as MiniResult } from 'minisearch';

export interface LookupPlan {
  /** The words (each with its variants) every result must hold. */
  required: Query[];
  /** The whole query: the required words combined, with exclusions. */
  full: Query;
}

export interface Lookup {
  results: MiniResult[];
  /** Documents beyond the cap were skipped: more may match than were scored. */
  capped: boolean;
}

export function boundedLookup(
  index: MiniSearch<never> | MiniSearch,
  plan: LookupPlan,
  options: MiniOptions,
  cap: number | null,
): Lookup {
  // No word (a filter alone): nothing to bound.
  if (cap === null || plan.required.length === 0)
    return { results: index.search(plan.full, options), capped: false };
  let smallest: Set<unknown> | null = null;
  if (plan.required.length > 1) {
    for (const word of plan.required) {
      // A word holding more documents than the smallest set so far cannot restrict more.
      const counted = countUpTo(index, word, smallest ? Math.min(cap, smallest.size) : cap);
      if (counted && (!smallest || counted.size < smallest.size)) smallest = counted;
    }
  }
  if (smallest) {
    const within = smallest;
    return {
      results: index.search(plan.full, { ...options, boostDocument: (id) => (within.has(id) ? 1 : 0) }),
      capped: false,
    };
  }
  // Several words, all common: a cap would keep each word's first documents, whose intersection
  // may be empty. Looked up whole.
  if (plan.required.length > 1) return { results: index.search(plan.full, options), capped: false };
  const scored = new Set<unknown>();
  let capped = false;
  const results = index.search(plan.full, {
    ...options,
    boostDocument: (id) => {
      if (scored.has(id)) return 1;
      if (scored.size < cap) return (scored.add(id), 1);
      capped = true;
      return 0;
    },
  });
  return { results, capped };
}

/** Thrown from `boostDocument` to stop MiniSearch's walk of a list once it is known to be too long. */
const TOO_MANY = Symbol('too many documents');

/** The ids of the documents holding `word`, or null when there are more than `max` (found without reading the rest). */
function countUpTo(index: MiniSearch<never> | MiniSearch, word: Query, max: number): Set<unknown> | null {
  const ids = new Set<unknown>();
  try {
    index.search(word, {
      boostDocument: (id) => {
        if (!ids.has(id)) {
          if (ids.size >= max) throw TOO_MANY; // MiniSearch keeps no state across a search: stopping is safe
          ids.add(id);
        }
        return 1;
      },
    });
  } catch (err) {
    if (err === TOO_MANY) return null;
    throw err;
  }
  return ids;
}
