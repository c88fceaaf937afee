import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildArticle } from '@core/document/build';
import type { Article } from '@core/document/types';
import type { Annotation, Color } from '@core/annotations/types';
import { articleStamp, SearchIndex } from '@core/search/search-index';
import { parseQuery } from '@core/search/query';
import { SearchableText } from '@core/search/searchable-text';
import type { SearchHit, SearchResult } from '@core/search/types';

function article(
  n: number,
  title: string,
  paragraphs: string[],
  source = 'Kurdistan 24',
  byline?: string,
): Article {
  const blocks = [
    { kind: 'title' as const, text: title },
    ...paragraphs.map((text) => ({ kind: 'paragraph' as const, text })),
  ];
  return buildArticle(
    blocks,
    { title, source, byline, format: 'text', importedAt: new Date(Date.UTC(2026, 0, 1, 0, n)).toISOString() },
    `search-${n}`,
  );
}

function highlight(
  a: Article,
  quote: string,
  extra: { id: string; tags?: string[]; note?: string; color?: Color },
): Annotation {
  const start = a.text.indexOf(quote);
  assert.ok(start >= 0, `“${quote}” is in the article`);
  return {
    id: extra.id,
    articleId: a.id,
    target: {
      source: a.id,
      quote: { type: 'TextQuoteSelector', exact: quote, prefix: '', suffix: '' },
      position: { type: 'TextPositionSelector', start, end: start + quote.length },
    },
    color: extra.color ?? 'yellow',
    tags: extra.tags ?? [],
    note: extra.note ?? '',
    created: '2026-01-01T00:00:00.000Z',
    modified: '2026-01-01T00:00:00.000Z',
  };
}

const coalition = article(1, 'Coalition says ISIS remains its top priority', [
  'ERBIL (Kurdistan 24) – The fight against ISIS remains the Coalition’s top priority, a spokesman said on Monday.',
  'He spoke at a café in Erbil, where the press release was handed out.',
]);
const oil = article(
  2,
  'Oil exports resume through Ceyhan',
  ['Iraq resumed oil exports through the Ceyhan pipeline after a long pause.'],
  'Rudaw',
  'Jane Doe',
);
const longRead = article(
  3,
  'A long report',
  [
    ...Array.from(
      { length: 40 },
      (_, i) => `Paragraph ${i} says nothing of interest about the weather in the mountains.`,
    ),
    'Near the end, the naïve strategy of the coalition partners is described.',
  ],
  'Reuters',
);

const claim = highlight(coalition, 'remains the Coalition’s top priority', {
  id: 'h1',
  tags: ['claim/official'],
  color: 'pink',
  note: 'Compare with the 2021 statement',
});
const cafe = highlight(coalition, 'a café in Erbil', { id: 'h2', tags: ['place'], color: 'blue' });
const exports = highlight(oil, 'resumed oil exports', {
  id: 'h3',
  tags: ['Claim', 'economy', 'Oil  Exports/Kirkuk'],
  note: 'Exports matter for the budget',
});

function built(): SearchIndex {
  const index = SearchIndex.empty();
  for (const a of [coalition, oil, longRead]) {
    index.setArticle(
      {
        id: a.id,
        title: a.meta.title,
        source: a.meta.source,
        authors: a.meta.byline,
        stamp: articleStamp('h', a.meta),
      },
      a.text,
    );
  }
  index.setAnnotations(coalition.id, [claim, cafe], null);
  index.setAnnotations(oil.id, [exports], null);
  return index;
}

const texts = new Map([coalition, oil, longRead].map((a) => [a.id, a.text]));
const search = (index: SearchIndex, query: string, limit?: number): Promise<SearchResult> =>
  index.search(parseQuery(query), { limit, textOf: async (id) => texts.get(id) ?? null });
const hits = (r: SearchResult): SearchHit[] => r.groups.flatMap((g) => g.hits);
/** "kind articleNumber[/annotation]" for each hit, sorted. */
function found(r: SearchResult): string[] {
  const n = (id: string) => [coalition, oil, longRead].findIndex((a) => a.id === id) + 1;
  return hits(r)
    .map((h) => `${h.kind} ${n(h.articleId)}${h.annotationId ? `/${h.annotationId}` : ''}`)
    .sort();
}
const marked = (h: SearchHit) => h.snippet.ranges.map(([s, e]) => h.snippet.text.slice(s, e));

describe('search index: words', () => {
  it('finds a word in article text, titles, quotes and notes, grouped by article', async () => {
    const r = await search(built(), 'priority');
    assert.deepEqual(found(r), ['article 1', 'passage 1/h1']);
    assert.equal(r.groups.length, 1);
    assert.equal(r.groups[0].title, coalition.meta.title);
    assert.equal(r.groups[0].source, 'Kurdistan 24');
  });

  it('a prefix finds the whole word: coalit finds Coalition', async () => {
    assert.deepEqual(found(await search(built(), 'coalit')), ['article 1', 'article 3', 'passage 1/h1']);
  });

  it('a word of one or two letters is whole, not a prefix (it would match much of the vocabulary)', async () => {
    assert.deepEqual(found(await search(built(), 'co')), []);
    assert.deepEqual(found(await search(built(), 'coa')).length, 3);
  });

  it('a typo is forgiven: coalitoin finds Coalition', async () => {
    assert.ok(found(await search(built(), 'coalitoin')).includes('article 1'));
  });

  it('case and diacritics do not matter either way: cafe finds café, NAIVE finds naïve', async () => {
    assert.deepEqual(found(await search(built(), 'cafe')), ['article 1', 'passage 1/h2']);
    assert.deepEqual(found(await search(built(), 'NAÏVE')), ['article 3']);
    assert.deepEqual(found(await search(built(), 'naive')), ['article 3']);
  });

  it('every word must match, in any field of one document', async () => {
    assert.deepEqual(found(await search(built(), 'oil budget')), ['note 2/h3']);
    assert.deepEqual(found(await search(built(), 'oil weather')), []);
  });

  it('a minus excludes documents holding the word', async () => {
    assert.deepEqual(found(await search(built(), 'coalition -isis')), ['article 3', 'passage 1/h1']);
  });

  it('matches in titles, authors and sources are found and say where', async () => {
    const byAuthor = hits(await search(built(), 'doe'));
    assert.deepEqual(
      byAuthor.map((h) => [h.kind, h.field]),
      [['article', 'authors']],
    );
    assert.equal(hits(await search(built(), 'report'))[0].field, 'title');
  });
});

describe('search index: phrases', () => {
  it('finds the words in order only', async () => {
    assert.deepEqual(found(await search(built(), '"top priority"')), ['article 1', 'passage 1/h1']);
    assert.deepEqual(found(await search(built(), '"priority top"')), []);
  });

  it('ignores punctuation, case and diacritics between and in the words', async () => {
    assert.deepEqual(found(await search(built(), '"coalitions top"')), []);
    assert.deepEqual(found(await search(built(), '"COALITION S TOP PRIORITY"')), [
      'article 1',
      'passage 1/h1',
    ]);
    assert.deepEqual(found(await search(built(), '"a cafe in erbil"')), ['article 1', 'passage 1/h2']);
  });

  it('a quoted word is exact: no prefix', async () => {
    assert.deepEqual(found(await search(built(), '"coalit"')), []);
  });

  it('is found in an article’s authors or source when its cached text lacks it', async () => {
    const cached = new Map([...texts].map(([id, text]) => [id, new SearchableText(text)]));
    const withCache = (query: string) =>
      built().search(parseQuery(query), {
        textOf: async (id) => texts.get(id) ?? null,
        cachedText: (id) => cached.get(id),
      });
    const byAuthor = hits(await withCache('"jane doe"'));
    assert.deepEqual(
      byAuthor.map((h) => [h.articleId, h.field]),
      [[oil.id, 'authors']],
    );
    assert.deepEqual(found(await withCache('"rudaw" pipeline')), ['article 2']);
    assert.deepEqual(found(await withCache('"doe jane"')), []);
  });

  it('an excluded phrase drops the documents that hold it', async () => {
    assert.deepEqual(found(await search(built(), 'erbil -"press release"')), ['passage 1/h2']);
  });
});

describe('search index: filters', () => {
  it('tag: finds highlights with the tag or a tag below it, case-insensitively, and never articles', async () => {
    assert.deepEqual(found(await search(built(), 'tag:claim')), ['passage 1/h1', 'passage 2/h3']);
    assert.deepEqual(found(await search(built(), 'tag:CLAIM/official')), ['passage 1/h1']);
    assert.deepEqual(found(await search(built(), 'tag:clai')), [], 'a tag is not a prefix');
    assert.deepEqual(
      found(await search(built(), 'tag:claim tag:economy')),
      ['passage 2/h3'],
      'several tags: all of them',
    );
    assert.deepEqual(found(await search(built(), 'tag:claim -tag:economy')), ['passage 1/h1']);
    assert.deepEqual(
      found(await search(built(), 'tag:"oil exports"')),
      ['passage 2/h3'],
      'a tag of several words, its child',
    );
    assert.deepEqual(
      found(await search(built(), 'tag:"exports oil"')),
      [],
      'the same words in another order are another tag',
    );
    assert.deepEqual(found(await search(built(), 'tag:kirkuk')), [], 'a child’s own name is not a tag');
  });

  it('tag: with words narrows the words to tagged highlights', async () => {
    assert.deepEqual(found(await search(built(), 'priority tag:claim')), ['passage 1/h1']);
  });

  it('color: finds highlights of that colour', async () => {
    assert.deepEqual(found(await search(built(), 'color:pink')), ['passage 1/h1']);
    assert.deepEqual(found(await search(built(), 'color:pink color:blue')), ['passage 1/h1', 'passage 1/h2']);
    assert.deepEqual(found(await search(built(), 'erbil -color:blue')), ['article 1']);
  });

  it('source: matches the source’s words in order', async () => {
    assert.deepEqual(found(await search(built(), 'exports source:rudaw')), ['article 2', 'note 2/h3']);
    assert.deepEqual(found(await search(built(), 'priority source:"Kurdistan 24"')), [
      'article 1',
      'passage 1/h1',
    ]);
    assert.deepEqual(found(await search(built(), 'priority source:"24 Kurdistan"')), []);
    assert.deepEqual(found(await search(built(), 'coalition -source:kurdistan')), ['article 3']);
  });

  it('is: keeps hits of that kind: a note hit is a match in the note', async () => {
    assert.deepEqual(found(await search(built(), 'exports is:note')), ['note 2/h3']);
    assert.deepEqual(found(await search(built(), 'exports is:passage')), ['passage 2/h3']);
    assert.deepEqual(found(await search(built(), 'exports is:article')), ['article 2']);
    assert.deepEqual(found(await search(built(), 'exports -is:article')), ['note 2/h3']);
    assert.deepEqual(
      found(await search(built(), 'is:note')),
      ['note 1/h1', 'note 2/h3'],
      'alone: every highlight with a note',
    );
    assert.deepEqual(
      found(await search(built(), 'is:passage')),
      ['passage 1/h1', 'passage 1/h2', 'passage 2/h3'],
      'alone: every highlight',
    );
  });

  it('filters alone stop at the limit and say more matched', async () => {
    const r = await search(built(), 'is:passage', 2);
    assert.equal(r.hits, 2);
    assert.equal(r.truncated, true);
  });

  it('an empty query finds nothing; ignored parts come back as warnings', async () => {
    assert.deepEqual(found(await search(built(), '')), []);
    const r = await search(built(), 'oil color:magenta');
    assert.equal(r.warnings.length, 1);
    assert.ok(found(r).length > 0);
  });
});

describe('search index: snippets', () => {
  it('marks each matched word in the snippet, by offsets', async () => {
    const [hit] = hits(await search(built(), 'spokesman'));
    assert.equal(hit.field, 'body');
    assert.deepEqual(marked(hit), ['spokesman']);
    assert.equal(
      coalition.text.slice(hit.at!.start, hit.at!.end),
      'spokesman',
      'the hit says where it is in the article',
    );
  });

  it('marks a phrase as one range, and prefix matches as whole words', async () => {
    const phrase = hits(await search(built(), '"top priority" is:passage'))[0];
    assert.deepEqual(marked(phrase), ['top priority']);
    const prefix = hits(await search(built(), 'spokesm'))[0];
    assert.deepEqual(marked(prefix), ['spokesman']);
  });

  it('cuts a long text around the match, with ellipses', async () => {
    const [hit] = hits(await search(built(), 'naive'));
    assert.ok(hit.snippet.text.startsWith('…'));
    assert.ok(hit.snippet.text.length < 300);
    assert.deepEqual(marked(hit), ['naïve']);
    assert.equal(longRead.text.slice(hit.at!.start, hit.at!.end), 'naïve');
  });

  it('a note hit shows the note; a passage hit the quote; both carry colour and tags', async () => {
    const note = hits(await search(built(), 'budget'))[0];
    assert.deepEqual(
      [note.kind, note.field, note.snippet.text, note.color, note.tags],
      ['note', 'note', 'Exports matter for the budget', 'yellow', ['Claim', 'economy', 'Oil Exports/Kirkuk']],
    );
    const passage = hits(await search(built(), 'tag:place'))[0];
    assert.deepEqual([passage.field, passage.snippet.text], ['quote', 'a café in Erbil']);
  });
});

describe('search index: changes', () => {
  it('a changed highlight is found by its new words only; a deleted one no more', async () => {
    const index = built();
    index.setAnnotations(coalition.id, [{ ...claim, note: 'Rethink this', tags: ['doubt'] }], null);
    assert.deepEqual(found(await search(index, 'rethink')), ['note 1/h1']);
    assert.deepEqual(found(await search(index, '2021')), []);
    assert.deepEqual(found(await search(index, 'tag:doubt')), ['passage 1/h1']);
    assert.deepEqual(found(await search(index, 'tag:place')), [], 'h2 was deleted');
  });

  it('a removed article takes its highlights with it', async () => {
    const index = built();
    index.removeArticle(oil.id);
    assert.deepEqual(found(await search(index, 'exports')), []);
    assert.equal(index.articleCount, 2);
    assert.equal(index.annotationCount, 2);
  });

  it('whole words come before prefix and typo variants: when they fill the page, the variants are not looked up', async () => {
    const index = SearchIndex.empty();
    const long = article(10, 'A long report', [
      'The report runs on and on about many other things in the mountains and the plains.',
    ]);
    const short = article(11, 'Reporters', ['Reporters, reporters, reporters.']);
    for (const a of [long, short]) index.setArticle({ id: a.id, title: a.meta.title, stamp: 's' }, a.text);
    const textOf = async (id: string) => [long, short].find((a) => a.id === id)?.text ?? null;
    const one = await index.search(parseQuery('report'), { limit: 1, textOf });
    assert.deepEqual(
      one.groups.map((g) => g.articleId),
      [long.id],
    );
    assert.equal(one.truncated, true);
    const all = await index.search(parseQuery('report'), { limit: 5, textOf });
    assert.deepEqual(
      all.groups.map((g) => g.articleId).sort(),
      [long.id, short.id].sort(),
      'with room left, the variants are found too',
    );
  });

  it('the limit caps the hits and says more matched', async () => {
    const r = await search(built(), 'coalition', 1);
    assert.equal(r.hits, 1);
    assert.equal(r.truncated, true);
  });

  it('survives serialisation: the parts loaded again answer the same', async () => {
    const index = built();
    const again = SearchIndex.fromParts(
      JSON.parse(JSON.stringify(index.articlesPart())),
      JSON.parse(JSON.stringify(index.annotationsPart())),
    );
    for (const q of ['coalit', '"top priority"', 'tag:claim', 'cafe', 'is:note'])
      assert.deepEqual(await search(again, q), await search(index, q), q);
  });
});
