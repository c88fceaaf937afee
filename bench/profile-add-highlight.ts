/**
 * Where the add-highlight frame goes: the bench's book (500k words, 5,000
 * highlights) open in Gloss, scrolled to the middle; a few H presses, each
 * traced through CDP (Chromium's timeline). Prints, per press, the time to
 * the new <mark> painted and the renderer main thread's top-level work in
 * that interval; the last trace is written to the temp folder (open it in
 * the DevTools Performance panel). Build the renderer unminified first for
 * readable names: `npx vite build --config renderer/vite.config.ts --minify false`.
 *
 *   node --import tsx bench/profile-add-highlight.ts [presses]
 *   PROFILE_JS=1      also V8's sampler: self and inclusive time per function, press → paint
 *   PROFILE_FROM=1 PROFILE_AFTER=400   that window moved to the paint → 400 ms after it
 *   PANEL_HIDDEN=1    with the side panel hidden (Ctrl+\)
 *   WITH_STATIC=1     the static book open in a second tab, a mark wrapped there before each press (as the bench)
 *   PROFILE_KEY=1     V8's sampler through the Profiler domain (50 µs), press → paint, summed over the presses
 *   PHASES_ONLY=1     one line per press: key task, wait for the frame, frame, tasks before the probe
 */
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { removeTempDirs } from './lib/big-store';
import { openBrowserPair } from './lib/browser';
import { writeBookLibrary } from './lib/book-session';
import { plainParagraphNearMiddle, selectPlainRun } from './lib/book-steps';
import { articlePage } from './lib/static-html';
import {
  hotFunctions,
  sliceTree,
  trace,
  traceCategories,
  writeTraceFile,
  type TraceEvent,
} from './lib/trace';

const CATEGORIES = traceCategories(
  process.env.TRACE_ALL ? ['cc', 'disabled-by-default-cc.debug.scheduler.frames', 'viz'] : [],
);

/** Select 20 characters of a visible plain run (as the bench does), wait for the toolbar, then let the page settle. */
async function select(page: Page, i: number): Promise<{ rel: number }> {
  const { rel } = await page.evaluate(selectPlainRun, i);
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 50))));
  return { rel };
}

/** In the static page: wrap 20 characters of a paragraph near the middle of the view in a <mark>, as the bench's baseline. */
async function wrapStaticMark(page: Page, i: number): Promise<void> {
  const n = await page.evaluate(plainParagraphNearMiddle, i);
  await page.evaluate((n) => {
    const p = document.querySelectorAll('article p.b-paragraph')[n];
    const range = document.createRange();
    range.setStart(p.firstChild!, 3);
    range.setEnd(p.firstChild!, 23);
    const mark = document.createElement('mark');
    mark.className = 'hl hl-yellow';
    range.surroundContents(mark);
    return new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0)));
  }, n);
}

/** Press H; resolves with ms from the key to the frame after the new mark appeared. */
async function press(page: Page, rel: number, profile = false): Promise<number> {
  return page.evaluate(
    ([rel, profile]) =>
      new Promise<number>((resolve) => {
        const w = window as unknown as { __afterPaint(cb: (t: number) => void): void };
        const mo = new MutationObserver(() => {
          if (document.querySelector(`article mark[data-offset="${rel}"]`)) {
            mo.disconnect();
            w.__afterPaint((t) => {
              if (profile) console.profileEnd('press');
              resolve(t - t0);
            });
          }
        });
        mo.observe(document.querySelector('article')!, { childList: true, subtree: true, attributes: true });
        performance.mark('press');
        if (profile) console.profile('press');
        const t0 = performance.now();
        window.dispatchEvent(new KeyboardEvent('keydown', { key: 'h', bubbles: true }));
      }),
    [rel, profile] as const,
  );
}

/** The renderer main thread's slices from the press mark to the paint (+2 ms), as a tree of depth ≤ 2, those of 0.5 ms or more. */
function summarize(events: TraceEvent[], ms: number): string {
  return sliceTree(events, 'press', ms, {
    maxDepth: 2,
    minMs: 0.5,
    label: (e) => {
      const data = e.args?.data;
      return (
        (data?.functionName as string | undefined) ??
        (data?.type as string | undefined) ??
        (data?.url ? String(data.url).split('/').pop() : '') ??
        ''
      );
    },
  });
}

/**
 * The press → paint interval cut into phases: the key's task (handlers, React's render and commit,
 * layout effects), the wait for the frame, the frame's task (rAF callbacks, style, layout, paint,
 * commit), and the tasks run after it before the paint probe's message (with their names).
 */
function phases(events: TraceEvent[], ms: number): string {
  const mark = events.find((e) => e.name === 'press' && e.cat.includes('user_timing'));
  if (!mark) return '(no press mark)';
  const top = events
    .filter((e) => e.pid === mark.pid && e.tid === mark.tid && e.ph === 'X' && e.name === 'RunTask')
    .sort((a, b) => a.ts - b.ts);
  const end = mark.ts + ms * 1000;
  const key = top.find((e) => e.ts <= mark.ts && e.ts + (e.dur ?? 0) >= mark.ts);
  const keyEnd = key ? key.ts + (key.dur ?? 0) : mark.ts;
  const inside = (t: TraceEvent, name: string) =>
    events.some(
      (e) =>
        e.name === name && e.pid === t.pid && e.tid === t.tid && e.ts >= t.ts && e.ts <= t.ts + (t.dur ?? 0),
    );
  const frame = top.find((e) => e.ts >= keyEnd && e.ts < end && inside(e, 'Paint'));
  const frameEnd = frame ? frame.ts + (frame.dur ?? 0) : keyEnd;
  const between = top.filter((e) => e.ts >= keyEnd && e.ts < (frame?.ts ?? end) && (e.dur ?? 0) > 100);
  const after = top.filter((e) => e.ts >= frameEnd && e.ts < end);
  const label = (t: TraceEvent) => {
    const child = events.find(
      (e) =>
        e.pid === t.pid &&
        e.tid === t.tid &&
        e.ph === 'X' &&
        e.ts >= t.ts &&
        e.ts < t.ts + (t.dur ?? 0) &&
        e !== t &&
        e.name !== 'RunTask',
    );
    const d = child?.args?.data;
    return `${child?.name ?? '?'}${d?.type ? ':' + String(d.type) : ''}${d?.functionName ? ':' + String(d.functionName) : ''} ${((t.dur ?? 0) / 1000).toFixed(1)}`;
  };
  const f = (us: number) => (us / 1000).toFixed(1);
  return (
    `phases: key ${f(keyEnd - mark.ts)} (cpu ${f(key?.tdur ?? 0)}) | before frame ${between.map(label).join(', ') || '-'} | wait ${f((frame?.ts ?? keyEnd) - keyEnd)}` +
    ` | frame ${frame ? `${f(frame.dur ?? 0)} (cpu ${f(frame.tdur ?? 0)})` : '?'} | after ${after.map(label).join(', ') || '-'} | total ${ms.toFixed(1)}`
  );
}

/** Self and inclusive time per function from the V8 sampler's trace events, from the press to the paint. */
interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
  }[];
  samples: number[];
  timeDeltas: number[];
}
interface Totals {
  self: Map<string, number>;
  incl: Map<string, number>;
}

/** Adds a Profiler-domain profile (press → paint) to per-function self and inclusive totals. */
function addProfile(t: Totals, p: CpuProfile): void {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const name = (id: number) => {
    const f = byId.get(id)!.callFrame;
    return `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
  };
  p.samples.forEach((id, i) => {
    const us = p.timeDeltas[i + 1] ?? 0;
    t.self.set(name(id), (t.self.get(name(id)) ?? 0) + us);
    const seen = new Set<string>();
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
      const k = name(n);
      if (!seen.has(k)) t.incl.set(k, (t.incl.get(k) ?? 0) + us);
      seen.add(k);
    }
  });
}

function printProfile(t: Totals, presses: number): string {
  const top = (m: Map<string, number>, k: number) =>
    [...m]
      .filter(([f]) => !f.startsWith('(idle)') && !f.startsWith('(root)'))
      .sort((a, b) => b[1] - a[1])
      .slice(0, k)
      .map(([f, us]) => `${(us / 1000 / presses).toFixed(2).padStart(7)} ms  ${f}`)
      .join('\n');
  return `--- per press, press → paint (Profiler, 50 µs)\n--- self\n${top(t.self, 25)}\n--- inclusive\n${top(t.incl, 70)}`;
}

async function main(): Promise<void> {
  const presses = Number(process.argv[2] ?? 3);
  const { book, annotations, dataDir } = await writeBookLibrary('book-profile');
  const pair = await openBrowserPair(dataDir, { live: '#root article.article mark.hl' });
  try {
    const page = pair.gloss;
    // The bench keeps the static book open in a second tab (and wraps a mark there between presses).
    const withStatic = !!process.env.WITH_STATIC;
    if (withStatic) {
      await pair.baseline.goto(pair.serve(articlePage(book, annotations, pair.cssHref)));
      await pair.baseline.waitForLoadState('load');
      await pair.baseline.evaluate(() => {
        const el = document.querySelector('.reader-scroll') as HTMLElement;
        el.scrollTop = (el.scrollHeight - el.clientHeight) / 2;
      });
    } else await pair.baseline.close(); // a page behind another gets its frames throttled
    await page.bringToFront();
    await page.goto(pair.glossUrl);
    await page.waitForSelector('#root article.article mark.hl', { timeout: 120_000 });
    await page.waitForSelector('#root .panel-list > li', { timeout: 120_000 });
    await page.waitForTimeout(500);
    await page.evaluate(() => {
      const el = document.querySelector('.reader-scroll') as HTMLElement;
      el.scrollTop = (el.scrollHeight - el.clientHeight) / 2;
    });
    if (process.env.PANEL_HIDDEN) {
      await page.keyboard.press('Control+Backslash');
      await page.waitForSelector('#annotations-panel', { state: 'detached' });
    }
    await page.waitForTimeout(1000);
    process.stdout.write(
      `DOM: ${await page.evaluate(() => {
        const n = (s: string) => document.querySelectorAll(s).length;
        return `${n('*')} elements, panel ${n('#annotations-panel *')}, items ${n('.panel-item')}, options ${n('#annotations-panel option')}, article ${n('article *')}, ol ${document.querySelector('.panel-list')?.clientHeight}/${document.querySelector('.panel-list')?.scrollHeight}, panel ${document.querySelector('.panel')?.clientHeight}`;
      })}\n`,
    );
    const cdp = await page.context().newCDPSession(page);
    let last: TraceEvent[] = [];
    const keyProfile: Totals = { self: new Map(), incl: new Map() };
    for (let i = 0; i < presses; i++) {
      if (withStatic) {
        await pair.baseline.bringToFront();
        await wrapStaticMark(pair.baseline, i);
        await page.bringToFront();
      }
      const { rel } = await select(page, i + 1);
      let ms = 0;
      if (process.env.PROFILE_KEY) {
        // console.profile()/profileEnd() in the page bound the profile to press → paint exactly.
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
        const finished = new Promise<CpuProfile>((ok) =>
          cdp.once('Profiler.consoleProfileFinished', (e) => ok(e.profile as unknown as CpuProfile)),
        );
        ms = await press(page, rel, true);
        addProfile(keyProfile, await finished);
      } else
        last = await trace(cdp, CATEGORIES, async () => {
          ms = await press(page, rel);
          await page.waitForTimeout(200);
        });
      process.stdout.write(`\n=== press ${i + 1}: painted after ${ms.toFixed(1)} ms\n`);
      if (process.env.PROFILE_KEY) {
        await page.waitForTimeout(1500);
        continue;
      }
      process.stdout.write(phases(last, ms) + '\n');
      if (process.env.TRACE_ALL)
        await writeFile(
          join(tmpdir(), `gloss-add-highlight-trace-${i + 1}.json`),
          JSON.stringify({ traceEvents: last }),
        );
      if (!process.env.PHASES_ONLY) process.stdout.write(summarize(last, ms) + '\n');
      if (process.env.PROFILE_JS)
        process.stdout.write(
          hotFunctions(
            last,
            'press',
            ms * Number(process.env.PROFILE_FROM ?? 0),
            ms + Number(process.env.PROFILE_AFTER ?? 0),
            45,
          ) + '\n',
        );
      await page.waitForTimeout(1500); // the save and the panel's deferred render
    }
    if (process.env.PROFILE_KEY) process.stdout.write(printProfile(keyProfile, presses) + '\n');
    await writeTraceFile('add-highlight', last);
  } finally {
    await pair.close();
    await removeTempDirs();
  }
}

await main();
