import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import MiniSearch from 'minisearch';
import { boundedLookup, type LookupPlan } from '@core/search/bounded-lookup';
import { PairFilter, SearchableText } from '@core/search/searchable-text';
import { TextCache } from '@core/search/text-cache';
import { findRun, fold, placedTerms, processTerm, tokenize } from '@core/search/fold';
import { SearchIndex, variantStages } from '@core/search/search-index';
import { parseQuery } from '@core/search/query';
import { crc32 } from 'node:zlib';
import type { Annotation } from '@core/annotations/types';

const exact = (w: string) => ({ queries: [w], prefix: false, fuzzy: false });
/** Every word required. */
const plan = (...words: string[]): LookupPlan => ({
  required: words.map(exact),
  scored: (ws) => ({ queries: ws, combineWith: 'AND' }),
});

/** 1,000 documents all holding "common"; every tenth holds "rare" too; the last has "common" in its title. */
function library(): MiniSearch {
  const index = new MiniSearch({ fields: ['title', 'body'], tokenize, processTerm });
  for (let i = 0; i < 1000; i++)
    index.add({
      id: `d${i}`,
      title: i === 999 ? 'Common ground' : `Report ${i}`,
      body: `common words ${i % 10 === 0 ? 'rare' : 'other'} text ${i}`,
    });
  return index;
}

describe('bounded lookup: a common word costs no more than the page needs', () => {
  it('several words, the rarest within the cap: the answer is exactly the unbounded one', () => {
    const index = library();
    const both = plan('common', 'rare');
    const bounded = boundedLookup(index, both, {}, 200);
    const whole = index.search(both.scored(both.required));
    assert.equal(bounded.capped, false);
    assert.equal(bounded.results.length, 100);
    assert.deepEqual(
      bounded.results.map((r) => [r.id, r.score]),
      whole.map((r) => [r.id, r.score]),
    );
  });

  it('several words held together by more documents than the cap: only the first of their intersection are scored, and it says so', () => {
    const index = library();
    for (const words of [
      ['common', 'words'],
      ['common', 'rare'],
    ]) {
      const bounded = boundedLookup(index, plan(...words), {}, 50);
      assert.equal(bounded.capped, true);
      assert.equal(bounded.results.length, 50, words.join(' '));
      for (const r of bounded.results) assert.deepEqual([...r.terms].sort(), [...words].sort());
    }
  });

  it("words the caller checks again (a phrase's) narrow the lookup, but only the rarest is scored: a common one is not walked to be scored", () => {
    const index = library();
    const phrase: LookupPlan = {
      required: [],
      checked: [exact('common'), exact('rare')],
      scored: (ws) => ({ queries: ws, combineWith: 'AND' }),
    };
    const bounded = boundedLookup(index, phrase, {}, 500);
    assert.equal(bounded.capped, false);
    assert.equal(bounded.results.length, 100, 'every document holding the rarest word');
    for (const r of bounded.results) assert.deepEqual(r.terms, ['rare']);
  });

  it('a filter is checked while walking, before the cap: the one accepted document is scored', () => {
    const index = library();
    const only = (id: string) => id === 'd500';
    for (const words of [['common'], ['common', 'words']]) {
      const bounded = boundedLookup(index, plan(...words), {}, 10, only);
      assert.deepEqual(
        bounded.results.map((r) => r.id),
        ['d500'],
        words.join(' '),
      );
      assert.equal(bounded.capped, false);
    }
  });

  it('one common word: only the first documents holding it are scored, title matches among them, and it says so', () => {
    const index = library();
    const bounded = boundedLookup(index, plan('common'), { boost: { title: 3 } }, 50);
    assert.equal(bounded.capped, true);
    assert.equal(bounded.results.length, 50);
    assert.equal(bounded.results[0].id, 'd999', 'the title match, walked first, is kept and ranks first');
  });

  it('one word held by fewer documents than the cap: every one is scored, not capped', () => {
    const bounded = boundedLookup(library(), plan('rare'), {}, 500);
    assert.equal(bounded.capped, false);
    assert.equal(bounded.results.length, 100);
  });
});

describe('search index: common words and variants', () => {
  function highlights(n: number, colorOfLast: 'pink' | 'yellow'): SearchIndex {
    const index = SearchIndex.empty();
    index.setArticle({ id: 'a', title: 'Notes', stamp: 's' }, null);
    const notes: Annotation[] = Array.from({ length: n }, (_, i) => ({
      id: `h${i}`,
      articleId: 'a',
      target: {
        source: 'a',
        quote: { type: 'TextQuoteSelector', exact: `a common passage ${i}`, prefix: '', suffix: '' },
        position: { type: 'TextPositionSelector', start: 0, end: 1 },
      },
      color: i === n - 1 ? colorOfLast : 'yellow',
      tags: [],
      note: '',
      created: '2026-01-01T00:00:00.000Z',
      modified: '2026-01-01T00:00:00.000Z',
    }));
    index.setAnnotations('a', notes, null);
    return index;
  }

  it('a filter that drops the capped candidates is asked again without the cap: the one pink highlight of 1,200 is found', async () => {
    const index = highlights(1200, 'pink');
    const r = await index.search(parseQuery('common color:pink'), { limit: 1, textOf: async () => null });
    assert.equal(r.hits, 1);
    assert.equal(r.groups[0].hits[0].annotationId, 'h1199');
  });

  it('a common word fills the page from the first documents holding it, and says more matched', async () => {
    const r = await highlights(1200, 'yellow').search(parseQuery('common'), {
      limit: 10,
      textOf: async () => null,
    });
    assert.equal(r.hits, 10);
    assert.equal(r.truncated, true);
  });

  it('variants are looked up cheapest first: whole words, then prefixes, then typos', () => {
    assert.deepEqual(variantStages(parseQuery('coalition')), ['exact', 'prefix', 'typo']);
    assert.deepEqual(variantStages(parseQuery('oil')), ['exact', 'prefix'], 'no typo from three letters');
    assert.deepEqual(variantStages(parseQuery('of')), ['exact'], 'one or two letters: the word alone');
  });

  it('prefixes that fill the page leave typos unlooked-up; with room left, typos are still not looked up while the word as typed matches', async () => {
    const index = SearchIndex.empty();
    const texts: Record<string, string> = { p: 'The partners met.', t: 'A partnr misspelt.' };
    for (const id of ['p', 't']) index.setArticle({ id, title: 'Notes', stamp: 's' }, texts[id]);
    const textOf = async (id: string) => texts[id];
    const one = await index.search(parseQuery('partner'), { limit: 1, textOf });
    assert.deepEqual(
      one.groups.map((g) => g.articleId),
      ['p'],
    );
    assert.equal(one.truncated, true);
    const all = await index.search(parseQuery('partner'), { limit: 5, textOf });
    assert.deepEqual(
      all.groups.map((g) => g.articleId),
      ['p'],
      'partnr is a typo away, but partner matched as typed',
    );
    assert.equal(all.truncated, false);
  });

  it('a word that matches nothing as typed, whole or as a prefix, finds the words a typo away', async () => {
    const index = SearchIndex.empty();
    const texts: Record<string, string> = { p: 'The partners met.', t: 'A partnr misspelt.' };
    for (const id of ['p', 't']) index.setArticle({ id, title: 'Notes', stamp: 's' }, texts[id]);
    const r = await index.search(parseQuery('partnrs'), { limit: 5, textOf: async (id) => texts[id] });
    assert.deepEqual(r.groups.map((g) => g.articleId).sort(), ['p', 't']);
  });
});

describe('search index in shards (as saved before session 7): a common word is walked only in the first shards', () => {
  const SHARDS = 8;
  /** 1,000 articles holding "common" in their text; the one titled with it lands in the last shard. */
  function library(): { index: SearchIndex; titled: string } {
    const index = SearchIndex.empty(SHARDS);
    const ids = Array.from({ length: 1000 }, (_, i) => `a${i}`);
    const titled = ids.find((id) => crc32(id) % SHARDS === SHARDS - 1)!;
    for (const id of ids)
      index.setArticle(
        { id, title: id === titled ? 'Common ground' : `Report ${id}`, stamp: 's' },
        `common words in report ${id}`,
      );
    return { index, titled };
  }

  it('the page is filled from the first shards, and it says more matched', async () => {
    const { index } = library();
    const r = await index.search(parseQuery('common'), { limit: 10, textOf: async () => null });
    assert.equal(r.hits, 10);
    assert.equal(r.truncated, true);
  });

  it('a title match in a shard the cap left unwalked is still found, and ranks first', async () => {
    const { index, titled } = library();
    const r = await index.search(parseQuery('common'), { limit: 10, textOf: async () => null });
    assert.equal(r.groups[0].articleId, titled);
    assert.equal(r.groups[0].hits[0].field, 'title');
  });
});

describe('searchable text: a phrase check by one comparison', () => {
  const texts = [
    'The naïve strategy, of the coalition—partners: is described.',
    'Café au lait; CAFÉ AU LAIT! ﬁne print',
    'strategyof the',
    '',
  ];
  const phrases = [
    ['naive', 'strategy'],
    ['strategy', 'of', 'the'],
    ['coalition', 'partners', 'is'],
    ['cafe', 'au', 'lait', 'cafe'],
    ['fine', 'print'],
    ['of', 'the'],
    ['strategy'],
    ['rategy', 'of'],
    ['the', 'coalition', 'partners', 'was'],
  ];
  it('answers as the word-by-word check does, for every text and phrase', () => {
    for (const text of texts)
      for (const phrase of phrases)
        assert.equal(
          new SearchableText(text).hasPhrase(phrase),
          findRun(placedTerms(text), phrase) >= 0,
          `${JSON.stringify(phrase)} in ${JSON.stringify(text)}`,
        );
  });

  it('answers as the word-by-word check does in random texts, for phrases they hold and lack', () => {
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const words = ['alpha', 'beta', 'gamma', 'delta', 'Épée', 'of', 'the', 'x'];
    for (let k = 0; k < 500; k++) {
      const text = Array.from({ length: rand(40) }, () => words[rand(words.length)]).join(
        rand(2) ? ' ' : ', ',
      );
      const searchable = new SearchableText(text);
      for (let p = 0; p < 10; p++) {
        const phrase = Array.from({ length: 1 + rand(3) }, () => fold(words[rand(words.length)]));
        assert.equal(searchable.hasPhrase(phrase), findRun(placedTerms(text), phrase) >= 0, text);
      }
    }
  });
});

describe('pair filter: which words stand side by side in a text', () => {
  let seed = 3;
  const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
  const vocabulary = Array.from({ length: 2000 }, (_, i) => `w${i.toString(36)}`);
  const texts = Array.from({ length: 50 }, () =>
    Array.from({ length: 50 + rand(400) }, () => vocabulary[rand(vocabulary.length)]),
  );

  it('never rules out a pair that stands in the text', () => {
    for (const terms of texts) {
      const filter = PairFilter.of(terms);
      for (let i = 1; i < terms.length; i++) assert.ok(filter.mayHold([terms[i - 1], terms[i]]));
      assert.ok(filter.mayHold(terms.slice(0, 3)), 'a phrase of three words it holds');
      assert.ok(filter.mayHold([terms[0]]), 'one word: no pair to rule out');
    }
  });

  it('rules out all but a few in a hundred of the pairs a text lacks', () => {
    let lacking = 0;
    let passed = 0;
    for (const terms of texts) {
      const filter = PairFilter.of(terms);
      const held = new Set(terms.slice(1).map((t, i) => `${terms[i]} ${t}`));
      for (let k = 0; k < 1000; k++) {
        const pair = [vocabulary[rand(vocabulary.length)], vocabulary[rand(vocabulary.length)]];
        if (held.has(pair.join(' '))) continue;
        lacking++;
        if (filter.mayHold(pair)) passed++;
      }
    }
    assert.ok(passed / lacking < 0.08, `${passed} of ${lacking} passed`);
  });
});

describe('text cache: recently used texts within a budget of characters', () => {
  it('drops the least recently used first, and never the one just added', () => {
    const cache = new TextCache(25);
    cache.set('a', new SearchableText('0123456789'));
    cache.set('b', new SearchableText('0123456789'));
    assert.ok(cache.get('a'), 'a used: now b is the oldest');
    cache.set('c', new SearchableText('0123456789'));
    assert.equal(cache.get('b'), undefined);
    assert.ok(cache.get('a') && cache.get('c'));
    cache.set('huge', new SearchableText('x'.repeat(100)));
    assert.ok(cache.get('huge'), 'kept though over budget: it is the one being used');
    assert.equal(cache.size, 1);
  });

  it('counts the phrase terms a text computes after it was cached', () => {
    const cache = new TextCache(30);
    const text = new SearchableText('alpha beta gamma');
    cache.set('a', text);
    cache.set('b', new SearchableText('0123456789'));
    text.hasPhrase(['beta']);
    assert.ok(text.size > 16, 'the text grew by its terms');
    cache.get('a');
    assert.equal(cache.get('b'), undefined, 'the grown text pushed the oldest out');
    assert.equal(cache.chars, text.size);
  });
});
