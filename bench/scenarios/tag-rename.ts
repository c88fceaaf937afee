/**
 * Rename a tag used 5,000 times across 2,000 articles (service.changeTags:
 * journal, then each notes file holding it rewritten durably), against
 * writing those same 2,000 notes files raw with write + fsync + rename +
 * fsync(dir) — the same durability, and as many files at once as the rename
 * writes (BATCH_WRITE_CONCURRENCY), so the ratio is Gloss's own work (reading
 * nothing, changing tags, serialising, keeping the .bak) over the disk's.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createGloss } from '@core/service';
import { BATCH_WRITE_CONCURRENCY } from '@core/store/batch-changes';
import { mapLimit } from '@core/util/map-limit';
import type { Annotation } from '@core/annotations/types';
import { benchTempDir, bigLibrary, writeLibrary } from '../lib/big-store';
import { writeFsyncRename } from '../lib/durable-write';
import { interleave } from '../lib/stats';
import type { Scenario } from '../lib/scenario';

const ARTICLES = 2_000;
const TAGGED = 5_000;
const REPS = 5;

export const scenario: Scenario = {
  name: 'tag-rename',
  gloss: `service.changeTags: rename a tag on ${TAGGED.toLocaleString('en')} passages in ${ARTICLES.toLocaleString('en')} articles, until durable`,
  baseline: `write+fsync+rename+fsync(dir) of those ${ARTICLES.toLocaleString('en')} notes files (same bytes, ${BATCH_WRITE_CONCURRENCY} at a time as the rename)`,
  target: { ratio: 1.5 },
  async run() {
    const all = bigLibrary();
    const articles = all.articles.slice(0, ARTICLES);
    // Spread the tag over every article: 5,000 of their passages carry it.
    const annotations = new Map<string, Annotation[]>();
    let tagged = 0;
    for (const [i, a] of articles.entries()) {
      const share = Math.floor(((i + 1) * TAGGED) / ARTICLES) - Math.floor((i * TAGGED) / ARTICLES);
      annotations.set(
        a.id,
        (all.annotations.get(a.id) ?? []).map((x, j) =>
          j < share ? (tagged++, { ...x, tags: [...x.tags, 'tag-0'] }) : x,
        ),
      );
    }
    if (tagged !== TAGGED) throw new Error(`tagged ${tagged}, expected ${TAGGED}`);
    const dataDir = await benchTempDir('tag-rename');
    await writeLibrary(dataDir, { articles, annotations });
    const floorDir = await benchTempDir('tag-rename-floor');
    const service = await createGloss({ dataDir });
    const files = articles.map((a) => path.join(dataDir, 'notes', `${a.id}.json`));
    let name = 0;
    let changed = 0;
    try {
      await service.listTags(); // counts loaded, as in a session that has shown the tag manager
      const result = await interleave(
        REPS,
        async () => {
          const t0 = performance.now();
          const r = await service.changeTags({
            change: { kind: 'rename', from: [`tag-${name}`], to: `tag-${name + 1}` },
          });
          const ms = performance.now() - t0;
          name++;
          changed = r.after.length;
          return ms;
        },
        async () => {
          const bytes = await Promise.all(files.map((f) => readFile(f)));
          const t0 = performance.now();
          await mapLimit([...files.keys()], BATCH_WRITE_CONCURRENCY, (i) =>
            writeFsyncRename(path.join(floorDir, path.basename(files[i])), bytes[i]),
          );
          return performance.now() - t0;
        },
        0, // each sample rewrites 2,000 files (~15 s here): the first is warm enough, and a warm-up pair would add half a minute
      );
      if (changed !== TAGGED) throw new Error(`renamed ${changed} passages, expected ${TAGGED}`);
      return { ...result, note: `${changed.toLocaleString('en')} passages changed each time` };
    } finally {
      await service.close();
    }
  },
};
