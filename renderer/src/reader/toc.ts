/**
 * The table of contents of an article: its headings, in reading order, with a
 * depth for indentation. Depth is relative to the article's highest heading
 * level, so an EPUB's chapters (level 1) and a web article's sections (level 2,
 * its h1 being the title) both start at depth 1. Pure, tested without a browser.
 */
import { firstIndex } from '@core/util/first-index';

export interface TocEntry {
  /** The heading block's id (what the reader scrolls to). */
  id: string;
  text: string;
  /** 1 = top level; never more than TOC_MAX_DEPTH. */
  depth: number;
  /** Where the heading starts in the canonical text. */
  start: number;
}

/** Deeper headings are left out: the list is for finding one's way, not an outline of every sub-point. */
export const TOC_MAX_DEPTH = 3;

interface TocBlock {
  id: string;
  kind: string;
  text: string;
  start: number;
  level?: number;
}

/** Heading blocks → entries; empty when the article has fewer than two headings (nothing to navigate). */
export function tableOfContents(blocks: readonly TocBlock[]): TocEntry[] {
  const headings = blocks.filter((b) => b.kind === 'heading' && b.text.trim() !== '');
  if (headings.length < 2) return [];
  const top = Math.min(...headings.map((b) => b.level ?? 1));
  const entries: TocEntry[] = [];
  for (const h of headings) {
    const depth = (h.level ?? 1) - top + 1;
    if (depth <= TOC_MAX_DEPTH) entries.push({ id: h.id, text: h.text.trim(), depth, start: h.start });
  }
  return entries.length >= 2 ? entries : [];
}

/** The entry whose section holds canonical `offset` (the last one starting at or before it); -1 before the first. */
export function sectionAt(entries: readonly TocEntry[], offset: number): number {
  return firstIndex(entries.length, (i) => entries[i].start > offset) - 1;
}

/**
 * The heading block after (direction 1) or before (-1) canonical `offset`, for
 * `]` and `[`: every heading counts here, not only those the contents list shows.
 */
export function headingFrom<B extends { kind: string; start: number; text: string }>(
  blocks: readonly B[],
  offset: number,
  direction: 1 | -1,
): B | undefined {
  const headings = blocks.filter((b) => b.kind === 'heading' && b.text.trim() !== '');
  if (direction === 1) return headings.find((b) => b.start > offset);
  return headings.findLast((b) => b.start < offset);
}
