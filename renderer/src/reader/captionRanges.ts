/**
 * Selections across figures. A drag from one body paragraph to the next often
 * crosses a photo between them; its caption and credit are not part of the
 * passage the reader meant. So a selection that starts and ends outside
 * captions becomes one range per stretch of body text, the captions it
 * crosses left out — each a highlight of its own (see
 * docs/technical/anchoring.md, "Selections across figures", for why two
 * highlights and not one quote with a hole). A selection that starts or ends
 * inside a caption is taken as it is: the reader chose the caption. Pure.
 */
import type { TextRange } from './selection';

interface BlockSpan {
  kind: string;
  start: number;
  end: number;
}

const inside = (b: BlockSpan, offset: number) => offset >= b.start && offset < b.end;

/** The ranges to highlight for a selection [start, end) over `blocks` (in text order) of `text`. */
export function bodyRanges(
  blocks: readonly BlockSpan[],
  text: string,
  start: number,
  end: number,
): TextRange[] {
  const captions = blocks.filter((b) => b.kind === 'caption' && b.end > start && b.start < end);
  if (captions.length === 0) return [{ start, end }];
  if (captions.some((c) => inside(c, start) || inside(c, end - 1))) return [{ start, end }];
  const out: TextRange[] = [];
  let from = start;
  for (const c of captions) {
    out.push({ start: from, end: c.start });
    from = c.end;
  }
  out.push({ start: from, end });
  // The blank lines between blocks are not words: each range is trimmed to its text.
  return out
    .map((r) => {
      let s = r.start;
      let e = r.end;
      while (s < e && /\s/.test(text[s])) s++;
      while (e > s && /\s/.test(text[e - 1])) e--;
      return { start: s, end: e };
    })
    .filter((r) => r.end > r.start);
}
