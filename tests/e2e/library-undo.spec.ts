/**
 * Articles removed from the library come back: one row's Remove and several
 * checked ones alike are undone by the message's Undo, or by Ctrl+Z while the
 * library is shown — which puts back the articles, never the reader's last
 * highlight — and Shift+Ctrl+Z removes them again.
 */
import { test, expect, type Page } from '@playwright/test';
import { launchApp, type GlossApp } from '../harness/launchApp';
import { addReports, toast } from './workspace';
import { dragSelect, openSeed, panelItems } from './helpers';

let app: GlossApp;
test.beforeEach(async () => {
  app = await launchApp({ viewport: { width: 1280, height: 900 } });
  const { page } = app;
  await page.getByRole('list', { name: 'Articles' }).waitFor();
  // Two articles besides the sample; Beta holds a highlight.
  await addReports(page, [{ name: 'Beta', marks: [16] }, { name: 'Gamma' }]);
  await expect(rows(page)).toHaveCount(3);
});
test.afterEach(async () => {
  expect(app.errors).toEqual([]);
  await app.close();
});

const rows = (page: Page) => page.getByRole('list', { name: 'Articles' }).locator(':scope > li');
const row = (page: Page, title: string) => rows(page).filter({ hasText: title });
const box = (page: Page, title: string) => page.getByRole('checkbox', { name: `Select ${title}` });
const inMain = (page: Page) => page.evaluate(() => window.gloss.listArticles().then((l) => l.length));

test("one row's Remove asks, then its message's Undo puts the article and its highlight back", async () => {
  const { page } = app;
  await page.getByRole('button', { name: 'Remove Beta report' }).focus();
  await page.keyboard.press('Enter');
  const confirm = page.getByRole('alertdialog', { name: 'Remove article?' });
  await expect(confirm).toContainText('You can undo this until Gloss is closed.');
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(rows(page)).toHaveCount(2);
  const removed = toast(page, 'Removed 1 article and 1 highlight');
  await expect(removed).toBeVisible();
  expect(await inMain(page)).toBe(2);

  await removed.getByRole('button', { name: 'Undo' }).click();
  await expect(toast(page, 'Put back 1 article')).toBeVisible();
  await expect(rows(page)).toHaveCount(3);
  await expect(row(page, 'Beta report')).toContainText('1 highlight');
  expect(await inMain(page)).toBe(3);
  // The message's Undo is spent: Ctrl+Z now has nothing of the library's to undo.
  await page.keyboard.press('Control+z');
  await expect(rows(page)).toHaveCount(3);
});

test("Ctrl+Z right after a removal puts the articles back, not the reader's last highlight; Shift+Ctrl+Z removes them again", async () => {
  const { page } = app;
  // A highlight made in the reader: the reader's undo history is not empty when the library shows.
  await openSeed(page);
  await dragSelect(page, 'enduring defeat');
  await page.keyboard.press('h');
  await expect(panelItems(page)).toHaveCount(1);
  await page.keyboard.press('Control+1');
  await expect(rows(page)).toHaveCount(3);
  await expect(row(page, 'The enduring defeat')).toContainText('1 highlight');

  // Check both by keyboard (Space), remove with one confirmation, and undo at once.
  await box(page, 'Beta report').focus();
  await page.keyboard.press('Space');
  await box(page, 'Gamma report').focus();
  await page.keyboard.press('Space');
  await page
    .getByRole('toolbar', { name: 'Selected articles' })
    .getByRole('button', { name: 'Remove…' })
    .click();
  const confirm = page.getByRole('alertdialog', { name: 'Remove 2 articles?' });
  await confirm.getByRole('button', { name: 'Remove 2 articles' }).focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+z');
  await expect(toast(page, 'Put back 2 articles')).toBeVisible();
  await expect(rows(page)).toHaveCount(3);
  await expect(row(page, 'Beta report')).toContainText('1 highlight');
  expect(await inMain(page)).toBe(3);
  // The reader's highlight was left alone.
  const seedId = await page.evaluate(
    async () => (await window.gloss.listArticles()).find((a) => a.title.includes('The enduring defeat'))!.id,
  );
  expect(await page.evaluate((id) => window.gloss.listAnnotations({ articleId: id }), seedId)).toHaveLength(
    1,
  );
  await expect(row(page, 'The enduring defeat')).toContainText('1 highlight');

  await page.keyboard.press('Control+Shift+z');
  await expect(rows(page)).toHaveCount(1);
  // The list changes at once; main's removal follows (the first removal's message may still be shown).
  await expect.poll(() => inMain(page)).toBe(1);
  await page.keyboard.press('Control+z');
  await expect(rows(page)).toHaveCount(3);
  await expect.poll(() => inMain(page)).toBe(3);

  // Back in the reader, Ctrl+Z is the reader's again: it takes the highlight back.
  await openSeed(page);
  await expect(panelItems(page)).toHaveCount(1);
  await page.keyboard.press('Control+z');
  await expect(panelItems(page)).toHaveCount(0);
});
