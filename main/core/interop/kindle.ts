/**
 * Kindle's "My Clippings.txt": every highlight, note and bookmark ever made on
 * the device, appended in the order they were made, each entry
 *
 *     Title (Author; Other Author)
 *     - Your Highlight on page 12 | Location 170-172 | Added on Sunday, March 3, 2019 10:13:55 PM
 *
 *     the words marked
 *     ==========
 *
 * with the header line in the device's language (English, French, German,
 * Spanish, Italian, Portuguese, Dutch, Japanese, Chinese, …). Entries often
 * start with a stray byte-order mark. A note is a separate entry at a single
 * location: it belongs to the highlight whose range holds that location.
 * Bookmarks carry no words and are skipped. Extending or shrinking a
 * highlight appends a second entry over the same place: the later one wins.
 */
import { GlossError } from '../errors';
import { parseKindleDate } from './kindle-dates';
import type { ForeignDocument, ForeignFile, ForeignHighlight, ForeignHighlights, ForeignNote } from './types';

const ENTRY_END = /^={10}\s*$/m;

// Words for the entry's kind in each language, tried bookmark first: "Votre signet" is not a note.
const BOOKMARK =
  /bookmark|signet|lesezeichen|marcador|segnalibro|ブックマーク|书签|書籤|bladwijzer|закладк/iu;
const NOTE = /\bnote\b|\bnotiz\b|\bnota\b|メモ|笔记|筆記|\bnotitie\b|заметк/iu;
const HIGHLIGHT =
  /highlight|surlignement|markierung|subrayado|evidenziazione|destaque|ハイライト|标注|標註|markering|выделен|\bclip\b/iu;

const LOCATION =
  /(?:locations?|loc\.?|position|emplacement|posici[oó]n|posizione|posi[cç][aã]o|locatie|местоположение|位置\s*(?:no\.?)?)\s*#?\s*(\d+)(?:\s*[-–]\s*(\d+))?/iu;
const PAGE = [
  /(?:page|seite|p[aá]gina|страниц\S*)\s+(\d+|[ivxlcdm]+)\b/iu,
  /(\d+)\s*ページ/u,
  /第\s*(\d+)\s*页/u,
];
const ADDED =
  /^\s*(?:added on|ajouté le|hinzugefügt am|añadido el|aggiunto in data|adicionado(?: em)?:?|toegevoegd op|добавлено:?|作成日[:：]?|添加于|新增於)\s*/iu;

/** The clipping limit message Kindle writes instead of the words past a publisher's limit. */
const LIMIT_REACHED = /^<.*(clipping limit|limite maximale|Limit|límite|limite).*>$/iu;

interface Entry {
  kind: 'highlight' | 'note';
  book: string;
  text: string;
  start?: number;
  end?: number;
  page?: string;
  created?: string;
  index: number;
}

export function looksLikeKindle(text: string): boolean {
  const head = text.slice(0, 4096).replace(/\ufeff/g, '');
  return ENTRY_END.test(head) && /^\s*-\s.*\|/m.test(head);
}

export function parseKindle(file: ForeignFile): ForeignHighlights {
  const warnings: string[] = [];
  const entries: Entry[] = [];
  let bookmarks = 0;
  let unreadable = 0;
  let limited = 0;
  const chunks = file.text
    .replace(/\ufeff/g, '')
    .replace(/\r\n?/g, '\n')
    .split(ENTRY_END);
  for (const [index, chunk] of chunks.entries()) {
    const lines = chunk.replace(/^\n+/, '').split('\n');
    if (lines.every((l) => l.trim() === '')) continue;
    const [book, header = '', ...body] = lines;
    if (!/^\s*-/.test(header) || !book.trim()) {
      unreadable++;
      continue;
    }
    const meta = header.includes('|') ? header.slice(0, header.lastIndexOf('|')) : header;
    const added = header.includes('|') ? header.slice(header.lastIndexOf('|') + 1) : '';
    const kind = BOOKMARK.test(meta)
      ? 'bookmark'
      : NOTE.test(meta)
        ? 'note'
        : HIGHLIGHT.test(meta)
          ? 'highlight'
          : null;
    if (kind === 'bookmark') {
      bookmarks++;
      continue;
    }
    const text = body.join('\n').trim();
    if (!kind || !text) {
      if (!kind) unreadable++;
      continue;
    }
    if (LIMIT_REACHED.test(text)) {
      limited++;
      continue;
    }
    const loc = LOCATION.exec(meta);
    const page = PAGE.map((re) => re.exec(meta)).find(Boolean)?.[1];
    const start = loc ? Number(loc[1]) : undefined;
    entries.push({
      kind,
      book: book.trim(),
      text,
      start,
      end: loc?.[2] ? fullEnd(loc[1], loc[2]) : start,
      page,
      created: parseKindleDate(added.replace(ADDED, '')),
      index,
    });
  }
  if (entries.length === 0 && unreadable > 0 && bookmarks === 0)
    throw new GlossError(
      'UNSUPPORTED_FORMAT',
      `“${file.fileName}” looks like Kindle clippings, but none of its entries could be read.`,
    );
  if (bookmarks)
    warnings.push(`${bookmarks} bookmark${bookmarks === 1 ? '' : 's'} skipped (no words to import).`);
  if (unreadable)
    warnings.push(
      `${unreadable} entr${unreadable === 1 ? 'y' : 'ies'} could not be read and ${unreadable === 1 ? 'was' : 'were'} skipped.`,
    );
  if (limited)
    warnings.push(
      `${limited} clipping${limited === 1 ? '' : 's'} stopped by the publisher’s clipping limit ${limited === 1 ? 'holds' : 'hold'} no words and ${limited === 1 ? 'was' : 'were'} skipped.`,
    );

  const byBook = new Map<string, Entry[]>();
  for (const e of entries) {
    const list = byBook.get(e.book);
    if (list) list.push(e);
    else byBook.set(e.book, [e]);
  }
  const documents = [...byBook].map(([book, list]) => toDocument(book, list));
  return { format: 'kindle', documents, warnings };
}

/** "170-72" is Kindle's short form of 170–172. */
function fullEnd(start: string, end: string): number {
  if (end.length < start.length && Number(end) < Number(start))
    return Number(start.slice(0, start.length - end.length) + end);
  return Number(end);
}

/** "Title (Author; Other)": the last bracketed group at the end names the authors. */
export function splitTitleLine(line: string): { title: string; authors: string[] } {
  const m = /^(.*?)\s*\(([^()]*)\)\s*$/.exec(line);
  if (!m || !m[1].trim()) return { title: line.trim(), authors: [] };
  const authors = m[2]
    .split(';')
    .map((a) => a.trim())
    .filter(Boolean);
  return { title: m[1].trim(), authors };
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

function overlaps(a: Entry, b: Entry): boolean {
  if (a.start === undefined || b.start === undefined) return a.page !== undefined && a.page === b.page;
  return a.start <= (b.end ?? b.start) && b.start <= (a.end ?? a.start);
}

function toDocument(book: string, entries: Entry[]): ForeignDocument {
  const { title, authors } = splitTitleLine(book);
  // Re-highlights: a later entry over the same place whose words hold (or are held by) an earlier one replaces it.
  // Words squashed once per entry, compared only where the places overlap: a book may hold thousands of clippings.
  const kept: Array<Entry & { words: string }> = [];
  for (const e of entries.filter((x) => x.kind === 'highlight')) {
    const words = squash(e.text);
    const i = kept.findIndex((k) => overlaps(k, e) && (k.words.includes(words) || words.includes(k.words)));
    if (i === -1) kept.push({ ...e, words });
    else if (kept[i].words !== words) kept[i] = { ...e, words };
  }
  const highlights: Array<ForeignHighlight & { entry: Entry }> = kept.map((e) => ({
    entry: e,
    text: e.text,
    note: '',
    tags: [],
    created: e.created,
    modified: e.created,
    location: label(e),
    order: e.start ?? (e.page && /^\d+$/.test(e.page) ? Number(e.page) : undefined),
  }));
  const notes: ForeignNote[] = [];
  for (const n of entries.filter((x) => x.kind === 'note')) {
    const target = n.start === undefined ? undefined : ownerOf(n, highlights);
    if (target) target.note = target.note ? `${target.note}\n\n${n.text}` : n.text;
    else notes.push({ text: n.text, location: label(n), created: n.created });
  }
  return {
    title,
    authors,
    // Reading order, not the order they were made in.
    highlights: highlights
      .sort((a, b) => (a.order ?? Infinity) - (b.order ?? Infinity) || a.entry.index - b.entry.index)
      .map(({ entry: _entry, ...h }) => h),
    notes,
  };
}

/** The highlight a note belongs to: its range holds the note's location; the nearest end wins, then the latest made before it. */
function ownerOf(note: Entry, highlights: Array<ForeignHighlight & { entry: Entry }>) {
  const at = note.start!;
  let best: (ForeignHighlight & { entry: Entry }) | undefined;
  for (const h of highlights) {
    const { start, end } = h.entry;
    if (start === undefined || at < start || at > (end ?? start)) continue;
    if (!best) {
      best = h;
      continue;
    }
    const d = Math.abs((end ?? start) - at) - Math.abs((best.entry.end ?? best.entry.start!) - at);
    if (d < 0 || (d === 0 && h.entry.index < note.index && h.entry.index > best.entry.index)) best = h;
  }
  return best;
}

function label(e: Entry): string | undefined {
  const parts: string[] = [];
  if (e.page) parts.push(`page ${e.page}`);
  if (e.start !== undefined)
    parts.push(e.end && e.end !== e.start ? `location ${e.start}–${e.end}` : `location ${e.start}`);
  return parts.join(' · ') || undefined;
}
