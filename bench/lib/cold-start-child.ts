/**
 * The child process of the cold-start scenario: load the core, open the data
 * folder given as argv[2], close it, and print how long each step took as JSON.
 * Bundled by esbuild into bench/.out/ before it runs (see cold-start.ts).
 *
 * `--memory` (by hand, after a bench run has bundled it: `node bench/.out/cold-start.mjs <dataDir> --list
 * --memory [--idle=5]`): where core-rss's memory goes — process.memoryUsage() after each step, V8's heap
 * spaces (size committed / used) after the last, and, with --idle=<s>, the same again after that many
 * seconds of the library simply being open (the background check of the notes files runs meanwhile).
 *
 * `--search`: the service opens the search index at start, as the app does (in its worker thread, text cache
 * filled: `warmFirst`), and rssMB is taken once it has opened (index-rss; bench/README.md, "search
 * index memory"). The index is loaded from the data folder's search/, or built there if missing.
 *
 * `--hold-index-files`: instead, the index's files (search/*.jsonl) are read into memory and held when rssMB is
 * taken — the bytes the index must hold at least, in their most compact form (index-rss's baseline).
 */
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';

const dataDir = process.argv[2];
const list = process.argv.includes('--list');
const memory = process.argv.includes('--memory');
const search = process.argv.includes('--search');
const holdIndexFiles = process.argv.includes('--hold-index-files');
const idleS = Number(process.argv.find((a) => a.startsWith('--idle='))?.slice('--idle='.length) ?? 0);

const MB = (n: number) => Math.round(n / 1e5) / 10;
/** process.memoryUsage() in MB, with the young generation's committed size (`young`: what V8 grew it to). */
const usage = () => ({
  ...Object.fromEntries(Object.entries(process.memoryUsage()).map(([k, v]) => [k, MB(v)])),
  young: MB(v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_size ?? 0),
});
const steps: Record<string, unknown> = {};
if (memory) steps.start = usage();

const t0 = performance.now();
const { createGloss } = await import('@core/service');
const t1 = performance.now();
if (memory) steps.loaded = usage();
let searchOpened = (): void => {};
const opened = new Promise<void>((resolve) => (searchOpened = resolve));
const service = await createGloss({
  dataDir,
  ...(search && { search: { openAtStart: true, warmFirst: true, onOpened: () => searchOpened() } }),
});
if (search) await opened;
const t2 = performance.now();
if (memory) steps.opened = usage();
let listMs = 0;
if (list) {
  await service.listArticles();
  listMs = performance.now() - t2;
  if (memory) steps.listed = usage();
}
// Imported only here: the cold-start rows load nothing they do not use.
const held: Buffer[] = [];
if (holdIndexFiles) {
  const { readFile } = await import('node:fs/promises');
  for (const name of ['articles.jsonl', 'annotations.jsonl'])
    held.push(await readFile(`${dataDir}/search/${name}`));
}
const rssMB = process.memoryUsage().rss / 1e6;
const heldMB = held.reduce((n, b) => n + b.length, 0) / 1e6;
if (memory && idleS > 0) {
  await new Promise((r) => setTimeout(r, idleS * 1000));
  steps[`idle ${idleS} s`] = usage();
}
if (memory)
  steps.spaces = Object.fromEntries(
    v8.getHeapSpaceStatistics().map((s) => [s.space_name, `${MB(s.space_size)} / ${MB(s.space_used_size)}`]),
  );
await service.close();
process.stdout.write(
  `${JSON.stringify({ sinceProcessStart: t0, loadMs: t1 - t0, openMs: t2 - t1, listMs, rssMB, heldMB, ...(memory && { memory: steps }) })}\n`,
);
