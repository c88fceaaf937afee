/**
 * Finding things: the whole library searched from one field (Ctrl/Cmd+K),
 * a hit opening its article at the words or its highlight selected; and
 * Find in the article (Ctrl/Cmd+F) stepping through every match.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { launchApp, type GlossApp } from '../harness/launchApp';
import { dragSelect, editor, openSeed, panel, toolbar } from './helpers';

let app: GlossApp;
test.beforeEach(async () => {
  app = await launchApp();
});
test.afterEach(async () => {
  await app.close();
});

const searchBox = (page: Page) =>
  page
    .getByRole('dialog', { name: 'Search the library' })
    .getByRole('searchbox', { name: 'Search the library' });
const results = (page: Page) => page.getByRole('listbox', { name: 'Search results' });
const painted = (page: Page, name: string) =>
  page.evaluate(
    (n) => (CSS as unknown as { highlights: Map<string, { size: number }> }).highlights.get(n)?.size ?? 0,
    name,
  );

test('Ctrl+K searches the library by the start of a word; Enter opens the article at the words, marked', async () => {
  const { page } = app;
  await expect(page.getByRole('button', { name: /^Open .*The enduring defeat/ })).toBeVisible();
  await page.keyboard.press('ControlOrMeta+k');
  await searchBox(page).fill('hasak');
  await expect(results(page).getByRole('option').first()).toBeVisible();
  await expect(results(page)).toContainText('The enduring defeat of ISIS');
  await expect(results(page).locator('mark').first()).toHaveText(/^Hasak/i);
  await searchBox(page).press('Enter');
  await expect(page.getByRole('dialog', { name: 'Search the library' })).toBeHidden();
  await expect(page.getByRole('article')).toBeVisible();
  await expect(
    page
      .getByRole('article')
      .getByText(/Hasakah/)
      .first(),
  ).toBeInViewport();
  await expect.poll(() => painted(page, 'gloss-hit')).toBe(1);
});

test('a note is found with is:note, and opening it selects its highlight', async () => {
  const { page } = app;
  await openSeed(page);
  await dragSelect(page, 'The prison holds 3,500 suspected ISIS members');
  await toolbar(page).getByRole('button', { name: 'Note', exact: true }).click();
  await expect(editor(page).getByRole('textbox', { name: 'Note' })).toBeFocused();
  await page.keyboard.type('Compare with the ministry figures');
  await editor(page).getByRole('button', { name: 'Done' }).click();
  await page.getByRole('button', { name: '← Library' }).click();

  await page.getByRole('button', { name: 'Search…' }).click();
  await searchBox(page).fill('is:note ministry');
  const hit = results(page).getByRole('option').filter({ hasText: 'ministry' });
  await expect(hit).toHaveCount(1);
  await expect(hit).toContainText('Note');
  await hit.click();
  await expect(panel(page).locator('.panel-item.is-selected')).toContainText('The prison holds 3,500');
});

test('the first page of hits comes at once; more come as the list is scrolled to its end, by the wheel or by Down', async () => {
  // 130 articles holding one word: 130 hits, asked for fifty at a time.
  const seeds = await mkdtemp(join(tmpdir(), 'gloss-many-'));
  for (let i = 0; i < 130; i++)
    await writeFile(
      join(seeds, `${String(i).padStart(3, '0')}.txt`),
      `Harbour report ${i}\n\nThe quayside ledger ${i} lists what the harbour took in that week.\n`,
    );
  await app.close();
  app = await launchApp({ seedsDir: seeds });
  const { page } = app;
  await expect(page.getByRole('button', { name: /^Open .*Harbour report/ }).first()).toBeVisible();
  await page.keyboard.press('ControlOrMeta+k');
  await searchBox(page).fill('quayside');
  const summary = page.getByRole('dialog', { name: 'Search the library' }).getByRole('status');
  await expect(summary).toHaveText('50 hits in 50 articles (the best first; more as you scroll)');
  await expect(results(page).getByRole('option')).toHaveCount(50);
  const firstShown = await results(page).getByRole('option').allTextContents();

  // Scrolled to its end, the list gains the next fifty after those shown, which stay in place.
  await results(page).hover();
  await page.mouse.wheel(0, 20_000);
  await expect(summary).toHaveText('100 hits in 100 articles (the best first; more as you scroll)');
  expect((await results(page).getByRole('option').allTextContents()).slice(0, 50)).toEqual(firstShown);

  // From the keyboard: Down walks the hits (the list following) and more come before the last is
  // passed; every article is found once.
  await page.mouse.move(1, 1); // off the list: the hit under the pointer is not chosen as the list moves
  for (let i = 0; i < 100; i++) await searchBox(page).press('ArrowDown');
  await expect(summary).toHaveText('130 hits in 130 articles');
  const titles = await results(page).locator('.search-group h3').allTextContents();
  expect(new Set(titles).size).toBe(130);
  // Down past the last hit, with nothing more to find, wraps to the first.
  await results(page).getByRole('option').nth(129).hover();
  await searchBox(page).press('ArrowDown');
  await expect(results(page).getByRole('option').first()).toHaveAttribute('aria-selected', 'true');
  expect(app.errors).toEqual([]);
});

test('Ctrl+F finds every match in the article, Enter steps through them, Escape closes', async () => {
  const { page } = app;
  await openSeed(page);
  await page.keyboard.press('ControlOrMeta+f');
  const find = page.getByRole('search', { name: 'Find in this article' });
  await expect(find.getByRole('searchbox')).toBeFocused();
  await page.keyboard.type('coalition');
  const count = find.getByRole('status');
  await expect(count).toHaveText(/^1 of \d+$/);
  const total = Number((await count.textContent())!.split(' of ')[1]);
  expect(total).toBeGreaterThan(2);
  await expect.poll(() => painted(page, 'gloss-find-current')).toBe(1);
  await page.keyboard.press('Enter');
  await expect(count).toHaveText(`2 of ${total}`);
  await page.keyboard.press('Shift+Enter');
  await page.keyboard.press('Shift+Enter');
  await expect(count).toHaveText(`${total} of ${total}`);
  await find.getByRole('searchbox').fill('no such words here');
  await expect(count).toHaveText('No matches');
  await page.keyboard.press('Escape');
  await expect(find).toBeHidden();
  await expect(page.getByRole('article')).toBeFocused();
  expect(await painted(page, 'gloss-find')).toBe(0);
});
