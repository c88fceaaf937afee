/** An imported news page as a reader meets it: links that open in the browser, tables, placeholder figures. */
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from '@playwright/test';
import { launchApp, type GlossApp } from '../harness/launchApp';
import { dragSelect, panelItems, toolbar } from './helpers';

const PAGES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'pages');

let app: GlossApp;
test.beforeEach(async () => {
  app = await launchApp();
  const dir = mkdtempSync(join(tmpdir(), 'gloss-rich-'));
  cpSync(PAGES, dir, { recursive: true });
  app.setDialogs({ importFiles: [join(dir, 'harbour-courier.html')] });
  await app.page.getByRole('button', { name: 'Import files…' }).click();
  await expect(app.page.getByRole('region', { name: 'Import result' }).getByRole('status')).toContainText(
    'Imported 1 article',
  );
  await app.page.getByRole('button', { name: /^Open .*Ferry crews walk out over pay/ }).click();
  await expect(app.page.getByRole('article')).toBeVisible();
});
test.afterEach(async () => {
  await app.close();
});

test('a link in an imported article opens in the browser through openExternal, not in the app', async () => {
  const { page } = app;
  const link = page.getByRole('article').getByRole('link', { name: 'four thousand passengers' });
  await expect(link).toHaveAttribute(
    'href',
    'https://www.harbourcourier.example/news/2024/03/stranded-passengers',
  );
  const before = page.url();
  await link.click();
  await expect
    .poll(() => app.externalUrls)
    .toEqual(['https://www.harbourcourier.example/news/2024/03/stranded-passengers']);
  expect(page.url()).toBe(before);
  // javascript: and mailto: links were dropped at import: their words are plain text.
  await expect(page.getByRole('article').getByRole('link', { name: 'written to the union' })).toHaveCount(0);
  await expect(page.getByRole('article')).toContainText('said it had written to the union');
});

test('a table renders as a table with its header row, and a passage in its cells is highlighted', async () => {
  const { page } = app;
  const table = page.getByRole('article').getByRole('table').filter({ hasText: 'Car and driver' });
  await table.scrollIntoViewIfNeeded();
  await expect(table.getByRole('columnheader')).toHaveText(['Route', 'Adult', 'Car and driver']);
  await expect(table.getByRole('row')).toHaveCount(4);
  await expect(table.getByRole('row').nth(2).getByRole('cell')).toHaveText([
    'South Channel',
    '£12.10',
    '£71.50',
  ]);
  await expect(table.getByRole('link', { name: 'North Sound' })).toBeVisible();

  await dragSelect(page, 'South Channel', '£12.10');
  await toolbar(page).getByRole('button', { name: 'Highlight yellow' }).click();
  await expect(panelItems(page).first()).toContainText('South Channel');
  await expect(panelItems(page).first()).toContainText('£12.10');
  await page.screenshot({ path: test.info().outputPath('table.png') });
});

test('a table’s cells spanning rows and columns span them in the reader, and a passage across them is highlighted', async () => {
  const { page } = app;
  const table = page.getByRole('article').getByRole('table').filter({ hasText: 'Sailings cancelled' });
  await table.scrollIntoViewIfNeeded();
  await expect(table.getByRole('columnheader', { name: 'Sailings cancelled' })).toHaveAttribute(
    'colspan',
    '2',
  );
  await expect(table.getByRole('cell', { name: 'North Sound' })).toHaveAttribute('rowspan', '2');
  await expect(table.getByRole('cell', { name: 'All crossings' })).toHaveAttribute('colspan', '2');
  // Laid out on the columns they cover: "Freight" sits under "Passenger", not under "North Sound".
  const left = async (name: string) =>
    (await table.getByRole('cell', { name, exact: true }).first().boundingBox())!.x;
  expect(await left('Freight')).toBe(await left('Passenger'));
  expect(await left('Freight')).toBeGreaterThan(await left('North Sound'));

  await dragSelect(page, 'Freight', 'South Channel');
  await toolbar(page).getByRole('button', { name: 'Highlight yellow' }).click();
  await expect(panelItems(page).first()).toContainText('Freight');
  await expect(table.locator('mark').filter({ hasText: 'Freight' })).toHaveCount(1);
  await page.screenshot({ path: test.info().outputPath('spanning-table.png') });
});

test('a picture not downloaded shows as a placeholder with its caption and address', async () => {
  const { page } = app;
  const figure = page.getByRole('figure').filter({ hasText: 'Cars queue at the terminal' });
  await figure.scrollIntoViewIfNeeded();
  await expect(figure).toContainText('Picture not downloaded');
  await expect(figure).toContainText('https://images.harbourcourier.example/2024/03/terminal-queue.jpg');
  await figure.getByRole('button', { name: 'Open in browser' }).click();
  await expect
    .poll(() => app.externalUrls)
    .toEqual(['https://images.harbourcourier.example/2024/03/terminal-queue.jpg']);
  await page.screenshot({ path: test.info().outputPath('placeholder.png') });
});
