/**
 * A slow disk: the reader stays responsive while a new highlight is being
 * saved, and nothing typed into its editor in the meantime is lost.
 */
import { test, expect } from '@playwright/test';
import { launchApp, type GlossApp } from '../harness/launchApp';
import { dragSelect, editor, holdSaves, marks, openSeed, panel, toolbar } from './helpers';

let app: GlossApp;
let releaseSaves: () => Promise<void>;
test.beforeEach(async () => {
  app = await launchApp();
  await openSeed(app.page);
  releaseSaves = await holdSaves(app.page);
});
test.afterEach(async () => {
  await app.close();
});

test('a tag and a note typed while the highlight is still being saved are kept', async () => {
  const { page } = app;
  await dragSelect(page, 'The prison holds 3,500 suspected ISIS members', 'hundreds of foreigners.');
  await toolbar(page).getByRole('button', { name: 'Highlight yellow' }).click();
  await marks(page).first().click(); // opens the editor on the unsaved highlight
  await editor(page).getByRole('textbox', { name: 'Note' }).fill('Typed before the save finished.');
  await editor(page).getByRole('combobox', { name: 'Add tag' }).fill('claim');
  // Typed while the highlight is unsaved (main has none yet); then the save completes underneath
  // the open editor, and the highlight keeps the local key it was given when it was made.
  const key = await marks(page).first().getAttribute('data-key');
  expect(key).toMatch(/^new:/);
  const articleId = (await page.evaluate(() => window.gloss.listArticles()))[0].id;
  const savedCount = () =>
    page.evaluate(async (id) => (await window.gloss.listAnnotations({ articleId: id })).length, articleId);
  expect(await savedCount()).toBe(0);
  await releaseSaves();
  await expect.poll(savedCount).toBe(1);
  await expect(marks(page).first()).toHaveAttribute('data-key', key!);
  await editor(page).getByRole('combobox', { name: 'Add tag' }).press('Enter');
  await expect(editor(page).getByRole('list', { name: 'Tags' })).toContainText('#claim');
  await expect(editor(page).getByRole('textbox', { name: 'Note' })).toHaveValue(
    'Typed before the save finished.',
  );
  await editor(page).getByRole('button', { name: 'Done' }).click();
  await expect(panel(page)).toContainText('#claim');
  await expect(panel(page)).toContainText('Typed before the save finished.');

  const [article] = await page.evaluate(() => window.gloss.listArticles());
  const saved = await page.evaluate((id) => window.gloss.listAnnotations({ articleId: id }), article.id);
  expect(saved.map((a) => [a.tags, a.note])).toEqual([[['claim'], 'Typed before the save finished.']]);
});
