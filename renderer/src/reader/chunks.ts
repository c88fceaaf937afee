/**
 * Windowing a long article: its blocks are cut into chunks of a few thousand
 * characters (a run of list items is never cut, so a list keeps its
 * numbering), each chunk has a height (measured once rendered, estimated from
 * its length until then), and only the chunks near the viewport are rendered
 * (ui/stackedHeights.ts: their tops and those a band crosses). Pure, so the
 * arithmetic is tested without a browser.
 */
import { firstIndex } from '@core/util/first-index';

export interface Chunk {
  /** Blocks [from, to) of the article. */
  from: number;
  to: number;
  /** Canonical text range the chunk covers. */
  start: number;
  end: number;
  chars: number;
}

interface ChunkBlock {
  kind: string;
  start: number;
  end: number;
}

export function chunkBlocks(blocks: readonly ChunkBlock[], targetChars = 4000, maxBlocks = 40): Chunk[] {
  const chunks: Chunk[] = [];
  let from = 0;
  while (from < blocks.length) {
    let to = from;
    let chars = 0;
    while (to < blocks.length && (to === from || (chars < targetChars && to - from < maxBlocks))) {
      chars += blocks[to].end - blocks[to].start;
      to++;
    }
    // Finish a list rather than cut it in two.
    while (to < blocks.length && blocks[to].kind === 'list-item' && blocks[to - 1].kind === 'list-item') {
      chars += blocks[to].end - blocks[to].start;
      to++;
    }
    chunks.push({ from, to, start: blocks[from].start, end: blocks[to - 1].end, chars });
    from = to;
  }
  return chunks;
}

/** The chunk holding canonical `offset` (the last one when it is past the end). */
export function chunkAt(chunks: readonly Chunk[], offset: number): number {
  return firstIndex(chunks.length - 1, (i) => chunks[i].end > offset);
}

/**
 * Heights of chunks not measured yet, from the pixels per character of those
 * that were (or `fallback` before any was); only those from chunk `from` on,
 * so the reader can leave the estimates above its window as they were (a
 * change there would move the text in view: see VirtualBlocks).
 */
export function estimateHeights(
  chunks: readonly Chunk[],
  heights: Float64Array,
  measured: Uint8Array,
  fallback: number,
  from = 0,
): void {
  let px = 0;
  let chars = 0;
  for (let i = 0; i < chunks.length; i++) {
    if (!measured[i]) continue;
    px += heights[i];
    chars += chunks[i].chars;
  }
  const perChar = chars > 0 ? px / chars : fallback;
  for (let i = from; i < chunks.length; i++)
    if (!measured[i]) heights[i] = Math.max(1, chunks[i].chars * perChar);
}
