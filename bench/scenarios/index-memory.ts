/**
 * index-rss: the main process's memory with the 10k/100k library open and its search index loaded, as
 * the app has it (the index in its worker thread, text cache filled, the load's garbage collected) —
 * against the same process holding the index's files in memory instead: the bytes the index must hold
 * at least, in their most compact form. The ratio says how much more room the loaded index takes than
 * its saved form (bench/README.md, "search index memory"). No target: the target is core-rss's,
 * which leaves the index out.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { bigStore } from '../lib/big-store';
import { SAMPLES } from '../lib/stats';
import type { Scenario } from '../lib/scenario';
import { bundleChild, runNode } from './cold-start';

interface ChildAnswer {
  rssMB: number;
  heldMB: number;
  openMs: number;
}

export const scenario: Scenario = {
  name: 'index-rss',
  gloss:
    'resident memory of a node that loaded the core, opened the 10k/100k library, listed it and loaded its search index in the worker (as the app)',
  baseline:
    'the same node with the library open and listed, holding the index files (search/*.jsonl) read into memory',
  target: {},
  unit: 'MB',
  async run() {
    const store = await bigStore();
    const child = await bundleChild();
    // Loaded as the app loads it, so built first if this run has not (search-10k builds it in the same folder).
    if (!existsSync(path.join(store.dataDir, 'search', 'articles.jsonl')))
      await runNode([child, store.dataDir, '--search']);
    const ask = async (flag: string) =>
      JSON.parse((await runNode([child, store.dataDir, '--list', flag])).stdout) as ChildAnswer;
    // Each index sample takes seconds (the index loads in ~5–10 s): the slow rule's count, after a
    // warm-up pair; interleaved, each side first in turn.
    await ask('--search');
    await ask('--hold-index-files');
    const gloss: ChildAnswer[] = [];
    const baseline: ChildAnswer[] = [];
    for (let i = 0; i < SAMPLES.minSlow; i++) {
      if (i % 2 === 0) {
        gloss.push(await ask('--search'));
        baseline.push(await ask('--hold-index-files'));
      } else {
        baseline.push(await ask('--hold-index-files'));
        gloss.push(await ask('--search'));
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    return {
      gloss: gloss.map((a) => a.rssMB),
      baseline: baseline.map((a) => a.rssMB),
      extra: {
        'index files (MB)': baseline[0].heldMB,
        'index opened, median (ms)': median(gloss.map((a) => a.openMs)),
      },
    };
  },
};
