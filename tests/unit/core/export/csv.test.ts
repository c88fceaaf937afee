import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Annotation } from '@core/annotations/types';
import { buildArticle } from '@core/document/build';
import type { Article } from '@core/document/types';
import { CSV_COLUMNS, toCsv } from '@core/export/csv';
import { annotator } from '../../helpers/export-fixtures';

/** RFC 4180 reader, strict enough to catch a broken quote or a stray line break. */
function parseCsv(csv: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const ch = csv[i];
    if (quoted) {
      if (ch === '"' && csv[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') {
      assert.equal(cell, '', `a quote in the middle of an unquoted cell at ${i}`);
      quoted = true;
    } else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && csv[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else {
      assert.notEqual(ch, '\n', `a bare line break outside quotes at ${i}`);
      cell += ch;
    }
  }
  assert.equal(quoted, false, 'unterminated quoted cell');
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

const article: Article = buildArticle(
  [
    { kind: 'title', text: "=cmd|' /C calc'!A0" },
    { kind: 'paragraph', text: 'Prices 😀 rose, "sharply", by 5%.\nA new line, here.' },
    { kind: 'paragraph', text: '-5 degrees and +3 more; @everyone left.' },
  ],
  { title: "=cmd|' /C calc'!A0", source: 'Kurdistan 24, English', published: '2024-03-05', format: 'text' },
  'csv article',
);

const annotateOn = annotator((_phrase, start) => ({
  id: `id-${start}`,
  color: 'green',
  modified: '2024-03-06T11:00:00.000Z',
}));
const annotate = (phrase: string, extra: Partial<Annotation> = {}) => annotateOn(article, phrase, extra);

const tricky = annotate('rose, "sharply", by 5%.\nA new line', {
  note: 'Line one,\r\nline "two"',
  tags: ['prices', 'Prices', 'oil, gas'],
});
const formulas = annotate('-5 degrees and +3 more; @everyone', {
  note: '=HYPERLINK("http://evil")',
  tags: ['@team'],
});
const csv = toCsv([{ article, annotations: [formulas, tricky] }]);
const rows = parseCsv(csv.replace(/^\uFEFF/, ''));

/** A row's cell by column name. */
const cell = (row: string[], name: (typeof CSV_COLUMNS)[number]): string => row[CSV_COLUMNS.indexOf(name)];

describe('CSV export', () => {
  it('starts with a byte order mark (so Excel reads UTF-8) and a header of the documented columns', () => {
    assert.equal(csv[0], '\uFEFF');
    assert.deepEqual(rows[0], [...CSV_COLUMNS]);
  });

  it('has one row per annotation, in reading order', () => {
    assert.equal(rows.length, 3);
    assert.match(cell(rows[1], 'quote'), /^rose/);
    assert.match(cell(rows[2], 'quote'), /degrees/);
  });

  it('round-trips commas, double quotes and line breaks inside cells', () => {
    assert.equal(cell(rows[1], 'source'), 'Kurdistan 24, English');
    assert.equal(cell(rows[1], 'published'), '2024-03-05');
    assert.equal(cell(rows[1], 'quote'), 'rose, "sharply", by 5%.\nA new line');
    assert.equal(cell(rows[1], 'note'), 'Line one,\r\nline "two"');
    assert.equal(cell(rows[1], 'tags'), 'prices; oil, gas');
    assert.equal(cell(rows[1], 'color'), 'green');
  });

  it('neutralises cells a spreadsheet would run as formulas (= + - @) with a leading apostrophe', () => {
    assert.equal(cell(rows[2], 'article'), "'=cmd|' /C calc'!A0");
    assert.equal(cell(rows[2], 'quote'), "'-5 degrees and +3 more; @everyone");
    assert.equal(cell(rows[2], 'note'), '\'=HYPERLINK("http://evil")');
    assert.equal(cell(rows[2], 'tags'), "'@team");
    for (const row of rows.slice(1)) {
      for (const c of row)
        assert.doesNotMatch(c, /^[=+\-@]/, `cell ${JSON.stringify(c)} could run as a formula`);
    }
  });

  it('gives positions in code points, like the JSON export', () => {
    const [start, end] = [cell(rows[1], 'start'), cell(rows[1], 'end')].map(Number);
    assert.equal(
      start,
      tricky.target.position.start - 1,
      'one emoji (a surrogate pair) comes before the passage',
    );
    assert.equal([...article.text].slice(start, end).join(''), tricky.target.quote.exact);
  });

  it('leaves positions and location empty for orphans', () => {
    const lost = parseCsv(toCsv([{ article, annotations: [annotate('Prices', { orphan: true })] }]).slice(1));
    assert.deepEqual([cell(lost[1], 'start'), cell(lost[1], 'end'), cell(lost[1], 'location')], ['', '', '']);
  });

  it('is just the header when there is nothing to export', () => {
    assert.deepEqual(parseCsv(toCsv([]).slice(1)), [[...CSV_COLUMNS]]);
  });
});

describe('CSV export: what a citation rests on', () => {
  const cited = buildArticle(
    [
      { kind: 'title', text: 'Parliament raises the oil levy' },
      { kind: 'paragraph', text: 'Parliament met on Monday.' },
      { kind: 'caption', text: 'Members vote in Erbil.' },
      { kind: 'paragraph', text: 'The levy rises by five percent.' },
    ],
    {
      title: 'Parliament raises the oil levy',
      byline: 'Kosar Nawzad, Jane Doe',
      source: 'Kurdistan 24',
      published: '2024-03-05',
      url: 'https://example.org/levy',
      format: 'html',
    },
    'cited csv',
  );
  const at = (phrase: string) => annotateOn(cited, phrase, { id: phrase });
  const table = parseCsv(
    toCsv([
      {
        article: cited,
        annotations: [at('The levy rises'), at('Members vote')],
        articleNote: { text: 'Why it matters.', modified: '2024-03-08T10:00:00.000Z' },
      },
    ]).slice(1),
  );

  it('gives every row the title, authors, source, date and URL', () => {
    for (const row of table.slice(1)) {
      assert.equal(cell(row, 'article'), 'Parliament raises the oil levy');
      assert.equal(cell(row, 'author'), 'Kosar Nawzad and Jane Doe');
      assert.equal(cell(row, 'source'), 'Kurdistan 24');
      assert.equal(cell(row, 'published'), '2024-03-05');
      assert.equal(cell(row, 'url'), 'https://example.org/levy');
    }
  });

  it('gives each passage its locator: the paragraph, or the kind of block', () => {
    assert.equal(cell(table[2], 'location'), 'caption');
    assert.equal(cell(table[3], 'location'), '¶2');
  });

  it('puts the note on the whole article first, with no quote and "article" as its location', () => {
    assert.equal(table.length, 4);
    assert.equal(cell(table[1], 'location'), 'article');
    assert.equal(cell(table[1], 'quote'), '');
    assert.equal(cell(table[1], 'note'), 'Why it matters.');
    assert.equal(cell(table[1], 'modified'), '2024-03-08T10:00:00.000Z');
  });
});
