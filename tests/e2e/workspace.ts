/** Steps shared by the notebook and tag manager specs: passages arranged through the bridge, the views and their rows. */
import type { Page } from '@playwright/test';

export interface PassageSpec {
  /** Start of the article's title. */
  article: string;
  quote: string;
  color: 'yellow' | 'green' | 'blue' | 'pink' | 'purple';
  tags: string[];
  note?: string;
}

/** A second article, so passages come from more than one. */
export const SECOND_ARTICLE = {
  title: 'Reading slowly in a fast century',
  text:
    'Reading slowly in a fast century\n\n' +
    'Close reading is less a technique than a habit of attention: the second pass over a paragraph finds what the first one skimmed.\n\n' +
    'Margins were the first annotation software. Readers underlined, argued and cross-referenced long before anyone wrote a line of code.',
};

/** Import the second article and create the passages through the bridge (as the UI would), then reload to read them back. */
export async function arrangePassages(page: Page, passages: PassageSpec[]): Promise<void> {
  await page.evaluate(
    (second) => window.gloss.importText({ text: second.text, title: second.title }).then(() => undefined),
    SECOND_ARTICLE,
  );
  await createPassages(page, passages);
  await page.reload();
}

/** Create the passages through the bridge, as the reader's toolbar makes them (shown after a reload). */
export async function createPassages(page: Page, passages: PassageSpec[]): Promise<void> {
  await page.evaluate(async (passages) => {
    const list = await window.gloss.listArticles();
    for (const p of passages) {
      const summary = list.find((a) => a.title.startsWith(p.article));
      if (!summary) throw new Error(`No article ${p.article}`);
      const { text } = await window.gloss.getArticle({ id: summary.id });
      const start = text.indexOf(p.quote);
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

/** Each tag row as the user reads it: indentation by depth, name, count. */
export function tagTree(page: Page): Promise<string[]> {
  return tagManager(page)
    .getByRole('list', { name: 'Tags' })
    .locator(':scope > li')
    .evaluateAll((rows) =>
      rows.map((r) => {
        const depth = Number(/depth-(\d)/.exec(r.className)?.[1] ?? 0);
        return `${'  '.repeat(depth)}${r.querySelector('.tag-name')?.textContent?.trim()} ${r.querySelector('.tag-count')?.textContent?.trim()}`;
      }),
    );
}

export const viewTab = (page: Page, name: 'Library' | 'Notebook' | 'Tags') =>
  page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name, exact: true });
export const notebook = (page: Page) => page.getByRole('main', { name: 'Notebook' });
export const passageRows = (page: Page) =>
  notebook(page).getByRole('list', { name: 'Passages' }).locator(':scope > li');
export const passageRow = (page: Page, quote: string) => passageRows(page).filter({ hasText: quote });
export const notebookCount = (page: Page) => notebook(page).locator('.notebook-count');
export const tagManager = (page: Page) => page.getByRole('main', { name: 'Tags' });
export const tagRow = (page: Page, tag: string) => tagManager(page).locator(`li[data-tag="${tag}"]`);
export const toast = (page: Page, text: string | RegExp) => page.locator('.toast').filter({ hasText: text });

/** The passages of the library as stored: quote → tags, colour and note. */
export async function storedPassages(
  page: Page,
): Promise<Record<string, { tags: string[]; color: string; note: string }>> {
  return page.evaluate(async () => {
    const { passages } = await window.gloss.listPassages({ limit: 100_000 });
    return Object.fromEntries(
      passages.map((a) => [a.target.quote.exact, { tags: a.tags, color: a.color, note: a.note }]),
    );
  });
}
