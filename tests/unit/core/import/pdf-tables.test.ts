/**
 * Simple grid tables in a PDF: found from the positions of the words, on a
 * generated PDF read by pdf.js, and kept as table blocks; what only looks like
 * one (two columns of prose, a list, ragged cells) stays text.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Block, TableBlock } from '@core/document/types';
import { annotationAt } from '../../helpers/export-fixtures';
import { toMarkdown } from '@core/export/markdown';
import { importSource } from '@core/import/index';
import { findTables, type CellBox } from '@core/import/pdf-tables';
import { buildPdf, samplePaper, typesetPaper } from '../../helpers/pdf-builder';
import { FERRY_TABLE as TABLE, TABLE_SIZE, tablePage } from '../../helpers/pdf-table-page';

const SIZE = TABLE_SIZE;
const tablesOf = (blocks: readonly Block[]): TableBlock[] =>
  blocks.filter((b): b is TableBlock => b.kind === 'table');

const cellTexts = (t: TableBlock): string[][] =>
  t.rows.map((row) => row.map((c) => t.text.slice(c.start, c.end)));

describe('Tables in a PDF', () => {
  it('a grid of aligned columns becomes a table block in its place, its header row bold, on its page', async () => {
    const { article } = await importSource({
      bytes: buildPdf([{ texts: tablePage() }]),
      fileName: 'ferry.pdf',
    });
    const [table] = tablesOf(article.blocks);
    assert.ok(table, JSON.stringify(article.blocks.map((b) => [b.kind, b.text])));
    assert.deepEqual(cellTexts(table), TABLE);
    assert.equal(table.headerRows, 1);
    assert.equal(table.page, 1);
    const kinds = article.blocks.map((b) => b.kind);
    const at = article.blocks.indexOf(table);
    assert.equal(kinds[at - 1], 'caption', 'after its caption');
    assert.equal(
      article.blocks[at + 1].text,
      'After 1953 the bridge took most of the traffic, and the ledger stops.',
    );
    assert.ok(!article.text.includes('Year Crossings'), 'the cells are not read as a line of text');
  });

  it('a passage across its cells exports as a Markdown table', async () => {
    const { article } = await importSource({
      bytes: buildPdf([{ texts: tablePage() }]),
      fileName: 'ferry.pdf',
    });
    const start = article.text.indexOf('1951');
    const end = article.text.indexOf('79,120') + '79,120'.length;
    const md = toMarkdown([
      {
        article,
        annotations: [annotationAt(article, start, end, { id: 'b1c2d3e4-0000-4000-8000-000000000000' })],
      },
    ]);
    assert.match(md, /^> \| 1951 \| 4,365 \| 91,050 \| 12 \|$/m);
    assert.match(md, /^> \| 1952 \| 3,980 \| 79,120 \|/m);
  });

  it('a two-column paper has no table: its columns are prose, read column by column as before', async () => {
    const { article } = await importSource({
      bytes: buildPdf(typesetPaper(samplePaper(24)).pages),
      fileName: 'paper.pdf',
    });
    assert.deepEqual(tablesOf(article.blocks), []);
  });
});

describe('The grid-table rule', () => {
  const box = (text: string, x: number, y: number, width = text.length * 5, bold = false): CellBox => ({
    text,
    x,
    right: x + width,
    y,
    size: SIZE,
    bold,
  });
  const grid = (rows: string[][], xs: number[], y0 = 700, step = 14): CellBox[] =>
    rows.flatMap((row, r) => row.map((t, c) => box(t, xs[c], y0 - r * step)));

  it('finds rows of three or more aligned cells, three rows at least', () => {
    const boxes = grid(
      [
        ['Port', 'Ships', 'Tons'],
        ['Leith', '12', '340'],
        ['Hull', '9', '210'],
      ],
      [72, 200, 300],
    );
    const [t] = findTables(boxes);
    assert.deepEqual(
      t.rows.map((r) => r.map((i) => boxes[i].text)),
      [
        ['Port', 'Ships', 'Tons'],
        ['Leith', '12', '340'],
        ['Hull', '9', '210'],
      ],
    );
    assert.equal(t.headerRows, 1, 'a first row without figures above rows with figures');
  });

  it('two rows, or two columns, are not enough to tell a table from a list or a two-column page', () => {
    assert.deepEqual(
      findTables(
        grid(
          [
            ['a', 'b', 'c'],
            ['d', 'e', 'f'],
          ],
          [72, 200, 300],
        ),
      ),
      [],
    );
    assert.deepEqual(
      findTables(
        grid(
          [
            ['Port', 'Ships'],
            ['Leith', '12'],
            ['Hull', '9'],
            ['Wick', '4'],
          ],
          [72, 300],
        ),
      ),
      [],
    );
  });

  it('three columns of prose are not a table: their lines are too long', () => {
    const line = 'the ferry crossed the sound every day at';
    assert.deepEqual(
      findTables(
        grid(
          Array.from({ length: 8 }, () => [line, line, line]),
          [40, 230, 420],
        ),
      ),
      [],
    );
  });

  it('cells that are not aligned, or rows too far apart, are no grid', () => {
    const ragged = [box('a', 72, 700), box('b', 200, 700), box('c', 300, 700)];
    ragged.push(box('d', 90, 686), box('e', 240, 686), box('f', 330, 686));
    ragged.push(box('g', 120, 672), box('h', 180, 672), box('i', 360, 672));
    assert.deepEqual(findTables(ragged), []);
    assert.deepEqual(
      findTables(
        grid(
          [
            ['a', 'b', 'c'],
            ['d', 'e', 'f'],
            ['g', 'h', 'i'],
          ],
          [72, 200, 300],
          700,
          60,
        ),
      ),
      [],
    );
  });

  it('a cell reaching into the next column breaks the grid there', () => {
    const boxes = grid(
      [
        ['a', 'b', 'c'],
        ['d', 'e', 'f'],
        ['g', 'h', 'i'],
      ],
      [72, 200, 300],
    );
    boxes[4] = box('a much longer e', 200, 686, 140); // reaches past x 300
    assert.deepEqual(findTables(boxes), []);
  });

  it('huge: 4,000 boxes on a page are read in one pass', () => {
    const rows = Array.from({ length: 1000 }, (_, r) => [`r${r}`, `${r}`, `${r * 2}`, `${r * 3}`]);
    const [t] = findTables(grid(rows, [72, 200, 300, 400], 100_000, 12));
    assert.equal(t.rows.length, 1000);
  });
});
