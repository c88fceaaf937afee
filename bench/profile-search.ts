/**
 * Where a search's time goes: the keeper on this thread over the bench's 10k/100k library (written once
 * into LIB, default a temp folder kept between runs; its index built at the first run and saved), the
 * search-10k queries and a few more, each timed ROUNDS times; prints each query's least CPU time and wall
 * time. PROF=<file> writes a CPU profile of the rounds; PERQ=<folder> one profile per query (30 runs each).
 * Q='a|b' asks other queries. `node --import tsx bench/profile-search.ts`
 */
import os from 'node:os';
import path from 'node:path';
import { keptBigLibrary } from './lib/big-store';
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
  const a = lib.articles[4321];
  const words = a.text.split(/\W+/).filter((w) => w.length > 5);
  const annotated = [...lib.annotations.values()].flat().find((x) => x.tags.length > 0 && x.note)!;
  const quoteWord = annotated.target.quote.exact.split(/\W+/).find((w) => w.length > 4) ?? words[0];
  const noteWord = annotated.note.split(/\W+/).find((w) => w.length > 4) ?? words[1];
  const queries = process.env.Q
    ? process.env.Q.split('|')
    : [
        words[0],
        words[words.length - 1],
        words[3].slice(0, 4),
        `"${words[5]} ${a.text.split(/\W+/)[a.text.split(/\W+/).indexOf(words[5]) + 1]}"`,
        quoteWord,
        `is:note ${noteWord}`,
        `tag:${annotated.tags[0]}`,
        `${words[7]} ${words[9]}`,
        // more: typing, typos
        words[0].slice(0, 3),
        words[0].slice(0, 5),
        words[0].slice(0, 2) + words[0].slice(3), // a letter dropped
        'xqzvw',
      ];
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
      for (let r = 0; r < 30; r++) await keeper.search(q, 50);
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
