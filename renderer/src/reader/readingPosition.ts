/**
 * Where the reader is, as a place in the text rather than in pixels. A
 * windowed article's pixel height is partly estimated (see chunks.ts) and
 * differs from one session to the next, so its reading position is kept as
 * the fraction of the canonical text before the block at the top of the view.
 */
import { firstIndex } from '@core/util/first-index';

interface PositionBlock {
  start: number;
  end: number;
}

/** Index of the block holding canonical `offset` (the next block when it falls between two; the last past the end). */
export function blockIndexAt(blocks: readonly PositionBlock[], offset: number): number {
  return firstIndex(blocks.length - 1, (i) => blocks[i].end > offset);
}

/** `offset` as a fraction 0..1 of a text `length` long, precise enough to name one paragraph in a book. */
export function textFraction(offset: number, length: number): number {
  if (length <= 0) return 0;
  return Math.min(1, Math.max(0, Math.round((offset / length) * 1e7) / 1e7));
}

/** The canonical offset a stored fraction stands for. */
export function offsetOfFraction(fraction: number, length: number): number {
  return Math.min(length, Math.max(0, Math.round(fraction * length)));
}
