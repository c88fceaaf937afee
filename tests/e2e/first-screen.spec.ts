/**
 * The reader's first screen at start-up: the picture the app kept of it when
 * the page last went away is painted before the app's script runs, inert and
 * hidden from assistive technology, and the live reader takes its place.
 */
import { test, expect, type Page, type Route } from '@playwright/test';
import { launchApp, type GlossApp } from '../harness/launchApp';
import { openSeed, SEED_TITLE } from './helpers';

let app: GlossApp;
test.beforeEach(async () => {
  app = await launchApp();
});
test.afterEach(async () => {
  await app.close();
});

/** Holds back the app's entry script until `release` is called, as a slow disk would. */
async function holdAppScript(page: Page): Promise<() => Promise<void>> {
  const held: Route[] = [];
  let releasing = false;
  await page.route(/\/assets\/index-[^/]+\.js$/, (route) =>
    releasing ? route.continue() : held.push(route),
  );
  return async () => {
    releasing = true;
    await Promise.all(held.map((r) => r.continue()));
  };
}

const picture = (page: Page) => page.locator('#first-screen');
const liveArticle = (page: Page) => page.locator('#root article.article');

test('the last article is painted from its picture before the app runs, then the live reader replaces it', async () => {
  const { page } = app;
  await openSeed(page);
  await expect(page.getByRole('article')).toBeFocused();
  const release = await holdAppScript(page);
  // Not until "load": the held script is part of it.
  await page.reload({ waitUntil: 'commit' });

  // Painted without the app: the title and text, inert, not in the accessibility tree.
  await expect(picture(page).locator('article.article h1.b-title')).toHaveText(SEED_TITLE);
  await expect(picture(page).locator('article.article p.b-paragraph').first()).toBeVisible();
  await expect(picture(page)).toHaveAttribute('aria-hidden', 'true');
  expect(await picture(page).evaluate((el) => (el as HTMLElement).inert)).toBe(true);
  await expect(picture(page).locator('[tabindex], [id]')).toHaveCount(0);
  await expect(liveArticle(page)).toHaveCount(0);
  await expect(page.getByRole('article')).toHaveCount(0);

  await release();
  await expect(page.getByRole('article')).toBeFocused();
  await expect(picture(page)).toHaveCount(0);
  await expect(page.locator('article.article')).toHaveCount(1);
  expect(app.errors).toEqual([]);
});

test('the library is not pictured: leaving from it, the next start paints only the app', async () => {
  const { page } = app;
  await openSeed(page);
  await page.getByRole('button', { name: 'Library' }).click();
  await expect(page.getByRole('button', { name: /^Open .*The enduring defeat of ISIS/ })).toBeVisible();
  const release = await holdAppScript(page);
  // Not until "load": the held script is part of it.
  await page.reload({ waitUntil: 'commit' });
  // Nothing is painted while the app's script is held back.
  await expect(page.locator('#root')).toBeAttached();
  expect(await page.evaluate(() => localStorage.getItem('gloss:first-screen'))).toBeNull();
  await expect(picture(page)).toHaveCount(0);
  await release();
  await expect(page.getByRole('article')).toBeVisible();
  await expect(picture(page)).toHaveCount(0);
});

test('a damaged picture is ignored: the app starts as usual', async () => {
  const { page } = app;
  await openSeed(page);
  await page.evaluate(() => {
    // The page going away would write a fresh picture; write the damaged one after that, as a crash might leave it.
    window.addEventListener('pagehide', () => localStorage.setItem('gloss:first-screen', '{"v":1,"html":'));
  });
  await page.reload();
  await expect(page.getByRole('article')).toBeFocused();
  await expect(picture(page)).toHaveCount(0);
  expect(app.errors).toEqual([]);
});

test('a picture holding styled elements (a long article’s spacers) keeps their styles, and the page’s CSP reports nothing', async () => {
  const { page } = app;
  await openSeed(page);
  await page.evaluate(() => {
    // A styled element at the top of the live article, as a long book's spacers are.
    const spacer = document.createElement('div');
    spacer.className = 'spacer-under-test';
    spacer.style.height = '123px';
    document.querySelector('#root article.article')!.prepend(spacer);
  });
  const release = await holdAppScript(page);
  await page.reload({ waitUntil: 'commit' });
  const spacer = picture(page).locator('.spacer-under-test');
  await expect(spacer).toHaveCount(1);
  expect(await spacer.evaluate((el) => el.getBoundingClientRect().height)).toBe(123);
  await release();
  await expect(page.getByRole('article')).toBeFocused();
  expect(app.errors).toEqual([]);
});
