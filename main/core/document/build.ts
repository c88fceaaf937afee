import { createHash } from 'node:crypto';
import { BLOCK_SEPARATOR, type Article, type ArticleMeta, type Block, type BlockInput } from './types';
import { firstIndex } from '../util/first-index';

/** Short, stable hex digest (sha256 prefix). */
export function digest(data: string | Uint8Array, length = 16): string {
  return createHash('sha256').update(data).digest('hex').slice(0, length);
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
  let offset = 0;
  for (const input of inputs) {
    // A figure without a caption is still a figure; any other block without text is nothing.
    if (input.text.length === 0 && !(input.kind === 'caption' && (input.image || input.imageUrl))) continue;
    if (blocks.length > 0) offset += BLOCK_SEPARATOR.length;
    const key = `${input.kind}:${digest(input.text, 8)}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    const id = n === 0 ? key.replace(':', '-') : `${key.replace(':', '-')}-${n}`;
    blocks.push({ ...input, id, start: offset, end: offset + input.text.length } as Block);
    offset += input.text.length;
  }
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

/** The block containing canonical offset `pos` (or the next one after a separator). */
export function blockAt(article: Pick<Article, 'blocks'>, pos: number): Block | undefined {
  return article.blocks[firstIndex(article.blocks.length, (i) => article.blocks[i].end > pos)];
}
