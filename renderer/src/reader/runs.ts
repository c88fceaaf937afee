/**
 * Highlights as derived state: a block's text is cut into runs wherever a
 * highlight (or a styled part such as a dateline or photo credit) starts or
 * ends, and each run knows every highlight covering it. Pure, so the reader
 * re-renders marks from data and never edits the DOM behind React's back.
 */
import type { Color } from '@core/annotations/types';

/** A highlight as the reader needs it: a canonical range and a colour. */
export interface Span {
  /** The annotation's local key (see annotations/localAnnotations.ts). */
  id: string;
  /** Its accessible name (colour, words, tags), given on the run where it starts. */
  label?: string;
  start: number;
  end: number;
  color: Color;
}

export interface Run {
  /** Offsets relative to the block's text. */
  start: number;
  end: number;
  text: string;
  /** Highlights covering the whole run, outermost (longest) first. */
  marks: Span[];
  /** The link this run is part of (an http(s) address), if any. */
  href?: string;
}

export interface BlockRange {
  start: number;
  end: number;
  text: string;
}

/** Cut `block` into runs at highlight boundaries and at `breaks` (block-relative). */
export function splitRuns(block: BlockRange, spans: readonly Span[], breaks: readonly number[] = []): Run[] {
  const len = block.text.length;
  const relevant = spans.filter((s) => s.start < block.end && s.end > block.start && s.end > s.start);
  const cuts = new Set<number>([0, len]);
  const clamp = (n: number) => Math.min(len, Math.max(0, n));
  for (const b of breaks) cuts.add(clamp(b));
  for (const s of relevant) {
    cuts.add(clamp(s.start - block.start));
    cuts.add(clamp(s.end - block.start));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const runs: Run[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i];
    const b = points[i + 1];
    if (a === b) continue;
    const marks = relevant
      .filter((s) => s.start <= block.start + a && s.end >= block.start + b)
      .sort((x, y) => y.end - y.start - (x.end - x.start) || (x.id < y.id ? -1 : 1));
    runs.push({ start: a, end: b, text: block.text.slice(a, b), marks });
  }
  return runs;
}

/** The highlight a click on this run means: the innermost (shortest) one. */
export function topMark(run: Run): Span | undefined {
  return run.marks[run.marks.length - 1];
}

export interface Part {
  /** Block-relative range of a styled part (dateline, caption text, credit…). */
  start: number;
  end: number;
  role: 'body' | 'dateline' | 'credit' | 'label';
}

/** Styled parts of a block, so runs can be grouped inside them. */
export function partsOf(block: {
  kind: string;
  text: string;
  dateline?: string;
  creditOffset?: number;
  label?: string;
}): Part[] {
  const len = block.text.length;
  if (
    block.kind === 'related' &&
    block.label &&
    block.text.toLowerCase().startsWith(block.label.toLowerCase())
  ) {
    const colon = block.text.indexOf(':', block.label.length);
    const end = colon >= 0 && colon < block.label.length + 3 ? colon + 1 : block.label.length;
    if (end < len)
      return [
        { start: 0, end, role: 'label' },
        { start: end, end: len, role: 'body' },
      ];
  }
  if (block.kind === 'paragraph' && block.dateline && block.text.startsWith(block.dateline)) {
    const d = block.dateline.length;
    return d < len
      ? [
          { start: 0, end: d, role: 'dateline' },
          { start: d, end: len, role: 'body' },
        ]
      : [{ start: 0, end: len, role: 'dateline' }];
  }
  if (
    block.kind === 'caption' &&
    block.creditOffset !== undefined &&
    block.creditOffset > 0 &&
    block.creditOffset < len
  ) {
    return [
      { start: 0, end: block.creditOffset, role: 'body' },
      { start: block.creditOffset, end: len, role: 'credit' },
    ];
  }
  return [{ start: 0, end: len, role: 'body' }];
}

/** A block as runsByPart needs it: its range, its styled parts, its links and table cells. */
export type RunBlock = BlockRange & {
  kind: string;
  dateline?: string;
  creditOffset?: number;
  label?: string;
  links?: ReadonlyArray<{ start: number; end: number; href: string }>;
  rows?: ReadonlyArray<ReadonlyArray<{ start: number; end: number }>>;
};

/** Runs for each part (parts' edges, links' edges and table cells' edges are always run edges). */
export function runsByPart(block: RunBlock, spans: readonly Span[]): { part: Part; runs: Run[] }[] {
  const parts = partsOf(block);
  const breaks = parts.map((p) => p.start);
  for (const l of block.links ?? []) breaks.push(l.start, l.end);
  for (const row of block.rows ?? []) for (const c of row) breaks.push(c.start, c.end);
  const runs = splitRuns(block, spans, breaks);
  if (block.links?.length)
    for (const r of runs) {
      const link = block.links.find((l) => l.start <= r.start && l.end >= r.end);
      if (link) r.href = link.href;
    }
  return parts.map((part) => ({
    part,
    runs: runs.filter((r) => r.start >= part.start && r.end <= part.end),
  }));
}
