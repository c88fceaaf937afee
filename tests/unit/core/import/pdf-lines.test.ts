import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  findGutter,
  isPageNumber,
  linesInReadingOrder,
  segmentsOf,
  type PdfPageRuns,
  type PdfRun,
} from '@core/import/pdf-lines';

const run = (text: string, x: number, y: number, size = 10): PdfRun => ({
  text,
  x,
  y,
  size,
  width: text.length * size * 0.5,
});

/** A page of two columns of `n` lines each, drawn right column first (as some producers do). */
function twoColumnPage(page: number, n: number, extra: PdfRun[] = []): PdfPageRuns {
  const runs: PdfRun[] = [];
  for (let i = 0; i < n; i++)
    runs.push(run(`right ${page}.${i} text of the second column`, 320, 700 - 12 * i));
  for (let i = 0; i < n; i++) runs.push(run(`left ${page}.${i} text of the first column!`, 60, 700 - 12 * i));
  return { page, width: 612, height: 792, runs: [...runs, ...extra] };
}

describe('PDF lines', () => {
  it('joins runs on one baseline into a segment, spacing them where there is a gap', () => {
    const [seg] = segmentsOf([
      run('Hello', 60, 700),
      run('world', 60 + 25 + 3, 700),
      run('!', 60 + 25 + 3 + 25, 700),
    ]);
    assert.equal(seg.runs.map((r) => r.text).join('|'), 'Hello|world|!');
    const lines = linesInReadingOrder([{ page: 1, width: 612, height: 792, runs: seg.runs }]);
    assert.equal(lines[0].text, 'Hello world!');
  });

  it('keeps a raised footnote mark on its line', () => {
    const segs = segmentsOf([run('as reported', 60, 700), run('3', 115, 703.5, 6), run('in 2020', 120, 700)]);
    assert.equal(segs.length, 1);
    assert.equal(segs[0].size, 10);
  });

  it('splits a baseline at a gap wider than one and a half ems (another column)', () => {
    const segs = segmentsOf([run('left column', 60, 700), run('right column', 320, 700)]);
    assert.equal(segs.length, 2);
  });

  it('finds the gutter of two columns and none in one column', () => {
    const gutter = findGutter(segmentsOf(twoColumnPage(1, 10).runs));
    assert.ok(gutter !== undefined && gutter > 230 && gutter < 320, `gutter at ${gutter}`);
    const single = Array.from({ length: 12 }, (_, i) =>
      run(`a line of one wide column of running text, number ${i}`, 60, 700 - 12 * i),
    );
    assert.equal(findGutter(segmentsOf(single)), undefined);
  });

  it('reads the left column before the right, whatever order they were drawn in', () => {
    const texts = linesInReadingOrder([twoColumnPage(1, 8)]).map((l) => l.text);
    assert.deepEqual(texts.slice(0, 2), [
      'left 1.0 text of the first column!',
      'left 1.1 text of the first column!',
    ]);
    assert.equal(texts[8], 'right 1.0 text of the second column');
  });

  it('reads a full-width line where it stands, between the bands of columns it separates', () => {
    const wide = run('A figure caption that runs the whole width of the page, across the gutter', 60, 610);
    const texts = linesInReadingOrder([twoColumnPage(1, 15, [wide])]).map((l) => l.text);
    const at = texts.indexOf(wide.text);
    assert.deepEqual(texts.slice(at - 1, at + 2), [
      'right 1.7 text of the second column',
      wide.text,
      'left 1.8 text of the first column!',
    ]);
  });

  it('reads the title block above the columns first, wherever it sits across the gutter', () => {
    const authors = run('Ana Lima', 330, 740, 12);
    const title = run('A Title', 280, 760, 20);
    const texts = linesInReadingOrder([twoColumnPage(1, 8, [authors, title])]).map((l) => l.text);
    assert.deepEqual(texts.slice(0, 3), ['A Title', 'Ana Lima', 'left 1.0 text of the first column!']);
  });

  it('drops running headers, footers and page numbers, and keeps a margin line seen once', () => {
    const pages = [1, 2, 3, 4].map((n) =>
      twoColumnPage(n, 8, [
        run(`Journal of Rivers, vol. ${n + 10}`, 60, 760, 8),
        run(String(n), 300, 30, 9),
        ...(n === 1 ? [run('Received 3 May; accepted 9 June', 60, 40, 8)] : []),
      ]),
    );
    const texts = linesInReadingOrder(pages).map((l) => l.text);
    assert.ok(!texts.some((t) => t.startsWith('Journal of Rivers')));
    assert.ok(!texts.some((t) => /^\d$/.test(t)));
    assert.ok(texts.includes('Received 3 May; accepted 9 June'));
  });

  it('knows the shapes of a page number', () => {
    for (const t of ['7', '- 7 -', 'Page 7', '7 of 14', 'vii', 'p. 12', '12 / 40'])
      assert.ok(isPageNumber(t), t);
    for (const t of ['Table 7', '7 rivers', 'Chapter one']) assert.equal(isPageNumber(t), false, t);
  });

  it('reads a hostile page of 200,000 runs (one baseline, and as many lines) without running out of stack', () => {
    const oneLine = Array.from({ length: 200_000 }, (_, i) => run('x', 60 + i * 5, 700));
    const manyLines = Array.from({ length: 200_000 }, (_, i) =>
      run('y', 60 + (i % 2) * 300, 700 - i * 0.01 * 12),
    );
    for (const runs of [oneLine, manyLines]) {
      const lines = linesInReadingOrder([{ page: 1, width: 612, height: 792, runs }]);
      assert.ok(lines.length > 0);
    }
  });
});
