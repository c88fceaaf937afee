import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import type { Annotation } from '@core/annotations/types';
import { describeRange } from '@core/anchoring/describe';
import { buildArticle } from '@core/document/build';
import { renderExport } from '@core/export/index';
import { READWISE_COLUMNS, readwiseTags, toReadwiseCsv } from '@core/export/readwise-csv';

const article = buildArticle(
  [
    { kind: 'title', text: 'Parliament raises the oil levy' },
    { kind: 'paragraph', text: 'Parliament met on Monday, "to debate" the budget.' },
    { kind: 'caption', text: 'Members vote in Erbil.' },
    { kind: 'paragraph', text: 'The levy rises by five percent.\nCritics objected.' },
  ],
  {
    title: 'Parliament raises the oil levy',
    byline: 'Kosar Nawzad, Jane Doe',
    source: 'Kurdistan 24',
    url: 'https://example.org/levy',
    format: 'html',
  },
  'readwise',
);

function annotate(phrase: string, extra: Partial<Annotation> = {}): Annotation {
  const start = article.text.indexOf(phrase);
  assert.notEqual(start, -1, `test setup: "${phrase}" not in the article`);
  const { quote, position } = describeRange(article.text, start, start + phrase.length);
  return {
    id: phrase,
    articleId: article.id,
    target: { source: article.id, quote, position },
    color: 'yellow',
    tags: [],
    note: '',
    created: '2024-03-06T12:30:05+03:00',
    modified: '2024-03-07T09:30:00.000Z',
    ...extra,
  };
}

const csv = toReadwiseCsv([
  {
    article,
    annotations: [
      annotate('The levy rises by five percent.\nCritics objected.', {
        tags: ['claim', 'oil exports'],
        note: 'Which year?',
      }),
      annotate('Members vote', { tags: ['photo'] }),
      annotate('"to debate" the budget'),
      annotate('Parliament met', { orphan: true }),
    ],
    articleNote: { text: 'Not for Readwise.', modified: '2024-03-08T10:00:00.000Z' },
  },
]);
/** Parsed as csv-parse reads it (the parser Readwise-style tools use), one object per row. */
const rows: Array<Record<string, string>> = parse(csv, { bom: true, columns: true });

describe('Readwise CSV export', () => {
  it('has exactly Readwise’s documented columns, after a byte order mark', () => {
    assert.equal(csv[0], '\uFEFF');
    assert.deepEqual(csv.slice(1, csv.indexOf('\r\n')).split(','), [...READWISE_COLUMNS]);
    assert.deepEqual(READWISE_COLUMNS, ['Highlight', 'Title', 'Author', 'URL', 'Note', 'Location', 'Date']);
  });

  it('has one row per passage in reading order, and none for the article note (Readwise needs a highlight)', () => {
    assert.deepEqual(
      rows.map((r) => r.Highlight),
      [
        'Parliament met',
        '"to debate" the budget',
        'Members vote',
        'The levy rises by five percent.\nCritics objected.',
      ],
    );
  });

  it('names the title, the authors and the URL on every row', () => {
    for (const r of rows) {
      assert.equal(r.Title, 'Parliament raises the oil levy');
      assert.equal(r.Author, 'Kosar Nawzad and Jane Doe');
      assert.equal(r.URL, 'https://example.org/levy');
    }
  });

  it('writes tags into the Note as ".tag" words before the note (spaces in a tag become dashes)', () => {
    assert.equal(rows[3].Note, '.claim .oil-exports Which year?');
    assert.equal(rows[2].Note, '.photo');
    assert.equal(rows[1].Note, '');
    assert.equal(readwiseTags(['Claim', 'claim', ' a  b ']), '.Claim .a-b');
  });

  it('gives Location as a number — the paragraph — and leaves it empty for a caption or an orphan', () => {
    assert.deepEqual(
      rows.map((r) => r.Location),
      ['', '1', '', '2'],
    );
  });

  it('dates each row when it was highlighted, in UTC', () => {
    assert.equal(rows[1].Date, '2024-03-06 09:30:05');
  });

  it('is what `--format readwise` renders', () => {
    assert.equal(
      renderExport('readwise', [{ article, annotations: [annotate('Members vote')] }]).split('\r\n')[1],
      'Members vote,Parliament raises the oil levy,Kosar Nawzad and Jane Doe,https://example.org/levy,,,2024-03-06 09:30:05',
    );
  });
});
