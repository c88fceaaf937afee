import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import MiniSearch, { type Query, type SearchResult as MiniResult } from 'minisearch';
import { boundedLookup, type LookupPlan } from '@core/search/bounded-lookup';
import { postingsOf } from '@core/search/postings';
import { processTerm, tokenize } from '@core/search/fold';

/** A small seeded PRNG (the same library every run). */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VOCABULARY = [
  'coalition',
  'coalitions',
  'coal',
  'coalit',
  'partner',
  'partners',
  'partnership',
  'oil',
  'oils',
  'kurdistan',
  'kurdish',
  'erbil',
  'baghdad',
  'talks',
  'talk',
  'strategy',
  'strategic',
  'priority',
  'report',
  'reports',
  'reporter',
  'café',
  'naïve',
  'border',
  'borders',
  'order',
];

function library(): MiniSearch {
  const rnd = random(7);
  const word = () => VOCABULARY[Math.floor(rnd() * rnd() * VOCABULARY.length)];
  const index = new MiniSearch({ fields: ['title', 'body'], storeFields: ['title'], tokenize, processTerm });
  for (let i = 0; i < 400; i++) {
    const body = Array.from({ length: 5 + Math.floor(rnd() * 40) }, word).join(' ');
    index.add({ id: `d${i}`, title: `${word()} ${word()}`, body });
  }
  return index;
}

const spec = (w: string, variant: 'exact' | 'prefix' | 'typo'): Query => ({
  queries: [w],
  prefix: variant !== 'exact',
  fuzzy: variant === 'typo' ? 0.2 : false,
  maxFuzzy: 2,
});

function plan(words: Query[], excluded: Query[] = []): LookupPlan {
  return {
    required: words,
    excluded,
    scored: (ws) => {
      const base: Query = { queries: ws, combineWith: 'AND' };
      return excluded.length ? { queries: [base, ...excluded], combineWith: 'AND_NOT' } : base;
    },
  };
}

/** Results as id → [score, query terms, matched terms], for comparing without the order of ties. */
function byId(results: MiniResult[]): Map<string, [number, string[], string[]]> {
  return new Map(results.map((r) => [r.id, [r.score, [...r.queryTerms].sort(), [...r.terms].sort()]]));
}

function assertSameAnswer(ours: MiniResult[], theirs: MiniResult[], what: string): void {
  const a = byId(ours);
  const b = byId(theirs);
  assert.deepEqual([...a.keys()].sort(), [...b.keys()].sort(), `${what}: the same documents`);
  for (const [id, [score, queryTerms, terms]] of b) {
    const [s, q, t] = a.get(id)!;
    assert.ok(Math.abs(s - score) <= 1e-9 * score, `${what}: ${id} scored ${s}, MiniSearch ${score}`);
    assert.deepEqual(q, queryTerms, `${what}: ${id}'s query terms`);
    assert.deepEqual(t, terms, `${what}: ${id}'s matched terms`);
  }
  for (let i = 1; i < ours.length; i++) assert.ok(ours[i - 1].score >= ours[i].score, `${what}: best first`);
}

describe('postings: the lookup reads MiniSearch’s own index and answers as its search does', () => {
  const queries: Array<[string[], 'exact' | 'prefix' | 'typo']> = [
    [['coalition'], 'exact'],
    [['coalit'], 'prefix'],
    [['coalitoin'], 'typo'],
    [['partner', 'oil'], 'exact'],
    [['partner', 'oil'], 'prefix'],
    [['report', 'border', 'talks'], 'prefix'],
    [['strategy', 'kurdish'], 'typo'],
    [['cafe', 'naive'], 'exact'],
    [['nothing'], 'typo'],
  ];

  it('the same documents, scores and matched terms, for whole words, prefixes and typos, combined', () => {
    const index = library();
    for (const [words, variant] of queries) {
      const p = plan(words.map((w) => spec(w, variant)));
      assertSameAnswer(
        boundedLookup(index, p, {}, null).results,
        index.search(p.scored(p.required)),
        `${words.join(' ')} (${variant})`,
      );
    }
  });

  it('with field boosts, in the fields asked for only, and without the excluded words', () => {
    const index = library();
    const options = { boost: { title: 3 }, fields: ['title'] };
    for (const [words, variant] of queries) {
      const p = plan(words.map((w) => spec(w, variant)));
      assertSameAnswer(
        boundedLookup(index, p, options, null).results,
        index.search(p.scored(p.required), options),
        `${words.join(' ')} (${variant}, titles, boosted)`,
      );
    }
    const without = plan([spec('partner', 'prefix')], [spec('oil', 'exact')]);
    assertSameAnswer(
      boundedLookup(index, without, { boost: { title: 2 } }, null).results,
      index.search(without.scored(without.required), { boost: { title: 2 } }),
      'partner -oil',
    );
  });

  it('a discarded document is never found, though its postings linger until vacuumed', () => {
    const index = library();
    const p = plan([spec('coalition', 'prefix')]);
    const before = boundedLookup(index, p, {}, null).results.map((r) => r.id);
    const gone = before.slice(0, 5);
    for (const id of gone) index.discard(id);
    const after = boundedLookup(index, p, {}, null).results.map((r) => r.id);
    assert.deepEqual(
      after,
      before.filter((id) => !gone.includes(id)).sort((a, b) => after.indexOf(a) - after.indexOf(b)),
    );
    assert.deepEqual(
      [...after].sort(),
      index
        .search(p.scored(p.required))
        .map((r) => r.id)
        .sort(),
    );
  });

  it('the stored fields come with each result, as from search', () => {
    const index = library();
    const [r] = boundedLookup(index, plan([spec('coalition', 'exact')]), {}, null).results;
    assert.equal(r.title, index.getStoredFields(r.id)?.title);
  });

  it('refuses an index that does not hold its postings where this version of MiniSearch does', () => {
    assert.throws(() => postingsOf({ _index: {} } as unknown as MiniSearch), /does not hold its postings/);
  });
});
