/**
 * A user can always keep a paste or an import as an article of its own: when
 * Gloss is unsure and asks "A new version?", Keep as a separate article keeps
 * both; and with new versions turned off in Preferences, even an edited copy
 * Gloss would have added as a version stays an article of its own.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { launchApp, type GlossApp } from '../harness/launchApp';
import { newsPage, OTHER_STORY, PARAGRAPHS_V1, PARAGRAPHS_V2 } from '../unit/helpers/news-versions';

const TITLE = 'Ceasefire talks resume in Doha';
const textOf = (paragraphs: readonly string[]) => [TITLE, ...paragraphs].join('\n\n');
const V1 = textOf(PARAGRAPHS_V1);
/** Edited: 64 % of its five-word phrases shared with V1, a version for certain. */
const V2 = textOf(PARAGRAPHS_V2);
/** Half rewritten: 36 % shared with V1, so Gloss asks. */
const HALF = textOf([
  ...PARAGRAPHS_V1.slice(0, 3),
  'A different paragraph entirely about weather patterns over the coast this week and the fishing fleet that stayed in harbour.',
  'Another new paragraph on the market prices of bread and fuel, which rose sharply in the past days according to traders in the souk.',
  'And a third new one about schools reopening after the holiday with fewer teachers than before.',
]);

let app: GlossApp;
test.beforeEach(async () => {
  app = await launchApp();
  await app.page.getByRole('list', { name: 'Articles' }).waitFor();
  await app.page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
});
test.afterEach(async () => {
  expect(app.errors).toEqual([]);
  await app.close();
});

const copies = (page: Page) => page.getByRole('button', { name: new RegExp(`^Open ${TITLE}`) });
const result = (page: Page) => page.getByRole('region', { name: 'Import result' }).getByRole('status');

/** Copy `text` and paste it into the library with Ctrl+Shift+V, as a user does. */
async function paste(page: Page, text: string, reported: string | RegExp): Promise<void> {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.keyboard.press('Control+Shift+V');
  await expect(result(page)).toContainText(reported);
  await page.getByRole('button', { name: 'Dismiss import result' }).click();
}

const versionCounts = (page: Page) =>
  page.evaluate(async (title) => {
    const mine = (await window.gloss.listArticles()).filter((a) => a.title === title);
    return Promise.all(
      mine.map((a) => window.gloss.listVersions({ articleId: a.id }).then((v) => v.versions.length)),
    );
  }, TITLE);

test('a paste Gloss is unsure of is asked about; Keep as a separate article keeps both, each with one version', async () => {
  const { page } = app;
  await paste(page, V1, 'Imported 1 article');
  await page.evaluate((t) => navigator.clipboard.writeText(t), HALF);
  await page.keyboard.press('Control+Shift+V');
  const ask = page.getByRole('alertdialog', { name: 'A new version?' });
  await expect(ask).toContainText(`shares 36 % of its five-word phrases with “${TITLE}”`);
  await ask.getByRole('button', { name: 'Keep as a separate article' }).click();
  await expect(ask).toHaveCount(0);
  await expect(copies(page)).toHaveCount(2);
  expect(await versionCounts(page)).toEqual([1, 1]);
});

test('with new versions turned off in Preferences, an edited copy Gloss would add as a version stays an article of its own', async () => {
  const { page } = app;
  await paste(page, V1, 'Imported 1 article');
  // On by default: the edited copy becomes the article's second version.
  await paste(page, V2, '1 new version of articles in the library');
  await expect(copies(page)).toHaveCount(1);
  expect(await versionCounts(page)).toEqual([2]);

  await page.keyboard.press('Control+,');
  const dialog = page.getByRole('dialog', { name: 'Preferences' });
  const detect = dialog.getByRole('checkbox', {
    name: 'Add an import that is a new version of an article to it',
  });
  await expect(detect).toBeChecked();
  await detect.uncheck();
  await page.screenshot({ path: test.info().outputPath('preferences-versions.png') });
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  expect(await page.evaluate(() => window.gloss.getSettings().then((s) => s.detectVersions))).toBe(false);

  // The same kind of edit again: now an article of its own, and no question asked.
  await paste(page, V2.replace('45 people died', '47 people died'), /^Imported 1 article\.$/);
  await expect(page.getByRole('alertdialog', { name: 'A new version?' })).toHaveCount(0);
  await expect(copies(page)).toHaveCount(2);
  expect((await versionCounts(page)).sort()).toEqual([1, 2]);
});

test('a version Gloss added when sure is made a separate article from the version menu, and Undo makes it a version again', async () => {
  const { page } = app;
  await paste(page, V1, 'Imported 1 article');
  await paste(page, V2, '1 new version of articles in the library');
  await expect(copies(page)).toHaveCount(1);
  await copies(page).click();
  const article = page.getByRole('article');
  await expect(article).toContainText('45 people died');

  await page.getByRole('button', { name: 'Version 2 of 2' }).click();
  const menu = page.getByRole('group', { name: 'Versions' });
  await expect(menu.getByRole('button', { name: 'Make version 1 a separate article' })).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath('version-menu-separate.png') });
  await menu.getByRole('button', { name: 'Make version 2 a separate article' }).click();
  const toast = page.getByRole('status').filter({ hasText: 'Version 2 is now a separate article' });
  await expect(toast).toBeVisible();
  // The article reads as first imported again; with one version, the menu is gone.
  await expect(article).toContainText('40 people died');
  await expect(page.getByRole('button', { name: /^Version \d of \d/ })).toHaveCount(0);
  expect((await versionCounts(page)).sort()).toEqual([1, 1]);

  await toast.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Undone: version 2 of' })).toBeVisible();
  await expect(article).toContainText('45 people died');
  await expect(page.getByRole('button', { name: 'Version 2 of 2' })).toBeVisible();
  expect(await versionCounts(page)).toEqual([2]);
});

test('an import holding several possible versions asks about each in turn, and each answer is kept', async () => {
  const { page } = app;
  const dir = await mkdtemp(join(tmpdir(), 'gloss-e2e-ask-each-'));
  const FERRY = 'New ferry timetable approved';
  // Two stories of one site, then a page of each half rewritten, imported together: Gloss is unsure of both.
  // No canonical address: only the words can tell.
  const pages = {
    ceasefire: newsPage(PARAGRAPHS_V1, { url: '' }),
    ferry: newsPage(OTHER_STORY, { url: '', title: FERRY }),
    ceasefireHalf: newsPage(
      [
        ...PARAGRAPHS_V1.slice(0, 3),
        'A different paragraph entirely about weather patterns over the coast this week and the fishing fleet that stayed in harbour.',
        'Another new paragraph on the market prices of bread and fuel, which rose sharply in the past days according to traders in the souk.',
        'And a third new one about schools reopening after the holiday with fewer teachers than before.',
      ],
      { url: '' },
    ),
    ferryHalf: newsPage(
      [
        ...OTHER_STORY.slice(0, 2),
        'The port reopened to container ships on Wednesday after a week of closures caused by the storm along the southern coast.',
        'Hospital staff said supplies of insulin and antibiotics were running low, and asked the aid agencies to send more within days.',
      ],
      { url: '', title: FERRY },
    ),
  };
  const file = async (name: keyof typeof pages) => {
    const path = join(dir, `${name}.html`);
    await writeFile(path, pages[name]);
    return path;
  };
  app.setDialogs({ importFiles: [await file('ceasefire'), await file('ferry')] });
  await page.getByRole('button', { name: 'Import files…' }).click();
  await expect(result(page)).toContainText('Imported 2 articles');
  app.setDialogs({ importFiles: [await file('ceasefireHalf'), await file('ferryHalf')] });
  await page.getByRole('button', { name: 'Import files…' }).click();

  const first = page.getByRole('alertdialog', { name: 'A new version? (1 of 2)' });
  await expect(first).toContainText(`of its five-word phrases with “${TITLE}”`);
  await page.screenshot({ path: test.info().outputPath('ask-each-1.png') });
  await first.getByRole('button', { name: 'Keep as a separate article' }).click();
  const second = page.getByRole('alertdialog', { name: 'A new version? (2 of 2)' });
  await expect(second).toContainText(`of its five-word phrases with “${FERRY}”`);
  await second.getByRole('button', { name: 'Add as its new version' }).click();
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  await expect(
    page.getByRole('status').filter({ hasText: `Added as the newest version of “${FERRY}”` }),
  ).toBeVisible();
  // The first kept apart, the second added to its article.
  await expect(copies(page)).toHaveCount(2);
  expect(await versionCounts(page)).toEqual([1, 1]);
  const ferries = await page.evaluate(async (title) => {
    const mine = (await window.gloss.listArticles()).filter((a) => a.title === title);
    return Promise.all(
      mine.map((a) => window.gloss.listVersions({ articleId: a.id }).then((v) => v.versions.length)),
    );
  }, FERRY);
  expect(ferries).toEqual([2]);
});
