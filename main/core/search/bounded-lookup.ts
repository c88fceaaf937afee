/**
 * A MiniSearch lookup whose cost follows the page asked for, not how common
 * the words are. MiniSearch walks every document holding a word (cheap: ~0.1 ms
 * per 2,000 documents) but builds a result object for each one it scores
 * (expensive: a word found in 14,000 highlights took it 70 ms), although a page
 * shows fifty. So the lookup walks first and scores last, both through
 * MiniSearch's public `boostDocument` (a document boosted 0 is skipped before
 * any result is built for it):
 *
 *   - One word: walked and scored in one pass; only the first `cap` documents
 *     holding it that pass `accept` (the query's filters, pushed here so they
 *     narrow the walk, not the page) are scored — title, author and source
 *     matches first (MiniSearch walks the fields in that order), then bodies in
 *     index order.
 *   - Several words: the documents of the rarest word are found by counting
 *     each word's up to the smallest count so far (a common word's walk stops
 *     early); if there are more than `cap`, every word is walked (nothing
 *     scored), keeping the documents that hold every word walked before and
 *     pass `accept`. Then the full query (exclusions included) is scored in the
 *     first `cap` of them — without the words the caller checks again itself (a
 *     phrase's), so a common word of a phrase is counted, never walked whole.
 * The answer says when it was capped; the caller asks again without a cap if
 * the page is not filled.
 *
 * Uncapped, the answer is exactly MiniSearch's own for the full query (minus
 * what `accept` refuses): a document missing a word is not a result of an AND
 * anyway, and scores do not depend on the restriction.
 */
import type MiniSearch from 'minisearch';
import type { Query, SearchOptions as MiniOptions, SearchResult as MiniResult } from 'minisearch';

export interface LookupPlan {
  /** The words (each with its variants) every result must hold, and that are scored. */
  required: Query[];
  /**
   * Words every result must hold that the caller checks again afterwards (a phrase's): they narrow
   * the lookup but are not scored — a common one is never walked to be scored — unless no word is
   * required, when the rarest of them is.
   */
  checked?: Query[];
  /** The query to score for these words: all of them, with the exclusions (no word: every document). */
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
  // No word (a filter alone): nothing to walk.
  if (words.length === 0) {
    const results = index.search(plan.scored([]), {
      ...options,
      ...(accept && { boostDocument: (id, _t, stored) => (accept(id, stored) ? 1 : 0) }),
    });
    return { results: accept ? results.filter((r) => r.score > 0) : results, capped: false };
  }
  // One word: walked and scored in one pass, the first `cap` documents accepted being the ones scored.
  if (words.length === 1) {
    const scored = new Set<string>();
    let capped = false;
    const results = index.search(plan.scored(words), {
      ...options,
      boostDocument: (id: string, _term, stored) => {
        if (scored.has(id)) return 1;
        if (accept && !accept(id, stored)) return 0;
        if (cap === null || scored.size < cap) return (scored.add(id), 1);
        capped = true;
        return 0;
      },
    });
    return { results, capped };
  }
  // The rarest word's documents, found without walking the common words' lists to their end.
  let within: Set<string> | null = null;
  let rarest: Query = words[words.length - 1];
  for (const word of words) {
    const counted = countUpTo(index, word, within ? within.size : (cap ?? RARE_MAX), options.fields, accept);
    if (counted && (!within || counted.size < within.size)) {
      within = counted;
      rarest = word;
    }
  }
  // Too many for the page: narrowed by walking the other words (nothing scored).
  if (!within || (cap !== null && within.size > cap)) {
    for (const word of words) {
      const holding = new Set<string>();
      const previous = within;
      index.search(word, {
        fields: options.fields,
        boostDocument: (id: string, _term, stored) => {
          if (previous ? previous.has(id) : !accept || accept(id, stored)) holding.add(id);
          return 0; // walked, never scored
        },
      });
      within = holding;
      if (within.size === 0) return { results: [], capped: false };
    }
  }
  let chosen = within!;
  const capped = cap !== null && chosen.size > cap;
  if (capped) chosen = new Set(firstOf(chosen, cap));
  const results = index.search(plan.scored(plan.required.length ? plan.required : [rarest]), {
    ...options,
    boostDocument: (id: string) => (chosen.has(id) ? 1 : 0),
  });
  return { results, capped };
}

/** Uncapped, a word held by at most this many documents is walked to its end to find the rarest word. */
const RARE_MAX = 2000;

/** Thrown from `boostDocument` to stop MiniSearch's walk of a list once it is known to be too long. */
const TOO_MANY = Symbol('too many documents');

/** The accepted documents holding `word`, or null when there are more than `max` (found without reading the rest). */
function countUpTo(
  index: MiniSearch<never> | MiniSearch,
  word: Query,
  max: number,
  fields: string[] | undefined,
  accept: Accept | undefined,
): Set<string> | null {
  const ids = new Set<string>();
  try {
    index.search(word, {
      fields,
      boostDocument: (id: string, _term, stored) => {
        if (!ids.has(id) && (!accept || accept(id, stored))) {
          if (ids.size >= max) throw TOO_MANY; // MiniSearch keeps no state across a search: stopping is safe
          ids.add(id);
        }
        return 0;
      },
    });
  } catch (err) {
    if (err === TOO_MANY) return null;
    throw err;
  }
  return ids;
}

function* firstOf<T>(items: Iterable<T>, n: number): Generator<T> {
  if (n <= 0) return;
  for (const x of items) {
    yield x;
    if (--n === 0) return;
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
