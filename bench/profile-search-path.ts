/**
 * Where one search's wall time goes end to end, through `service.search` and the worker: for each
 * search-10k query, the least (over ROUNDS) of the process's CPU time (both threads) and wall time
 * of the whole call; beside it the parts on their own: the request's validation, a bare message
 * round trip to the worker carrying the answer's bytes, and the keeper's own search (timed in the
 * worker, sent back with the answer when SEARCH_TIMING is set). Same library as profile-search.ts.
 * `node --import tsx bench/profile-search-path.ts`
 */
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { keptBigLibrary } from './lib/big-store';
import { searchQueries } from './lib/search-queries';
import { createGloss } from '@core/service';
import { parseRequest } from '@core/dispatch';

const DIR = process.env.LIB ?? path.join(os.tmpdir(), 'gloss-profile-search-lib');
const ROUNDS = Number(process.env.ROUNDS ?? 20);

function least<T>(n: number, run: () => Promise<T>): Promise<{ cpu: number; wall: number; last: T }> {
  return (async () => {
    let cpu = Infinity;
    let wall = Infinity;
    let last!: T;
    for (let i = 0; i < n; i++) {
      const c0 = process.cpuUsage();
      const w0 = performance.now();
      last = await run();
      const w = performance.now() - w0;
      const c = process.cpuUsage(c0);
      cpu = Math.min(cpu, (c.user + c.system) / 1000);
      wall = Math.min(wall, w);
    }
    return { cpu, wall, last };
  })();
}

async function main() {
  const lib = await keptBigLibrary(DIR);
  const service = await createGloss({ dataDir: DIR, search: { openAtStart: true, warmFirst: true } });
  const queries = searchQueries(lib);
  await service.search({ query: queries[0] });
  for (const q of queries) await service.search({ query: q, limit: 50 });
  // A bare worker answering each message with a copy of what it was sent: the round trip alone.
  const echo = new Worker(
    `const { parentPort } = require('node:worker_threads'); parentPort.on('message', (m) => parentPort.postMessage(m));`,
    { eval: true },
  );
  const roundTrip = (payload: unknown) =>
    new Promise<void>((resolve) => {
      echo.once('message', () => resolve());
      echo.postMessage(payload);
    });
  const fmt = (x: number) => x.toFixed(2).padStart(6);
  console.log(`load ${os.loadavg()[0].toFixed(1)}, ${ROUNDS} rounds, least of each`);
  console.log('query                    whole: cpu   wall | validate | echo(result) cpu wall | bytes  hits');
  for (const query of queries) {
    const whole = await least(ROUNDS, () => service.search({ query, limit: 50 }));
    const validate = await least(ROUNDS, () => parseRequest('search', { query, limit: 50 }));
    const result = whole.last;
    const trip = await least(ROUNDS, () => roundTrip({ type: 'result', id: 1, result }));
    const bytes = JSON.stringify(result).length;
    console.log(
      `${query.padEnd(24)} ${fmt(whole.cpu)} ${fmt(whole.wall)} | ${fmt(validate.cpu)} | ${fmt(trip.cpu)} ${fmt(trip.wall)} | ${String(bytes).padStart(6)} ${result.hits}`,
    );
  }
  const empty = await least(ROUNDS, () => roundTrip({ type: 'search', id: 1, query: 'x', limit: 50 }));
  console.log(`bare round trip (a request's size): cpu ${fmt(empty.cpu)} wall ${fmt(empty.wall)}`);
  await echo.terminate();
  await service.close();
}
void main();
