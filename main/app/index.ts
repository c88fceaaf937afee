/**
 * The Electron shell: single-instance lock, the window, the menu, dialogs and
 * IPC registration. Everything it serves comes from the plain-Node service.
 */
import { join, resolve } from 'node:path';
import { app, BrowserWindow, dialog, Menu, protocol } from 'electron';
import type { ExportFormat, GlossEvent, ImportKind, MenuCommand } from '../core/contract';
import { EVENT_CHANNEL } from '../core/channels';
import { FLUSH_TIMEOUT_MS } from '../core/flush-handshake';
import { createRendererApi, type RendererApi, type ShellHost } from '../core/renderer-api';
import { defaultDataDir, SOURCE_SEEDS_DIR } from '../core/paths';
import { createGloss, type GlossService } from '../core/service';
import { loadContract } from '../core/dispatch';
import { registerIpc, registerDropGrants } from './ipc';
import { buildMenu } from './menu';
import { hardenSessions, openExternalSafely } from './security';
import { isAppPage, isExternalHttpUrl } from '../core/security-policy';
import { loadWindowState, trackWindowState } from './window-state';
import { registerAssetProtocol, ASSET_SCHEME } from './assets';

const dataDirArg = process.argv.find((a) => a.startsWith('--data-dir='))?.slice('--data-dir='.length);
const dataDir = resolve(dataDirArg ?? defaultDataDir());
app.setName('Gloss');
app.setPath('userData', dataDir);

protocol.registerSchemesAsPrivileged([
  { scheme: ASSET_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: false } },
]);

let win: BrowserWindow | null = null;
let gloss: GlossService | null = null;
let api: RendererApi | null = null;

function send(event: GlossEvent): void {
  win?.webContents.send(EVENT_CHANNEL, event);
}

const rendererUrl = process.env.ELECTRON_RENDERER_URL;
const rendererFile = join(import.meta.dirname, '../renderer/index.html');

const FILTERS: Record<ExportFormat, Electron.FileFilter[]> = {
  md: [{ name: 'Markdown', extensions: ['md'] }],
  json: [{ name: 'Web Annotation JSON', extensions: ['json', 'jsonld'] }],
  csv: [{ name: 'CSV', extensions: ['csv'] }],
  readwise: [{ name: 'Readwise CSV', extensions: ['csv'] }],
};

const ALL_FILES: Electron.FileFilter = { name: 'All files', extensions: ['*'] };
const OPEN_DIALOGS: Record<ImportKind, { title: string; filters: Electron.FileFilter[] }> = {
  articles: {
    title: 'Import articles',
    filters: [
      { name: 'Articles', extensions: ['txt', 'html', 'htm', 'md', 'markdown', 'epub', 'pdf'] },
      ALL_FILES,
    ],
  },
  highlights: {
    title: 'Import highlights',
    filters: [
      {
        name: 'Highlights (Kindle, Readwise, Hypothesis, KOReader, Calibre, Zotero)',
        extensions: ['txt', 'csv', 'json', 'lua', 'calibre_highlights'],
      },
      ALL_FILES,
    ],
  },
  markdown: {
    title: 'Sync from Markdown',
    filters: [{ name: 'Markdown', extensions: ['md', 'markdown'] }, ALL_FILES],
  },
};

const host: ShellHost = {
  send,
  async chooseImportFiles(kind) {
    const r = await dialog.showOpenDialog(win!, {
      ...OPEN_DIALOGS[kind],
      properties: kind === 'markdown' ? ['openFile'] : ['openFile', 'multiSelections'],
    });
    return r.canceled ? [] : r.filePaths;
  },
  async chooseExportPath({ defaultName, format }) {
    const r = await dialog.showSaveDialog(win!, {
      title: 'Export notes',
      defaultPath: join(app.getPath('documents'), defaultName),
      filters: FILTERS[format],
    });
    return r.canceled || !r.filePath ? null : r.filePath;
  },
  async openExternal(url) {
    if (isExternalHttpUrl(url)) openExternalSafely(url);
  },
};

async function createWindow(): Promise<void> {
  const state = loadWindowState(dataDir);
  win = new BrowserWindow({
    ...(state.placed ? state.bounds : { width: state.bounds.width, height: state.bounds.height }),
    minWidth: 480,
    minHeight: 360,
    show: false,
    title: 'Gloss',
    backgroundColor: '#faf8f3',
    // WEB_PREFERENCES (core/security-policy.ts), written out so people and scanners
    // can read them here; a unit test keeps the two equal.
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  if (state.maximized) win.maximize();
  trackWindowState(win, dataDir);
  win.once('ready-to-show', () => win?.show());
  // Closing (or quitting) first lets the renderer save what is being typed, then closes for real.
  let flushed = false;
  win.on('close', (event) => {
    if (flushed || !api) return;
    event.preventDefault();
    void api.flushDrafts(FLUSH_TIMEOUT_MS).then(() => {
      flushed = true;
      win?.close();
    });
  });
  win.on('closed', () => (win = null));
  if (rendererUrl) await win.loadURL(rendererUrl);
  else await win.loadFile(rendererFile);
}

async function start(): Promise<void> {
  const ourPage = (url: string | undefined) => isAppPage(url, { devServerUrl: rendererUrl, rendererFile });
  hardenSessions(ourPage);
  try {
    gloss = await createGloss({
      dataDir,
      seedsDir: app.isPackaged ? join(process.resourcesPath, 'seeds') : SOURCE_SEEDS_DIR,
      onEvent: send,
      // Load the search index in the background now, so the first Ctrl/Cmd+K does not wait for it.
      search: { openAtStart: true },
      // A saved page's web pictures are downloaded once, at import, like a fetched page's.
      savedPageImages: {},
    });
  } catch (err) {
    dialog.showErrorBox('Gloss cannot open its library', err instanceof Error ? err.message : String(err));
    app.exit(1);
    return;
  }
  registerAssetProtocol(gloss);
  api = createRendererApi(gloss, host);
  // Only our window's top frame, showing our own page, may call main.
  const trusted = ({ sender, senderFrame }: Electron.IpcMainInvokeEvent) =>
    sender === win?.webContents &&
    senderFrame !== null &&
    senderFrame.parent === null &&
    ourPage(senderFrame.url);
  registerIpc(api, trusted);
  registerDropGrants(api, trusted);
  Menu.setApplicationMenu(buildMenu((command: MenuCommand) => send({ type: 'command', command })));
  // The request schemas (zod) load while the window's page loads in its own process, not before the
  // window is made: the page's first request then finds them ready (core/dispatch.ts says why lazily).
  void loadContract();
  await createWindow();
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.whenReady().then(start);
  app.on('window-all-closed', () => app.quit());
  app.on('activate', () => {
    if (!win && gloss) void createWindow();
  });
  app.on('will-quit', (event) => {
    if (!gloss) return;
    event.preventDefault();
    const closing = gloss;
    gloss = null;
    void closing.close().finally(() => app.quit());
  });
}
