/**
 * The notebook and the tag manager, as pure functions: which passages the
 * notebook shows and in what order, what "Copy" puts on the clipboard, and
 * how tags nest by '/' in the tag manager.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Annotation, ArticleSummary, Color } from '@core/contract';
import { EVERY_PASSAGE, filterPassages, type NotebookFilter } from '@core/notebook/passage-filter';
import { findTagRows, tagRows } from '../../../renderer/src/tags/tagTree';

const article = (id: string, title: string, extra: Partial<ArticleSummary> = {}): ArticleSummary => ({
  id,
  title,
  importedAt: '2026-01-01T10:00:00.000Z',
  format: 'text',
  wordCount: 100,
  annotationCount: 1,
  ...extra,
});

let n = 0;
const passage = (
  articleId: string,
  start: number,
  quote: string,
  tags: string[],
  color: Color = 'yellow',
  note = '',
  created = `2026-02-0${++n}T00:00:00.000Z`,
): Annotation => ({
  id: `p${n}-${articleId}-${start}`,
  articleId,
  target: {
    source: articleId,
    quote: { type: 'TextQuoteSelector', exact: quote, prefix: '', suffix: '' },
    position: { type: 'TextPositionSelector', start, end: start + quote.length },
  },
  color,
  tags,
  note,
  created,
  modified: created,
});

const older = article('a', 'Older report', { source: 'Kurdistan 24', published: '2021-05-03' });
const newer = article('b', 'Newer report', { source: 'Reuters', published: '2024-11-20' });
const articles = new Map([older, newer].map((x) => [x.id, x]));
const list = [
  passage('a', 50, 'the coalition will stay', ['claim', 'coalition/strategy'], 'yellow', 'Compare with 2024'),
  passage('a', 10, 'the prison is secure', ['claim/disputed'], 'pink'),
  passage('b', 5, 'Les élections auront lieu', ['coalition'], 'blue', 'French quote'),
  passage('b', 80, 'a market reopened', ['market'], 'yellow'),
];
const quotes = (f: Partial<NotebookFilter>) =>
  filterPassages(list, articles, { ...EVERY_PASSAGE, ...f }).map((a) => a.target.quote.exact);

describe('the notebook shows the passages that pass every filter', () => {
  it('a tag covers its children; several tags match any or all of them', () => {
    assert.deepEqual(quotes({ tags: ['claim'] }).sort(), ['the coalition will stay', 'the prison is secure']);
    assert.deepEqual(quotes({ tags: ['coalition'] }).sort(), [
      'Les élections auront lieu',
      'the coalition will stay',
    ]);
    assert.deepEqual(quotes({ tags: ['claim', 'coalition'], match: 'all' }), ['the coalition will stay']);
    assert.equal(quotes({ tags: ['claim', 'coalition'], match: 'any' }).length, 3);
    assert.deepEqual(quotes({ tags: ['claims'] }), [], 'a longer name is not a child');
    assert.deepEqual(
      quotes({ tags: ['#CLAIM/Disputed'] }),
      ['the prison is secure'],
      'tags compare as tagKey does',
    );
  });

  it('by colour, article, source and the article’s date', () => {
    assert.deepEqual(quotes({ colors: ['yellow', 'pink'], articleId: 'a' }), [
      'the prison is secure',
      'the coalition will stay',
    ]);
    assert.deepEqual(quotes({ source: 'Reuters', colors: ['blue'] }), ['Les élections auront lieu']);
    assert.equal(quotes({ from: '2022-01-01' }).length, 2);
    assert.equal(quotes({ to: '2021-05-03' }).length, 2, 'the bounds are inclusive');
    assert.equal(quotes({ from: '2021-05-04', to: '2024-11-19' }).length, 0);
  });

  it('by words in the quote or the note, case and accents ignored', () => {
    assert.deepEqual(quotes({ text: 'ELECTIONS' }), ['Les élections auront lieu']);
    assert.deepEqual(
      quotes({ text: 'compare coalition' }),
      ['the coalition will stay'],
      'every word, in quote or note',
    );
  });

  it('sorts by article order (newest article first, then place in the text), date created or modified', () => {
    assert.deepEqual(quotes({}), [
      'Les élections auront lieu',
      'a market reopened',
      'the prison is secure',
      'the coalition will stay',
    ]);
    assert.deepEqual(quotes({ sort: 'created' }), [
      'a market reopened',
      'Les élections auront lieu',
      'the prison is secure',
      'the coalition will stay',
    ]);
    const touched = { ...list[1], modified: '2027-01-01T00:00:00.000Z' };
    const byModified = filterPassages([...list.filter((a) => a !== list[1]), touched], articles, {
      ...EVERY_PASSAGE,
      sort: 'modified',
    });
    assert.equal(byModified[0].target.quote.exact, 'the prison is secure');
  });
});

describe('the tag manager nests tags by "/"', () => {
  const rows = tagRows([
    { tag: 'claim', count: 4 },
    { tag: 'coalition/strategy', count: 2 },
    { tag: 'claim/disputed', count: 1 },
    { tag: 'Actors', count: 3 },
  ]);
  it('lists parents before their children, alphabetically at each level', () => {
    assert.deepEqual(
      rows.map((r) => `${'  '.repeat(r.depth)}${r.name} ${r.count}`),
      ['Actors 3', 'claim 4', '  disputed 1', 'coalition 0', '  strategy 2'],
    );
  });
  it('shows a parent only its children use, marked as such', () => {
    const parent = rows.find((r) => r.tag === 'coalition')!;
    assert.equal(parent.implied, true);
    assert.equal(parent.hasChildren, true);
    assert.equal(rows.find((r) => r.tag === 'claim')!.implied, false);
  });
  it('finds tags by a part of their name, keeping the parents that place them', () => {
    assert.deepEqual(
      findTagRows(rows, 'strat').map((r) => r.tag),
      ['coalition', 'coalition/strategy'],
    );
    assert.deepEqual(
      findTagRows(rows, 'CLAIM').map((r) => r.tag),
      ['claim', 'claim/disputed'],
    );
  });
});
