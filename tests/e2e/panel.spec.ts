/** The annotations panel: reading order, filters, going to a highlight. */
import { test, expect } from '@playwright/test';
import { launchApp, type GlossApp } from '../harness/launchApp';
import { openSeedWith, panel, panelItems } from './helpers';

let app: GlossApp;
test.beforeEach(async () => {
  app = await launchApp({ viewport: { width: 1200, height: 640 } });
  // Arranged through the bridge (as the UI would), then read back.
  await openSeedWith(app.page, [
    { quote: 'The prison holds 3,500 suspected ISIS members', color: 'yellow', tags: ['numbers'] },
    {
      quote: 'reaffirmed in a statement on Wednesday',
      color: 'green',
      tags: ['claim'],
      note: 'Their stated priority.',
    },
    {
      quote: 'the important role played by the Kurdistan Region',
      color: 'blue',
      tags: ['claim', 'kurdistan'],
    },
  ]);
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

test('filters by tag and by colour; the tag menu gathers the article’s tags once it is used', async () => {
  const { page } = app;
  const tagMenu = panel(page).getByRole('combobox', { name: 'Filter by tag' });
  // Not gathered over every highlight on each new one: only when the menu is used.
  await expect(tagMenu.locator('option')).toHaveText(['All tags']);
  await tagMenu.focus();
  await expect(tagMenu.locator('option')).toHaveText(['All tags', '#claim', '#kurdistan', '#numbers']);
  await tagMenu.selectOption('claim');
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
