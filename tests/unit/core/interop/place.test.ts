import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findArticle, placeHighlight, urlKey } from '@core/interop/place';
import type { ForeignDocument, ForeignHighlight } from '@core/interop/types';

const h = (text: string, more: Partial<ForeignHighlight> = {}): ForeignHighlight => ({
  text,
  note: '',
  tags: [],
  ...more,
});
const doc = (title: string, authors: string[] = [], url?: string): ForeignDocument => ({
  title,
  authors,
  url,
  highlights: [],
  notes: [],
});

const TEXT =
  'It was the best of times, it was the worst of times. “Nobody’s home,” she said — and left.\n\nIt was the best of times again, in another chapter.';

describe('placing a passage in an article’s text', () => {
  it('anchors words found exactly once', () => {
    assert.deepEqual(placeHighlight(TEXT, h('the worst of times')), { kind: 'anchored', start: 33, end: 51 });
  });

  it('places words found more than once at the first, and says it is not sure', () => {
    const p = placeHighlight(TEXT, h('It was the best of times'));
    assert.equal(p.kind, 'low');
    assert.equal(p.kind === 'low' && p.start, 0);
    assert.equal(p.kind === 'low' && p.why, 'these words appear more than once');
  });

  it('lets the words around a passage (Hypothesis’s prefix and suffix) choose among repeats', () => {
    const p = placeHighlight(
      TEXT,
      h('It was the best of times', { prefix: 'and left.\n\n', suffix: ' again' }),
    );
    assert.deepEqual(p, {
      kind: 'anchored',
      start: TEXT.lastIndexOf('It was the best'),
      end: TEXT.lastIndexOf('It was the best') + 24,
    });
  });

  it('anchors words whose quotes, dashes and spaces a Kindle printed differently', () => {
    const p = placeHighlight(TEXT, h('"Nobody\'s home," she said - and left.'));
    assert.equal(p.kind, 'anchored');
    assert.equal(
      p.kind === 'anchored' && TEXT.slice(p.start, p.end),
      '“Nobody’s home,” she said — and left.',
    );
  });

  it('places words that differ a little, saying how alike they are', () => {
    const p = placeHighlight(TEXT, h('it was the worst of tymes. Nobody home'));
    assert.equal(p.kind, 'low');
    assert.match(p.kind === 'low' ? p.why : '', /^the words differ \(\d+ % alike\)$/);
  });

  it('keeps unanchored a passage whose words the text does not have', () => {
    assert.deepEqual(placeHighlight(TEXT, h('Zebras graze quietly beside quartz mountains tonight')), {
      kind: 'unanchored',
    });
  });
});

describe('finding the article a foreign document is', () => {
  const library = [
    { id: 'a', title: 'Coalition priority', url: 'https://www.example.com/news/coalition?utm_source=x#top' },
    { id: 'b', title: 'Dune: Deluxe Edition', byline: 'Frank Herbert' },
    { id: 'c', title: 'Dune', byline: 'Brian Herbert', holdsImports: true },
    { id: 'd', title: 'Essays' },
  ];

  it('by address, whatever the scheme, www., tracking parameters and fragment', () => {
    assert.equal(
      urlKey('http://example.com/news/coalition/'),
      urlKey('https://www.example.com/news/coalition?utm_medium=y'),
    );
    assert.deepEqual(findArticle(doc('Anything', [], 'http://example.com/news/coalition'), library), {
      id: 'a',
      by: 'url',
    });
  });

  it('by title (or title before its subtitle) and a shared family name, preferring the library’s own articles', () => {
    assert.deepEqual(findArticle(doc('Dune', ['Herbert, Frank']), library), { id: 'b', by: 'title-author' });
  });

  it('by title alone when one side names no author: not sure', () => {
    assert.deepEqual(findArticle(doc('Essays', ['Montaigne']), library), { id: 'd', by: 'title' });
  });

  it('not at all when the authors differ', () => {
    assert.equal(findArticle(doc('Essays of Elia', ['Lamb']), library), undefined);
    assert.equal(
      findArticle(doc('Coalition priority', ['Someone Else']), [
        { id: 'x', title: 'Coalition priority', byline: 'A Writer' },
      ]),
      undefined,
    );
  });
});
