/**
 * 5. Open the library with 10,000 articles (100,000 annotations): navigation →
 * the list painted, against static HTML of the same rows with the app's CSS.
 * The first open after start-up also counts every article's notes file; it is
 * reported separately ("first open, cold service"); the timed repetitions
 * reload the page against the same, warm service.
 */
import type { ArticleSummary } from '@core/document/types';
import { bigStore } from '../lib/big-store';
import { navigateAndTime, openBrowserPair } from '../lib/browser';
import { interleave } from '../lib/stats';
import { libraryPage } from '../lib/static-html';
import type { Scenario } from '../lib/scenario';

const REPS = 3;

export const scenario: Scenario = {
  name: 'library-10k',
  gloss: 'library: navigation → list of 10k articles painted (warm service)',
  baseline: 'static HTML of the same 10k rows, same CSS',
  target: { ratio: 1.5 },
  browser: true,
  async run() {
    const store = await bigStore();
    const pair = await openBrowserPair(store.dataDir, { list: 'ul.article-list > li' });
    try {
      const cold = await navigateAndTime(pair.gloss, pair.glossUrl, 'list');
      const rows = await pair.gloss.evaluate(() =>
        (window as unknown as { gloss: { listArticles(): Promise<ArticleSummary[]> } }).gloss.listArticles(),
      );
      const staticUrl = pair.serve(libraryPage(rows, pair.cssHref));
      const result = await interleave(
        REPS,
        () => navigateAndTime(pair.gloss, pair.glossUrl, 'list'),
        () => navigateAndTime(pair.baseline, staticUrl, 'list'),
        0, // the cold open above already warmed the service and the page cache
      );
      return { ...result, extra: { 'first open, cold service': cold, 'rows count': rows.length } };
    } finally {
      await pair.close();
    }
  },
};
