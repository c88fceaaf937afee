/**
 * Gloss in Chromium through the e2e harness (tests/harness/launchApp.ts: the
 * built renderer, window.gloss bound to a real service), plus a second page in
 * the same browser context for the static baseline, served from 127.0.0.1 like
 * the app. Paint times come from inside the page: a MutationObserver notes when
 * an element first matches, then a requestAnimationFrame and a message-channel
 * task after it (i.e. after that frame has been produced). The page reports each
 * time in a console message, so waiting for it runs nothing in the page: a
 * `waitForFunction` would evaluate Playwright's injected script there (40–65 ms
 * of compile under load), inside the very interval being timed on whichever
 * page had not painted yet — most often the slower one.
 */
import { createServer, type Server } from 'node:http';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';

export interface BrowserPair {
  gloss: Page;
  /** The app's own URL (reload target). */
  glossUrl: string;
  baseline: Page;
  /** Serves `html` at a fresh path and returns its URL. */
  serve(html: string): string;
  cssHref: string;
  close(): Promise<void>;
}

/** The console message a paint probe sends: this prefix, the key, the time. */
const PAINT_MESSAGE = '__gloss_paint';

/** Paint times each page's current document has reported, and who waits for them. */
const reported = new WeakMap<Page, { times: Map<string, number>; waiting: Map<string, () => void> }>();

/** Collects the paint probe's console messages of `page`. */
function listenForPaints(page: Page): void {
  const state = { times: new Map<string, number>(), waiting: new Map<string, () => void>() };
  reported.set(page, state);
  page.on('console', (m) => {
    if (m.type() !== 'debug' || !m.text().startsWith(PAINT_MESSAGE)) return;
    const [, key, ms] = m.text().split(' ');
    state.times.set(key, Number(ms));
    state.waiting.get(key)?.();
  });
  // A new document's paints only (CDP delivers the old document's messages before this event).
  page.on('framenavigated', (f) => {
    if (f === page.mainFrame()) state.times.clear();
  });
}

/** Installs `window.__paint[key] = ms` (since navigation start) for each selector, first time it is painted. */
export function paintProbe(selectors: Record<string, string>): string {
  return `(() => {
    const wanted = ${JSON.stringify(selectors)};
    const seen = {};
    window.__paint = {};
    window.__afterPaint = (cb) => requestAnimationFrame(() => { const ch = new MessageChannel(); ch.port1.onmessage = () => cb(performance.now()); ch.port2.postMessage(0); });
    const check = () => {
      let pending = false;
      for (const k of Object.keys(wanted)) {
        if (seen[k]) continue;
        if (document.querySelector(wanted[k])) { seen[k] = true; window.__afterPaint((t) => { window.__paint[k] = t; console.debug(${JSON.stringify(PAINT_MESSAGE)}, k, t); }); }
        else pending = true;
      }
      if (!pending) mo.disconnect();
    };
    const mo = new MutationObserver(check);
    mo.observe(document, { childList: true, subtree: true });
  })();`;
}

export async function waitPaint(page: Page, key: string, timeout = 120_000): Promise<number> {
  const state = reported.get(page);
  if (state) {
    if (!state.times.has(key)) {
      let timer: NodeJS.Timeout | undefined;
      await new Promise<void>((ok, fail) => {
        state.waiting.set(key, ok);
        timer = setTimeout(() => fail(new Error(`"${key}" was not painted within ${timeout} ms.`)), timeout);
      }).finally(() => {
        clearTimeout(timer);
        state.waiting.delete(key);
      });
    }
    return state.times.get(key)!;
  }
  const handle = await page.waitForFunction(
    (k) => (window as unknown as { __paint?: Record<string, number> }).__paint?.[k],
    key,
    { timeout, polling: 20 },
  );
  return (await handle.jsonValue()) as number;
}

async function appCss(rendererDir: string): Promise<string> {
  const assets = path.join(rendererDir, 'assets');
  const names = (await readdir(assets)).filter((n) => n.endsWith('.css'));
  return (await Promise.all(names.map((n) => readFile(path.join(assets, n), 'utf8')))).join('\n');
}

/** Launches Gloss on `dataDir` and a baseline page beside it; both get the paint probe. */
export async function openBrowserPair(
  dataDir: string,
  selectors: Record<string, string>,
): Promise<BrowserPair> {
  const { ensureRendererBuilt, launchApp, RENDERER_DIR } = await import('../../tests/harness/launchApp');
  await ensureRendererBuilt();
  const css = await appCss(RENDERER_DIR);
  const pages = new Map<string, string>();
  const server: Server = createServer((req, res) => {
    const url = req.url ?? '/';
    if (url === '/app.css')
      return void res
        .writeHead(200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'no-store' })
        .end(css);
    const html = pages.get(url);
    if (html === undefined) return void res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(html);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as { port: number }).port;
  const app = await launchApp({ dataDir });
  try {
    const probe = paintProbe(selectors);
    await app.page.addInitScript({ content: probe });
    const baseline = await app.page.context().newPage();
    await baseline.addInitScript({ content: probe });
    // As launchApp does for Gloss's page: tsx wraps named functions passed to `evaluate` in __name().
    await baseline.addInitScript({ content: 'globalThis.__name ??= (f) => f;' });
    listenForPaints(app.page);
    listenForPaints(baseline);
    let n = 0;
    return {
      gloss: app.page,
      glossUrl: app.page.url(),
      baseline,
      cssHref: '/app.css',
      serve(html) {
        const p = `/static-${n++}.html`;
        pages.set(p, html);
        return `http://127.0.0.1:${port}${p}`;
      },
      async close() {
        if (app.errors.length > 0)
          process.stderr.write(`  page errors: ${app.errors.slice(0, 3).join(' | ')}\n`);
        await app.close();
        await new Promise((ok) => server.close(ok));
      },
    };
  } catch (err) {
    await app.close();
    server.close();
    throw err;
  }
}

/** Navigates (or reloads) and returns ms from navigation start to the keyed element painted. */
export async function navigateAndTime(page: Page, url: string, key: string): Promise<number> {
  await page.bringToFront(); // both pages share a browser: the one behind gets its frames throttled
  await page.goto(url, { waitUntil: 'commit' });
  return waitPaint(page, key);
}
