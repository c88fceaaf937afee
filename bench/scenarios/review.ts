/**
 * Open the review of 1,000 highlights whose words changed in a new version:
 * from Enter on "Review highlights (1000)" in the reader's version menu to
 * the first item of the list painted (the app reloaded before each time, so
 * nothing is kept in the page; the time includes main listing the review and
 * diffing each passage word by word), against static HTML of the same first
 * screen — the dialog as Gloss painted it, served whole with the app's CSS —
 * from navigation to its first item painted.
 */
import { navigateAndTime, openBrowserPair, waitPaint } from '../lib/browser';
import { interleave } from '../lib/stats';
import { notebookPage } from '../lib/static-html';
import { REVIEW_ITEMS, reviewStore } from '../lib/review-store';
import type { Scenario } from '../lib/scenario';
import type { Page } from '@playwright/test';

const REPS = 3;

/** Reloads the app (it reopens the article, idle once its highlights are drawn), opens the version menu, presses Enter on Review: ms from the key to the first item painted. */
async function openReview(page: Page, url: string): Promise<number> {
  await navigateAndTime(page, url, 'reader');
  // The article settled first (its 1,000 highlights drawn), as when a reader turns to the review.
  await page.waitForFunction(
    (n) => document.querySelectorAll('article.article mark').length >= n,
    REVIEW_ITEMS,
    {
      polling: 50,
    },
  );
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
  await page.getByRole('button', { name: /^Version 2 of 2/ }).click();
  const review = page.getByRole('button', { name: `Review highlights (${REVIEW_ITEMS})` });
  await review.focus();
  // Noted just before the key is sent (so the time includes its trip to the page: a little more, never less).
  await page.evaluate(() => void ((window as unknown as { __openAt: number }).__openAt = performance.now()));
  await page.keyboard.press('Enter');
  const painted = await waitPaint(page, 'review');
  return painted - (await page.evaluate(() => (window as unknown as { __openAt: number }).__openAt));
}

export const scenario: Scenario = {
  name: 'review-1000',
  gloss: `review: Enter on "Review highlights" → first of ${REVIEW_ITEMS.toLocaleString('en')} items painted (words changed in a new version)`,
  baseline: 'static HTML of the same first screen (the review dialog as painted), same CSS',
  target: { ratio: 1.5 },
  browser: true,
  async run() {
    const store = await reviewStore();
    const pair = await openBrowserPair(store.dataDir, {
      reader: 'article.article p',
      review: 'ol.review-list > li.review-item',
    });
    try {
      const cold = await openReview(pair.gloss, pair.glossUrl);
      const html = await pair.gloss.evaluate(() => document.querySelector('.modal-backdrop')!.outerHTML);
      const rendered = await pair.gloss.locator('li.review-item').count();
      const staticUrl = pair.serve(notebookPage(html, pair.cssHref));
      const result = await interleave(
        REPS,
        () => openReview(pair.gloss, pair.glossUrl),
        () => navigateAndTime(pair.baseline, staticUrl, 'review'),
        0,
      );
      return { ...result, extra: { 'first open': cold, 'items rendered': rendered } };
    } finally {
      await pair.close();
    }
  },
};
