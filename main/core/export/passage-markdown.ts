/**
 * A passage's words as Markdown lines for its blockquote, with what the
 * article's blocks know beyond the words: links as `[text](url)`, and a
 * passage across cells of a table as a Markdown table (the rows it covers,
 * the first of them as the header row GFM requires). Only while the article
 * still holds the passage at its position; otherwise (an orphan, a changed
 * text) the quote is written as plain text.
 */
import { tableGrid } from '../document/table-grid';
import type { Article, Block, LinkRange, TableBlock, TableCell } from '../document/types';
import { firstIndex } from '../util/first-index';
import { escapeInline, escapeLineStart, quoteLines } from './markdown-escape';

/** An address as a Markdown link target: no spaces, brackets or parentheses left to end it early. */
const target = (href: string): string => href.replace(/[\s()<>[\]]/g, (c) => encodeURIComponent(c));

/** `text` (block-relative [from, to)) with its links written as Markdown, escaped. */
function inlineMarkdown(text: string, from: number, to: number, links: readonly LinkRange[] = []): string {
  let out = '';
  let at = from;
  for (const l of links) {
    const s = Math.max(from, l.start);
    const e = Math.min(to, l.end);
    // An in-article link (`#<block id>`) leads nowhere outside Gloss: its words only.
    if (e <= s || s < at || l.href.startsWith('#')) continue;
    out += escapeInline(text.slice(at, s));
    out += `[${escapeInline(text.slice(s, e))}](${target(l.href)})`;
    at = e;
  }
  return out + escapeInline(text.slice(at, to));
}

/** Lines of one block's part of the passage. */
function blockLines(block: Block, from: number, to: number): string[] {
  if (block.kind === 'table') {
    const rows = tableRows(block, from, to);
    if (rows) return rows;
  }
  const lines: string[] = [];
  for (let lineStart = from; ;) {
    const nl = block.text.indexOf('\n', lineStart);
    const i = nl < 0 || nl >= to ? to : nl;
    const md = inlineMarkdown(block.text, lineStart, i, block.links).trimEnd();
    lines.push(md.trim() === '' ? '' : escapeLineStart(md));
    if (i === to) return lines;
    lineStart = i + 1;
  }
}

/**
 * The covered rows of a table as Markdown table lines, or undefined when the
 * passage stays in one cell. Markdown tables cannot span: a spanning cell's
 * text is written once, in its first (top-left) slot, and the slots it spans
 * over are left empty, so the quote holds each word once, as the article does.
 */
function tableRows(block: TableBlock, from: number, to: number): string[] | undefined {
  const isCovered = (c: TableCell) => c.end > from && c.start < to;
  const coveredCells = block.rows.reduce((n, row) => n + row.filter(isCovered).length, 0);
  if (coveredCells <= 1) return undefined;
  const grid = tableGrid(block.rows);
  // The rows and columns the covered cells start in.
  const rowsCovered: number[] = [];
  let left = Infinity;
  let right = -1;
  grid.forEach((slots, r) => {
    let any = false;
    slots.forEach((slot, c) => {
      if (!slot?.origin || !isCovered(block.rows[slot.row][slot.cell])) return;
      any = true;
      left = Math.min(left, c);
      right = Math.max(right, c);
    });
    if (any) rowsCovered.push(r);
  });
  const line = (r: number): string => {
    const cells: string[] = [];
    for (let c = left; c <= right; c++) {
      const slot = grid[r][c];
      const cell = slot?.origin ? block.rows[slot.row][slot.cell] : undefined;
      cells.push(
        cell && isCovered(cell)
          ? inlineMarkdown(block.text, Math.max(from, cell.start), Math.min(to, cell.end), block.links).trim()
          : '',
      );
    }
    return `| ${cells.join(' | ')} |`;
  };
  const [head, ...body] = rowsCovered;
  return [line(head), `|${' --- |'.repeat(right - left + 1)}`, ...body.map(line)];
}

/** The passage [start, end) of `article` as blockquote lines (without "> "), or its plain quote's lines. */
export function passageLines(
  article: Pick<Article, 'blocks' | 'text'>,
  start: number,
  end: number,
  exact: string,
): string[] {
  if (article.text.slice(start, end) !== exact || end <= start) return quoteLines(exact);
  const lines: string[] = [];
  const { blocks } = article;
  // Blocks are in text order: start at the first one ending after the passage starts.
  for (let i = firstIndex(blocks.length, (k) => blocks[k].end > start); i < blocks.length; i++) {
    const block = blocks[i];
    if (block.start >= end) break;
    if (block.start === block.end) continue;
    const from = Math.max(start, block.start) - block.start;
    const to = Math.min(end, block.end) - block.start;
    const part = blockLines(block, from, to);
    // A photo caption inside a passage that goes on past it is marked as one, never read as body text.
    if (block.kind === 'caption' && (start < block.start || end > block.end) && part[0])
      part[0] = `*(Photo caption)* ${part[0]}`;
    if (lines.length) lines.push('');
    lines.push(...part);
  }
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  while (lines.length && lines[0] === '') lines.shift();
  return lines.length ? lines : quoteLines(exact);
}
