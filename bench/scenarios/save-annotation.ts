/**
 * 4. Save one annotation into a library of 10,000 articles and 100,000
 * annotations: createAnnotation until its promise resolves (durable), against
 * writing the same bytes of the one notes file that changed with
 * write + fsync + rename + fsync(dir). Also the longest event-loop stall.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createGloss } from '@core/service';
import { benchTempDir, bigStore } from '../lib/big-store';
import { writeFsyncRename } from '../lib/durable-write';
import { saveOnePassage } from '../lib/save-one';
import { withStallProbe } from '../lib/stall';
import { interleave, summarize } from '../lib/stats';
import type { Scenario } from '../lib/scenario';

// A save takes a few milliseconds, mostly two fsyncs whose time swings with the disk's other users: 15 pairs
// gave 1.42×–1.70× on the same code; 41 cost under a second more.
const REPS = 41;

export const scenario: Scenario = {
  name: 'save-annotation',
  gloss: 'service.createAnnotation in a 10k-article / 100k-annotation library, until durable',
  baseline: 'write+fsync+rename+fsync(dir) of the changed notes file (same bytes)',
  target: { ratio: 1.5, extraMax: { 'stall max': 16 } },
  async run() {
    const store = await bigStore();
    const service = await createGloss({ dataDir: store.dataDir });
    const floorDir = await benchTempDir('save-floor');
    const glossStalls: number[] = [];
    const baseStalls: number[] = [];
    try {
      // A different article every time, each already open in the reader (its notes loaded), as when reading.
      const pick = (i: number) => store.articles[((i + 20) * 37) % store.articles.length];
      let lastFile = '';
      const result = await interleave(
        REPS,
        async (i) => {
          const article = pick(i);
          await service.listAnnotations({ articleId: article.id });
          const { ms, stallMs } = await withStallProbe(() => saveOnePassage(service, article));
          lastFile = path.join(store.dataDir, 'notes', `${article.id}.json`);
          if (i >= 0) glossStalls.push(stallMs);
          return ms;
        },
        async (i) => {
          const bytes = await readFile(lastFile);
          const target = path.join(floorDir, path.basename(lastFile));
          const { ms, stallMs } = await withStallProbe(() => writeFsyncRename(target, bytes));
          if (i >= 0) baseStalls.push(stallMs);
          return ms;
        },
      );
      return {
        ...result,
        extra: {
          'stall max': Math.max(...glossStalls),
          'stall median': summarize(glossStalls).median,
          'baseline stall max': Math.max(...baseStalls),
        },
      };
    } finally {
      await service.close();
    }
  },
};
