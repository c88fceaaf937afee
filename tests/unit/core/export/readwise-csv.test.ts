import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import type { Annotation } from '@core/annotations/types';
import { buildArticle } from '@core/document/build';
import { renderExport } from '@core/export/index';
import { READWISE_COLUMNS, READWISE_LIMITS, readwiseTags, toReadwiseCsv } from '@core/export/readwise-csv';
import { splitDotTags } from '@core/interop/readwise-csv';
import { annotator } from '../../helpers/export-fixtures';

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

const annotateOn = annotator((phrase) => ({
  id: phrase,
  created: '2024-03-06T12:30:05+03:00',
  modified: '2024-03-07T09:30:00.000Z',
}));
const annotate = (phrase: string, extra: Partial<Annotation> = {}) => annotateOn(article, phrase, extra);

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
  it('starts with exactly Readwise’s documented columns — no byte order mark to hide “Highlight”', () => {
    assert.deepEqual(csv.slice(0, csv.indexOf('\r\n')).split(','), [...READWISE_COLUMNS]);
    assert.ok(Object.hasOwn((parse(csv, { columns: true }) as object[])[0], 'Highlight'));
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

  it('gives Location as a number that orders the rows — the paragraph; a caption the paragraph before it — and leaves it empty for an orphan', () => {
    assert.deepEqual(
      rows.map((r) => r.Location),
      ['', '1', '1', '2'],
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

  it('keeps a note that starts with "." from being read as a tag, and our own import reads it back as a note', () => {
    const [row]: Array<Record<string, string>> = parse(
      toReadwiseCsv([
        { article, annotations: [annotate('Members vote', { note: '.5% of them', tags: ['vote'] })] },
      ]),
      { columns: true },
    );
    assert.equal(row.Note, '.vote \u2060.5% of them');
    assert.deepEqual(splitDotTags(row.Note), { note: '.5% of them', tags: ['vote'] });
  });
});

describe('Readwise’s limits on a highlight’s fields (its API: 8,191 / 511 / 1,024 / 2,047 characters)', () => {
  const long = buildArticle(
    [{ kind: 'paragraph', text: `${'word '.repeat(2000)}end` }],
    {
      title: `A ${'very '.repeat(120)}long title`,
      url: `https://example.org/${'x'.repeat(2100)}`,
      format: 'text',
    },
    'long',
  );
  const whole = long.text;
  const [row]: Array<Record<string, string>> = parse(
    toReadwiseCsv([{ article: long, annotations: [annotateOn(long, whole, { id: 'long', note: 'Mine.' })] }]),
    { columns: true },
  );

  it('shortens a highlight past 8,191 characters, ending in “…”, and says so in the note', () => {
    assert.equal(row.Highlight.length, READWISE_LIMITS.highlight);
    assert.ok(row.Highlight.endsWith('…') && whole.startsWith(row.Highlight.slice(0, -1)));
    assert.equal(
      row.Note,
      `Mine.\n\n(Shortened to Readwise's 8,191 characters; the passage has ${whole.length.toLocaleString('en')}.)`,
    );
  });

  it('shortens a title past 511 characters and leaves out an address past 2,047 rather than cut it', () => {
    assert.equal(row.Title.length, READWISE_LIMITS.title);
    assert.ok(row.Title.endsWith('…'));
    assert.equal(row.URL, '');
  });
});
