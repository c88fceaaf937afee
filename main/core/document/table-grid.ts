/**
 * A table block's cells laid out on a grid, as HTML lays out rowspan and
 * colspan: each row's cells take the next columns not already covered by a
 * cell spanning down from a row above. Plain data, for the Markdown export
 * (whose tables cannot span) and anything else that needs cells by column.
 */
import type { TableCell } from './types';

export interface GridSlot {
  /** The cell covering this slot, by its row and its index in that row. */
  row: number;
  cell: number;
  /** True on the slot where the cell starts (its top-left); false where it only spans over. */
  origin: boolean;
}

/** The grid: grid[r][c] is the cell covering row r, column c, or undefined where no cell reaches. */
export function tableGrid(rows: ReadonlyArray<ReadonlyArray<TableCell>>): Array<Array<GridSlot | undefined>> {
  const grid: Array<Array<GridSlot | undefined>> = rows.map(() => []);
  rows.forEach((cells, r) => {
    let col = 0;
    cells.forEach((cell, i) => {
      while (grid[r][col]) col++;
      const colSpan = Math.max(1, cell.colSpan ?? 1);
      // A span past the table's last row stops there (HTML does the same).
      const rowSpan = Math.max(1, Math.min(cell.rowSpan ?? 1, rows.length - r));
      for (let dr = 0; dr < rowSpan; dr++)
        for (let dc = 0; dc < colSpan; dc++)
          grid[r + dr][col + dc] = { row: r, cell: i, origin: dr === 0 && dc === 0 };
      col += colSpan;
    });
  });
  return grid;
}
