/**
 * Plain-text importer, shaped by articles copied out of news sites (see
 * seeds/000-*.txt): title line, an optional quoted standfirst, photo captions
 * (often printed twice by the copy), a dateline opening the first paragraph,
 * "Read More:" pointers, paragraphs between blank lines.
 *
 * Fidelity rule: every character of the body is kept as written — quotes,
 * dashes, apostrophes, non-breaking spaces, unbalanced quotes. Only two things
 * are dropped: whitespace at the end of a line, and the second copy of a
 * caption printed twice in a row. Blank-line runs become block boundaries.
 *
 * A block is a run of non-blank lines; caption and "Read More" lines are always
 * blocks of their own, blank lines around them or not. Hard-wrapped lines
 * inside a block are NOT re-flowed: they stay joined by "\n", so the block's
 * text is exactly what the file says (the reader renders it with pre-wrap).
 */
import type { BlockInput } from '../document/types';
import { decodeText, normaliseLineEndings } from './decode';
import type { ImportInput, ParsedDocument } from './types';

/** A title longer than this is really a paragraph (notes that start straight in). */
const MAX_TITLE_CHARS = 250;
/** A standfirst is a short line; longer quoted lines are just quoted paragraphs. */
const MAX_STANDFIRST_CHARS = 300;

export async function parseTextFile(input: ImportInput): Promise<ParsedDocument> {
  const { text, warnings } = decodeText(input.bytes, input.fileName);
  const doc = parsePlainText(text, { fileName: input.fileName });
  return { ...doc, warnings: [...warnings, ...(doc.warnings ?? [])] };
}

// ---------------------------------------------------------------- line kinds

export interface CaptionLine {
  credit: string;
  creditOffset: number;
}

/**
 * "… (Photo: Capt. Robyn Haake/U.S. Army)" and the other wrappers papers use,
 * at the very end of the line (an optional full stop after the bracket).
 */
const CAPTION_CREDIT =
  /\((?:file\s+)?(?:photo(?:graph)?s?(?:\s+credit)?|image|picture|credit)\s*:\s*([^()]*?)\s*\)\.?$/i;

export function matchCaption(line: string): CaptionLine | undefined {
  const m = CAPTION_CREDIT.exec(line);
  if (!m || m[1].length === 0) return undefined;
  return { credit: m[1], creditOffset: m.index };
}

const RELATED = /^(read more|read also|also read|related|see also)\s*:\s*\S/i;

export function matchRelated(line: string): { label: string; href?: string } | undefined {
  const m = RELATED.exec(line);
  if (!m) return undefined;
  const href = /https?:\/\/[^\s<>"]+/.exec(line)?.[0];
  return href ? { label: m[1], href } : { label: m[1] };
}

/** Wholly in double quotes (or guillemets), with no quote closing and reopening inside. */
export function isQuotedLine(line: string): boolean {
  const m = /^(["“„«])(.+)(["”»])[.!?]?$/u.exec(line);
  return m !== null && !/["“”„«»]/u.test(m[2]);
}

// ------------------------------------------------------------------ datelines

export interface Dateline {
  /** The exact leading prefix, separator and following spaces included. */
  prefix: string;
  place: string;
  source: string;
  /** YYYY-MM-DD, only when the dateline states a full date. */
  published?: string;
}

const UPPER_WORDS = String.raw`\p{Lu}[\p{Lu}\p{M}.'’\- ]*?`;
const MONTHS = 'jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec';
const DATE = String.raw`(?:(?:${MONTHS})[a-z]*\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+(?:${MONTHS})[a-z]*\.?,?\s+\d{4}|\d{4}-\d{2}-\d{2})`;
/**
 * PLACE[, MORE PLACE][, date] (Source) – …   e.g. "ERBIL (Kurdistan 24) – ",
 * "WASHINGTON, D.C. (AP) — ", "ERBIL, Feb. 9, 2022 (Kurdistan 24) - ".
 * The place is ALL CAPS; the dash may be en, em or a spaced hyphen.
 */
const DATELINE = new RegExp(
  String.raw`^(${UPPER_WORDS}(?:,\s*${UPPER_WORDS})*)(?:,\s*(${DATE}))?\s*\(([^()\n]{1,60})\)\s*(?:[–—]\s*|-\s+)`,
  'iu',
);

export function matchDateline(paragraph: string): Dateline | undefined {
  // The regex is case-insensitive for month names; the place is checked for capitals here.
  const m = DATELINE.exec(paragraph.slice(0, 300));
  if (!m) return undefined;
  const place = m[1].trim();
  const letters = place.replace(/[^\p{L}]/gu, '');
  if (letters.length < 2 || letters !== letters.toUpperCase()) return undefined;
  const source = m[3].trim();
  if (!source || !/\p{L}/u.test(source)) return undefined;
  const published = m[2] ? isoDate(m[2]) : undefined;
  return published ? { prefix: m[0], place, source, published } : { prefix: m[0], place, source };
}

function isoDate(s: string): string | undefined {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  let y: number, mo: number, d: number;
  if (iso) {
    [y, mo, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  } else {
    const month = /[a-z]+/i.exec(s)?.[0].toLowerCase().slice(0, 3) ?? '';
    mo = MONTHS.split('|').indexOf(month) + 1;
    const nums = s.match(/\d+/g) ?? [];
    d = Number(nums.find((n) => n.length <= 2));
    y = Number(nums.find((n) => n.length === 4));
  }
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (mo < 1 || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  return date.toISOString().slice(0, 10);
}

// --------------------------------------------------------------------- blocks

type Segment =
  | { kind: 'lines'; lines: string[] }
  | { kind: 'caption'; line: string; caption: CaptionLine }
  | { kind: 'related'; line: string; label: string; href?: string };

/** Runs of non-blank lines; caption and related lines always stand alone. */
function segment(lines: string[]): Segment[] {
  const out: Segment[] = [];
  let run: string[] = [];
  const flush = (): void => {
    if (run.length) out.push({ kind: 'lines', lines: run });
    run = [];
  };
  for (const line of lines) {
    if (line.trim() === '') {
      flush();
      continue;
    }
    const caption = matchCaption(line);
    const related = caption ? undefined : matchRelated(line);
    if (!caption && !related) {
      run.push(line);
      continue;
    }
    flush();
    const prev = out[out.length - 1];
    // The same caption printed twice in a row is a copy artefact: keep one.
    if (caption && prev?.kind === 'caption' && prev.line === line) continue;
    out.push(caption ? { kind: 'caption', line, caption } : { kind: 'related', line, ...related! });
  }
  flush();
  return out;
}

function stem(fileName?: string): string | undefined {
  const base = fileName
    ?.split(/[\\/]/)
    .pop()
    ?.replace(/\.[^.]+$/, '')
    .trim();
  return base || undefined;
}

export function parsePlainText(text: string, opts: { fileName?: string } = {}): ParsedDocument {
  const lines = normaliseLineEndings(text.replace(/^\uFEFF/, ''))
    .split('\n')
    .map((l) => l.trimEnd());
  const segments = segment(lines);
  const blocks: BlockInput[] = [];
  const meta: ParsedDocument['meta'] = { title: '' };

  // Title: the first line, unless it is too long or special to be one.
  const first = segments[0];
  if (first?.kind === 'lines' && first.lines[0].trim().length <= MAX_TITLE_CHARS) {
    const title = first.lines[0];
    blocks.push({ kind: 'title', text: title });
    meta.title = title.trim();
    if (first.lines.length > 1) segments[0] = { kind: 'lines', lines: first.lines.slice(1) };
    else segments.shift();
    const next = segments[0];
    if (
      next?.kind === 'lines' &&
      next.lines.length === 1 &&
      next.lines[0].length < MAX_STANDFIRST_CHARS &&
      isQuotedLine(next.lines[0].trim())
    ) {
      blocks.push({ kind: 'standfirst', text: next.lines[0] });
      segments.shift();
    }
  } else {
    meta.title = stem(opts.fileName) ?? 'Untitled';
  }

  for (const s of segments) {
    if (s.kind === 'caption') {
      blocks.push({
        kind: 'caption',
        text: s.line,
        credit: s.caption.credit,
        creditOffset: s.caption.creditOffset,
      });
    } else if (s.kind === 'related') {
      blocks.push(
        s.href
          ? { kind: 'related', text: s.line, label: s.label, href: s.href }
          : { kind: 'related', text: s.line, label: s.label },
      );
    } else {
      const paragraph = s.lines.join('\n');
      const dateline = matchDateline(paragraph);
      if (dateline) {
        blocks.push({ kind: 'paragraph', text: paragraph, dateline: dateline.prefix });
        if (meta.place === undefined) {
          meta.place = dateline.place;
          meta.source = dateline.source;
          if (dateline.published) meta.published = dateline.published;
        }
      } else {
        blocks.push({ kind: 'paragraph', text: paragraph });
      }
    }
  }
  return { blocks, meta };
}
