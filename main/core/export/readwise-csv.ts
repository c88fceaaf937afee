/**
 * A CSV Readwise imports, beside the full CSV: one row per passage, in reading
 * order per article. Checked against what Readwise documents:
 *
 * - Columns: Readwise's CSV import template, "Highlight, Title, Author, URL,
 *   Note, Location, Date"; Highlight is the one it requires. The file starts
 *   with that header itself — no byte order mark, which a reader that does not
 *   expect one glues to "Highlight" and then misses the required column.
 *   There is no Location Type column in the import template (only Readwise's
 *   own export has one), so none is written.
 * - Note: tags travel as Readwise's inline tags — "start any note with a . and
 *   follow it with a single word (no spaces)" (docs.readwise.io/readwise/
 *   guides/action-tags) — so ".claim .oil-exports" come first, spaces inside a
 *   tag as dashes, then the note. A note of its own starting with "." would be
 *   read as a tag: it gets an invisible word joiner before it.
 * - Location: "an integer … used to order the highlights" (Readwise API,
 *   readwise.io/api_deets, Highlight CREATE): the paragraph or page number of
 *   the passage's locator; a passage in a caption or heading takes the number
 *   of the paragraph before it, so it sorts beside it instead of being
 *   numbered by its place in the file; empty only for a passage no longer
 *   found in the text.
 * - Date: when the passage was highlighted, "YYYY-MM-DD HH:MM:SS" in UTC.
 * - Lengths, as the same API page bounds them: a highlight over 8,191
 *   characters is shortened (ending in "…", and the note says so), a title
 *   over 511 and an author over 1,024 likewise; an address over 2,047 is left
 *   out rather than cut into a wrong one.
 * - The note on a whole article has no passage to hang on, so it is left out.
 * - Like every CSV Gloss writes, a cell starting with = + - or @ gets a "'"
 *   before it, so a spreadsheet never runs it as a formula.
 */
import { stringify } from 'csv-stringify/sync';
import { normalizeTags } from '../annotations/tags';
import { authorList, citationFields } from './citation';
import { neutralizeFormula } from './csv';
import { inReadingOrder, locationLabeller } from './reading-order';
import type { ExportEntry, ExportRenderer } from './types';

export const READWISE_COLUMNS = ['Highlight', 'Title', 'Author', 'URL', 'Note', 'Location', 'Date'] as const;

/** Readwise's bounds on a highlight's fields (API, Highlight CREATE), in characters. */
export const READWISE_LIMITS = { highlight: 8191, title: 511, author: 1024, url: 2047 } as const;

/** Keeps a note that starts with "." from being read as an inline tag. */
const WORD_JOINER = '\u2060';

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

/** At most `max` UTF-16 units, ending in "…" when cut (never inside a surrogate pair). */
function bounded(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = max - 1;
  if (/[\uD800-\uDBFF]/.test(text[cut - 1] ?? '')) cut--;
  return `${text.slice(0, cut)}…`;
}

const READWISE_OPTIONS = {
  columns: [...READWISE_COLUMNS],
  record_delimiter: 'windows',
  quoted_match: /[\r\n]/,
} as const;

function articleRows({ article, annotations }: ExportEntry): string[][] {
  const rows: string[][] = [];
  const fields = citationFields(article.meta);
  const title = bounded(fields.title, READWISE_LIMITS.title);
  const author = bounded(authorList(fields.authors), READWISE_LIMITS.author);
  const url = fields.url && fields.url.length <= READWISE_LIMITS.url ? fields.url : '';
  const where = locationLabeller(article);
  let lastNumber = '';
  for (const a of inReadingOrder(annotations)) {
    const { start, end } = a.target.position;
    const inText = !a.orphan && start >= 0 && end <= article.text.length && start < end;
    const number = inText ? (/\d+/.exec(where(start) ?? '')?.[0] ?? lastNumber) : '';
    if (inText) lastNumber = number;
    const quote = a.target.quote.exact;
    const shortened = quote.length > READWISE_LIMITS.highlight;
    const own = [
      a.note.trim(),
      shortened
        ? `(Shortened to Readwise's ${READWISE_LIMITS.highlight.toLocaleString('en')} characters; the passage has ${quote.length.toLocaleString('en')}.)`
        : '',
    ]
      .filter(Boolean)
      .join('\n\n');
    const note = [readwiseTags(a.tags), own.startsWith('.') ? WORD_JOINER + own : own]
      .filter(Boolean)
      .join(' ');
    rows.push(
      [
        bounded(quote, READWISE_LIMITS.highlight),
        title,
        author,
        url,
        note,
        number,
        readwiseDate(a.created),
      ].map(neutralizeFormula),
    );
  }
  return rows;
}

/** The Readwise CSV written one article at a time: the header row, then each article's rows. */
export function readwiseCsvRenderer(): ExportRenderer {
  return {
    head: () => stringify([], { ...READWISE_OPTIONS, header: true }),
    entry: (entry) => stringify(articleRows(entry), READWISE_OPTIONS),
    tail: () => '',
  };
}

export function toReadwiseCsv(entries: readonly ExportEntry[]): string {
  const renderer = readwiseCsvRenderer();
  const pieces = [renderer.head()];
  for (const entry of entries) pieces.push(renderer.entry(entry));
  pieces.push(renderer.tail());
  return pieces.join('');
}
