import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TableBlock } from '@core/document/types';
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

  it('keep columns aligned under a spanning cell, and read a header row of <th> cells as a header', async () => {
    const imported = await importFixturePage('wiki-lighthouse.html');
    const keepers = blockOf(imported, 'table', 'Years');
    assert.equal(keepers.headerRows, 1);
    assert.deepEqual(cells(keepers)[3], ['1880–1891 (records lost)', '', "Fire at the Board's office"]);
    assert.ok(cells(keepers).every((r) => r.length === 3));
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
  });

  it('damaged: unclosed rows and cells still make a table, and an empty table makes nothing', () => {
    const [t] = tables('<table><tr><th>Name<th>Age<tr><td>Ann<td>41<tr><td>Bo');
    assert.deepEqual(cells(t), [['Name', 'Age'], ['Ann', '41'], ['Bo']]);
    assert.equal(tables('<table><tr><td></td><td> </td></tr></table>').length, 0);
  });
});
