/**
 * Pages of a PDF article's blocks: a block starts on `page` and, when it runs
 * over a page turn, each later page starts at one of its `pageBreaks`. Plain
 * data, shared by the exports' citations and the reader's margin.
 */
import type { Block } from './types';

/** How page `page` (by place) is cited: its printed label when the article has labels ("iv"), else its number. */
export function pageLabel(labels: readonly string[] | undefined, page: number): string {
  return labels?.[page - 1] ?? String(page);
}

/** The page holding `offset` (in the canonical text) of `block`, or undefined for a block with no page. */
export function pageAt(
  block: Pick<Block, 'start' | 'page' | 'pageBreaks'>,
  offset: number,
): number | undefined {
  if (block.page === undefined) return undefined;
  const inBlock = offset - block.start;
  let page = block.page;
  for (const at of block.pageBreaks ?? []) if (inBlock >= at) page++;
  return page;
}
