/**
 * Where a save's time goes: the save-annotation scenario's loop (open an article's notes, createAnnotation
 * until durable; then the raw write+fsync+rename+fsync(dir) of the same bytes), ROUNDS times over the
 * bench's 10k/100k library (written once into LIB, default a temp folder kept between runs). Prints the
 * median wall and CPU time (user+sys, less load-sensitive) of each side. PROF=<file> writes a CPU profile
 * of Gloss's saves alone. `node --import tsx bench/profile-save.ts`
 */
import { mkdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { keptBigLibrary } from './lib/big-store';
import { writeFsyncRename } from './lib/durable-write';
import { saveOnePassage } from './lib/save-one';
import { createGloss } from '@core/service';

const DIR = process.env.LIB ?? path.join(os.tmpdir(), 'gloss-profile-save-lib');
const ROUNDS = Number(process.env.ROUNDS ?? 60);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const lib = await keptBigLibrary(DIR);
  const floor = path.join(DIR, '..', 'gloss-profile-save-floor');
  await mkdir(floor, { recursive: true });
  const service = await createGloss({ dataDir: DIR });
  if (process.env.TAGS) await service.listTags(); // the tag totals kept up to date from here on
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  let profiling = false;
  const side = {
    gloss: { wall: [] as number[], cpu: [] as number[] },
    raw: { wall: [] as number[], cpu: [] as number[] },
  };
  const timed = async (into: { wall: number[]; cpu: number[] }, fn: () => Promise<unknown>) => {
    const c0 = process.cpuUsage();
    const w0 = performance.now();
    await fn();
    into.wall.push(performance.now() - w0);
    const c = process.cpuUsage(c0);
    into.cpu.push((c.user + c.system) / 1000);
  };
  const seed = Number(process.env.SEED ?? Date.now() % 1000);
  for (let i = -3; i < ROUNDS; i++) {
    const article = lib.articles[((i + seed + 20) * 37) % lib.articles.length];
    await service.listAnnotations({ articleId: article.id });
    if (i === 0 && process.env.PROF) {
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.setSamplingInterval', { interval: 50 });
      await session.post('Profiler.start');
      profiling = true;
    }
    const g = i < 0 ? { wall: [], cpu: [] } : side.gloss;
    await timed(g, () => saveOnePassage(service, article));
    const file = path.join(DIR, 'notes', `${article.id}.json`);
    const bytes = await readFile(file);
    await timed(i < 0 ? { wall: [], cpu: [] } : side.raw, () =>
      writeFsyncRename(path.join(floor, path.basename(file)), bytes),
    );
  }
  if (profiling) {
    const { profile } = await session.post('Profiler.stop');
    const { writeFile } = await import('node:fs/promises');
    await writeFile(process.env.PROF!, JSON.stringify(profile));
  }
  await service.close();
  const f = (n: number) => n.toFixed(3);
  const g = side.gloss;
  const r = side.raw;
  console.log(
    `gloss wall ${f(median(g.wall))} cpu ${f(median(g.cpu))} | raw wall ${f(median(r.wall))} cpu ${f(median(r.cpu))} | ratio wall ${(median(g.wall) / median(r.wall)).toFixed(2)} cpu ${(median(g.cpu) / median(r.cpu)).toFixed(2)} | load ${os.loadavg()[0].toFixed(1)}`,
  );
}

await main();
