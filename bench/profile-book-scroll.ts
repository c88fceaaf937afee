/**
 * Where the book-scroll frame goes: the bench's book (500k words, 5,000
 * highlights) opened in Gloss as the bench opens it (panel listed, 300 ms, a
 * full GC), then the bench's jumps (JUMPS in lib/book-session.ts, timed by `jumpTo`), each traced through
 * CDP (Chromium's timeline); then the static page reloaded, the same. Prints, per jump, the time to the first
 * frame showing text at the view's middle, how many frames that took, and the renderer main thread's work in
 * that interval (the first jump is a warm-up, left out of the medians); the last trace is written to
 * the temp folder (open it in the DevTools Performance panel).
 *
 *   node --import tsx bench/profile-book-scroll.ts [opens]
 *   PROFILE_JS=1      also V8's sampler: self and inclusive time per function, scroll → paint
 *   PROFILE_GC=0      no full garbage collection before the scroll (the bench's heap measure does one)
 *   PROFILE_IDLE=ms   first trace that long with nothing asked of the page, and say what ran
 *   PROFILE_TRACE=0   times only (Gloss's jumps and the static page's, reloaded each time, side by side)
 *   PROFILE_TREE=1    each jump's main-thread slices as a tree
 */
import type { Page } from '@playwright/test';
import { removeTempDirs } from './lib/big-store';
import { openBrowserPair } from './lib/browser';
import { JUMPS, writeBookLibrary } from './lib/book-session';
import { jumpTo, type JumpTiming } from './lib/book-steps';
import { articlePage } from './lib/static-html';
import {
  hotFunctions,
  sliceTree,
  trace,
  traceCategories,
  writeTraceFile,
  type TraceEvent,
} from './lib/trace';

const CATEGORIES = traceCategories();

/** The renderer main thread's slices from the scroll mark to the paint (+2 ms), as a tree of depth ≤ 4. */
function summarize(events: TraceEvent[], ms: number): string {
  return sliceTree(events, 'scroll', ms, {
    maxDepth: 4,
    minMs: 0.3,
    label: (e) => {
      const data = e.args?.data ?? (e.args?.beginData as Record<string, unknown> | undefined);
      return [
        data?.functionName,
        data?.type,
        data?.url ? String(data.url).split('/').pop() : '',
        data?.dirtyObjects !== undefined
          ? `dirty ${String(data.dirtyObjects)}/${String(data.totalObjects)}`
          : '',
        data?.elementCount !== undefined ? `elements ${String(data.elementCount)}` : '',
        e.args?.elementCount !== undefined ? `elements ${String(e.args.elementCount)}` : '',
      ]
        .filter(Boolean)
        .join(' ');
    },
  });
}

/**
 * The main thread's CPU time (the slices' thread time, not wall time: other
 * processes on a loaded machine do not count) from the scroll mark to the
 * paint, in all and by kind of work one level under the tasks.
 */
function cpuTime(
  events: TraceEvent[],
  ms: number,
): { total: number; wall: number; parts: Map<string, number>; wallParts: Map<string, number> } {
  const mark = events.find((e) => e.name === 'scroll' && e.cat.includes('user_timing'));
  const parts = new Map<string, number>();
  const wallParts = new Map<string, number>();
  if (!mark) return { total: NaN, wall: NaN, parts, wallParts };
  const end = mark.ts + ms * 1000;
  const main = events
    .filter((e) => e.pid === mark.pid && e.tid === mark.tid && e.ph === 'X' && e.ts >= mark.ts && e.ts < end)
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  let total = 0;
  let wall = 0;
  const stack: TraceEvent[] = [];
  for (const e of main) {
    while (stack.length && stack[stack.length - 1].ts + (stack[stack.length - 1].dur ?? 0) <= e.ts)
      stack.pop();
    const depth = stack.length;
    stack.push(e);
    const t = (e.tdur ?? e.dur ?? 0) / 1000;
    if (depth === 0) total += t;
    if (depth === 0) wall += (e.dur ?? 0) / 1000;
    if (depth === 1) parts.set(e.name, (parts.get(e.name) ?? 0) + t);
    if (depth === 1) wallParts.set(e.name, (wallParts.get(e.name) ?? 0) + (e.dur ?? 0) / 1000);
  }
  return { total, wall, parts, wallParts };
}

/**
 * ms from the scroll to the start of the frame that handles it (its scroll event): about 1 ms when the
 * page was idle (Chromium draws at once); up to a display interval (16.7 ms) when a frame was drawn
 * just before, since the next one waits for the display's next tick.
 */
function frameDelay(events: TraceEvent[]): number {
  const mark = events.find((e) => e.name === 'scroll' && e.cat.includes('user_timing'));
  const first = events.find(
    (e) =>
      mark &&
      e.pid === mark.pid &&
      e.tid === mark.tid &&
      e.name === 'EventDispatch' &&
      e.args?.data?.type === 'scroll' &&
      e.ts >= mark.ts,
  );
  return mark && first ? (first.ts - mark.ts) / 1000 : NaN;
}

/** Every thread's CPU time (its top-level slices' thread time) from the scroll mark to the paint, busiest first. */
function threadsCpu(events: TraceEvent[], ms: number): string {
  const mark = events.find((e) => e.name === 'scroll' && e.cat.includes('user_timing'));
  if (!mark) return '';
  const names = new Map<string, string>();
  for (const e of events)
    if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}/${e.tid}`, String(e.args?.name));
  const end = mark.ts + ms * 1000;
  const byThread = new Map<string, { cpu: number; wall: number; until: number }>();
  const sorted = events
    .filter((e) => e.ph === 'X' && e.ts >= mark.ts && e.ts < end)
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  for (const e of sorted) {
    const k = `${e.pid}/${e.tid}`;
    const t = byThread.get(k) ?? { cpu: 0, wall: 0, until: 0 };
    if (e.ts >= t.until) {
      t.cpu += (e.tdur ?? e.dur ?? 0) / 1000;
      t.wall += (e.dur ?? 0) / 1000;
      t.until = e.ts + (e.dur ?? 0);
    }
    byThread.set(k, t);
  }
  return [...byThread]
    .sort((a, b) => b[1].cpu - a[1].cpu)
    .slice(0, 8)
    .map(
      ([k, t]) =>
        `${names.get(k) ?? k}${k === `${mark.pid}/${mark.tid}` ? ' (page)' : ''} ${t.cpu.toFixed(1)}/${t.wall.toFixed(1)}`,
    )
    .join(', ');
}

/** What the page's main thread did while nothing was asked of it: frames, timers, tasks, by name. */
function idleWork(events: TraceEvent[]): string {
  const frames = events.filter((e) => e.name === 'FireAnimationFrame' || e.name === 'BeginMainThreadFrame');
  const main = frames[0] ?? events.find((e) => e.name === 'TimerFire' || e.name === 'FunctionCall');
  if (!main) return 'nothing ran';
  const count = new Map<string, { n: number; ms: number }>();
  for (const e of events) {
    if (e.pid !== main.pid || e.tid !== main.tid || e.ph !== 'X') continue;
    const data = e.args?.data;
    const k = `${e.name} ${(data?.functionName as string | undefined) ?? ''}`.trim();
    const c = count.get(k) ?? { n: 0, ms: 0 };
    c.n++;
    c.ms += (e.tdur ?? e.dur ?? 0) / 1000;
    count.set(k, c);
  }
  return [...count]
    .sort((a, b) => b[1].ms - a[1].ms)
    .slice(0, 15)
    .map(([k, c]) => `  ${k}: ${c.n}×, ${c.ms.toFixed(1)} ms`)
    .join('\n');
}

const phaseMs = (i: number) => (((i + 1) * 0.618034) % 1) * (1000 / 60);

/** One page's jumps (the bench's JUMPS, at the bench's spread of phases), each traced unless times only. */
async function jumpsOn(
  page: Page,
  label: string,
  open: number,
  tracing: boolean,
  out: { timing: JumpTiming; cpu: number; delay: number }[],
): Promise<TraceEvent[]> {
  const cdp = tracing ? await page.context().newCDPSession(page) : undefined;
  let last: TraceEvent[] = [];
  for (const [k, fraction] of JUMPS.entries()) {
    if (k > 0) await page.waitForTimeout(500);
    const arg = [fraction, phaseMs((open + 1) * JUMPS.length + k)] as const;
    let timing: JumpTiming = { ms: NaN, frames: NaN };
    if (cdp)
      last = await trace(cdp, CATEGORIES, async () => {
        timing = await page.evaluate(jumpTo, arg);
        await page.waitForTimeout(200);
      });
    else timing = await page.evaluate(jumpTo, arg);
    const cpu = cdp ? cpuTime(last, timing.ms) : undefined;
    const delay = cdp ? frameDelay(last) : NaN;
    if (k > 0) out.push({ timing, cpu: cpu?.total ?? NaN, delay });
    const parts = cpu ? [...cpu.parts].sort((a, b) => b[1] - a[1]).slice(0, 5) : [];
    process.stdout.write(
      `${label} jump ${k}${k === 0 ? ' (warm-up)' : ''} to ${fraction}: ${timing.ms.toFixed(1)} ms, frame ${timing.frames}` +
        (cpu
          ? `; main thread CPU ${cpu.total.toFixed(1)} ms (${parts.map(([n, v]) => `${n} ${v.toFixed(1)}`).join(', ')}); frame began after ${delay.toFixed(1)} ms`
          : '') +
        '\n',
    );
    if (cdp && process.env.PROFILE_TREE) process.stdout.write(summarize(last, timing.ms) + '\n');
    if (cdp && process.env.PROFILE_JS)
      process.stdout.write(hotFunctions(last, 'scroll', 0, timing.ms, 30) + '\n');
  }
  await cdp?.detach();
  return last;
}

async function main(): Promise<void> {
  const opens = Number(process.argv[2] ?? 3);
  const tracing = process.env.PROFILE_TRACE !== '0';
  const { book, annotations, dataDir } = await writeBookLibrary('book-scroll-profile');
  const pair = await openBrowserPair(dataDir, { live: '#root article.article mark.hl' });
  try {
    const page = pair.gloss;
    const staticUrl = pair.serve(articlePage(book, annotations, pair.cssHref));
    const cdp = await page.context().newCDPSession(page);
    let last: TraceEvent[] = [];
    const gloss: { timing: JumpTiming; cpu: number; delay: number }[] = [];
    const baseline: { timing: JumpTiming; cpu: number; delay: number }[] = [];
    for (let i = 0; i < opens; i++) {
      await page.bringToFront();
      await page.goto(pair.glossUrl);
      await page.waitForSelector('#root article.article mark.hl', { timeout: 120_000 });
      await page.waitForSelector('#root .panel-list > li', { timeout: 120_000 });
      await page.waitForTimeout(300);
      // As the bench does before its jumps (it measures the heap there).
      if (process.env.PROFILE_GC !== '0') await cdp.send('HeapProfiler.collectGarbage');
      if (process.env.PROFILE_IDLE) {
        const idle = await trace(cdp, CATEGORIES, () =>
          page.waitForTimeout(Number(process.env.PROFILE_IDLE)),
        );
        process.stdout.write(
          `\n=== open ${i + 1}: ${process.env.PROFILE_IDLE} ms before the scroll\n${idleWork(idle)}\n`,
        );
      }
      process.stdout.write(`\n=== open ${i + 1}\n`);
      last = await jumpsOn(page, 'gloss', i, tracing, gloss);
      if (tracing)
        process.stdout.write(
          `threads CPU/wall ms (last jump): ${threadsCpu(last, gloss[gloss.length - 1].timing.ms)}\n`,
        );
      // Back to the top, the position saved (the reader's 400 ms debounce), so the next open starts there.
      await page.evaluate(() => {
        document.querySelector('.reader-scroll')!.scrollTop = 0;
      });
      await page.waitForTimeout(500);
      await page.evaluate(() =>
        (
          window as unknown as { gloss: { updateSettings(p: object): Promise<unknown> } }
        ).gloss.updateSettings({
          scroll: {},
        }),
      );
      // The static page's same jumps (reloaded, as the bench does).
      await pair.baseline.bringToFront();
      await pair.baseline.goto(staticUrl, { waitUntil: 'load', timeout: 120_000 });
      await pair.baseline.waitForTimeout(300);
      await jumpsOn(pair.baseline, 'static', i, tracing, baseline);
    }
    const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const fmt = (xs: number[]) => xs.map((x) => x.toFixed(1)).join(' ');
    for (const [name, js] of [
      ['gloss', gloss],
      ['static', baseline],
    ] as const) {
      const ms = js.map((j) => j.timing.ms);
      const first = js.filter((j) => j.timing.frames === 1).length;
      process.stdout.write(
        `\n${name}: ${fmt(ms)}\n  median ${med(ms).toFixed(1)} ms; text in the first frame ${first} of ${js.length}; frames ${js.map((j) => j.timing.frames).join(' ')}\n`,
      );
      if (tracing)
        process.stdout.write(
          `  main thread CPU median ${med(js.map((j) => j.cpu)).toFixed(1)} ms; frame began after median ${med(js.map((j) => j.delay)).toFixed(1)} ms\n`,
        );
    }
    const g = med(gloss.map((j) => j.timing.ms));
    const b = med(baseline.map((j) => j.timing.ms));
    process.stdout.write(`ratio of medians ${(g / b).toFixed(2)}×\n`);
    if (tracing) await writeTraceFile('book-scroll', last);
  } finally {
    await pair.close();
    await removeTempDirs();
  }
}

await main();
