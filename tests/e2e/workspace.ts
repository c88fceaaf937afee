/** Steps shared by the workspace specs (library, notebook, tag manager): articles and passages arranged through the bridge, the views and their rows. */
import type { Page } from '@playwright/test';
import { createPassages, SECOND_ARTICLE, type PassageSpec } from '../harness/passages';

export { createPassages, SECOND_ARTICLE, type PassageSpec };

/** Import the second article and create the passages through the bridge (as the UI would), then reload to read them back. */
export async function arrangePassages(page: Page, passages: PassageSpec[]): Promise<void> {
  await page.evaluate(
    (second) => window.gloss.importText({ text: second.text, title: second.title }).then(() => undefined),
    SECOND_ARTICLE,
  );
  await createPassages(page, passages);
  await page.reload();
}

/**
 * Council reports (“Beta report”…) besides the sample, imported in this order (the library lists the newest
 * first), each with a highlight of 7 characters at each offset in `marks`; read back after a reload.
 */
export async function addReports(page: Page, reports: { name: string; marks?: number[] }[]): Promise<void> {
  await page.evaluate(async (reports) => {
    for (const { name, marks = [] } of reports) {
      const { imported } = await window.gloss.importText({
        text: `${name} report\n\nThe ${name.toLowerCase()} council met on Monday and voted on the budget.`,
      });
      for (const start of marks)
        await window.gloss.createAnnotation({
          articleId: imported[0].id,
          start,
          end: start + 7,
          color: 'yellow',
          tags: [],
          note: '',
        });
    }
  }, reports);
  await page.reload();
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
