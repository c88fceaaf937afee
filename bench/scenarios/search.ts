/**
 * Search the 10,000-article / 100,000-annotation library: service.search for a
 * mix of queries (common and rare words, a prefix, a phrase, a tag filter), the
 * index already built and loaded, against a naive scan of the same texts for
 * the same words (lower-cased copies made once, then `includes` over every
 * article body, quote and note). The target is the p95, shown as an extra.
 */
import { createGloss } from '@core/service';
import { bigStore } from '../lib/big-store';
import { searchQueries } from '../lib/search-queries';
import { interleave } from '../lib/stats';
import type { Scenario } from '../lib/scenario';

const ROUNDS = 3;
/** The app's first page (SEARCH_PAGE in renderer/src/search/searchStore.ts: more are asked as the list is scrolled). */
const LIMIT = 50;

export const scenario: Scenario = {
  name: 'search-10k',
  gloss: 'service.search over 10k articles / 100k annotations (index loaded), a mix of 8 queries',
  baseline: 'naive substring scan of the same texts (lower-cased once) for the same words',
  target: { ratio: 0.05 },
  async run() {
    const store = await bigStore();
    // Built and saved by a first session, loaded by the measured one: the steady state, with no
    // compaction of the first build running in its thread beside the queries.
    const builder = await createGloss({ dataDir: store.dataDir });
    await builder.search({ query: 'index' });
    await builder.close();
    // The steady state a user meets: the app opens the index at start and fills its text cache
    // (article texts with their folded terms) within about a second after; queries are measured once
    // both are done (`warmFirst`), not in the second after opening, when their texts are read from disk.
    const service = await createGloss({
      dataDir: store.dataDir,
      search: { openAtStart: true, warmFirst: true },
    });
    try {
      const queries = searchQueries(store);
      const texts = [
        ...store.articles.map((x) => x.text.toLowerCase()),
        ...[...store.annotations.values()]
          .flat()
          .flatMap((x) => [x.target.quote.exact.toLowerCase(), x.note.toLowerCase()]),
      ];
      await service.search({ query: queries[0] }); // waits for the index to load
      // One untimed round of every query (each kind's code compiled by the JIT before it is timed).
      for (const query of queries) await service.search({ query, limit: LIMIT });
      // Each side walks the queries in the same order (warm-up pairs included).
      let q = 0;
      let b = 0;
      const result = await interleave(
        ROUNDS * queries.length,
        async () => {
          const query = queries[q++ % queries.length];
          const t0 = performance.now();
          await service.search({ query, limit: LIMIT });
          const ms = performance.now() - t0;
          if (process.env.BENCH_TRACE) process.stderr.write(`${query}\t${ms.toFixed(1)}\n`);
          return ms;
        },
        async () => {
          const needles = queries[b++ % queries.length]
            .replace(/^(is|tag):\S*\s*/, '')
            .replace(/tag:/, '')
            .replace(/"/g, '')
            .toLowerCase()
            .split(/\s+/)
            .filter(Boolean);
          const t0 = performance.now();
          let hits = 0;
          for (const t of texts) if (needles.every((n) => t.includes(n))) hits++;
          const ms = performance.now() - t0;
          if (hits < 0) throw new Error('unreachable');
          return ms;
        },
      );
      const p95 = (xs: number[]) =>
        [...xs].sort((x, y) => x - y)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];
      return {
        ...result,
        extra: { 'gloss p95': p95(result.gloss), 'baseline p95': p95(result.baseline) },
        note: queries.join(' · '),
      };
    } finally {
      await service.close();
    }
  },
};
