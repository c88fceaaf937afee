/**
 * A CSV Readwise imports (its documented columns: Highlight, Title, Author,
 * URL, Note, Location, Date), beside the full CSV: one row per passage, in
 * reading order per article.
 *
 * - Tags travel in the Note the way Readwise reads them: ".tag" words before
 *   the note's text (spaces inside a tag become dashes, as a tag is one word).
 * - Location is a number (Readwise orders a document's highlights by it): the
 *   paragraph or page of the locator; empty for a caption or heading, or a
 *   passage no longer found in the text.
 * - Date is when the passage was highlighted, "YYYY-MM-DD HH:MM:SS" in UTC.
 * - The note on a whole article has no passage to hang on (Highlight is
 *   Readwise's one required column), so it is left out.
 */
import { stringify } from 'csv-stringify/sync';
import { normalizeTags } from '../annotations/tags';
import { authorList, citationFields } from './citation';
import { neutralizeFormula } from './csv';
import { inReadingOrder, locationLabeller } from './reading-order';
import type { ExportEntry } from './types';

export const READWISE_COLUMNS = ['Highlight', 'Title', 'Author', 'URL', 'Note', 'Location', 'Date'] as const;

/** ".claim .oil-exports": Readwise's inline tags. */
export function readwiseTags(tags: readonly string[]): string {
  return normalizeTags(tags)
    .map((t) => `.${t.trim().replace(/\s+/g, '-')}`)
    .join(' ');
}

/** "2024-03-06T10:00:00.000Z" → "2024-03-06 10:00:00"; an unreadable stamp as it is. */
function readwiseDate(stamp: string): string {
  const ms = Date.parse(stamp);
  return Number.isNaN(ms) ? stamp : new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

export function toReadwiseCsv(entries: readonly ExportEntry[]): string {
  const rows: string[][] = [];
  for (const { article, annotations } of entries) {
    const fields = citationFields(article.meta);
    const where = locationLabeller(article);
    for (const a of inReadingOrder(annotations)) {
      const { start, end } = a.target.position;
      const inText = !a.orphan && start >= 0 && end <= article.text.length && start < end;
      const locator = inText ? where(start) : undefined;
      const note = [readwiseTags(a.tags), a.note.trim()].filter(Boolean).join(' ');
      rows.push(
        [
          a.target.quote.exact,
          fields.title,
          authorList(fields.authors),
          fields.url ?? '',
          note,
          /\d+/.exec(locator ?? '')?.[0] ?? '',
          readwiseDate(a.created),
        ].map(neutralizeFormula),
      );
    }
  }
  return stringify(rows, {
    header: true,
    columns: [...READWISE_COLUMNS],
    bom: true,
    record_delimiter: 'windows',
    quoted_match: /[\r\n]/,
  });
}
