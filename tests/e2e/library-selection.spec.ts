/**
 * Several articles chosen in the library — a checkbox per row, Shift-click for
 * a range, Ctrl/Cmd+A for every article shown, Escape to clear, all by
 * keyboard too — removed with one confirmation saying how many articles and
 * highlights, put back by one Undo, or exported alone through the export dialog.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { launchApp, type GlossApp } from '../harness/launchApp';
import { addReports, toast } from './workspace';

let app: GlossApp;
test.beforeEach(async () => {
  app = await launchApp({ viewport: { width: 1280, height: 900 } });
  const { page } = app;
  await page.getByRole('list', { name: 'Articles' }).waitFor();
  // Three articles besides the sample, added oldest first (the list shows the newest first): Delta, Gamma, Beta.
  await addReports(page, [
    { name: 'Beta', marks: [16, 30] },
    { name: 'Gamma', marks: [16] },
    { name: 'Delta' },
  ]);
  await expect(rows(page)).toHaveCount(4);
});
test.afterEach(async () => {
  expect(app.errors).toEqual([]);
  await app.close();
});

const rows = (page: Page) => page.getByRole('list', { name: 'Articles' }).locator(':scope > li');
const titles = (page: Page) => rows(page).locator('.article-title').allTextContents();
const box = (page: Page, title: string) => page.getByRole('checkbox', { name: `Select ${title}` });
const bar = (page: Page) => page.getByRole('toolbar', { name: 'Selected articles' });

test('Shift-click checks a range; Remove asks once with the counts; one Undo puts every article and highlight back', async () => {
  const { page } = app;
  expect((await titles(page)).slice(0, 3)).toEqual(['Delta report', 'Gamma report', 'Beta report']);
  await box(page, 'Delta report').click();
  await box(page, 'Beta report').click({ modifiers: ['Shift'] });
  await expect(box(page, 'Gamma report')).toBeChecked();
  await expect(bar(page).getByRole('status')).toHaveText('3 articles selected');
  // A range takes the anchor's new state: Delta unchecked alone, then Shift-click on Gamma unchecks both.
  await box(page, 'Delta report').click();
  await box(page, 'Gamma report').click({ modifiers: ['Shift'] });
  await expect(bar(page).getByRole('status')).toHaveText('1 article selected');
  await box(page, 'Gamma report').click();
  await expect(bar(page).getByRole('status')).toHaveText('2 articles selected');

  await bar(page).getByRole('button', { name: 'Remove…' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Remove 2 articles?' });
  await expect(confirm).toContainText('“Gamma report”, “Beta report” and their 3 highlights will be removed');
  await page.screenshot({ path: test.info().outputPath('library-remove-confirm.png') });
  await confirm.getByRole('button', { name: 'Remove 2 articles' }).click();
  await expect(rows(page)).toHaveCount(2);
  expect(await titles(page)).not.toContain('Beta report');
  const removed = toast(page, 'Removed 2 articles and 3 highlights');
  await expect(removed).toBeVisible();
  expect((await page.evaluate(() => window.gloss.listArticles())).length).toBe(2);

  await removed.getByRole('button', { name: 'Undo' }).click();
  await expect(rows(page)).toHaveCount(4);
  expect((await titles(page)).slice(0, 3)).toEqual(['Delta report', 'Gamma report', 'Beta report']);
  await expect(rows(page).filter({ hasText: 'Beta report' })).toContainText('2 highlights');
  await expect(rows(page).filter({ hasText: 'Gamma report' })).toContainText('1 highlight');
  await expect(bar(page)).toHaveCount(0);
});

test('by keyboard: Space checks a row, Ctrl+A checks every article shown, Escape clears; Cancel removes nothing', async () => {
  const { page } = app;
  await box(page, 'Delta report').focus();
  await page.keyboard.press('Space');
  await expect(box(page, 'Delta report')).toBeChecked();
  await page.keyboard.press('Control+a');
  await expect(bar(page).getByRole('status')).toHaveText('4 articles selected');
  await page.keyboard.press('Escape');
  await expect(bar(page)).toHaveCount(0);
  await expect(box(page, 'Delta report')).not.toBeChecked();

  await page.keyboard.press('Control+a');
  await bar(page).getByRole('button', { name: 'Remove…' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Remove 4 articles?' });
  await expect(confirm).toContainText('and 1 other and their');
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(confirm).toHaveCount(0);
  await expect(rows(page)).toHaveCount(4);
});

test('Export… exports just the articles selected, through the export dialog', async () => {
  const { page } = app;
  const path = join(await mkdtemp(join(tmpdir(), 'gloss-selection-export-')), 'chosen.md');
  app.setDialogs({ exportPath: path });
  await box(page, 'Gamma report').check();
  await box(page, 'Beta report').check();
  await bar(page).getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export notes' });
  await expect(dialog.getByRole('radio', { name: 'The 2 articles selected' })).toBeChecked();
  await dialog.getByRole('button', { name: 'Export…' }).click();
  await expect(dialog.getByRole('status')).toContainText('Exported 3 annotations from 2 articles');
  expect(app.exportRequests.at(-1)?.defaultName).toBe('gloss-articles-notes.md');
  const md = await readFile(path, 'utf8');
  expect(md).toContain('Gamma report');
  expect(md).toContain('Beta report');
  expect(md).not.toContain('Delta report');
  expect(md).not.toContain('enduring defeat');
});
