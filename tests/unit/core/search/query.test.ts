import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isEmptyQuery, parseQuery, type SearchQuery } from '@core/search/query';

/** The parsed query with only the parts that are set. */
function parsed(input: string): Partial<SearchQuery> {
  return Object.fromEntries(Object.entries(parseQuery(input)).filter(([, v]) => (v as unknown[]).length > 0));
}

describe('search query: words', () => {
  it('splits at spaces and punctuation, folding case and diacritics', () => {
    assert.deepEqual(parsed('Coalition CAFÉ  naïve'), { words: ['coalition', 'cafe', 'naive'] });
    assert.deepEqual(parsed("Coalition's priority,"), { words: ['coalition', 's', 'priority'] });
    assert.deepEqual(parsed('Straße Łódź'), { words: ['strasse', 'lodz'] });
  });

  it('reads a query typed with combining accents as the same query composed', () => {
    const composed = 'Café "été" tag:Économie source:"Le Monde"';
    assert.deepEqual(parseQuery(composed.normalize('NFD')), parseQuery(composed));
    assert.deepEqual(parsed(composed).words, ['cafe']);
  });

  it('an empty or blank query asks for nothing', () => {
    assert.ok(isEmptyQuery(parseQuery('')));
    assert.ok(isEmptyQuery(parseQuery('   \t ')));
    assert.ok(isEmptyQuery(parseQuery('"" - -- ,;')));
  });

  it('a leading minus excludes a word; a lone or inner minus does not', () => {
    assert.deepEqual(parsed('coalition -iran'), { words: ['coalition'], notWords: ['iran'] });
    assert.deepEqual(parsed('a - b'), { words: ['a', 'b'] });
    assert.deepEqual(parsed('al-Sudani'), { words: ['al', 'sudani'] });
  });
});

describe('search query: phrases', () => {
  it('double quotes make a phrase of folded words', () => {
    assert.deepEqual(parsed('"the TOP priority" isis'), {
      phrases: [['the', 'top', 'priority']],
      words: ['isis'],
    });
  });

  it('one quoted word is exact (a phrase of one word)', () => {
    assert.deepEqual(parsed('"oil"'), { phrases: [['oil']] });
  });

  it('an unclosed quote runs to the end of the query', () => {
    assert.deepEqual(parsed('isis "top priori'), { words: ['isis'], phrases: [['top', 'priori']] });
    assert.deepEqual(parsed('"'), {});
  });

  it('a phrase can be excluded', () => {
    assert.deepEqual(parsed('coalition -"press release"'), {
      words: ['coalition'],
      notPhrases: [['press', 'release']],
    });
  });

  it('a quote inside a word starts a phrase there', () => {
    assert.deepEqual(parsed('top"priority now"'), { words: ['top'], phrases: [['priority', 'now']] });
  });
});

describe('search query: filters', () => {
  it('tag: takes a tag key (case-, space- and #-insensitive, diacritics folded)', () => {
    assert.deepEqual(parsed('tag:Claim tag:#Coalition/Strategy tag:"Oil  Exports" tag:café'), {
      tags: ['claim', 'coalition/strategy', 'oil exports', 'cafe'],
    });
  });

  it('tag: with nothing after it is ignored (still being typed)', () => {
    assert.deepEqual(parsed('coalition tag:'), { words: ['coalition'] });
    assert.deepEqual(parsed('tag:""'), {});
  });

  it('color: (or colour:) takes a highlight colour; an unknown one is ignored with a warning', () => {
    assert.deepEqual(parsed('color:pink colour:Blue color:pink'), { colors: ['pink', 'blue'] });
    const q = parseQuery('color:magenta oil');
    assert.deepEqual(q.colors, []);
    assert.deepEqual(q.words, ['oil']);
    assert.match(q.warnings[0], /magenta.*not a highlight colour/);
  });

  it('source: takes a word or a quoted name, as folded words', () => {
    assert.deepEqual(parsed('source:"Kurdistan 24" source:Rudaw'), {
      sources: [['kurdistan', '24'], ['rudaw']],
    });
    assert.deepEqual(parsed('source:"Kurdistan 24'), { sources: [['kurdistan', '24']] });
  });

  it('is: takes article, passage or note (plurals and "highlight" too); anything else warns', () => {
    assert.deepEqual(parsed('is:note is:Passages is:highlight is:article'), {
      kinds: ['note', 'passage', 'article'],
    });
    const q = parseQuery('is:tweet');
    assert.deepEqual(q.kinds, []);
    assert.match(q.warnings[0], /is:tweet was ignored/);
  });

  it('filter names are case-insensitive; a leading minus negates a filter', () => {
    assert.deepEqual(parsed('TAG:claim -tag:draft -color:yellow -source:Rudaw -is:article'), {
      tags: ['claim'],
      notTags: ['draft'],
      notColors: ['yellow'],
      notSources: [['rudaw']],
      notKinds: ['article'],
    });
  });

  it('an unknown filter is searched as words', () => {
    assert.deepEqual(parsed('foo:bar http://example.com'), {
      words: ['foo', 'bar', 'http', 'example', 'com'],
    });
    assert.deepEqual(parsed(':claim'), { words: ['claim'] });
  });

  it('filters alone make a query (every highlight tagged claim)', () => {
    assert.ok(!isEmptyQuery(parseQuery('tag:claim')));
  });
});
