/**
 * Simple grid tables on a PDF page, found from the positions of its line
 * segments (pdf-lines.ts). A PDF holds placed words, not tables, so the rule
 * is conservative: it takes only what cannot be read another way —
 *
 * - at least 3 rows one under the other, evenly close (≤ 2.5 ems apart), each
 *   split on its baseline into the same number (3 to 64) of cells, every cell
 *   short (≤ 40 characters, ≤ 24 on average: a column of prose is longer);
 * - the columns separated by white space down the whole table (no cell of one
 *   column reaches the next), and each column's cells aligned at their left,
 *   right or centre within an em.
 *
 * A table with a cell over two lines, spanning cells or only two columns is not
 * found and stays text, line by line, as before: better a table read as lines
 * than a two-column page or a list read as a table.
 */

/** One line segment as the finder needs it. */
export interface CellBox {
  text: string;
  x: number;
  right: number;
  /** Baseline (PDF user space, y up). */
  y: number;
  size: number;
  bold: boolean;
}

/** A table found: its rows, each its cells as indices into the boxes given, left to right. */
export interface FoundTable {
  rows: number[][];
  headerRows: number;
}

const MIN_ROWS = 3;
const MIN_COLUMNS = 3;
const MAX_COLUMNS = 64;
const MAX_CELL_CHARS = 40;
const MAX_MEAN_CELL_CHARS = 24;
const MAX_ROW_GAP_EM = 2.5;

interface Column {
  left: number;
  right: number;
  /** The first row's edges and centre: each cell is aligned on one of them. */
  x: number;
  end: number;
  mid: number;
}

const aligned = (c: CellBox, col: Column, em: number): boolean =>
  Math.abs(c.x - col.x) <= em ||
  Math.abs(c.right - col.end) <= em ||
  Math.abs((c.x + c.right) / 2 - col.mid) <= em;

/** The page's grid tables (see the module's comment); every box belongs to one table at most. */
export function findTables(boxes: readonly CellBox[]): FoundTable[] {
  const order = boxes.map((_, i) => i).sort((a, b) => boxes[b].y - boxes[a].y || boxes[a].x - boxes[b].x);
  const rows: number[][] = [];
  for (const i of order) {
    const row = rows[rows.length - 1];
    const first = row && boxes[row[0]];
    if (first && Math.abs(first.y - boxes[i].y) <= 0.45 * Math.max(first.size, boxes[i].size)) row.push(i);
    else rows.push([i]);
  }
  const candidate = (row: number[]): boolean => {
    if (row.length < MIN_COLUMNS || row.length > MAX_COLUMNS) return false;
    const size = boxes[row[0]].size;
    return row.every((i) => Math.abs(boxes[i].size - size) <= 0.5 && boxes[i].text.length <= MAX_CELL_CHARS);
  };

  // The first row is a header when it alone is bold, or it alone has no figures where every other row has some.
  const headerRows = (table: number[][]): number => {
    const bold = (row: number[]) => row.every((i) => boxes[i].bold);
    const figures = (row: number[]) => row.some((i) => /\d/.test(boxes[i].text));
    const [first, ...rest] = table;
    if (bold(first) && !rest.every(bold)) return 1;
    return !figures(first) && rest.every(figures) ? 1 : 0;
  };

  const tables: FoundTable[] = [];
  let run: number[][] = [];
  let columns: Column[] = [];
  const close = () => {
    const cells = run.flat();
    const mean = cells.reduce((n, i) => n + boxes[i].text.length, 0) / Math.max(1, cells.length);
    if (run.length >= MIN_ROWS && mean <= MAX_MEAN_CELL_CHARS)
      tables.push({ rows: run, headerRows: headerRows(run) });
    run = [];
    columns = [];
  };
  const fits = (row: number[]): boolean => {
    const last = run[run.length - 1];
    if (!last || last.length !== row.length) return false;
    const em = boxes[row[0]].size;
    const gap = boxes[last[0]].y - boxes[row[0]].y;
    if (gap <= 0 || gap > MAX_ROW_GAP_EM * em) return false;
    if (!row.every((i, j) => aligned(boxes[i], columns[j], em))) return false;
    // White space down the whole table between each column and the next.
    return row.every((i, j) => {
      const left = Math.min(columns[j].left, boxes[i].x);
      const right = Math.max(columns[j].right, boxes[i].right);
      const next = j + 1 < row.length ? Math.min(columns[j + 1].left, boxes[row[j + 1]].x) : Infinity;
      const prev = j > 0 ? Math.max(columns[j - 1].right, boxes[row[j - 1]].right) : -Infinity;
      return right < next && left > prev;
    });
  };
  for (const row of rows) {
    if (!candidate(row)) {
      close();
      continue;
    }
    if (!fits(row)) {
      close();
      columns = row.map((i) => {
        const c = boxes[i];
        return { left: c.x, right: c.right, x: c.x, end: c.right, mid: (c.x + c.right) / 2 };
      });
    } else
      row.forEach((i, j) => {
        columns[j].left = Math.min(columns[j].left, boxes[i].x);
        columns[j].right = Math.max(columns[j].right, boxes[i].right);
      });
    run.push(row);
  }
  close();
  return tables;
}
