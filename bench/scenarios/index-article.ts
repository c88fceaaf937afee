/**
 * Index one newly imported article in the 10,000-article / 100,000-annotation
 * library, the index open in its worker: the time the main thread spends
 * passing the change on (the store's change listener and the message to the
 * worker, measured between a listener registered just before the search's and
 * a microtask queued just after it), against a structured clone of the same
 * library entry (the least any hand-off to another thread costs). The reading
 * and indexing happen in the worker: how soon the article is found by a search
 * is shown as an extra, with the longest event-loop stall while it happens.
 */
import { buildArticle } from '@core/document/build';
import { openStore } from '@core/store/index';
import { librarySearch } from '@core/search/library-search';
import { bigStore } from '../lib/big-store';
import { RandomText } from '../lib/random-text';
import { withStallProbe } from '../lib/stall';
import { interleave, summarize } from '../lib/stats';
import type { Scenario } from '../lib/scenario';

const REPS = 15;

export const scenario: Scenario = {
  name: 'index-article',
  gloss: 'main-thread time to pass one imported article to the search worker (10k/100k library, index open)',
  baseline: 'structuredClone of the same library entry',
  target: { glossMs: 10 },
  async run() {
    const { dataDir } = await bigStore();
    const store = await openStore(dataDir);
    const rt = new RandomText(0x1de8);
    let started = 0;
    let spent = 0;
    store.onChange(() => void (started = performance.now()));
    const search = librarySearch(store, { onWarning: () => {}, openAtStart: true });
    store.onChange(() => queueMicrotask(() => void (spent += performance.now() - started)));
    const findable: number[] = [];
    const stalls: number[] = [];
    let lastId = '';
    try {
      await search.search('warmup'); // the index is loaded
      const result = await interleave(
        REPS,
        async (i) => {
          const marker = `zqximport${i + 100}`;
          const article = buildArticle(
            [
              { kind: 'title', text: `Imported ${marker}` },
              ...Array.from({ length: 4 }, () => ({ kind: 'paragraph' as const, text: rt.paragraph(60) })),
            ],
            { title: `Imported ${marker}`, source: 'Bench Daily', format: 'text' },
            `index-article-${i}`,
          );
          spent = 0;
          let ms = 0;
          const { stallMs } = await withStallProbe(async () => {
            const t0 = performance.now();
            await store.putArticle(article);
            ms = spent;
            // Found by a search: the worker has read and indexed it.
            while (!(await search.search(marker)).groups.some((g) => g.articleId === article.id));
            if (i >= 0) findable.push(performance.now() - t0);
          });
          if (i >= 0) stalls.push(stallMs);
          lastId = article.id;
          return ms;
        },
        async () => {
          const entry = store.articleEntry(lastId)!;
          const t0 = performance.now();
          structuredClone(entry);
          return performance.now() - t0;
        },
      );
      return {
        ...result,
        extra: {
          'found by a search after (median)': summarize(findable).median,
          'stall max': Math.max(...stalls),
        },
        note: 'import (store write) included in the "found" time, not in the main-thread time',
      };
    } finally {
      await search.close();
      await store.close();
    }
  },
};
