/**
 * Readwise's CSV export, read by its header row so every version fits: the
 * older export ("Highlight, Book Title, Book Author, Amazon Book ID, Note,
 * Color, Tags, Location Type, Location, Highlighted at" and, later,
 * "Document tags"), the current Reader export ("Highlight, Title, Author,
 * URL, Note, Tags, Location, Highlighted at, …") and the Readwise import
 * template ("Highlight, Title, Author, URL, Note, Location, Date"). Tags come
 * from the Tags column and from ".tag" words in the note, the way Readwise
 * reads them.
 */
import { parse } from 'csv-parse/sync';
import { GlossError } from '../errors';
import { normalizeTags } from '../annotations/tags';
import { toIsoDate } from './dates';
import type { ForeignDocument, ForeignFile, ForeignHighlights } from './types';

const COLUMNS = {
  text: ['highlight', 'text', 'highlight text', 'quote'],
  title: ['book title', 'title', 'document title'],
  author: ['book author', 'author', 'authors', 'document author'],
  url: ['url', 'source url', 'document url', 'source_url'],
  note: ['note', 'notes', 'highlight note'],
  color: ['color', 'colour', 'highlight color'],
  tags: ['tags', 'highlight tags'],
  locationType: ['location type'],
  location: ['location'],
  date: ['highlighted at', 'date', 'created at', 'highlighted_at'],
  updated: ['updated at', 'updated'],
} as const;
type Field = keyof typeof COLUMNS;

export function looksLikeReadwiseCsv(text: string): boolean {
  const first = text
    .replace(/^\ufeff/, '')
    .split(/\r?\n/, 1)[0]
    .toLowerCase();
  return (
    /(^|,)"?highlight"?(,|$)/.test(first) && /(^|,)"?(book title|title|document title)"?(,|$)/.test(first)
  );
}

/** ".tag" words in a note are tags to Readwise; the rest is the note. */
export function splitDotTags(note: string): { note: string; tags: string[] } {
  const tags: string[] = [];
  const rest = note
    .replace(/(^|\s)\.(\p{L}[\p{L}\p{N}_\-/]*)(?=\s|$)/gu, (_m, space: string, tag: string) => {
      tags.push(tag);
      return space;
    })
    // Gloss's Readwise export puts a word joiner before a note starting with "." (not a tag).
    .replace(/\u2060(?=\.)/g, '')
    .replace(/[ \t]{2,}/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .join('\n')
    .trim();
  return { note: rest, tags };
}

export function parseReadwiseCsv(file: ForeignFile): ForeignHighlights {
  let rows: string[][];
  try {
    rows = parse(file.text, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      relax_quotes: true,
    });
  } catch (err) {
    throw new GlossError(
      'UNSUPPORTED_FORMAT',
      `“${file.fileName}” is not a CSV file Gloss can read: ${(err as Error).message.split('\n')[0]}`,
    );
  }
  const [header = [], ...records] = rows;
  const names = header.map((h) => h.trim().toLowerCase());
  const col = {} as Record<Field, number>;
  for (const field of Object.keys(COLUMNS) as Field[])
    col[field] = names.findIndex((n) => (COLUMNS[field] as readonly string[]).includes(n));
  if (col.text === -1 || col.title === -1)
    throw new GlossError(
      'UNSUPPORTED_FORMAT',
      `“${file.fileName}” is a CSV file without the columns of a Readwise export (Highlight and Title or Book Title).`,
    );
  const get = (row: string[], field: Field) => (col[field] === -1 ? '' : (row[col[field]] ?? '').trim());
  const documents = new Map<string, ForeignDocument>();
  let empty = 0;
  for (const row of records) {
    const text = get(row, 'text');
    if (!text) {
      empty++;
      continue;
    }
    const title = get(row, 'title') || file.fileName;
    const author = get(row, 'author');
    const url = get(row, 'url') || undefined;
    const key = JSON.stringify([title, author, url]);
    let doc = documents.get(key);
    if (!doc) {
      doc = { title, authors: author ? [author] : [], url, highlights: [], notes: [] };
      documents.set(key, doc);
    }
    const { note, tags: dotTags } = splitDotTags(get(row, 'note'));
    const tags = normalizeTags([
      ...get(row, 'tags')
        .split(/[,;]/)
        .map((t) => t.trim())
        .filter(Boolean),
      ...dotTags,
    ]);
    const location = get(row, 'location');
    const type = get(row, 'locationType').toLowerCase();
    const created = toIsoDate(get(row, 'date'));
    doc.highlights.push({
      text,
      note,
      tags,
      color: get(row, 'color') || undefined,
      created,
      modified: toIsoDate(get(row, 'updated')) ?? created,
      location: location && type !== 'order' ? `${type || 'location'} ${location}` : undefined,
      order: /^\d+(\.\d+)?$/.test(location) ? Number(location) : undefined,
    });
  }
  const warnings = empty > 0 ? [`${empty} row${empty === 1 ? '' : 's'} without a highlight skipped.`] : [];
  return { format: 'readwise', documents: [...documents.values()], warnings };
}
