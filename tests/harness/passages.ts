/**
 * Passages made through the bridge, as the reader's toolbar makes them: shared by the e2e specs
 * (tests/e2e/workspace.ts) and `npm run screenshots`. Made behind the renderer's back, they are shown
 * after a reload.
 */
import type { Page } from '@playwright/test';

export interface PassageSpec {
  /** Start of the article's title. */
  article: string;
  quote: string;
  color: 'yellow' | 'green' | 'blue' | 'pink' | 'purple';
  tags: string[];
  note?: string;
  /** Looked for after the title and standfirst (a quote the standfirst repeats is marked in the body). */
  inBody?: boolean;
}

/** A second article, so passages come from more than one. */
export const SECOND_ARTICLE = {
  title: 'Reading slowly in a fast century',
  text:
    'Reading slowly in a fast century\n\n' +
    'Close reading is less a technique than a habit of attention: the second pass over a paragraph finds what the first one skimmed.\n\n' +
    'Margins were the first annotation software. Readers underlined, argued and cross-referenced long before anyone wrote a line of code.',
};

/** Create the passages through the bridge, in order. */
export async function createPassages(page: Page, passages: PassageSpec[]): Promise<void> {
  await page.evaluate(async (passages) => {
    const list = await window.gloss.listArticles();
    for (const p of passages) {
      const summary = list.find((a) => a.title.startsWith(p.article));
      if (!summary) throw new Error(`No article ${p.article}`);
      const { text, blocks } = await window.gloss.getArticle({ id: summary.id });
      const from = p.inBody
        ? (blocks.find((b) => b.kind !== 'title' && b.kind !== 'standfirst')?.start ?? 0)
        : 0;
      const start = text.indexOf(p.quote, from);
      if (start < 0) throw new Error(`Quote not found: ${p.quote}`);
      await window.gloss.createAnnotation({
        articleId: summary.id,
        start,
        end: start + p.quote.length,
        color: p.color,
        tags: p.tags,
        note: p.note ?? '',
      });
    }
  }, passages);
}
