/**
 * Index one newly imported article in the 10,000-article / 100,000-annotation
 * library, the index open in its worker. Gloss: the main thread's busy time
 * that indexing costs it — the hand-off inside the store's write (the change
 * listener and the message to the worker, measured between a listener
 * registered just before the search's and a microtask queued just after it),
 * plus the main thread's busy time (event-loop utilisation: time not waiting
 * for I/O) from the write's end until a search finds the article (the worker
 * reads and indexes it meanwhile; the main thread only waits for the answer).
 * The target is absolute: ≤ 10 ms. Baseline: the main thread's busy
 * time of the store's own write of a same-sized article (putArticle: the
 * article file and library.json, durably), which every import pays anyway.
 * Extras: how soon the article is found (from the write's start), the longest
 * event-loop stall from the write's end until then, and how many bytes the
 * index's save writes for it (the journal).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { performance, type EventLoopUtilization } from 'node:perf_hooks';
import { buildArticle } from '@core/document/build';
import type { Article } from '@core/document/types';
import { openStore } from '@core/store/index';
import { librarySearch } from '@core/search/library-search';
import { JOURNAL_FILES } from '@core/search/index-journal';
import { SEARCH_DIR } from '@core/search/index-files';
import { bigStore } from '../lib/big-store';
import { RandomText } from '../lib/random-text';
import { withStallProbe } from '../lib/stall';
import { interleave, summarize } from '../lib/stats';
import type { Scenario } from '../lib/scenario';

const REPS = 15;

/** Main-thread busy milliseconds since `from` (event-loop utilisation). */
function busySince(from: EventLoopUtilization): number {
  return performance.eventLoopUtilization(from).active;
}

export const scenario: Scenario = {
  name: 'index-article',
  gloss:
    'main-thread busy time of indexing one imported article: hand-off + waiting until a search finds it (10k/100k library, index in its worker)',
  baseline: 'main-thread busy time of the store write of the same-sized article (putArticle)',
  target: { glossMs: 10 },
  async run() {
    const { dataDir } = await bigStore();
    const store = await openStore(dataDir);
    const rt = new RandomText(0x1de8);
    let started = 0;
    let handOff = 0;
    store.onChange(() => void (started = performance.now()));
    const search = librarySearch(store, { onWarning: () => {}, openAtStart: true });
    store.onChange(() => queueMicrotask(() => void (handOff += performance.now() - started)));
    const findable: number[] = [];
    const stalls: number[] = [];
    const journalBytes: number[] = [];
    const journal = path.join(dataDir, SEARCH_DIR, JOURNAL_FILES.articles);
    const journalSize = () =>
      fs.stat(journal).then(
        (s) => s.size,
        () => 0,
      );
    const article = (marker: string): Article =>
      buildArticle(
        [
          { kind: 'title', text: `Imported ${marker}` },
          ...Array.from({ length: 4 }, () => ({ kind: 'paragraph' as const, text: rt.paragraph(60) })),
        ],
        { title: `Imported ${marker}`, source: 'Bench Daily', format: 'text' },
        `index-article-${marker}`,
      );
    const found = async (a: Article) => {
      while (!(await search.search(a.meta.title)).groups.some((g) => g.articleId === a.id));
    };
    try {
      await search.search('warmup'); // the index is loaded
      const result = await interleave(
        REPS,
        async (i) => {
          const a = article(`zqximport${i + 100}`);
          const before = await journalSize();
          handOff = 0;
          const t0 = performance.now();
          await store.putArticle(a);
          const written = performance.eventLoopUtilization();
          // The stall while the worker indexes (the write's own is the baseline's business).
          const { stallMs } = await withStallProbe(() => found(a));
          const ms = handOff + busySince(written);
          findable.push(performance.now() - t0);
          stalls.push(stallMs);
          // Saved now rather than 2 s later, as the keeper would: what that writes.
          await search.flush();
          journalBytes.push((await journalSize()) - before);
          return ms;
        },
        async (i) => {
          const a = article(`zqxbaseline${i + 100}`);
          const from = performance.eventLoopUtilization();
          await store.putArticle(a);
          const ms = busySince(from);
          await found(a); // indexed and saved before the next sample starts
          await search.flush();
          return ms;
        },
      );
      return {
        ...result,
        extra: {
          'found by a search after (median)': summarize(findable).median,
          'stall max while indexing': Math.max(...stalls),
          'index bytes written per article (median)': summarize(journalBytes).median,
        },
        note: 'journal bytes: the articles part of the index save (appended, not the whole index)',
      };
    } finally {
      await search.close();
      await store.close();
    }
  },
};
