import { BLOCK_SEPARATOR, type Article, type ArticleMeta, type Block, type BlockInput } from './types';
import { firstIndex } from '../util/first-index';
import { nodeCrypto } from '../util/lazy-builtins';

/** Short, stable hex digest (sha256 prefix). */
export function digest(data: string | Uint8Array, length = 16): string {
  return nodeCrypto().createHash('sha256').update(data).digest('hex').slice(0, length);
}

export function countWords(text: string): number {
  const m = text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu);
  return m ? m.length : 0;
}

/**
 * Assemble an Article from an importer's blocks: drop empty blocks, give each
 * block a stable id and its offsets in the canonical text.
 * `source` is the raw input; its hash becomes the article id, so importing the
 * same file twice finds the existing article instead of adding a copy.
 */
export function buildArticle(
  inputs: BlockInput[],
  meta: Omit<ArticleMeta, 'wordCount' | 'importedAt'> & { importedAt?: string },
  source: string | Uint8Array,
): Article {
  const blocks: Block[] = [];
  const seen = new Map<string, number>();
  // Anchor name → the block holding it; anchors of a dropped block go to the next kept one.
  const anchored = new Map<string, string>();
  let waiting: string[] = [];
  let offset = 0;
  for (const { anchors, ...input } of inputs) {
    if (anchors) waiting = waiting.length ? [...waiting, ...anchors] : anchors;
    // A figure without a caption is still a figure; any other block without text is nothing.
    if (input.text.length === 0 && !(input.kind === 'caption' && (input.image || input.imageUrl))) continue;
    if (blocks.length > 0) offset += BLOCK_SEPARATOR.length;
    const key = `${input.kind}:${digest(input.text, 8)}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    const id = n === 0 ? key.replace(':', '-') : `${key.replace(':', '-')}-${n}`;
    for (const name of waiting) if (!anchored.has(name)) anchored.set(name, id);
    waiting = [];
    blocks.push({ ...input, id, start: offset, end: offset + input.text.length } as Block);
    offset += input.text.length;
  }
  const last = blocks.at(-1);
  for (const name of waiting) if (last && !anchored.has(name)) anchored.set(name, last.id);
  for (const block of blocks)
    if (block.links?.some((l) => l.href.startsWith('#'))) resolveInArticle(block, anchored);
  const text = blocks.map((b) => b.text).join(BLOCK_SEPARATOR);
  return {
    id: digest(source),
    meta: {
      ...meta,
      importedAt: meta.importedAt ?? new Date().toISOString(),
      wordCount: countWords(text),
    },
    blocks,
    text,
  };
}

/** In-article links (`#name`) pointed at the block holding that anchor; a link to no anchor is dropped. */
function resolveInArticle(block: Block, anchored: ReadonlyMap<string, string>): void {
  const links = block.links!.flatMap((l) => {
    if (!l.href.startsWith('#')) return [l];
    const id = anchored.get(l.href.slice(1));
    return id ? [{ ...l, href: `#${id}` }] : [];
  });
  if (links.length) block.links = links;
  else delete block.links;
}

/** The block containing canonical offset `pos` (or the next one after a separator). */
export function blockAt(article: Pick<Article, 'blocks'>, pos: number): Block | undefined {
  return article.blocks[firstIndex(article.blocks.length, (i) => article.blocks[i].end > pos)];
}
