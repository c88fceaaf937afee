/**
 * Selections across figures: a drag from one paragraph to the next across a
 * photo highlights the body text on each side, not the caption and credit
 * between them; a drag that starts in the caption keeps it.
 */
import { test, expect } from '@playwright/test';
import { launchApp, type GlossApp } from '../harness/launchApp';
import { dragSelect, markedTexts, openSeed, panelItems, toolbar } from './helpers';

let app: GlossApp;
test.beforeEach(async () => {
  app = await launchApp();
  await openSeed(app.page);
});
test.afterEach(async () => {
  await app.close();
});

const saved = async () => {
  const { page } = app;
  const [article] = await page.evaluate(() => window.gloss.listArticles());
  const list = await page.evaluate((id) => window.gloss.listAnnotations({ articleId: id }), article.id);
  return list.map((a) => a.target.quote.exact.replace(/\u00a0/g, ' '));
};

test('a drag across a photo between two paragraphs highlights the two paragraphs, not the caption', async () => {
  const { page } = app;
  await dragSelect(page, 'territory in Syria and Iraq', 'in describing the military operation');
  await toolbar(page).getByRole('button', { name: 'Highlight pink' }).click();
  await expect(panelItems(page)).toHaveCount(2);
  await expect.poll(async () => (await saved()).length).toBe(2);
  const quotes = await saved();
  expect(quotes.some((q) => q.startsWith('territory in Syria and Iraq'))).toBe(true);
  expect(quotes.some((q) => q.startsWith('On Feb. 3, in describing the military operation'))).toBe(true);
  expect(quotes.join(' ')).not.toContain('Syrians gather');
  expect(quotes.join(' ')).not.toContain('Photo:');
  expect((await markedTexts(page)).join(' ')).not.toContain('Syrians gather');
});

test('a drag that starts inside the caption keeps the caption in the highlight', async () => {
  const { page } = app;
  await dragSelect(page, 'at the scene following an overnight raid', 'in describing the military operation');
  await toolbar(page).getByRole('button', { name: 'Highlight blue' }).click();
  await expect.poll(async () => (await saved()).length).toBe(1);
  const [quote] = await saved();
  expect(quote).toContain('at the scene following an overnight raid');
  expect(quote).toContain('in describing the military operation');
});
