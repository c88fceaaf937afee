/**
 * A generated PDF page holding a simple grid table, as a report prints one: two
 * paragraphs, a "Table 1." caption, the table (header row in bold, first column
 * left-aligned, figures right-aligned by the fonts' real widths), a closing paragraph.
 */
import type { PdfText } from './pdf-builder';

export const TABLE_SIZE = 10;
const SIZE = TABLE_SIZE;

/** Widths (thousandths of an em) from the fonts' AFM metrics, for right-aligning the cells: Helvetica's figures, Helvetica-Bold's header letters. */
const WIDTHS: Record<string, number> = {
  ',': 278,
  ...Object.fromEntries([...'0123456789'].map((d) => [d, 556])),
  ...{ C: 722, r: 389, o: 611, s: 556, i: 278, n: 611, g: 611, P: 667, a: 556, e: 556, F: 611 },
};
const widthOf = (s: string, size = SIZE): number => ([...s].reduce((w, c) => w + WIDTHS[c], 0) / 1000) * size;

export const FERRY_PROSE = [
  'The ferry service across the sound was reorganised three times in the years after the war.',
  'The figures below come from the harbour board, which kept a ledger of every crossing.',
];
export const FERRY_TABLE = [
  ['Year', 'Crossings', 'Passengers', 'Fare'],
  ['1950', '4,210', '88,400', '12'],
  ['1951', '4,365', '91,050', '12'],
  ['1952', '3,980', '79,120', '14'],
  ['1953', '4,020', '80,310', '15'],
];

/** One page: two paragraphs, a caption, the table (header in bold, figures right-aligned), a closing paragraph. */
export function tablePage(): PdfText[] {
  const texts: PdfText[] = [];
  let y = 720;
  for (const line of FERRY_PROSE) {
    texts.push({ x: 72, y, size: SIZE, text: line });
    y -= 24;
  }
  texts.push({ x: 72, y, size: 9, text: 'Table 1. Crossings of the sound, 1950-1953' });
  y -= 20;
  // Column 1 left-aligned at x 72; the others right-aligned at these edges.
  const rightEdges = [0, 220, 330, 400];
  FERRY_TABLE.forEach((row, r) => {
    row.forEach((cell, c) => {
      const bold = r === 0;
      const x = c === 0 ? 72 : rightEdges[c] - widthOf(cell);
      texts.push({ x, y, size: SIZE, text: cell, bold });
    });
    y -= 14;
  });
  y -= 16;
  texts.push({
    x: 72,
    y,
    size: SIZE,
    text: 'After 1953 the bridge took most of the traffic, and the ledger stops.',
  });
  return texts;
}
