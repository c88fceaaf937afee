/**
 * Annotations as CSV for spreadsheets: one row per annotation, in reading
 * order per article, each with what a citation needs (title, source, date,
 * locator, author, URL). The note on a whole article comes first among its
 * rows, with no quote and "article" as its location. Positions are Unicode
 * code points, as in the JSON export. A UTF-8 byte order mark leads the file
 * so Excel reads accents and emoji right; rows end in CRLF (RFC 4180).
 * Columns added later come last (location: where the passage starts as a
 * citation would, "p. 7" in a PDF, "¶3" elsewhere; then author and url), so
 * the columns before them keep their places. The last, `codebook`, holds the
 * descriptions of the row's tags (codebook-text.ts).
 */
import { stringify } from 'csv-stringify/sync';
import { normalizeTags } from '../annotations/tags';
import { codePointCounter } from '../anchoring/codepoints';
import { authorList, citationFields } from './citation';
import { inReadingOrder, locationLabeller } from './reading-order';
import { codebookCells, codebookOf } from './codebook-text';
import type { ExportEntry, ExportOptions, ExportPlan, ExportRenderer } from './types';

export const CSV_COLUMNS = [
  'article',
  'source',
  'published',
  'quote',
  'note',
  'tags',
  'color',
  'start',
  'end',
  'created',
  'modified',
  'location',
  'author',
  'url',
  'version',
  'codebook',
] as const;

/**
 * A spreadsheet runs a cell starting with = + - @ (or tab / CR) as a formula:
 * an article could smuggle one in. A leading apostrophe keeps it text (OWASP).
 */
export function neutralizeFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

const CSV_OPTIONS = {
  columns: [...CSV_COLUMNS],
  record_delimiter: 'windows',
  // csv-stringify quotes only fields holding the record delimiter (CRLF); a bare LF inside a quote must be quoted too.
  quoted_match: /[\r\n]/,
} as const;

/** One article's rows: its note first, then its passages in reading order. */
function articleRows(
  { article, annotations, articleNote }: ExportEntry,
  codebookCell: (tags: readonly string[]) => string,
): Array<Array<string | number>> {
  const rows: Array<Array<string | number>> = [];
  const codePoints = codePointCounter(article.text);
  const where = locationLabeller(article);
  const { title, source = '', published = '', url = '' } = article.meta;
  const author = authorList(citationFields(article.meta).authors);
  if (articleNote?.text.trim()) {
    const row = [
      title,
      source,
      published,
      '',
      articleNote.text.trim(),
      '',
      '',
      '',
      '',
      '',
      articleNote.modified,
    ];
    // The article note is on no one version: its version cell stays empty.
    rows.push([...row, 'article', author, url, '', ''].map(neutralizeFormula));
  }
  for (const a of inReadingOrder(annotations)) {
    const { start, end } = a.target.position;
    const inText = !a.orphan && start >= 0 && end <= article.text.length && start < end;
    const text = [
      title,
      source,
      published,
      a.target.quote.exact,
      a.note,
      normalizeTags(a.tags).join('; '),
      a.color,
    ].map(neutralizeFormula);
    rows.push([
      ...text,
      inText ? codePoints(start) : '',
      inText ? codePoints(end) : '',
      neutralizeFormula(a.created),
      neutralizeFormula(a.modified),
      ...[inText ? (where(start) ?? '') : '', author, url].map(neutralizeFormula),
      // The article version (sha256 of its text) it was made or confirmed on: gloss verify's reference.
      a.versionHash ?? '',
      neutralizeFormula(codebookCell(a.tags)),
    ]);
  }
  return rows;
}

/** The CSV written one article at a time: the byte order mark and header row, then each article's rows. */
export function csvRenderer(plan: Pick<ExportPlan, 'codebook'> = {}): ExportRenderer {
  const codebookCell = codebookCells(plan.codebook);
  return {
    head: () => stringify([], { ...CSV_OPTIONS, header: true, bom: true }),
    entry: (entry) => stringify(articleRows(entry, codebookCell), CSV_OPTIONS),
    tail: () => '',
  };
}

export function toCsv(entries: readonly ExportEntry[], opts: Pick<ExportOptions, 'codebook'> = {}): string {
  const renderer = csvRenderer({ codebook: codebookOf(entries, opts.codebook) });
  let out = renderer.head();
  for (const entry of entries) out += renderer.entry(entry);
  return out + renderer.tail();
}
