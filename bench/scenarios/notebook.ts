/**
 * Open the notebook on 100,000 passages (10,000 articles): from Ctrl+2 in the
 * library to the first passage row painted (the app reloaded before each
 * time, so nothing is kept in the page), against static HTML of the same first
 * screen — the notebook element as Gloss painted it (menus cut to their
 * first option), served whole with the app's CSS — from navigation to its first row painted.
 */
import { bigStore } from '../lib/big-store';
import { navigateAndTime, openBrowserPair, waitPaint } from '../lib/browser';
import { interleave } from '../lib/stats';
import { notebookPage } from '../lib/static-html';
import type { Scenario } from '../lib/scenario';
import type { Page } from '@playwright/test';

const REPS = 3;

/** Reloads the app, waits for the library, presses Ctrl+2: ms from the key to the first passage painted. */
async function openNotebook(page: Page, url: string): Promise<number> {
  await navigateAndTime(page, url, 'library');
  // Noted just before the key is sent (so the time includes the key's trip to the page: a little more, never less).
  await page.evaluate(() => void ((window as unknown as { __openAt: number }).__openAt = performance.now()));
  await page.keyboard.press('Control+2');
  const painted = await waitPaint(page, 'passage');
  return painted - (await page.evaluate(() => (window as unknown as { __openAt: number }).__openAt));
}

export const scenario: Scenario = {
  name: 'notebook-100k',
  gloss: 'notebook: Ctrl+2 in the library → first passage row painted (100k passages, 10k articles)',
  baseline: 'static HTML of the same first screen (the notebook as painted), same CSS',
  target: { ratio: 1.5 },
  browser: true,
  async run() {
    const store = await bigStore();
    const pair = await openBrowserPair(store.dataDir, {
      library: 'ul.article-list > li',
      passage: 'ul.passage-list > li.passage-row',
    });
    try {
      const cold = await openNotebook(pair.gloss, pair.glossUrl);
      // The first screen as seen: each menu shows its chosen option only (the article menu lists
      // thousands, which the app fills after the rows are painted).
      const html = await pair.gloss.evaluate(() => {
        const main = document.querySelector('main.notebook')!.cloneNode(true) as HTMLElement;
        for (const option of main.querySelectorAll('option:not(:first-child)')) option.remove();
        return main.outerHTML;
      });
      const rows = await pair.gloss.locator('li.passage-row').count();
      const staticUrl = pair.serve(notebookPage(html, pair.cssHref));
      const result = await interleave(
        REPS,
        () => openNotebook(pair.gloss, pair.glossUrl),
        () => navigateAndTime(pair.baseline, staticUrl, 'passage'),
        0,
      );
      return { ...result, extra: { 'first open': cold, 'rows count': rows } };
    } finally {
      await pair.close();
    }
  },
};
