import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ArticleSummary } from '@core/contract';
import { ALL_ARTICLES, librarySources, orderLibrary } from '../../../renderer/src/library/libraryOrder';

const article = (id: string, extra: Partial<ArticleSummary>): ArticleSummary => ({
  id,
  title: `Title ${id}`,
  importedAt: '2026-01-01T00:00:00.000Z',
  format: 'html',
  wordCount: 100,
  annotationCount: 0,
  ...extra,
});

const LIBRARY = [
  article('a', {
    title: 'Oil exports rise',
    source: 'Reuters',
    byline: 'Ahmed Rasheed',
    published: '2021-03-01',
    importedAt: '2026-01-03T00:00:00Z',
    annotationCount: 2,
  }),
  article('b', {
    title: 'a ceasefire holds',
    source: 'Kurdistan 24',
    published: '2022-05-10',
    importedAt: '2026-01-01T00:00:00Z',
    annotationCount: 7,
  }),
  article('c', {
    title: 'Budget vote delayed',
    source: 'Reuters',
    byline: 'Maher Chmaytelli',
    importedAt: '2026-01-02T00:00:00Z',
  }),
];
const ids = (list: ArticleSummary[]) => list.map((a) => a.id).join('');

describe('ordering the library', () => {
  it('sorts by date added (newest first), the default', () => {
    assert.equal(ids(orderLibrary(LIBRARY, ALL_ARTICLES)), 'acb');
  });
  it('by published date, newest first, undated last', () => {
    assert.equal(ids(orderLibrary(LIBRARY, { ...ALL_ARTICLES, sort: 'published' })), 'bac');
  });
  it('by title ignoring a leading quote mark', () => {
    const quoted = [...LIBRARY, article('d', { title: "'Zero hour' for the talks" })];
    assert.equal(ids(orderLibrary(quoted, { ...ALL_ARTICLES, sort: 'title' })), 'bcad');
  });
  it('by title and by author, ignoring case, articles without an author last', () => {
    assert.equal(ids(orderLibrary(LIBRARY, { ...ALL_ARTICLES, sort: 'title' })), 'bca');
    assert.equal(ids(orderLibrary(LIBRARY, { ...ALL_ARTICLES, sort: 'author' })), 'acb');
  });
  it('by source, then newest', () => {
    assert.equal(ids(orderLibrary(LIBRARY, { ...ALL_ARTICLES, sort: 'source' })), 'bca');
  });
  it('by number of highlights, most first', () => {
    assert.equal(ids(orderLibrary(LIBRARY, { ...ALL_ARTICLES, sort: 'highlights' })), 'bac');
  });
  it('narrows to a source, to articles with highlights, and to the articles holding a tag', () => {
    assert.equal(ids(orderLibrary(LIBRARY, { ...ALL_ARTICLES, source: 'Reuters' })), 'ac');
    assert.equal(ids(orderLibrary(LIBRARY, { ...ALL_ARTICLES, withHighlights: true })), 'ab');
    assert.equal(ids(orderLibrary(LIBRARY, { ...ALL_ARTICLES, articleIds: new Set(['c', 'b']) })), 'cb');
  });
  it('lists sources by how many articles each has', () => {
    assert.deepEqual(librarySources(LIBRARY), ['Reuters', 'Kurdistan 24']);
  });
});
