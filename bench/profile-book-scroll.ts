/**
 * Where the book-scroll frame goes: the bench's book (500k words, 5,000
 * highlights) opened in Gloss as the bench opens it (panel listed, 300 ms, a
 * full GC), the static page open behind, then the first scroll to the middle, traced through CDP (Chromium's
 * timeline). Prints, per open, the time to the frame after the scroll and the
 * renderer main thread's work in that interval; the last trace is written to
 * the temp folder (open it in the DevTools Performance panel).
 *
 *   node --import tsx bench/profile-book-scroll.ts [opens]
 *   PROFILE_JS=1      also V8's sampler: self and inclusive time per function, scroll → paint
 *   PROFILE_GC=0      no full garbage collection before the scroll (the bench's heap measure does one)
 *   PROFILE_IDLE=ms   first trace that long with nothing asked of the page, and say what ran
 *   PROFILE_TRACE=0   times only (Gloss's scroll and the static page's, reloaded each time, side by side)
 */
import type { Page } from '@playwright/test';
import { removeTempDirs } from './lib/big-store';
import { openBrowserPair } from './lib/browser';
import { writeBookLibrary } from './lib/book-session';
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

/** Scroll the reader to the middle; resolves with ms to the frame after it (as the bench times it). */
async function scroll(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const w = window as unknown as { __afterPaint(cb: (t: number) => void): void };
        const el = document.querySelector('.reader-scroll') as HTMLElement;
        performance.mark('scroll');
        const t0 = performance.now();
        el.scrollTop = (el.scrollHeight - el.clientHeight) / 2;
        w.__afterPaint((t) => resolve(t - t0));
      }),
  );
}

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

/** Self and inclusive time per function from the V8 sampler's trace events, from the scroll to the paint. */
async function main(): Promise<void> {
  const opens = Number(process.argv[2] ?? 3);
  const tracing = process.env.PROFILE_TRACE !== '0';
  const { book, annotations, dataDir } = await writeBookLibrary('book-scroll-profile');
  const pair = await openBrowserPair(dataDir, { live: '#root article.article mark.hl' });
  try {
    const page = pair.gloss;
    // The static page stays open behind, as in the bench; its scroll is timed after each of Gloss's.
    const staticUrl = pair.serve(articlePage(book, annotations, pair.cssHref));
    await pair.baseline.goto(staticUrl, { waitUntil: 'load', timeout: 120_000 });
    await page.bringToFront();
    const cdp = await page.context().newCDPSession(page);
    let last: TraceEvent[] = [];
    const times = { gloss: [] as number[], baseline: [] as number[] };
    const cpus: number[] = [];
    const walls: number[] = [];
    const staticCpus: number[] = [];
    const delays: number[] = [];
    for (let i = 0; i < opens; i++) {
      await page.bringToFront();
      await page.goto(pair.glossUrl);
      await page.waitForSelector('#root article.article mark.hl', { timeout: 120_000 });
      await page.waitForSelector('#root .panel-list > li', { timeout: 120_000 });
      await page.waitForTimeout(300);
      // As the bench does before its scroll (it measures the heap there).
      if (process.env.PROFILE_GC !== '0') await cdp.send('HeapProfiler.collectGarbage');
      if (process.env.PROFILE_IDLE) {
        const idle = await trace(cdp, CATEGORIES, () =>
          page.waitForTimeout(Number(process.env.PROFILE_IDLE)),
        );
        process.stdout.write(
          `\n=== open ${i + 1}: ${process.env.PROFILE_IDLE} ms before the scroll\n${idleWork(idle)}\n`,
        );
      }
      let ms = 0;
      if (tracing)
        last = await trace(cdp, CATEGORIES, async () => {
          ms = await scroll(page);
          await page.waitForTimeout(200);
        });
      else ms = await scroll(page);
      times.gloss.push(ms);
      process.stdout.write(`\n=== open ${i + 1}: scroll painted after ${ms.toFixed(1)} ms\n`);
      if (tracing) {
        const cpu = cpuTime(last, ms);
        cpus.push(cpu.total);
        const parts = [...cpu.parts].sort((a, b) => b[1] - a[1]).slice(0, 6);
        const wall = [...cpu.wallParts].sort((a, b) => b[1] - a[1]).slice(0, 6);
        process.stdout.write(
          `main thread CPU ${cpu.total.toFixed(1)} ms: ${parts.map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ')}\n` +
            `main thread busy (wall) ${cpu.wall.toFixed(1)} ms: ${wall.map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ')}\n`,
        );
        walls.push(cpu.wall);
        delays.push(frameDelay(last));
        process.stdout.write(`scroll's frame began after ${delays[delays.length - 1].toFixed(1)} ms\n`);
        process.stdout.write(`threads CPU/wall ms: ${threadsCpu(last, ms)}\n`);
      }
      if (tracing) process.stdout.write(summarize(last, ms) + '\n');
      if (tracing && process.env.PROFILE_JS)
        process.stdout.write(hotFunctions(last, 'scroll', 0, ms, 30) + '\n');
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
      // The static page's same scroll (reloaded, as the bench does).
      await pair.baseline.bringToFront();
      await pair.baseline.goto(staticUrl, { waitUntil: 'load', timeout: 120_000 });
      await pair.baseline.waitForTimeout(300);
      if (tracing) {
        const bcdp = await pair.baseline.context().newCDPSession(pair.baseline);
        let bms = 0;
        const events = await trace(bcdp, CATEGORIES, async () => {
          bms = await scroll(pair.baseline);
          await pair.baseline.waitForTimeout(200);
        });
        await bcdp.detach();
        const cpu = cpuTime(events, bms);
        staticCpus.push(cpu.total);
        times.baseline.push(bms);
        process.stdout.write(`static: ${bms.toFixed(1)} ms, main thread CPU ${cpu.total.toFixed(1)} ms\n`);
      } else times.baseline.push(await scroll(pair.baseline));
    }
    const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const fmt = (xs: number[]) => xs.map((x) => x.toFixed(1)).join(' ');
    process.stdout.write(
      `\ngloss ${fmt(times.gloss)}\nstatic ${fmt(times.baseline)}\nmedians ${med(times.gloss).toFixed(1)} / ${med(times.baseline).toFixed(1)} = ${(med(times.gloss) / med(times.baseline)).toFixed(2)}×\n`,
    );
    if (tracing) process.stdout.write(`main thread CPU ${fmt(cpus)}, median ${med(cpus).toFixed(1)} ms\n`);
    if (tracing)
      process.stdout.write(
        `static main thread CPU ${fmt(staticCpus)}, median ${med(staticCpus).toFixed(1)} ms\n`,
      );
    if (tracing)
      process.stdout.write(
        `scroll's frame began after ${fmt(delays)}, median ${med(delays).toFixed(1)} ms\n`,
      );
    if (tracing) process.stdout.write(`main thread busy ${fmt(walls)}, median ${med(walls).toFixed(1)} ms\n`);
    if (tracing) await writeTraceFile('book-scroll', last);
  } finally {
    await pair.close();
    await removeTempDirs();
  }
}

await main();
