/**
 * 1. Open the seed article in the reader: navigation → the article's title
 * heading painted (the app reopens the last article at start-up), against a
 * static HTML page of the same blocks with the app's CSS, in the same browser.
 */
import type { Article, ArticleSummary } from '@core/document/types';
import { benchTempDir } from '../lib/big-store';
import { navigateAndTime, openBrowserPair, waitPaint } from '../lib/browser';
import { interleave, summarize } from '../lib/stats';
import { articlePage } from '../lib/static-html';
import type { Scenario } from '../lib/scenario';

// Each sample takes a fraction of a second, and on this shared machine the static page alone spreads
// over 2× between runs: 25 pairs (vs 10) make the medians, and so the ratio, steadier for little time.
const REPS = 25;
const TITLE = 'article.article h1.b-title';

export const scenario: Scenario = {
  name: 'open-article',
  gloss: 'reader: navigation → seed article title painted (app start reopens last article)',
  baseline: 'static HTML of the same blocks, same CSS, same browser',
  target: { ratio: 1.3 },
  browser: true,
  async run() {
    const dataDir = await benchTempDir('open-article');
    // `article` may be the picture of the last screen (reader/firstScreen.ts); `live` is the app's own reader.
    const pair = await openBrowserPair(dataDir, {
      article: TITLE,
      shell: '#root .app',
      live: `#root ${TITLE}`,
    });
    const phases: { dcl: number; shell: number; live: number }[] = [];
    try {
      const article = await pair.gloss.evaluate(async () => {
        const g = (
          window as unknown as {
            gloss: {
              listArticles(): Promise<ArticleSummary[]>;
              getArticle(r: { id: string }): Promise<Article>;
              updateSettings(p: object): Promise<unknown>;
            };
          }
        ).gloss;
        const [first] = await g.listArticles();
        await g.updateSettings({ lastArticleId: first.id });
        return g.getArticle({ id: first.id });
      });
      const staticUrl = pair.serve(articlePage(article, [], pair.cssHref));
      return {
        ...(await interleave(
          REPS,
          async (i) => {
            const ms = await navigateAndTime(pair.gloss, pair.glossUrl, 'article');
            await waitPaint(pair.gloss, 'live');
            // Where the time goes: HTML+script loaded, React's first commit (the "Opening…" shell), the live reader.
            if (i >= 0)
              phases.push(
                await pair.gloss.evaluate(() => ({
                  dcl: performance.getEntriesByType('navigation')[0]
                    ? (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming)
                        .domContentLoadedEventEnd
                    : NaN,
                  shell: (window as unknown as { __paint: Record<string, number> }).__paint.shell,
                  live: (window as unknown as { __paint: Record<string, number> }).__paint.live,
                })),
              );
            return ms;
          },
          () => navigateAndTime(pair.baseline, staticUrl, 'article'),
          2,
        )),
        extra: {
          'gloss DOMContentLoaded': summarize(phases.map((p) => p.dcl)).median,
          'gloss shell painted': summarize(phases.map((p) => p.shell)).median,
          'gloss live reader painted': summarize(phases.map((p) => p.live)).median,
        },
        note: `${article.meta.wordCount} words, ${article.blocks.length} blocks`,
      };
    } finally {
      await pair.close();
    }
  },
};
