/**
 * Where a search's time goes: the keeper on this thread over the bench's 10k/100k library (written once
 * into LIB, default a temp folder kept between runs; its index built at the first run and saved), the
 * search-10k queries and a few more, each timed ROUNDS times; prints each query's least CPU time and wall
 * time. PROF=<file> writes a CPU profile of the rounds; PERQ=<folder> one profile per query (PERQ_RUNS runs each, default 30).
 * Q='a|b' asks other queries. `node --import tsx bench/profile-search.ts`
 */
import os from 'node:os';
import path from 'node:path';
import { keptBigLibrary } from './lib/big-store';
import { searchQueries } from './lib/search-queries';
import { openStore } from '@core/store/index';
import { IndexKeeper } from '@core/search/index-keeper';

const DIR = process.env.LIB ?? path.join(os.tmpdir(), 'gloss-profile-search-lib');
const ROUNDS = Number(process.env.ROUNDS ?? 8);

async function main() {
  const lib = await keptBigLibrary(DIR);
  const store = await openStore(DIR);
  let t0 = performance.now();
  const keeper = await IndexKeeper.open({ dataDir: DIR, entries: store.listArticles(), saveDelayMs: 1e9 });
  await keeper.idle();
  console.error(`open ${(performance.now() - t0).toFixed(0)} ms`);
  if (process.env.FLUSH) {
    t0 = performance.now();
    await keeper.flush();
    console.error(`flush ${(performance.now() - t0).toFixed(0)} ms`);
  }
  const queries = process.env.Q
    ? process.env.Q.split('|')
    : (() => {
        const row = searchQueries(lib);
        const first = row[0];
        // more: typing, typos
        return [...row, first.slice(0, 3), first.slice(0, 5), first.slice(0, 2) + first.slice(3), 'xqzvw'];
      })();
  // let the text cache warm
  await new Promise((r) => setTimeout(r, Number(process.env.WARM ?? 3000)));
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  if (process.env.PROF) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 100 });
    await session.post('Profiler.start');
  }
  const best = new Map<string, { wall: number; cpu: number; hits: number }>();
  for (let r = 0; r < ROUNDS; r++) {
    for (const q of queries) {
      const c0 = process.cpuUsage();
      const w0 = performance.now();
      const res = await keeper.search(q, 50);
      const wall = performance.now() - w0;
      const c = process.cpuUsage(c0);
      const cpu = (c.user + c.system) / 1000;
      const prev = best.get(q);
      if (!prev || cpu < prev.cpu)
        best.set(q, { wall: Math.min(wall, prev?.wall ?? Infinity), cpu, hits: res.hits });
      else prev.wall = Math.min(prev.wall, wall);
    }
  }
  if (process.env.PROF) {
    const { profile } = await session.post('Profiler.stop');
    (await import('node:fs')).writeFileSync(process.env.PROF, JSON.stringify(profile));
  }
  if (process.env.PERQ) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 50 });
    for (const [i, q] of queries.entries()) {
      await session.post('Profiler.start');
      for (let r = 0; r < Number(process.env.PERQ_RUNS ?? 30); r++) await keeper.search(q, 50);
      const { profile } = await session.post('Profiler.stop');
      (await import('node:fs')).writeFileSync(
        `${process.env.PERQ}/q${i}.cpuprofile`,
        JSON.stringify(profile),
      );
    }
  }
  for (const [q, b] of best)
    console.log(
      `${q.padEnd(24)} cpu ${b.cpu.toFixed(2).padStart(7)}  wall ${b.wall.toFixed(2).padStart(7)}  hits ${b.hits}`,
    );
  await keeper.close();
  await store.close();
}
void main();
