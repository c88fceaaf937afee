/**
 * Block-level clean-up after the walk: what a page shows around its pictures
 * that is not reading matter. Slideshow counters ("1 / 5", "Image 3 of 12")
 * are dropped, alone or at the edge of a caption; a caption the page repeats
 * next to its figure (as a heading, a paragraph or a second caption) is kept
 * once, on the figure.
 */
import type { BlockInput } from '../document/types';

const COUNTER = String.raw`(?:(?:image|photo|picture|slide|pic|foto|bild|imagen)\s*)?\d{1,3}\s*(?:/|of|von|de|sur|di)\s*\d{1,3}`;
const COUNTER_ONLY = new RegExp(`^\\(?${COUNTER}\\)?$`, 'i');
const COUNTER_LEAD = new RegExp(`^\\(?${COUNTER}\\)?[\\s:.|–—-]+(?=\\S)`, 'i');
const COUNTER_TAIL = new RegExp(`(?<=\\S)[\\s|–—-]+\\(?${COUNTER}\\)?$`, 'i');
/** How far apart (in blocks) a figure's caption and its repetition may stand. */
const NEAR = 3;

const fold = (s: string): string => s.toLowerCase().replace(/\s+/g, ' ').trim();

/** `block` with its text cut to [from, to), its links and credit moved along. */
function cut(block: BlockInput, from: number, to: number): BlockInput {
  const text = block.text.slice(from, to);
  const out = { ...block, text } as BlockInput & { creditOffset?: number };
  if (block.links) {
    const links = block.links
      .map((l) => ({ ...l, start: Math.max(0, l.start - from), end: Math.min(to, l.end) - from }))
      .filter((l) => l.end > l.start);
    if (links.length) out.links = links;
    else delete out.links;
  }
  if ('creditOffset' in out && out.creditOffset !== undefined) {
    const c = out.creditOffset - from;
    if (c > 0 && c < text.length) out.creditOffset = c;
    else delete out.creditOffset;
  }
  return out;
}

function withoutCounter(block: BlockInput): BlockInput {
  const lead = COUNTER_LEAD.exec(block.text);
  let b = lead ? cut(block, lead[0].length, block.text.length) : block;
  const tail = COUNTER_TAIL.exec(b.text);
  if (tail) b = cut(b, 0, tail.index);
  return b;
}

const hasPicture = (b: BlockInput): boolean => b.kind === 'caption' && !!(b.image || b.imageUrl);

export function cleanBlocks(blocks: readonly BlockInput[]): BlockInput[] {
  const kept = blocks
    .filter((b) => !(COUNTER_ONLY.test(b.text.trim()) && b.kind !== 'table'))
    .map((b) => (b.kind === 'caption' ? withoutCounter(b) : b));
  const drop = new Set<number>();
  kept.forEach((b, i) => {
    if (b.kind !== 'caption' || !b.text) return;
    const key = fold(b.text);
    for (let j = Math.max(0, i - NEAR); j <= Math.min(kept.length - 1, i + NEAR); j++) {
      const other = kept[j];
      if (j === i || drop.has(j) || fold(other.text) !== key) continue;
      if (!['heading', 'paragraph', 'caption'].includes(other.kind)) continue;
      // Of two equal captions the one with the picture stays; of two pictures, both (a slideshow).
      if (hasPicture(other) && (hasPicture(b) || other.kind === 'caption')) continue;
      drop.add(j);
    }
  });
  return kept.filter((_, i) => !drop.has(i));
}
