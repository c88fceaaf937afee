/**
 * From a PDF page's positioned text runs to its lines in reading order — the
 * geometry half of PDF import (pdf-blocks.ts makes blocks of the lines).
 *
 * pdf.js gives runs in content-stream order, which is whatever order the
 * producer drew them in. So runs are regrouped by position: runs on one
 * baseline and close together form a line segment; a page whose segments leave
 * a vertical gutter free is read column by column (segments crossing the
 * gutter — a title, a wide figure caption — are read in place, splitting the
 * page into bands); running headers, footers and page numbers (the same words
 * in the page's top or bottom margin on many pages, or a bare number there) are
 * dropped. Simple grid tables (pdf-tables.ts) are taken out first and read in
 * place as one line holding their rows.
 */
import { findTables } from './pdf-tables';

/** One text run as pdf.js reports it, in PDF user space (y up, baseline). */
export interface PdfRun {
  text: string;
  x: number;
  y: number;
  /** Advance width in user space. */
  width: number;
  /** Font size in user space. */
  size: number;
  /** Set in a bold font (by its name or flags). */
  bold?: boolean;
}

export interface PdfPageRuns {
  /** 1-based page number. */
  page: number;
  width: number;
  height: number;
  runs: PdfRun[];
}

/** A line segment in reading order. */
export interface PdfLine {
  page: number;
  text: string;
  x: number;
  right: number;
  y: number;
  /** The size of most of its characters (a superscript does not count). */
  size: number;
  /** Left and right edges of the column (or the page's text, for a full-width line) it sits in. */
  colLeft: number;
  colRight: number;
  /** 0 one column or full width, 1 left, 2 right: a change means the text flowed on. */
  column: 0 | 1 | 2;
  /** Top of the page's text area for this page. */
  pageHeight: number;
  /** Most of its characters are bold. */
  bold?: boolean;
  /** A grid table found on the page, read as one "line": its rows of cell texts (`text`: cells by tabs, rows by line breaks). */
  table?: PdfTableRows;
}

export interface PdfTableRows {
  rows: string[][];
  headerRows: number;
}

/** Runs further apart than this (in ems) on one baseline are in different columns or cells. */
const SEGMENT_GAP_EM = 1.5;
/** The top or bottom share of the page where running headers, footers and page numbers sit. */
const MARGIN_BAND = 0.08;

/** More segments than this on one page is no page of prose (a hostile or generated file): read it as one column. */
const MAX_SEGMENTS_FOR_COLUMNS = 4000;

/** Smallest / largest of f over xs, without spreading (a page may hold 100,000 runs). */
function minOf<T>(xs: readonly T[], f: (x: T) => number): number {
  let m = Infinity;
  for (const x of xs) m = Math.min(m, f(x));
  return m;
}
function maxOf<T>(xs: readonly T[], f: (x: T) => number): number {
  let m = -Infinity;
  for (const x of xs) m = Math.max(m, f(x));
  return m;
}

interface Segment {
  runs: PdfRun[];
  x: number;
  right: number;
  y: number;
  size: number;
  bold: boolean;
  table?: PdfTableRows;
}

/** Whether most of the runs' characters are bold. */
function mostlyBold(runs: readonly PdfRun[]): boolean {
  let bold = 0;
  let all = 0;
  for (const r of runs) {
    const n = r.text.trim().length;
    all += n;
    if (r.bold) bold += n;
  }
  return all > 0 && bold * 2 > all;
}

function joinRuns(runs: PdfRun[]): string {
  const parts: string[] = [];
  let prev: PdfRun | undefined;
  for (const r of runs) {
    // Looks at the last character only: a line may hold 100,000 runs.
    const last = parts.length > 0 ? parts[parts.length - 1] : '';
    if (prev && last !== '' && !/\s/.test(last[last.length - 1]) && !/^\s/.test(r.text)) {
      const gap = r.x - (prev.x + prev.width);
      if (gap > 0.15 * Math.min(prev.size, r.size)) parts.push(' ');
    }
    if (r.text !== '') parts.push(r.text);
    prev = r;
  }
  return parts.join('').replace(/\s+/g, ' ').trim();
}

function dominantSize(runs: PdfRun[]): number {
  const weight = new Map<number, number>();
  for (const r of runs) {
    const s = Math.round(r.size * 2) / 2;
    weight.set(s, (weight.get(s) ?? 0) + r.text.trim().length);
  }
  let best = runs[0]?.size ?? 0;
  let most = -1;
  for (const [s, w] of weight)
    if (w > most) {
      best = s;
      most = w;
    }
  return best;
}

/** Group runs into segments: one baseline (a superscript rides along), no wide gap. */
export function segmentsOf(runs: readonly PdfRun[]): Segment[] {
  const sorted = runs.filter((r) => r.text.length > 0 && r.size > 0).sort((a, b) => b.y - a.y || a.x - b.x);
  const rows: PdfRun[][] = [];
  for (const r of sorted) {
    const row = rows[rows.length - 1];
    const base = row?.[0];
    if (base && Math.abs(base.y - r.y) <= 0.45 * Math.max(base.size, r.size)) row.push(r);
    else rows.push([r]);
  }
  const segments: Segment[] = [];
  for (const row of rows) {
    row.sort((a, b) => a.x - b.x);
    let current: PdfRun[] = [];
    let end = -Infinity;
    const flush = () => {
      const inked = current.filter((r) => r.text.trim() !== '');
      if (inked.length > 0) {
        const size = dominantSize(inked);
        const main = inked.find((r) => Math.round(r.size * 2) / 2 === size) ?? inked[0];
        segments.push({
          runs: current,
          x: inked[0].x,
          right: maxOf(inked, (r) => r.x + r.width),
          y: main.y,
          size,
          bold: mostlyBold(inked),
        });
      }
      current = [];
      end = -Infinity;
    };
    for (const r of row) {
      const last = current[current.length - 1];
      if (last && r.text.trim() !== '' && r.x - end > SEGMENT_GAP_EM * Math.max(r.size, last.size)) flush();
      current.push(r);
      // The space pdf.js reports across a gap (between cells or columns) does not close the gap.
      if (r.text.trim() !== '') end = Math.max(end, r.x + r.width);
    }
    flush();
  }
  return segments;
}

/**
 * The x of a gutter splitting the page into two columns, or undefined: the
 * place in the middle of the text that the fewest segments cross, with text
 * on both sides and only a few wide lines crossing it.
 */
export function findGutter(segments: readonly Segment[]): number | undefined {
  if (segments.length < 6 || segments.length > MAX_SEGMENTS_FOR_COLUMNS) return undefined;
  const left = minOf(segments, (s) => s.x);
  const right = maxOf(segments, (s) => s.right);
  const span = right - left;
  let best: { x: number; crossing: number } | undefined;
  for (const s of segments) {
    const g = s.right + 1;
    if (g < left + 0.3 * span || g > left + 0.7 * span) continue;
    let crossing = 0;
    let before = 0;
    let after = 0;
    for (const t of segments) {
      if (t.x < g && t.right > g) crossing++;
      else if (t.right <= g) before++;
      else after++;
    }
    if (before < 3 || after < 3) continue;
    if (!best || crossing < best.crossing) best = { x: g, crossing };
  }
  if (!best || best.crossing > 0.25 * segments.length) return undefined;
  return best.x;
}

/** Words of a margin line with its numbers blanked, to recognise a running header whatever the page. */
const marginKey = (text: string): string =>
  text
    .toLowerCase()
    .replace(/\d+/g, '#')
    .replace(/\b[ivxlc]+\b/g, '#')
    .replace(/\s+/g, ' ')
    .trim();

/** "7", "- 7 -", "Page 7", "7 of 14", "vii", "p. 7". */
export function isPageNumber(text: string): boolean {
  return /^(?:[-–—\s]*)(?:page\s+|p\.\s*)?(?:\d{1,4}|[ivxlcdm]{1,7})(?:\s*(?:of|\/)\s*\d{1,4})?(?:[-–—\s]*)$/i.test(
    text.trim(),
  );
}

const inMarginBand = (s: Segment, height: number): boolean =>
  s.y > height * (1 - MARGIN_BAND) || s.y < height * MARGIN_BAND;

/**
 * Every page's lines in reading order, headers, footers and page numbers dropped.
 * A margin line counts as running when its words recur in the margin of at
 * least two pages and a quarter of them.
 */
export function linesInReadingOrder(pages: readonly PdfPageRuns[]): PdfLine[] {
  const segmented = pages.map((p) => ({ page: p, segments: segmentsOf(p.runs) }));
  const recurring = new Map<string, number>();
  for (const { page, segments } of segmented) {
    const keys = new Set(
      segments.filter((s) => inMarginBand(s, page.height)).map((s) => marginKey(joinRuns(s.runs))),
    );
    for (const k of keys) recurring.set(k, (recurring.get(k) ?? 0) + 1);
  }
  const enough = Math.max(2, Math.ceil(pages.length / 4));

  const lines: PdfLine[] = [];
  for (const { page, segments } of segmented) {
    const kept = segments.filter((s) => {
      if (!inMarginBand(s, page.height)) return true;
      const text = joinRuns(s.runs);
      return !isPageNumber(text) && (recurring.get(marginKey(text)) ?? 0) < enough;
    });
    lines.push(...orderPage(page, kept));
  }
  return lines;
}

/** One page's segments: bands split by full-width lines, each band's left column before its right. */
function orderPage(page: PdfPageRuns, found: Segment[]): PdfLine[] {
  if (found.length === 0) return [];
  const segments = withTables(found);
  const gutter = findGutter(segments);
  const left = minOf(segments, (s) => s.x);
  const right = maxOf(segments, (s) => s.right);
  const line = (s: Segment, column: PdfLine['column'], colLeft: number, colRight: number): PdfLine => ({
    page: page.page,
    text: s.table ? s.table.rows.map((r) => r.join('\t')).join('\n') : joinRuns(s.runs),
    x: s.x,
    right: s.right,
    y: s.y,
    size: s.size,
    colLeft,
    colRight,
    column,
    pageHeight: page.height,
    bold: s.bold,
    ...(s.table && { table: s.table }),
  });
  const byY = [...segments].sort((a, b) => b.y - a.y || a.x - b.x);
  if (gutter === undefined) return byY.map((s) => line(s, 0, left, right));

  const leftCol = segments.filter((s) => s.right <= gutter);
  const rightCol = segments.filter((s) => s.x >= gutter);
  const leftEdge = minOf(leftCol, (s) => s.x);
  const leftRight = maxOf(leftCol, (s) => s.right);
  const rightEdge = minOf(rightCol, (s) => s.x);
  // The columns start where a line on each side shares a baseline; above that (a title page's
  // centred title, authors and date, whichever side of the gutter they fall) is read top down.
  let columnsTop = -Infinity;
  for (const l of leftCol)
    for (const r of rightCol)
      if (Math.abs(l.y - r.y) < Math.max(l.size, r.size)) columnsTop = Math.max(columnsTop, l.y, r.y);
  const out: PdfLine[] = [];
  let band: { l: Segment[]; r: Segment[] } = { l: [], r: [] };
  const flushBand = () => {
    out.push(...band.l.map((s) => line(s, 1, leftEdge, leftRight)));
    out.push(...band.r.map((s) => line(s, 2, rightEdge, right)));
    band = { l: [], r: [] };
  };
  for (const s of byY) {
    if (s.y > columnsTop + 0.5 * s.size) out.push(line(s, 0, left, right));
    else if (s.right <= gutter) band.l.push(s);
    else if (s.x >= gutter) band.r.push(s);
    else {
      flushBand();
      out.push(line(s, 0, left, right));
    }
  }
  flushBand();
  return out;
}

/** The page's segments with each grid table's cells replaced by one segment holding the table, where its first row is. */
function withTables(segments: Segment[]): Segment[] {
  if (segments.length > MAX_SEGMENTS_FOR_COLUMNS) return segments;
  const texts = segments.map((s) => joinRuns(s.runs));
  const tables = findTables(segments.map((s, i) => ({ ...s, text: texts[i] })));
  if (tables.length === 0) return segments;
  const taken = new Set<number>();
  const out: Segment[] = [];
  for (const t of tables) {
    const cells = t.rows.flat();
    for (const i of cells) taken.add(i);
    const top = segments[t.rows[0][0]];
    out.push({
      runs: cells.flatMap((i) => segments[i].runs),
      x: minOf(cells, (i) => segments[i].x),
      right: maxOf(cells, (i) => segments[i].right),
      y: top.y,
      size: top.size,
      bold: false,
      table: { rows: t.rows.map((r) => r.map((i) => texts[i])), headerRows: t.headerRows },
    });
  }
  return [...segments.filter((_, i) => !taken.has(i)), ...out];
}
