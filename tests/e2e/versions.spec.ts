/**
 * A user re-imports an edited news article they annotated: the unchanged
 * passage follows silently, the one whose words changed waits in review with
 * the old and new wording; they accept it from the keyboard, undo, accept
 * again; and compare the two versions word by word.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { launchApp, type GlossApp } from '../harness/launchApp';
import { dragSelect, marks, panel, panelItems, toolbar } from './helpers';
import { newsPage, PARAGRAPHS_V1, PARAGRAPHS_V2 } from '../unit/helpers/news-versions';
import { reviewStore } from '../../bench/lib/review-store';

let app: GlossApp;
let dir: string;
test.beforeEach(async () => {
  app = await launchApp();
  dir = await mkdtemp(join(tmpdir(), 'gloss-e2e-versions-'));
});
test.afterEach(async () => {
  await app.close();
});

async function importFile(page: Page, file: string): Promise<void> {
  app.setDialogs({ importFiles: [file] });
  await page.getByRole('button', { name: 'Import files…' }).click();
}

async function highlight(page: Page, words: string): Promise<void> {
  await dragSelect(page, words);
  await toolbar(page).getByRole('button', { name: 'Highlight yellow' }).click();
  await expect(page.locator('mark', { hasText: words.split(' ')[0] }).first()).toBeVisible();
}

test('re-import → review → accept, undo, accept; compare versions word by word', async () => {
  const { page } = app;
  const v1 = join(dir, 'ceasefire.html');
  const v2 = join(dir, 'ceasefire-updated.html');
  await writeFile(v1, newsPage(PARAGRAPHS_V1));
  await writeFile(v2, newsPage(PARAGRAPHS_V2));

  await importFile(page, v1);
  await expect(page.getByRole('region', { name: 'Import result' }).getByRole('status')).toContainText(
    'Imported 1 article',
  );
  await page.getByRole('button', { name: /^Open .*Ceasefire talks resume/ }).click();
  await expect(page.getByRole('article')).toBeVisible();
  await highlight(page, 'the ceasefire holds across the north');
  await highlight(page, 'said 40 people died in the strike');
  await expect(page.getByRole('complementary', { name: 'Annotations' })).toContainText('said 40 people died');

  await page.getByRole('button', { name: '← Library' }).click();
  await importFile(page, v2);
  await expect(page.getByRole('region', { name: 'Import result' }).getByRole('status')).toContainText(
    'Imported 0 articles; 1 new version of articles in the library',
  );
  const toast = page
    .getByRole('status')
    .filter({ hasText: 'New version of “Ceasefire talks resume in Doha”' });
  await expect(toast).toContainText('1 highlight followed, 1 to review');
  await toast.getByRole('button', { name: 'Review' }).click();

  const review = page.getByRole('dialog', { name: 'Review highlights (1)' });
  await expect(review).toBeVisible();
  await expect(review.locator('del')).toHaveText('40');
  await expect(review.locator('ins')).toHaveText('45');
  await expect(page.getByRole('article')).toContainText('45 people died');
  await expect(page.getByRole('button', { name: /Version 2 of 2, 1 highlights to review/ })).toBeVisible();
  await page.screenshot({ path: join(dir, 'review.png') });

  // The keyboard: A accepts the focused highlight; Ctrl+Z puts it back in review.
  await page.keyboard.press('a');
  await expect(page.getByRole('dialog', { name: 'Review highlights (0)' })).toContainText(
    'Nothing left to review',
  );
  await expect(page.getByRole('button', { name: 'Version 2 of 2', exact: true })).toBeVisible();
  await page.keyboard.press('Control+z');
  await expect(page.getByRole('dialog', { name: 'Review highlights (1)' })).toBeVisible();
  await page
    .getByRole('dialog', { name: 'Review highlights (1)' })
    .getByRole('button', { name: 'Accept' })
    .click();
  await expect(page.getByRole('dialog', { name: 'Review highlights (0)' })).toBeVisible();
  await page.keyboard.press('Escape');

  // Both highlights on the new text, nothing lost.
  await expect(page.locator('mark', { hasText: '45' })).toBeVisible();
  await expect(page.getByRole('complementary', { name: 'Annotations' })).toContainText('said 45 people died');
  await expect(page.getByRole('complementary', { name: 'Annotations' })).toContainText('the ceasefire holds');

  await page.getByRole('button', { name: 'Version 2 of 2', exact: true }).click();
  await page.getByRole('button', { name: 'Compare versions…' }).click();
  const compare = page.getByRole('dialog', { name: 'Compare versions' });
  await expect(compare.locator('ins', { hasText: '45' })).toBeVisible();
  await expect(compare.locator('del', { hasText: '40' })).toBeVisible();
  await expect(compare.locator('del', { hasText: 'prisoner exchange' })).toBeVisible();
  await expect(compare.getByRole('status')).toContainText('words inserted');
  await page.screenshot({ path: join(dir, 'compare.png') });
});

test('a review of 120 highlights renders only what is in view, and the keyboard reaches every item', async () => {
  await app.close();
  const { dataDir } = await reviewStore(120);
  app = await launchApp({ dataDir });
  const { page } = app;
  await page.getByRole('button', { name: /^Version 2 of 2, 120 highlights to review/ }).click();
  await page.getByRole('button', { name: 'Review highlights (120)' }).click();
  await expect(page.getByRole('dialog', { name: 'Review highlights (120)' })).toBeVisible();
  const review = page.getByRole('dialog', { name: /^Review highlights/ });
  const items = review.getByRole('listitem');
  await expect(items.first()).toBeFocused();
  expect(await items.count()).toBeLessThan(40);

  await page.keyboard.press('End');
  const last = review.locator('li[aria-posinset="120"]');
  await expect(last).toBeFocused();
  await expect(last).toBeInViewport();
  await page.keyboard.press('ArrowUp');
  await expect(review.locator('li[aria-posinset="119"]')).toBeFocused();
  // Answered from the keyboard far down the list: the next one takes focus.
  await page.keyboard.press('k');
  await expect(page.getByRole('dialog', { name: 'Review highlights (119)' })).toBeVisible();
  await expect(review.locator('li[aria-posinset="119"]')).toBeFocused();
  await page.keyboard.press('Home');
  await expect(review.locator('li[aria-posinset="1"]')).toBeFocused();
  await expect(review.locator('li[aria-posinset="1"]')).toBeInViewport();
  expect(await items.count()).toBeLessThan(40);
});

/** v1 imported and opened, two passages highlighted, v2 imported: one followed, one waiting in review. */
async function annotatedThenEdited(page: Page): Promise<void> {
  const v1 = join(dir, 'ceasefire.html');
  const v2 = join(dir, 'ceasefire-updated.html');
  await writeFile(v1, newsPage(PARAGRAPHS_V1));
  await writeFile(v2, newsPage(PARAGRAPHS_V2));
  await importFile(page, v1);
  await page.getByRole('button', { name: /^Open .*Ceasefire talks resume/ }).click();
  await expect(page.getByRole('article')).toBeVisible();
  await highlight(page, 'the ceasefire holds across the north');
  await highlight(page, 'said 40 people died in the strike');
  await expect(panel(page)).toContainText('said 40 people died');
  await page.getByRole('button', { name: '← Library' }).click();
  await importFile(page, v2);
  await expect(page.getByRole('region', { name: 'Import result' }).getByRole('status')).toContainText(
    '1 new version of articles in the library',
  );
}

test('an older version opens read only from the version menu, with the highlights kept on it, and back', async () => {
  const { page } = app;
  await annotatedThenEdited(page);
  await page
    .getByRole('status')
    .filter({ hasText: 'New version of “Ceasefire talks resume in Doha”' })
    .getByRole('button', { name: 'Review' })
    .click();
  await expect(page.getByRole('dialog', { name: 'Review highlights (1)' })).toBeVisible();
  await page.keyboard.press('k'); // keep "said 40 people died" on the first version
  await expect(page.getByRole('dialog', { name: 'Review highlights (0)' })).toBeVisible();
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: 'Version 2 of 2', exact: true }).click();
  await page.getByRole('button', { name: 'Read version 1 (read only)' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Version of .* — read only/ })).toBeVisible();
  const article = page.getByRole('article');
  await expect(article).toContainText('40 people died');
  await expect(article).toContainText('prisoner exchange');
  // The highlight kept on this version, and not the one that moved to the new text.
  await expect(marks(page)).toHaveCount(1);
  await expect(marks(page)).toHaveText('said 40 people died in the strike');
  await page.screenshot({ path: join(dir, 'old-version.png') });

  // No new highlight on it: no toolbar for a selection, and H does nothing.
  await dragSelect(page, 'Aid convoys crossed at dawn');
  await page.keyboard.press('h');
  await expect(toolbar(page)).toHaveCount(0);
  await expect(marks(page)).toHaveCount(1);

  await page.getByRole('button', { name: 'Back to the current version' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'read only' })).toHaveCount(0);
  await expect(article).toContainText('45 people died');
  await expect(article).not.toContainText('prisoner exchange');
  await expect(page.getByRole('button', { name: 'Version 2 of 2', exact: true })).toBeVisible();
  await expect(panelItems(page)).toHaveCount(2);
});

test('Re-select in the review: the right words chosen in the new text become the highlight', async () => {
  const { page } = app;
  await annotatedThenEdited(page);
  await page
    .getByRole('status')
    .filter({ hasText: 'New version of “Ceasefire talks resume in Doha”' })
    .getByRole('button', { name: 'Review' })
    .click();
  const review = page.getByRole('dialog', { name: 'Review highlights (1)' });
  await expect(review).toBeVisible();
  await review.getByRole('button', { name: 'Re-select…' }).click();

  // The dialog steps aside while the words are chosen in the reader.
  const bar = page.getByRole('region', { name: 'Re-select a highlight' });
  await expect(bar).toContainText('said 40 people died in the strike');
  await expect(review).toHaveCount(0);
  // The new wording is selected to start from; the mouse chooses other words.
  await expect(bar.getByRole('button', { name: 'Use selected words' })).toBeEnabled();
  await dragSelect(page, 'The health minister said 45 people died');
  await bar.getByRole('button', { name: 'Use selected words' }).click();

  await expect(page.getByRole('dialog', { name: 'Review highlights (0)' })).toContainText(
    'Nothing left to review',
  );
  await page.keyboard.press('Escape');
  await expect(bar).toHaveCount(0);
  await expect(page.locator('mark', { hasText: 'The health minister said 45 people died' })).toBeVisible();
  await expect(panel(page)).toContainText('The health minister said 45 people died');
  await expect(page.getByRole('button', { name: 'Version 2 of 2', exact: true })).toBeVisible();
});

test('an import that may be a new version (headline edited, most text shared) is asked about, and added when told', async () => {
  const { page } = app;
  const v1 = join(dir, 'ceasefire.html');
  const v2 = join(dir, 'ceasefire-retitled.html');
  await writeFile(v1, newsPage(PARAGRAPHS_V1, { url: '' }));
  await writeFile(
    v2,
    newsPage(PARAGRAPHS_V2, { url: '', title: 'Ceasefire talks resume in Doha as death toll rises' }),
  );
  await importFile(page, v1);
  await page.getByRole('button', { name: /^Open .*Ceasefire talks resume in Doha/ }).click();
  await expect(page.getByRole('article')).toContainText('40 people died');
  await highlight(page, 'said 40 people died in the strike');
  await page.getByRole('button', { name: '← Library' }).click();

  await importFile(page, v2);
  const ask = page.getByRole('alertdialog', { name: 'A new version?' });
  await expect(ask).toContainText(
    /“Ceasefire talks resume in Doha as death toll rises” shares \d+ % of its five-word phrases/,
  );
  await expect(ask).toContainText('with “Ceasefire talks resume in Doha”, already in the library');
  await page.screenshot({ path: join(dir, 'ask.png') });
  await ask.getByRole('button', { name: 'Add as its new version' }).click();
  await expect(ask).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'Added as the newest version of' })).toBeVisible();

  // One article, with two versions and the changed highlight waiting in review.
  await expect(page.getByRole('button', { name: /^Open .*Ceasefire talks/ })).toHaveCount(1);
  await page.getByRole('button', { name: /^Open .*Ceasefire talks resume in Doha/ }).click();
  await expect(page.getByRole('article')).toContainText('45 people died');
  await expect(page.getByRole('button', { name: 'Version 2 of 2, 1 highlights to review' })).toBeVisible();
});

test('Re-select from the keyboard: R, Shift+arrows trim the new wording, Enter uses it', async () => {
  const { page } = app;
  await annotatedThenEdited(page);
  await page
    .getByRole('status')
    .filter({ hasText: 'New version of “Ceasefire talks resume in Doha”' })
    .getByRole('button', { name: 'Review' })
    .click();
  await expect(page.getByRole('dialog', { name: 'Review highlights (1)' })).toBeVisible();
  await page.keyboard.press('r');
  const bar = page.getByRole('region', { name: 'Re-select a highlight' });
  await expect(bar.getByRole('button', { name: 'Use selected words' })).toBeEnabled();
  await expect(page.getByRole('article')).toBeFocused();
  // "said 45 people died in the strike" less its last three words.
  for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+Control+ArrowLeft');
  await expect
    .poll(() => page.evaluate(() => document.getSelection()?.toString().trim()))
    .toBe('said 45 people died');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Review highlights (0)' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.locator('mark', { hasText: 'said 45 people died' })).toBeVisible();
  await expect(panel(page)).toContainText('said 45 people died');
  await expect(panel(page)).not.toContainText('in the strike');
});
