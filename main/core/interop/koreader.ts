/**
 * KOReader's sidecar files (`book.epub.sdr/metadata.epub.lua`): a Lua chunk
 * `return { … }` holding the book's settings. Highlights are in
 * `annotations` (KOReader 2024 and later: one list, each entry with `text`,
 * `note`, `color`, `drawer`, `datetime`, `datetime_updated`, `chapter`,
 * `pageno`, and `pos0`/`pos1` where it marks words — a bookmark has none), or
 * in the older `highlight` table (by page, then by number) with each note in
 * the matching `bookmarks` entry's `text`. The title and authors come from
 * `doc_props` (authors one per line), else `stats`, else the book's file name.
 *
 * The Lua is parsed (luaparse), never run: only literal tables, strings,
 * numbers and booleans are read. Lua strings are bytes, so the file is handed
 * to the parser as Latin-1 and each string turned back from UTF-8 bytes.
 */
import luaparse from 'luaparse';
import type { Expression } from 'luaparse';
import { GlossError } from '../errors';
import { toIsoDate } from './dates';
import type { ForeignFile, ForeignHighlight, ForeignHighlights } from './types';

type Lua = string | number | boolean | null | LuaTable;
interface LuaTable {
  [key: string]: Lua;
}

export function looksLikeKoreader(text: string, fileName: string): boolean {
  return /^metadata\..*\.lua$/i.test(fileName) || /^\s*(--[^\n]*\n\s*)*return\s*\{/.test(text.slice(0, 4096));
}

function valueOf(node: Expression): Lua {
  switch (node.type) {
    case 'StringLiteral':
      return Buffer.from(node.value, 'latin1').toString('utf8');
    case 'NumericLiteral':
    case 'BooleanLiteral':
      return node.value;
    case 'NilLiteral':
      return null;
    case 'UnaryExpression':
      if (node.operator === '-') {
        const v = valueOf(node.argument);
        return typeof v === 'number' ? -v : null;
      }
      return null;
    case 'TableConstructorExpression': {
      const table: LuaTable = {};
      let next = 1;
      for (const field of node.fields) {
        if (field.type === 'TableValue') table[String(next++)] = valueOf(field.value);
        else if (field.type === 'TableKeyString') table[field.key.name] = valueOf(field.value);
        else {
          const key = valueOf(field.key);
          if (typeof key === 'string' || typeof key === 'number') table[String(key)] = valueOf(field.value);
        }
      }
      return table;
    }
    default:
      return null; // a call or a variable: not data, never evaluated
  }
}

/** The table a sidecar returns. */
export function readLuaTable(text: string, fileName: string): LuaTable {
  const latin1 = Buffer.from(text, 'utf8').toString('latin1');
  let chunk;
  try {
    chunk = luaparse.parse(latin1, { comments: false, encodingMode: 'pseudo-latin1', luaVersion: '5.3' });
  } catch (err) {
    throw new GlossError(
      'UNSUPPORTED_FORMAT',
      `“${fileName}” is not a KOReader highlights file Gloss can read (${(err as Error).message}).`,
    );
  }
  const ret = chunk.body.find((s) => s.type === 'ReturnStatement');
  const value = ret && ret.type === 'ReturnStatement' && ret.arguments[0] ? valueOf(ret.arguments[0]) : null;
  if (!value || typeof value !== 'object')
    throw new GlossError('UNSUPPORTED_FORMAT', `“${fileName}” does not return a KOReader settings table.`);
  return value;
}

const table = (v: Lua | undefined): LuaTable | undefined => (v && typeof v === 'object' ? v : undefined);
const text = (v: Lua | undefined): string => (typeof v === 'string' ? v : '');
/** A Lua list (keys 1..n) in order. */
const list = (v: Lua | undefined): Lua[] => {
  const t = table(v);
  if (!t) return [];
  return Object.keys(t)
    .filter((k) => /^\d+$/.test(k))
    .sort((a, b) => Number(a) - Number(b))
    .map((k) => t[k]);
};
const pageOf = (e: LuaTable): number | undefined => {
  for (const v of [e.pageno, e.page]) if (typeof v === 'number') return v;
  const t = table(e.pos0);
  return typeof t?.page === 'number' ? t.page : undefined;
};

function highlightOf(e: LuaTable, note: string, index: number): ForeignHighlight {
  const page = pageOf(e);
  const created = toIsoDate(text(e.datetime));
  const chapter = text(e.chapter);
  return {
    text: text(e.text).trim(),
    note: note.trim(),
    tags: [],
    color: text(e.color) || undefined,
    created,
    modified: toIsoDate(text(e.datetime_updated)) ?? created,
    location: [chapter, page !== undefined ? `page ${page}` : ''].filter(Boolean).join(' · ') || undefined,
    order: (page ?? 0) * 100_000 + index,
  };
}

export function parseKoreader(file: ForeignFile): ForeignHighlights {
  const settings = readLuaTable(file.text, file.fileName);
  const props = table(settings.doc_props) ?? table(settings.stats) ?? {};
  const docPath = text(settings.doc_path);
  const fallbackTitle = (docPath.split('/').pop() ?? '').replace(/\.[^.]+$/, '') || file.fileName;
  const title = text(props.title).trim() || fallbackTitle;
  const authors = text(props.authors)
    .split('\n')
    .map((a) => a.trim())
    .filter(Boolean);
  const highlights: ForeignHighlight[] = [];
  let bookmarks = 0;

  if (settings.annotations !== undefined) {
    for (const [i, v] of list(settings.annotations).entries()) {
      const e = table(v);
      if (!e) continue;
      if (e.pos0 === undefined || !text(e.text).trim()) {
        bookmarks++;
        continue;
      }
      highlights.push(highlightOf(e, text(e.note), i));
    }
  } else {
    // Older sidecars: highlight[page][n]; a highlight's note is its bookmark's text (matched by time or start).
    const marks = list(settings.bookmarks)
      .map(table)
      .filter((b): b is LuaTable => !!b);
    const noteFor = (h: LuaTable): string => {
      const b = marks.find(
        (m) =>
          (m.datetime !== undefined && m.datetime === h.datetime) ||
          (typeof m.pos0 === 'string' && m.pos0 === h.pos0),
      );
      if (!b) return '';
      const written = text(b.text).trim();
      // Unedited, KOReader fills `text` with "Page N <the highlighted words> @ date": not a note.
      const automatic =
        /^Page \S+ [\s\S]* @ \d{4}-\d{2}-\d{2}/.test(written) || written === text(b.notes).trim();
      return automatic ? '' : written;
    };
    const byPage = table(settings.highlight) ?? {};
    let i = 0;
    for (const page of Object.keys(byPage).sort((a, b) => Number(a) - Number(b)))
      for (const v of list(byPage[page])) {
        const e = table(v);
        if (!e || !text(e.text).trim()) continue;
        highlights.push(highlightOf({ ...e, pageno: e.pageno ?? Number(page) }, noteFor(e), i++));
      }
    bookmarks = marks.filter((m) => !m.highlighted).length;
  }
  if (highlights.length === 0 && settings.annotations === undefined && settings.highlight === undefined)
    throw new GlossError(
      'UNSUPPORTED_FORMAT',
      `“${file.fileName}” is a KOReader settings file without highlights (no annotations or highlight table).`,
    );
  const warnings = bookmarks
    ? [`${bookmarks} bookmark${bookmarks === 1 ? '' : 's'} skipped (no words to import).`]
    : [];
  return {
    format: 'koreader',
    documents: [{ title, authors, highlights, notes: [] }],
    warnings,
  };
}
