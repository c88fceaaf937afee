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
 */
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession, Page } from '@playwright/test';
import { openStore } from '@core/store/index';
import { benchTempDir, removeTempDirs, writeLibrary } from './lib/big-store';
import { openBrowserPair } from './lib/browser';
import { RandomText } from './lib/random-text';
import { syntheticAnnotations, syntheticArticle } from './lib/synthetic';
import { BOOK_HIGHLIGHTS, BOOK_WORDS } from './lib/book-session';

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  id?: string;
  args?: Record<string, unknown> & { data?: Record<string, unknown> };
}

const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-devtools.timeline.frame',
  'v8.execute',
  'blink.user_timing',
  ...(process.env.PROFILE_JS ? ['disabled-by-default-v8.cpu_profiler'] : []),
].join(',');

async function trace(cdp: CDPSession, run: () => Promise<unknown>): Promise<TraceEvent[]> {
  const events: TraceEvent[] = [];
  const collect = (e: { value: object[] }) => events.push(...(e.value as TraceEvent[]));
  cdp.on('Tracing.dataCollected', collect);
  await cdp.send('Tracing.start', { categories: CATEGORIES, transferMode: 'ReportEvents' });
  await run();
  const done = new Promise<void>((ok) => cdp.once('Tracing.tracingComplete', () => ok()));
  await cdp.send('Tracing.end');
  await done;
  cdp.off('Tracing.dataCollected', collect);
  return events;
}

/** Select 20 characters of a visible plain run (as the bench does) and wait for the toolbar. */
async function select(page: Page, i: number): Promise<{ rel: number }> {
  return page.evaluate(async (i) => {
    const view = document.querySelector('.reader-scroll')!.getBoundingClientRect();
    const spans = [
      ...document.querySelectorAll('article p.b-paragraph > span[data-offset]'),
    ] as HTMLElement[];
    const visible = spans.filter((s) => {
      const r = s.getBoundingClientRect();
      return r.top > view.top + 80 && r.bottom < view.bottom - 40 && (s.textContent ?? '').length > 40;
    });
    const span = visible[i % visible.length] ?? visible[0];
    if (!span) throw new Error('no plain run in view');
    const range = document.createRange();
    range.setStart(span.firstChild!, 3);
    range.setEnd(span.firstChild!, 23);
    const sel = document.getSelection()!;
    sel.removeAllRanges();
    sel.addRange(range);
    await new Promise<void>((ok) => {
      const poll = () => (document.querySelector('[role="toolbar"]') ? ok() : requestAnimationFrame(poll));
      poll();
    });
    await new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 50)));
    return { rel: Number(span.dataset.offset) + 3 };
  }, i);
}

/** Press H; resolves with ms from the key to the frame after the new mark appeared. */
async function press(page: Page, rel: number): Promise<number> {
  return page.evaluate(
    (rel) =>
      new Promise<number>((resolve) => {
        const w = window as unknown as { __afterPaint(cb: (t: number) => void): void };
        const mo = new MutationObserver(() => {
          if (document.querySelector(`article mark[data-offset="${rel}"]`)) {
            mo.disconnect();
            w.__afterPaint((t) => resolve(t - t0));
          }
        });
        mo.observe(document.querySelector('article')!, { childList: true, subtree: true, attributes: true });
        performance.mark('press');
        const t0 = performance.now();
        window.dispatchEvent(new KeyboardEvent('keydown', { key: 'h', bubbles: true }));
      }),
    rel,
  );
}

/** The renderer main thread's top-level slices from the press mark on, summed by name. */
function summarize(events: TraceEvent[], ms: number): string {
  const mark = events.find((e) => e.name === 'press' && e.cat.includes('user_timing'));
  if (!mark) return '(no press mark in trace)';
  const main = events.filter((e) => e.pid === mark.pid && e.tid === mark.tid && e.ph === 'X');
  const end = mark.ts + ms * 1000 + 2000;
  const inWindow = main
    .filter((e) => e.ts + (e.dur ?? 0) >= mark.ts && e.ts <= end)
    .sort((a, b) => a.ts - b.ts);
  // Nested slices: keep a stack to print a tree of depth ≤ 3 for slices ≥ 0.3 ms.
  const lines: string[] = [];
  const stack: TraceEvent[] = [];
  for (const e of inWindow) {
    while (stack.length && stack[stack.length - 1].ts + (stack[stack.length - 1].dur ?? 0) <= e.ts)
      stack.pop();
    const depth = stack.length;
    stack.push(e);
    const dur = (e.dur ?? 0) / 1000;
    if (depth > 2 || dur < 0.5) continue;
    const data = e.args?.data;
    const what =
      (data?.functionName as string | undefined) ??
      (data?.type as string | undefined) ??
      (data?.url ? String(data.url).split('/').pop() : '');
    lines.push(
      `${((e.ts - mark.ts) / 1000).toFixed(1).padStart(7)} ms ${'  '.repeat(depth)}${e.name} ${dur.toFixed(1)} ms ${what ?? ''}`,
    );
  }
  return lines.join('\n');
}

/** Self and inclusive time per function from the V8 sampler's trace events, from the press to the paint. */
function hotFunctions(events: TraceEvent[], ms: number): string {
  type Frame = { functionName: string; url?: string; lineNumber: number };
  type Node = { id: number; callFrame: Frame; parent?: number };
  const mark = events.find((e) => e.name === 'press' && e.cat.includes('user_timing'));
  const profile = events.find((e) => e.name === 'Profile' && e.pid === mark?.pid && e.tid === mark?.tid);
  if (!mark || !profile) return '(no profile)';
  const nodes = new Map<number, Node>();
  let t = Number((profile.args?.data as { startTime?: number })?.startTime ?? profile.ts);
  const self = new Map<number, number>();
  for (const e of events) {
    if (e.name !== 'ProfileChunk' || e.pid !== mark.pid || e.id !== profile.id) continue;
    const data = e.args?.data as {
      cpuProfile?: { nodes?: Node[]; samples?: number[] };
      timeDeltas?: number[];
    };
    for (const n of data?.cpuProfile?.nodes ?? []) nodes.set(n.id, n);
    const deltas = data?.timeDeltas ?? [];
    (data?.cpuProfile?.samples ?? []).forEach((id, i) => {
      t += deltas[i] ?? 0;
      if (
        t >= mark.ts + ms * 1000 * Number(process.env.PROFILE_FROM ?? 0) &&
        t <= mark.ts + ms * 1000 + Number(process.env.PROFILE_AFTER ?? 0) * 1000
      )
        self.set(id, (self.get(id) ?? 0) + (deltas[i + 1] ?? 0));
    });
  }
  const name = (n: Node) =>
    `${n.callFrame.functionName || '(anonymous)'} ${(n.callFrame.url ?? '').split('/').pop()}:${n.callFrame.lineNumber + 1}`;
  const selfBy = new Map<string, number>();
  const inclBy = new Map<string, number>();
  for (const [id, us] of self) {
    let n = nodes.get(id);
    if (!n) continue;
    selfBy.set(name(n), (selfBy.get(name(n)) ?? 0) + us);
    const seen = new Set<string>();
    while (n) {
      const k = name(n);
      if (!seen.has(k)) inclBy.set(k, (inclBy.get(k) ?? 0) + us);
      seen.add(k);
      n = n.parent !== undefined ? nodes.get(n.parent) : undefined;
    }
  }
  const top = (m: Map<string, number>, k: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, k)
      .map(([f, us]) => `${(us / 1000).toFixed(1).padStart(7)} ms  ${f}`)
      .join('\n');
  return `--- self\n${top(selfBy, 20)}\n--- inclusive\n${top(inclBy, 45)}`;
}

async function main(): Promise<void> {
  const presses = Number(process.argv[2] ?? 3);
  const rt = new RandomText(0xb00c);
  const book = syntheticArticle(rt, 1, BOOK_WORDS, 120);
  const annotations = syntheticAnnotations(rt, book, BOOK_HIGHLIGHTS);
  const dataDir = await benchTempDir('book-profile');
  await writeLibrary(dataDir, { articles: [book], annotations: new Map([[book.id, annotations]]) });
  const store = await openStore(dataDir);
  await store.updateSettings({ lastArticleId: book.id });
  await store.close();
  const pair = await openBrowserPair(dataDir, { live: '#root article.article mark.hl' });
  try {
    const page = pair.gloss;
    await pair.baseline.close(); // a page behind another gets its frames throttled
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
    for (let i = 0; i < presses; i++) {
      const { rel } = await select(page, i + 1);
      let ms = 0;
      last = await trace(cdp, async () => {
        ms = await press(page, rel);
        await page.waitForTimeout(200);
      });
      process.stdout.write(`\n=== press ${i + 1}: painted after ${ms.toFixed(1)} ms\n`);
      process.stdout.write(summarize(last, ms) + '\n');
      if (process.env.PROFILE_JS) process.stdout.write(hotFunctions(last, ms) + '\n');
      await page.waitForTimeout(1500); // the save and the panel's deferred render
    }
    const file = join(tmpdir(), 'gloss-add-highlight-trace.json');
    await writeFile(file, JSON.stringify({ traceEvents: last }));
    process.stdout.write(`trace: ${file}\n`);
  } finally {
    await pair.close();
    await removeTempDirs();
  }
}

await main();
