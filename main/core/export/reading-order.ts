/** Order shared by every export: anchored passages as they appear in the article, orphans apart. */
import type { Annotation } from '../annotations/types';
import { blockAt } from '../document/build';
import { pageAt, pageLabel } from '../document/pages';
import type { Article } from '../document/types';

export function inReadingOrder(annotations: readonly Annotation[]): Annotation[] {
  return [...annotations].sort(
    (a, b) =>
      a.target.position.start - b.target.position.start ||
      a.target.position.end - b.target.position.end ||
      a.created.localeCompare(b.created),
  );
}

export function splitOrphans(annotations: readonly Annotation[]): {
  anchored: Annotation[];
  orphans: Annotation[];
} {
  const ordered = inReadingOrder(annotations);
  return { anchored: ordered.filter((a) => !a.orphan), orphans: ordered.filter((a) => a.orphan) };
}

/** Blocks that count as numbered paragraphs in a citation: the running text of the article. */
const BODY_KINDS = new Set(['paragraph', 'quote', 'list-item']);

/**
 * Where a passage starts, as a reader would cite it: "p. 12" when its block
 * knows its printed page (PDFs), else "¶3" for the third body paragraph, or
 * the kind of block for the rest ("caption", "heading", …). Every export and
 * citation takes its locator from here.
 */
export function locationLabel(
  article: Pick<Article, 'blocks' | 'pageLabels'>,
  offset: number,
): string | undefined {
  return locationLabeller(article)(offset);
}

/** locationLabel for many offsets into one article: paragraphs are numbered once. */
export function locationLabeller(
  article: Pick<Article, 'blocks' | 'pageLabels'>,
): (offset: number) => string | undefined {
  let numbers: Map<object, number> | undefined;
  return (offset) => {
    const block = blockAt(article, offset);
    if (!block) return undefined;
    const page = pageAt(block, offset);
    if (page !== undefined) return `p. ${pageLabel(article.pageLabels, page)}`;
    if (!BODY_KINDS.has(block.kind)) return block.kind;
    if (!numbers) {
      numbers = new Map();
      let n = 0;
      for (const b of article.blocks) if (BODY_KINDS.has(b.kind)) numbers.set(b, ++n);
    }
    return `¶${numbers.get(block) ?? 0}`;
  };
}
