import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TableBlock } from '@core/document/types';
import { tableGrid } from '@core/document/table-grid';
import { MAX_TABLE_COLUMNS, TABLE_ROWS_PER_BLOCK } from '@core/import/html-blocks';
import { parsePastedHtml } from '@core/import/html';
import { blockOf, importFixturePage } from '../../helpers/fixture-pages';

const cells = (t: Pick<TableBlock, 'rows' | 'text'>): string[][] =>
  t.rows.map((r) => r.map((c) => t.text.slice(c.start, c.end)));
const tables = (html: string) =>
  parsePastedHtml(`<p>Figures for the year follow.</p>${html}`).blocks.filter(
    (b): b is Omit<TableBlock, 'id' | 'start' | 'end'> => b.kind === 'table',
  );

describe('Tables in imported pages', () => {
  it('become table blocks: rows of cells, the header row marked, the caption before them', async () => {
    const imported = await importFixturePage('harbour-courier.html');
    const table = blockOf(imported, 'table', 'Route');
    assert.deepEqual(cells(table), [
      ['Route', 'Adult', 'Car and driver'],
      ['North Sound', '£18.40', '£96.00'],
      ['South Channel', '£12.10', '£71.50'],
      ['Outer Isles', '£31.00', '£154.20'],
    ]);
    assert.equal(table.headerRows, 1);
    const i = imported.article.blocks.indexOf(table);
    assert.equal(imported.article.blocks[i - 1].text, 'Return fares, March 2024');
    assert.deepEqual(
      (table.links ?? []).map((l) => [table.text.slice(l.start, l.end), l.href]),
      [['North Sound', 'https://www.harbourcourier.example/routes/north']],
    );
  });

  it('keep their cells’ text in the canonical text, so a passage in a cell can be highlighted and searched', async () => {
    const { article } = await importFixturePage('harbour-courier.html');
    const table = article.blocks.find((b) => b.kind === 'table')!;
    assert.equal(article.text.slice(table.start, table.end), table.text);
    const at = article.text.indexOf('South Channel');
    assert.ok(at > table.start && at < table.end);
  });

  it('keep a cell spanning columns as one cell with its colspan, and read a header row of <th> cells as a header', async () => {
    const imported = await importFixturePage('wiki-lighthouse.html');
    const keepers = blockOf(imported, 'table', 'Years');
    assert.equal(keepers.headerRows, 1);
    assert.deepEqual(cells(keepers)[3], ['1880–1891 (records lost)', "Fire at the Board's office"]);
    assert.equal(keepers.rows[3][0].colSpan, 2);
    assert.ok(
      tableGrid(keepers.rows).every((r) => r.length === 3 && r.every(Boolean)),
      'every row covers the three columns',
    );
  });

  it('keep cells spanning rows and columns with their spans, each cell’s text once in the canonical text', async () => {
    const imported = await importFixturePage('harbour-courier.html');
    const t = blockOf(imported, 'table', 'Crossing');
    assert.equal(t.headerRows, 2);
    assert.deepEqual(cells(t), [
      ['Crossing', 'Service', 'Sailings cancelled'],
      ['Monday', 'Tuesday'],
      ['North Sound', 'Passenger', '6', '8'],
      ['Freight', '2', '4'],
      ['South Channel', 'Passenger', '4', '5'],
      ['All crossings', '12', '17'],
    ]);
    const spans = t.rows.map((r) => r.map((c) => [c.colSpan ?? 1, c.rowSpan ?? 1].join('×')));
    assert.deepEqual(spans, [
      ['1×2', '1×2', '2×1'],
      ['1×1', '1×1'],
      ['1×2', '1×1', '1×1', '1×1'],
      ['1×1', '1×1', '1×1'],
      ['1×1', '1×1', '1×1', '1×1'],
      ['2×1', '1×1', '1×1'],
    ]);
    // Laid out as a browser lays it out: "Freight" under "Passenger", "Monday" under the spanning header.
    const grid = tableGrid(t.rows);
    const at = (r: number, c: number) => {
      const slot = grid[r][c]!;
      const cell = t.rows[slot.row][slot.cell];
      return t.text.slice(cell.start, cell.end);
    };
    assert.deepEqual(
      grid.map((r) => r.length),
      [4, 4, 4, 4, 4, 4],
    );
    assert.equal(at(1, 2), 'Monday');
    assert.equal(at(1, 0), 'Crossing');
    assert.equal(at(3, 0), 'North Sound');
    assert.equal(at(3, 1), 'Freight');
    assert.equal(at(5, 1), 'All crossings');
    assert.equal(t.text.split('North Sound').length, 2, 'a spanning cell’s words are in the text once');
    assert.equal(imported.article.text.slice(t.start, t.end), t.text);
  });

  it('are read as ordinary text when they only lay the page out', () => {
    const layout = parsePastedHtml(
      '<table><tr><td><p>The whole story is in this one cell, as old sites did it, with paragraphs and all.</p><p>A second paragraph.</p></td></tr></table>',
    );
    assert.deepEqual(
      layout.blocks.map((b) => b.kind),
      ['paragraph', 'paragraph'],
    );
    const nested = tables(
      '<table><tr><td>A</td><td><table><tr><td>x</td><td>y</td></tr></table></td></tr></table>',
    );
    assert.ok(
      nested.every((t) => !/A/.test(t.text)),
      'a table holding a table lays out the page',
    );
    assert.equal(tables('<table role="presentation"><tr><td>A</td><td>B</td></tr></table>').length, 0);
  });

  it('hostile: a table of 1,000 rows is cut into blocks the reader can window, a table of 1,000 columns is text', () => {
    const rows = Array.from({ length: 1000 }, (_, i) => `<tr><td>r${i}</td><td>${i * 2}</td></tr>`).join('');
    const long = tables(`<table><thead><tr><th>Row</th><th>Value</th></tr></thead>${rows}</table>`);
    assert.equal(long.length, Math.ceil(1001 / TABLE_ROWS_PER_BLOCK));
    assert.ok(long.every((t) => t.rows.length <= TABLE_ROWS_PER_BLOCK));
    assert.equal(long[0].headerRows, 1);
    assert.equal(
      long.slice(1).reduce((n, t) => n + t.headerRows, 0),
      0,
    );
    assert.deepEqual(cells(long[long.length - 1]).at(-1), ['r999', '1998']);
    const wide = `<table><tr>${Array.from({ length: 1000 }, (_, i) => `<td>c${i}</td>`).join('')}</tr></table>`;
    assert.equal(tables(wide).length, 0, `more than ${MAX_TABLE_COLUMNS} columns is no data table`);
    const span = tables(
      '<table><tr><td colspan="100000">wide</td><td>b</td></tr><tr><td>a</td><td>b</td></tr></table>',
    );
    assert.ok(
      span.every((t) => t.rows.every((r) => r.length <= MAX_TABLE_COLUMNS)),
      'a huge colspan is capped',
    );
    assert.deepEqual(cells(span[0])[0], ['wide', 'b'], 'the cell after a huge colspan is kept');
    assert.equal(span[0].rows[0][0].colSpan, MAX_TABLE_COLUMNS - 1, 'the span leaves a column for it');
  });

  it('hostile: spans never make the grid larger than the table’s columns and rows, however large or odd they are', () => {
    const tall = tables(
      `<table><tr><td rowspan="99999999">a</td><td>b</td></tr>${'<tr><td>c</td></tr>'.repeat(3)}</table>`,
    );
    assert.equal(tall[0].rows[0][0].rowSpan, 4, 'a rowspan stops at the last row');
    const zero = tables('<table><tr><td rowspan="0">a</td><td>b</td></tr><tr><td>c</td></tr></table>');
    assert.equal(zero[0].rows[0][0].rowSpan, 2, 'rowspan="0" runs to the end, as in HTML');
    const junk = tables(
      '<table><tr><td colspan="-3" rowspan="x">a</td><td colspan="1e9">b</td></tr></table>',
    );
    assert.deepEqual(
      junk[0].rows[0].map((c) => [c.colSpan, c.rowSpan]),
      [
        [undefined, undefined],
        [undefined, undefined],
      ],
    );
    // Every cell asking for all 64 columns and 200 rows: the grid stays 64 columns wide, 200 rows long.
    const row = `<tr>${'<td colspan="64" rowspan="200">x</td>'.repeat(8)}</tr>`;
    const wide = tables(`<table>${row.repeat(TABLE_ROWS_PER_BLOCK + 10)}</table>`);
    assert.equal(wide.length, 2);
    for (const t of wide) {
      const grid = tableGrid(t.rows);
      assert.ok(grid.length <= TABLE_ROWS_PER_BLOCK);
      assert.ok(grid.every((r) => r.length <= MAX_TABLE_COLUMNS));
    }
  });

  it('damaged: unclosed rows and cells still make a table, and an empty table makes nothing', () => {
    const [t] = tables('<table><tr><th>Name<th>Age<tr><td>Ann<td>41<tr><td>Bo');
    assert.deepEqual(cells(t), [['Name', 'Age'], ['Ann', '41'], ['Bo']]);
    assert.equal(tables('<table><tr><td></td><td> </td></tr></table>').length, 0);
  });
});
