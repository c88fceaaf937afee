/** The annotations panel: reading order, filters, going to a highlight. */
import { test, expect } from '@playwright/test';
import { launchApp, type GlossApp } from '../harness/launchApp';
import { openSeed, panel, panelItems } from './helpers';

let app: GlossApp;
test.beforeEach(async () => {
  app = await launchApp({ viewport: { width: 1200, height: 640 } });
  const { page } = app;
  await openSeed(page);
  // Arrange through the bridge (as the UI would), then reload to read them back.
  await page.evaluate(async () => {
    const [summary] = await window.gloss.listArticles();
    const article = await window.gloss.getArticle({ id: summary.id });
    const at = (quote: string) => article.text.indexOf(quote);
    const add = (quote: string, color: 'yellow' | 'green' | 'blue', tags: string[], note = '') =>
      window.gloss.createAnnotation({
        articleId: article.id,
        start: at(quote),
        end: at(quote) + quote.length,
        color,
        tags,
        note,
      });
    await add('The prison holds 3,500 suspected ISIS members', 'yellow', ['numbers']);
    await add('reaffirmed in a statement on Wednesday', 'green', ['claim'], 'Their stated priority.');
    await add('the important role played by the Kurdistan Region', 'blue', ['claim', 'kurdistan']);
  });
  await page.reload();
  await expect(panelItems(page)).toHaveCount(3);
});
test.afterEach(async () => {
  await app.close();
});

test('lists highlights in reading order with their tags and notes', async () => {
  const items = panelItems(app.page);
  await expect(items.nth(0)).toContainText('reaffirmed in a statement on Wednesday');
  await expect(items.nth(0)).toContainText('#claim');
  await expect(items.nth(0)).toContainText('Their stated priority.');
  await expect(items.nth(1)).toContainText('the important role played by the Kurdistan Region');
  await expect(items.nth(2)).toContainText('The prison holds 3,500');
});

test('filters by tag and by colour', async () => {
  const { page } = app;
  await panel(page).getByRole('combobox', { name: 'Filter by tag' }).selectOption('claim');
  await expect(panelItems(page)).toHaveCount(2);
  await panel(page).getByRole('combobox', { name: 'Filter by colour' }).selectOption('blue');
  await expect(panelItems(page)).toHaveCount(1);
  await expect(panelItems(page)).toContainText('Kurdistan Region');
  await panel(page).getByRole('combobox', { name: 'Filter by tag' }).selectOption('');
  await panel(page).getByRole('combobox', { name: 'Filter by colour' }).selectOption('');
  await expect(panelItems(page)).toHaveCount(3);
});

test('clicking a highlight in the panel scrolls the reader to it and flashes it', async () => {
  const { page } = app;
  const target = page.locator('article mark.hl-yellow');
  await expect(target).not.toBeInViewport();
  await panel(page)
    .getByRole('button', { name: /Go to highlight: The prison holds/ })
    .click();
  await expect(target).toBeInViewport();
  await expect(target).toHaveClass(/flash/);
  await expect(target).toHaveClass(/is-selected/);
  // The flash fades, and the reader is still there afterwards.
  await expect(target).not.toHaveClass(/flash/);
  await expect(page.getByRole('article')).toBeVisible();
  expect(app.errors).toEqual([]);
});
