/**
 * The cold-start row's child, A/B: `node --import tsx bench/profile-cold-start.ts bundle DIR` bundles the
 * child from this tree into DIR (as the row does); `… run A/cold-start.mjs B/cold-start.mjs …` then runs
 * each bundle and `node -e 0` alternately, ROUNDS times, on the bench's 10k/100k library (written once
 * into LIB, default a temp folder kept between runs), and prints per side the median wall time, the
 * median CPU time of all its threads (`perf stat` task-clock, less load-sensitive; when perf runs here)
 * and the child's own phases. Bundles of two trees side by side, in the same minutes: ratios that hold.
 */
import os from 'node:os';
import path from 'node:path';
import { keptBigLibrary } from './lib/big-store';
import { bundleChild, runChild as run } from './scenarios/cold-start';

const DIR = process.env.LIB ?? path.join(os.tmpdir(), 'gloss-profile-cold-start-lib');
const ROUNDS = Number(process.env.ROUNDS ?? 15);

/** What the child prints: each phase's milliseconds. */
type Phases = Record<'loadMs' | 'openMs' | 'listMs', number>;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** CPU ms of the process and its threads, or NaN where perf cannot count here. */
async function cpuMs(args: string[]): Promise<number> {
  try {
    const { stderr } = await run('perf', [
      'stat',
      '-x,',
      '-e',
      'task-clock',
      '--',
      process.execPath,
      ...args,
    ]);
    const line = stderr.split('\n').find((l) => l.includes('task-clock'));
    return line ? Number(line.split(',')[0]) : NaN;
  } catch {
    return NaN;
  }
}

async function main() {
  const [mode, ...rest] = process.argv.slice(2);
  if (mode === 'bundle' && rest[0]) {
    console.log(await bundleChild(path.resolve(rest[0])));
    return;
  }
  if (mode !== 'run' || rest.length === 0) {
    console.error('usage: profile-cold-start.ts bundle DIR | run BUNDLE.mjs [BUNDLE.mjs …] [-- child flags]');
    process.exit(2);
  }
  await keptBigLibrary(DIR);
  const dash = rest.indexOf('--');
  const bundles = dash < 0 ? rest : rest.slice(0, dash);
  const flags = dash < 0 ? [] : rest.slice(dash + 1);
  const sides = [
    {
      name: 'node -e 0',
      args: ['-e', '0'],
      wall: [] as number[],
      cpu: [] as number[],
      phases: [] as Phases[],
    },
    ...bundles.map((b) => ({
      name: b,
      args: [b, DIR, ...flags],
      wall: [] as number[],
      cpu: [] as number[],
      phases: [] as Phases[],
    })),
  ];
  for (const side of sides) await run(process.execPath, side.args); // warm the page cache
  for (let i = 0; i < ROUNDS; i++)
    for (const side of sides) {
      const { ms, stdout } = await run(process.execPath, side.args);
      side.wall.push(ms);
      if (side.args[0] !== '-e') side.phases.push(JSON.parse(stdout) as Phases);
      side.cpu.push(await cpuMs(side.args));
    }
  const base = sides[0];
  console.log(`load ${os.loadavg()[0].toFixed(1)}, ${ROUNDS} rounds`);
  for (const side of sides) {
    const phase = (k: keyof Phases) =>
      side.phases.length ? median(side.phases.map((p) => p[k])).toFixed(1) : '-';
    console.log(
      `${side.name}: wall ${median(side.wall).toFixed(1)} ms (${(median(side.wall) / median(base.wall)).toFixed(2)}×)` +
        ` cpu ${median(side.cpu).toFixed(1)} ms (${(median(side.cpu) / median(base.cpu)).toFixed(2)}×)` +
        ` load ${phase('loadMs')} open ${phase('openMs')} list ${phase('listMs')}`,
    );
  }
}

await main();
