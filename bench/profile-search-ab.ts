/**
 * Two saved indexes of the same library compared query by query in one process (so the shared
 * machine's load falls on both alike): LIBS='dirA|dirB' (each a copy of profile-search.ts's library
 * whose search/ was built differently, e.g. with another shard count), each query asked of A and B
 * in turn (which goes first alternates: the second finds the CPU's caches warm), ROUNDS times; prints
 * each side's least and median CPU time per query and their ratios. EVICT=1 reads 64 MB before each
 * query, as the row's naive scan does before each of its queries (cold caches: ~2× the warm time).
 * A_CODE=<a checkout> runs side A with that checkout's keeper (its code: a change measured against
 * main, each side on its own copy of the library).
 * `EVICT=1 LIBS='/tmp/a|/tmp/b' node --import tsx bench/profile-search-ab.ts`
 */
import path from 'node:path';
import { keptBigLibrary } from './lib/big-store';
import { searchQueries } from './lib/search-queries';
import { openStore } from '@core/store/index';
import { IndexKeeper } from '@core/search/index-keeper';

const ROUNDS = Number(process.env.ROUNDS ?? 20);

async function open(dir: string, code?: string) {
  await keptBigLibrary(dir);
  const store = await openStore(dir);
  const Keeper: typeof IndexKeeper = code
    ? (await import(path.join(code, 'main/core/search/index-keeper.ts'))).IndexKeeper
    : IndexKeeper;
  const keeper = await Keeper.open({
    dataDir: dir,
    entries: store.listArticles(),
    saveDelayMs: 1e9,
    onWarning: () => undefined,
  });
  await keeper.idle();
  return { store, keeper };
}

async function main() {
  const dirs = (process.env.LIBS ?? '').split('|');
  const lib = await keptBigLibrary(dirs[0]);
  const a = await open(dirs[0], process.env.A_CODE);
  const sides = [a, dirs.length > 1 ? await open(dirs[1]) : a];
  const row = searchQueries(lib);
  const queries = process.env.Q ? process.env.Q.split('|') : [...row, row[0].slice(0, 3), 'xqzvw'];
  await new Promise((r) => setTimeout(r, Number(process.env.WARM ?? 4000)));
  // PROF=<file>: a CPU profile of the rounds (the 64 MB reads included: look under the keeper's search).
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  if (process.env.PROF) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 50 });
    await session.post('Profiler.start');
  }
  const times = queries.map(() => [[] as number[], [] as number[]]);
  // EVICT=1: each query follows a read of 64 MB, as each of the row's queries follows the naive scan
  // (which leaves the index's data out of the CPU's caches).
  const junk = new Float64Array(process.env.EVICT ? 8 << 20 : 0).fill(1);
  let sink = 0;
  const hits = queries.map(() => [0, 0]);
  for (let r = 0; r < ROUNDS; r++)
    for (const [i, q] of queries.entries())
      for (const s of r % 2 ? [1, 0] : [0, 1]) {
        for (let j = 0; j < junk.length; j += 8) sink += junk[j];
        const c0 = process.cpuUsage();
        const res = await sides[s].keeper.search(q, Number(process.env.LIMIT ?? 50));
        const c = process.cpuUsage(c0);
        times[i][s].push((c.user + c.system) / 1000);
        hits[i][s] = res.hits;
      }
  if (sink < 0) throw new Error('unreachable');
  if (process.env.PROF) {
    const { profile } = await session.post('Profiler.stop');
    (await import('node:fs')).writeFileSync(process.env.PROF, JSON.stringify(profile));
  }
  const least = (xs: number[]) => Math.min(...xs);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  const f = (x: number) => x.toFixed(2).padStart(6);
  console.log('query                    least: A      B    B/A | median: A      B    B/A | hits');
  for (const [i, q] of queries.entries()) {
    const [a, b] = times[i];
    console.log(
      `${q.padEnd(24)} ${f(least(a))} ${f(least(b))} ${f(least(b) / least(a))} | ${f(median(a))} ${f(median(b))} ${f(median(b) / median(a))} | ${hits[i].join('/')}`,
    );
  }
  for (const s of new Set(sides)) {
    await s.keeper.close();
    await s.store.close();
  }
}
void main();
