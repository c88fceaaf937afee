/**
 * The end-to-end harness: the built renderer in Chromium, its `window.gloss`
 * wired to a real service (createGloss over a real data folder) through
 * exactly the bridge the preload builds — validated by the same dispatch the
 * Electron IPC handlers use, and the same renderer API (grants for chosen
 * files, the flush before closing) the shell builds. Only the ShellHost
 * differs: dialogs and links are answered by the harness, as the test says.
 *
 * launchApp resolves once the renderer has subscribed to main's events, and
 * `emit` waits for that in the page it reaches (after a reload too): an event
 * is never sent to a page not yet listening. The renderer keeps a menu command
 * that arrives before its shell has mounted (renderer/src/app/mainEvents.ts).
 */
import { createServer, type Server } from 'node:http';
import { mkdtemp, readFile, readdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from '@playwright/test';
import { buildBridge } from '@core/bridge';
import { CHANNEL_NAMES, type GlossEvent, type Request } from '@core/contract';
import { dispatch } from '@core/dispatch';
import { FLUSH_TIMEOUT_MS } from '@core/flush-handshake';
import { createRendererApi } from '@core/renderer-api';
import { createGloss } from '@core/service';
import { chromiumPath } from './find-chromium';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const RENDERER_DIR = join(ROOT, 'out', 'renderer');

export interface Dialogs {
  /** What "choose files to import" answers (default: nothing chosen). */
  importFiles?: string[];
  /** What "save export as" answers; null = the user cancelled (default). */
  exportPath?: string | null;
}

export interface LaunchOptions {
  dataDir?: string;
  seedsDir?: string;
  dialogs?: Dialogs;
  viewport?: { width: number; height: number };
  deviceScaleFactor?: number;
  /** Download saved pages' web pictures at import, as the app does (off by default: tests touch no network). */
  savedPageImages?: boolean;
  /** Slow the page's CPU this many times (CDP), before it loads: start-up races show up at once. */
  cpuThrottle?: number;
  /**
   * Events main sends the moment the page's renderer first subscribes, before React has mounted
   * (a menu item chosen while the window is still starting), on each load of the page.
   */
  earlyEvents?: GlossEvent[];
}

export interface GlossApp {
  page: Page;
  dataDir: string;
  /** Send a main → renderer event (menu command, progress). */
  emit(event: GlossEvent): Promise<void>;
  setDialogs(dialogs: Dialogs): void;
  /** Links the renderer asked the shell to open. */
  externalUrls: string[];
  /** Every chooseExportPath request, as the renderer made it. */
  exportRequests: Request<'chooseExportPath'>[];
  /** The channel of every request the renderer made, in order (how often it asks main for something). */
  requests: string[];
  /**
   * Close the window the way the desktop shell does: ask the renderer to save
   * what is being typed, wait for its answer (bounded), then close.
   */
  closeWindow(): Promise<'flushed' | 'timeout'>;
  /** Uncaught page errors and console errors (CSP violations show up here). */
  errors: string[];
  close(): Promise<void>;
}

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** How long the page may take to subscribe to main's events before launchApp gives up (a hang bound). */
const SUBSCRIBE_TIMEOUT_MS = 60_000;

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/**
 * Module scripts do not load from file:// in plain Chromium (origin "null"),
 * so the built renderer is served from 127.0.0.1 on an ephemeral port.
 */
async function serveRenderer(dir: string): Promise<{ url: string; server: Server }> {
  await stat(join(dir, 'index.html')).catch(() => {
    throw new Error(
      `No built renderer at ${dir}. Run "npm run build" (or "npx vite build --config renderer/vite.config.ts") first.`,
    );
  });
  // Read once per launch and then served from memory, as Electron serves file:// from its own
  // threads: a page load here must not wait on this (busy) process's disk reads, six per start.
  const bodies = new Map<string, Promise<Buffer>>();
  const server = createServer((req, res) => {
    void (async () => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      const file = resolve(dir, `.${path === '/' ? '/index.html' : path}`);
      if (!file.startsWith(dir + sep)) {
        res.writeHead(403).end();
        return;
      }
      try {
        let read = bodies.get(file);
        if (!read) bodies.set(file, (read = readFile(file)));
        const body = await read.catch((err) => {
          bodies.delete(file);
          throw err;
        });
        res
          .writeHead(200, {
            'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
            'Cache-Control': 'no-store',
          })
          .end(body);
      } catch {
        res.writeHead(404).end('Not found');
      }
    })();
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const addr = server.address();
  if (!addr || typeof addr === 'string') throw new Error('The renderer server has no port.');
  return { url: `http://127.0.0.1:${addr.port}/index.html`, server };
}

/** Rebuild the renderer when any of its sources is newer than the build. */
export async function ensureRendererBuilt(): Promise<void> {
  const built = await stat(join(RENDERER_DIR, 'index.html')).then(
    (s) => s.mtimeMs,
    () => 0,
  );
  const newest = await newestMtime(join(ROOT, 'renderer'));
  if (built >= newest) return;
  const { build } = await import('vite');
  await build({ configFile: join(ROOT, 'renderer', 'vite.config.ts'), logLevel: 'warn' });
}

async function newestMtime(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? await newestMtime(p) : (await stat(p)).mtimeMs);
  }
  return newest;
}

/** Until the renderer has subscribed to main's events (bounded, so a renderer that never starts fails clearly). */
async function listening(page: Page): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const never = new Promise<never>((_, fail) => {
    timer = setTimeout(
      () =>
        fail(
          new Error(
            `The renderer did not subscribe to main's events within ${SUBSCRIBE_TIMEOUT_MS / 1000} s.`,
          ),
        ),
      SUBSCRIBE_TIMEOUT_MS,
    );
  });
  try {
    await Promise.race([
      page.evaluate(() => (window as unknown as { __glossListening: Promise<void> }).__glossListening),
      never,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

export async function launchApp(options: LaunchOptions = {}): Promise<GlossApp> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'gloss-e2e-')));
  let dialogs: Dialogs = { ...options.dialogs };
  const externalUrls: string[] = [];
  const exportRequests: Request<'chooseExportPath'>[] = [];
  const requests: string[] = [];
  const errors: string[] = [];

  const { url, server } = await serveRenderer(RENDERER_DIR);
  let browser: Browser | undefined;
  let service: Awaited<ReturnType<typeof createGloss>> | undefined;
  try {
    browser = await chromium.launch({
      executablePath: await chromiumPath(),
      headless: true,
      args: CHROMIUM_ARGS,
    });
    const context = await browser.newContext({
      viewport: options.viewport ?? { width: 1280, height: 860 },
      deviceScaleFactor: options.deviceScaleFactor ?? 1,
      locale: 'en-GB',
      // Copy with citation writes the clipboard; tests read it back.
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    const page = await context.newPage();
    page.on('pageerror', (e) =>
      errors.push(`pageerror: ${e.message}${process.env.GLOSS_DEBUG ? `\n${e.stack}` : ''}`),
    );
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`console: ${m.text()}`);
    });

    // Sent once the page's renderer listens (a promise the bridge's subscribe resolves, per page load).
    const emit = async (event: GlossEvent) => {
      await page.evaluate(async (e) => {
        const w = window as unknown as {
          __glossListening: Promise<void>;
          __glossListeners?: Set<(e: unknown) => void>;
        };
        await w.__glossListening;
        for (const l of w.__glossListeners ?? []) l(e);
      }, event);
    };

    service = await createGloss({
      dataDir,
      seedsDir: options.seedsDir,
      ...(options.savedPageImages ? { savedPageImages: {} } : {}),
      onEvent: (e) => void emit(e).catch(() => undefined),
    });
    const api = createRendererApi(service, {
      chooseImportFiles: async () => dialogs.importFiles ?? [],
      chooseExportPath: async (req) => {
        exportRequests.push(req);
        return dialogs.exportPath ?? null;
      },
      openExternal: async (url) => {
        externalUrls.push(url);
      },
      send: (e) => void emit(e).catch(() => undefined),
    });
    const live = service;
    // The transport: Electron's IPC copies results with structured clone; here
    // they cross as JSON text, which Playwright passes through untouched (its own
    // object serialisation takes seconds for a book-sized article).
    await page.exposeBinding('__glossTransport', async (_source, channel: unknown, request: unknown) => {
      requests.push(String(channel));
      return JSON.stringify(await dispatch(api, channel, request));
    });
    await page.addInitScript({
      content: 'window.__glossInvoke = async (c, r) => JSON.parse(await window.__glossTransport(c, r));',
    });
    // tsx (esbuild keepNames) wraps named functions in __name(); functions that
    // scripts run under tsx pass to page.evaluate need it defined in the page.
    await page.addInitScript({ content: 'globalThis.__name ??= (f) => f;' });
    // The first subscription resolves __glossListening and, after the subscribing script's
    // synchronous part (a microtask), sends the early events.
    await page.addInitScript({
      content: `window.__glossListening = new Promise((ok) => { window.__glossListened = () => { ok(); const early = window.__glossEarly.splice(0); if (early.length) queueMicrotask(() => { for (const e of early) for (const l of window.__glossListeners) l(e); }); }; }); window.__glossEarly = ${JSON.stringify(options.earlyEvents ?? [])};`,
    });
    await page.addInitScript({
      content: `window.gloss = (${buildBridge.toString()})(${JSON.stringify(CHANNEL_NAMES)}, (c, r) => window.__glossInvoke(c, r), (l) => { (window.__glossListeners ??= new Set()).add(l); window.__glossListened(); return () => window.__glossListeners.delete(l); });`,
    });
    if (options.cpuThrottle) {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: options.cpuThrottle });
    }
    await page.goto(url);
    await listening(page);

    let closed = false;
    const close = async () => {
      if (closed) return;
      closed = true;
      await browser?.close();
      await live.close();
      await new Promise((ok) => server.close(ok));
    };
    return {
      page,
      dataDir,
      emit,
      setDialogs: (d) => {
        dialogs = { ...dialogs, ...d };
      },
      externalUrls,
      exportRequests,
      requests,
      errors,
      async closeWindow() {
        const outcome = await api.flushDrafts(FLUSH_TIMEOUT_MS);
        await close();
        return outcome;
      },
      close,
    };
  } catch (err) {
    await browser?.close().catch(() => undefined);
    await service?.close().catch(() => undefined);
    server.close();
    throw err;
  }
}
