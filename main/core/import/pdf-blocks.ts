/**
 * From a PDF's lines in reading order (pdf-lines.ts) to blocks, each knowing
 * its page: the typographic half of PDF import.
 *
 * The body size is the size most characters are set in. Larger lines are
 * headings (the larger, the higher), the largest near the top of page 1 the
 * title, the names under it (in whatever size) the authors; a short bold line
 * (or two) of body size standing alone is a heading below those; lines opening with "Figure 3", "Table 2"… are captions; smaller lines
 * at the foot of a page opening with a note mark are footnotes, gathered under
 * "Notes" at the end so the text flows past them. A paragraph ends where the
 * line spacing opens up, the next line is indented, or a line stops short after
 * a sentence; it carries on over a column or page break otherwise, and a word
 * hyphenated at a line end is joined again.
 */
import type { BlockInput } from '../document/types';
import type { PdfLine } from './pdf-lines';
import { tableBlocks } from './html-blocks';

/** Lines this much larger than the body text are headings. */
const HEADING_RATIO = 1.12;
/** Lines this much smaller, at the foot of a page, may be footnotes. */
const FOOTNOTE_RATIO = 0.9;
const MAX_HEADING_CHARS = 200;
/** A bold heading of body size: at most this many lines and characters. */
const MAX_BOLD_HEADING_LINES = 2;
const MAX_BOLD_HEADING_CHARS = 150;

const CAPTION =
  /^(?:figure|fig\.|table|chart|exhibit|box|map|graph|plate|diagram)\s*[\dIVX]+[a-z]?\s*[.:|—–-]/i;
const NOTE_MARK = /^(?:\d{1,3}|[*†‡§¶]{1,3})(?=\s*\S)/;
const BULLET = /^[•◦▪●○■–-]\s+/;
/** A table-of-contents line: words, dot leaders, a page number ("2 Methods . . . . . 7"). */
const CONTENTS_LINE = /\S\s*(?:\.\s*){4,}(\d{1,4}|[ivxlc]{1,6})$/i;
const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

export interface PdfFirstPage {
  /** The largest lines near the top of page 1. */
  title?: string;
  /** The name line under the title. */
  byline?: string;
  /** A date printed under the title, as ISO 8601 ("2024-03", "2024-03-05"). */
  date?: string;
}

export interface PdfBlocks {
  blocks: BlockInput[];
  firstPage: PdfFirstPage;
}

const roundSize = (s: number): number => Math.round(s * 2) / 2;

/** The size most characters are set in. */
export function bodySize(lines: readonly PdfLine[]): number {
  const weight = new Map<number, number>();
  for (const l of lines) weight.set(roundSize(l.size), (weight.get(roundSize(l.size)) ?? 0) + l.text.length);
  let best = 10;
  let most = -1;
  for (const [s, w] of weight)
    if (w > most) {
      best = s;
      most = w;
    }
  return best;
}

/** The usual distance between baselines of body lines that follow each other in one column. */
function bodyLeading(lines: readonly PdfLine[], body: number): number {
  const deltas: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const a = lines[i - 1];
    const b = lines[i];
    if (
      a.page === b.page &&
      a.column === b.column &&
      roundSize(a.size) === body &&
      roundSize(b.size) === body
    ) {
      const d = a.y - b.y;
      if (d > 0.5 * body && d < 3 * body) deltas.push(d);
    }
  }
  if (deltas.length === 0) return body * 1.2;
  deltas.sort((x, y) => x - y);
  return deltas[Math.floor(deltas.length / 2)];
}

/** "March 2024" → "2024-03", "5 March 2024" / "March 5, 2024" → "2024-03-05", "2024-03-05" as is. */
export function dateIn(text: string): string | undefined {
  const iso = /\b(\d{4})-(\d{2})-(\d{2})\b/.exec(text);
  if (iso) return iso[0];
  const m =
    /\b(?:(\d{1,2})\s+)?(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?\s+(?:(\d{1,2}),?\s+)?(\d{4})\b/i.exec(
      text,
    );
  if (!m) return undefined;
  const month = MONTHS.findIndex((name) => name.startsWith(m[2].toLowerCase().slice(0, 3))) + 1;
  const day = m[1] ?? m[3];
  const mm = String(month).padStart(2, '0');
  return day ? `${m[4]}-${mm}-${day.padStart(2, '0')}` : `${m[4]}-${mm}`;
}

/** A line of names: short, capitalised, no sentence in it. */
function looksLikeNames(text: string): boolean {
  const words = text.split(/\s+/);
  return (
    words.length <= 16 &&
    text.length <= 160 &&
    /^\p{Lu}/u.test(text) &&
    !/[.!?:]$/.test(text) &&
    !/^(abstract|summary|introduction|contents|keywords)\b/i.test(text) &&
    words.filter((w) => /^\p{Lu}/u.test(w)).length >= Math.min(2, words.length) &&
    !dateIn(text)
  );
}

/** Words of headings and front matter that no person's name holds. */
const NOT_A_NAME =
  /^(?:abstract|summary|executive|introduction|contents|keywords|preface|foreword|chapter|part|section|appendix|annex|report|overview|background|acknowledg\w*|references|table|figure|working|paper|policy|brief|series|volume|issue|edition|draft|final|annual|global|national|international|united|nations|department|ministry|institute|university|centre|center|office|agency|council|committee|commission|programme|program|foundation|trust|group|the|of|for|on|in|at|to|with|from)$/i;
/** A word of a person's name: capitalised (hyphens, apostrophes), an initial, or a particle (de, van, bin…). */
const NAME_WORD =
  /^(?:\p{Lu}[\p{L}'’-]*\.?|\p{Lu}\.(?:-?\p{Lu}\.)*|de|da|das|do|dos|van|von|der|den|del|della|la|le|di|du|bin|ibn|al|el|y|zu)$/u;

/**
 * The line's persons' names, cleaned of "By" and affiliation marks ("Ana
 * Lima¹, Bo Chen*"), when it is a list of names (each two to five name words);
 * else undefined. Stricter than looksLikeNames: a line in large type under the
 * title may as well be a subtitle.
 */
export function authorNames(text: string): string | undefined {
  const cleaned = text
    .replace(/^by\s+/i, '')
    .replace(/(?<=\p{L})\s?[\d*†‡§]+(?=\s*(?:,|;|&|\band\b|$))/gu, '')
    .replace(/\s+,/g, ',')
    .replace(/\s+/g, ' ')
    .trim();
  if (cleaned.length === 0 || cleaned.length > 200) return undefined;
  const names = cleaned.split(/\s*(?:,|;|&|\band\b)\s*/).filter(Boolean);
  if (names.length === 0 || names.length > 12) return undefined;
  for (const name of names) {
    const words = name.split(' ');
    if (words.length < 2 || words.length > 5) return undefined;
    if (!words.every((w) => NAME_WORD.test(w) && !NOT_A_NAME.test(w.replace(/\.$/, '')))) return undefined;
    if (words.filter((w) => /^\p{Lu}\p{Ll}/u.test(w)).length < 1) return undefined;
  }
  return cleaned;
}

/** Join a line to the text before it: a word broken by a hyphen at the line end is mended. */
export function joinLine(before: string, line: string): string {
  if (before === '') return line;
  if (/\u00ad$/.test(before)) return before.slice(0, -1) + line;
  // "extra-" + "ordinary": a word broken for the line; "anti-" + "American", "COVID-" + "19": a hyphen of the text.
  if (/\p{L}[-\u2010]$/u.test(before))
    return /^\p{Ll}/u.test(line) ? before.slice(0, -1) + line : before + line;
  return `${before} ${line}`;
}

/** Where a block's text runs on to a later page: offsets in its text, one per page turned. */
interface Building {
  kind: 'paragraph' | 'heading' | 'caption' | 'list-item';
  text: string;
  page: number;
  size: number;
  /** A heading told by its bold type, not its size. */
  bold?: boolean;
  breaks: number[];
  last: PdfLine;
}

export function blocksFromLines(lines: readonly PdfLine[]): PdfBlocks {
  const body = bodySize(lines);
  const leading = bodyLeading(lines, body);
  const firstPage = readFirstPage(lines, body);
  const skip = new Set(firstPage.lines);

  const headingSizes = [
    ...new Set(
      lines
        .filter((l) => !skip.has(l) && roundSize(l.size) >= body * HEADING_RATIO)
        .map((l) => roundSize(l.size)),
    ),
  ].sort((a, b) => b - a);
  const level = (size: number): 2 | 3 | 4 =>
    Math.min(4, 2 + headingSizes.indexOf(roundSize(size))) as 2 | 3 | 4;
  // Bold headings of body size rank below every larger one.
  const boldLevel = Math.min(4, 2 + headingSizes.length) as 2 | 3 | 4;
  const boldHeadings = findBoldHeadings(lines, body, skip);
  const footnoteLines = findFootnotes(lines, body);

  const out: BlockInput[] = [];
  const notes: BlockInput[] = [];
  if (firstPage.title) out.push({ kind: 'title', text: firstPage.title, page: 1 });
  let open: Building | undefined;
  const close = () => {
    if (!open) return;
    const b = open;
    open = undefined;
    const where = { page: b.page, ...(b.breaks.length > 0 ? { pageBreaks: b.breaks } : {}) };
    if (b.kind === 'heading')
      out.push({ kind: 'heading', level: b.bold ? boldLevel : level(b.size), text: b.text, ...where });
    else if (b.kind === 'caption') out.push({ kind: 'caption', text: b.text, ...where });
    else if (b.kind === 'list-item')
      out.push({ kind: 'list-item', ordered: false, depth: 0, text: b.text, ...where });
    else out.push({ kind: 'paragraph', text: b.text, ...where });
  };
  const start = (kind: Building['kind'], l: PdfLine, text = l.text) => {
    close();
    open = { kind, text, page: l.page, size: l.size, breaks: [], last: l };
  };
  const extend = (l: PdfLine) => {
    const b = open!;
    const joined = joinLine(b.text, l.text);
    // The new page starts where the new line's words do (a mended hyphen moves that one back).
    if (l.page !== b.last.page) b.breaks.push(joined.length - l.text.length);
    b.text = joined;
    b.last = l;
  };

  for (const l of lines) {
    if (skip.has(l)) continue;
    if (l.table) {
      close();
      const rows = l.table.rows.map((r) => r.map((text) => ({ text, links: [] })));
      for (const b of tableBlocks(rows, l.table.headerRows)) out.push({ ...b, page: l.page });
      continue;
    }
    const size = roundSize(l.size);
    const isHeading = size >= body * HEADING_RATIO && l.text.length <= MAX_HEADING_CHARS;
    if (footnoteLines.has(l)) {
      // Out of the flow: the paragraph the note interrupts carries on after it.
      const note = notes[notes.length - 1];
      if (note && !NOTE_MARK.test(l.text) && note.page === l.page) note.text = joinLine(note.text, l.text);
      else notes.push({ kind: 'paragraph', text: l.text, page: l.page });
      continue;
    }
    if (CONTENTS_LINE.test(l.text)) {
      // An entry of the document's own contents: a list item, whatever its size, its leader shortened.
      start('list-item', l, l.text.replace(/\s*(?:\.\s*){4,}(?=\S+$)/, ' … '));
      continue;
    }
    if (isHeading) {
      if (open?.kind === 'heading' && roundSize(open.size) === size && sameFlow(open.last, l, 1.6 * l.size))
        extend(l);
      else start('heading', l);
      continue;
    }
    if (boldHeadings.has(l)) {
      if (open?.kind === 'heading' && open.bold && sameFlow(open.last, l, 1.6 * l.size)) extend(l);
      else {
        start('heading', l);
        open!.bold = true;
      }
      continue;
    }
    if (CAPTION.test(l.text)) {
      start('caption', l);
      continue;
    }
    if (BULLET.test(l.text)) {
      start('list-item', l, l.text.replace(BULLET, ''));
      continue;
    }
    if (open && (open.kind === 'paragraph' || open.kind === 'caption' || open.kind === 'list-item')) {
      if (continues(open.last, l, leading, body)) {
        extend(l);
        continue;
      }
    }
    start('paragraph', l);
  }
  close();
  if (notes.length > 0) out.push({ kind: 'heading', level: 2, text: 'Notes' }, ...notes);
  return {
    blocks: out,
    firstPage: { title: firstPage.title, byline: firstPage.byline, date: firstPage.date },
  };
}

/** Two lines one under the other in the same column of the same page, at most `gap` apart. */
function sameFlow(a: PdfLine, b: PdfLine, gap: number): boolean {
  return a.page === b.page && a.column === b.column && a.y - b.y > 0 && a.y - b.y <= gap;
}

/**
 * Whether line `b` carries on the paragraph whose last line is `a`. Over a
 * column or page turn it does unless `a` stopped short after a sentence or `b`
 * is indented; within a column, unless the spacing opens up, `b` is indented,
 * or `a` ended a sentence well before the margin (a ragged line is short by a
 * word at most).
 */
function continues(a: PdfLine, b: PdfLine, leading: number, body: number): boolean {
  if (Math.abs(roundSize(a.size) - roundSize(b.size)) > 0.5) return false;
  const em = b.size;
  const endsSentence = /[.!?:;"”’)\]]$/.test(a.text);
  const indented = b.x - b.colLeft > 0.8 * em && a.x - a.colLeft < 0.5 * em;
  if (indented) return false;
  if (a.page !== b.page || a.column !== b.column) return !(endsSentence && a.right < a.colRight - 2 * em);
  if (endsSentence && a.right < a.colLeft + 0.6 * (a.colRight - a.colLeft)) return false;
  const step = a.y - b.y;
  const expected = (leading * b.size) / body;
  return step > 0 && step <= expected * 1.35;
}

/**
 * Bold lines of about body size that stand alone as a heading: one or two in a
 * row (a bold paragraph runs longer), short, the last stopping well before the
 * column's edge (a heading does not fill its line), not ending mid-sentence,
 * and not a caption, a list item or a contents entry.
 */
function findBoldHeadings(lines: readonly PdfLine[], body: number, skip: ReadonlySet<PdfLine>): Set<PdfLine> {
  const found = new Set<PdfLine>();
  // Where most of the running text is bold, bold marks nothing out.
  let boldChars = 0;
  let bodyChars = 0;
  for (const l of lines)
    if (Math.abs(roundSize(l.size) - body) <= 1) {
      bodyChars += l.text.length;
      if (l.bold) boldChars += l.text.length;
    }
  if (boldChars * 2 > bodyChars) return found;
  const candidate = (l: PdfLine) =>
    !!l.bold &&
    !skip.has(l) &&
    Math.abs(roundSize(l.size) - body) <= 1 &&
    !CAPTION.test(l.text) &&
    !BULLET.test(l.text) &&
    !CONTENTS_LINE.test(l.text);
  for (let i = 0; i < lines.length;) {
    if (!candidate(lines[i])) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < lines.length && candidate(lines[j]) && sameFlow(lines[j - 1], lines[j], 1.6 * lines[j].size))
      j++;
    const group = lines.slice(i, j);
    const last = group[group.length - 1];
    const chars = group.reduce((n, l) => n + l.text.length, 0);
    if (
      group.length <= MAX_BOLD_HEADING_LINES &&
      chars <= MAX_BOLD_HEADING_CHARS &&
      last.right < last.colRight - 3 * last.size &&
      !/[,;\-–]$/.test(last.text) &&
      /\p{L}/u.test(last.text)
    )
      for (const l of group) found.add(l);
    i = j;
  }
  return found;
}

/**
 * Small lines below every body line of their column on their page, the first
 * of them opening with a note mark.
 */
function findFootnotes(lines: readonly PdfLine[], body: number): Set<PdfLine> {
  const found = new Set<PdfLine>();
  const byPage = new Map<number, PdfLine[]>();
  for (const l of lines) {
    const list = byPage.get(l.page);
    if (list) list.push(l);
    else byPage.set(l.page, [l]);
  }
  for (const pageLines of byPage.values()) {
    // The lowest body line a small line in each column (0: full width) must be under.
    const lowest = [Infinity, Infinity, Infinity];
    for (const l of pageLines) {
      if (roundSize(l.size) < body) continue;
      for (const c of l.column === 0 ? [0, 1, 2] : [0, l.column]) lowest[c] = Math.min(lowest[c], l.y);
    }
    const small = pageLines
      .filter((l) => roundSize(l.size) <= body * FOOTNOTE_RATIO && l.y < lowest[l.column])
      .sort((a, b) => b.y - a.y);
    if (small.length > 0 && NOTE_MARK.test(small[0].text)) for (const l of small) found.add(l);
  }
  return found;
}

/** Title, name and date lines at the head of page 1, taken out of the text flow. */
function readFirstPage(lines: readonly PdfLine[], body: number): PdfFirstPage & { lines: PdfLine[] } {
  const page1 = lines.filter((l) => l.page === 1);
  const taken: PdfLine[] = [];
  if (page1.length === 0) return { lines: taken };
  const top = page1.filter((l) => l.y > l.pageHeight * 0.45);
  let largest = -Infinity;
  for (const l of top) largest = Math.max(largest, roundSize(l.size));
  if (!(largest >= body * 1.3)) return { lines: taken };
  const start = page1.findIndex((l) => roundSize(l.size) === largest && l.y > l.pageHeight * 0.45);
  let i = start;
  const titleLines: PdfLine[] = [];
  while (i < page1.length && roundSize(page1[i].size) === largest && titleLines.length < 4)
    titleLines.push(page1[i++]);
  if (titleLines.map((l) => l.text).join(' ').length > 300) return { lines: taken };
  taken.push(...titleLines);
  const title = titleLines.reduce((t, l) => joinLine(t, l.text), '');
  let byline: string | undefined;
  let date: string | undefined;
  // Up to four short lines under the title, set smaller than it: the names (one line or several), then a date.
  for (let n = 0; n < 4 && i < page1.length; n++, i++) {
    const l = page1[i];
    if (roundSize(l.size) >= largest) break;
    // Names are often set large, as large as a heading: only a line of persons' names is taken then.
    const large = roundSize(l.size) >= body * HEADING_RATIO * 1.2;
    const names = large ? authorNames(l.text) : looksLikeNames(l.text) ? l.text : undefined;
    if (!large && !date && l.text.length <= 60 && dateIn(l.text)) {
      date = dateIn(l.text);
      taken.push(l);
    } else if (!date && names && (byline === undefined || authorNames(l.text))) {
      byline = byline === undefined ? names : `${byline}, ${authorNames(l.text)}`;
      taken.push(l);
    } else break;
  }
  return { title, byline, date, lines: taken };
}
