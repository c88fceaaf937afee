/**
 * The child process of the cold-start scenario: load the core, open the data
 * folder given as argv[2], close it, and print how long each step took as JSON.
 * Bundled by esbuild into bench/.out/ before it runs (see cold-start.ts).
 */
import { performance } from 'node:perf_hooks';

const dataDir = process.argv[2];
const list = process.argv.includes('--list');
const t0 = performance.now();
const { createGloss } = await import('@core/service');
const t1 = performance.now();
const service = await createGloss({ dataDir });
const t2 = performance.now();
let listMs = 0;
if (list) {
  await service.listArticles();
  listMs = performance.now() - t2;
}
const rssMB = process.memoryUsage().rss / 1e6;
await service.close();
process.stdout.write(
  `${JSON.stringify({ sinceProcessStart: t0, loadMs: t1 - t0, openMs: t2 - t1, listMs, rssMB })}\n`,
);
