/**
 * TEST DOUBLE — a recording stand-in for the `electron` module, so the built
 * shell (out/main/index.js) runs under plain Node in tests/built/shell*.test.ts.
 * Only the resolve hook next to it maps `electron` here; nothing in main/
 * imports this file and it is never built or packaged.
 *
 * It keeps the parts of Electron's behaviour the shell relies on (a prevented
 * 'close' keeps the window open, the last window closed emits
 * 'window-all-closed', a prevented 'will-quit' stops the quit, a second handler
 * for one channel throws) and records every call, so a test can drive events
 * and read what the shell did. State lives on globalThis, so the shell and the
 * test see one recorder even if the module were loaded twice.
 */
import { EventEmitter } from 'node:events';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';

type Handler = (...args: any[]) => any;

export interface Preventable {
  preventDefault(): void;
  readonly defaultPrevented: boolean;
}

export function preventable<T extends object>(extra: T = {} as T): T & Preventable {
  let prevented = false;
  return Object.defineProperties(extra, {
    preventDefault: { value: () => void (prevented = true) },
    defaultPrevented: { get: () => prevented },
  }) as T & Preventable;
}

class Recorder extends EventEmitter {
  /** Every call into the stand-in, in order: [what, ...arguments]. */
  readonly calls: [string, ...unknown[]][] = [];
  readonly windows: FakeBrowserWindow[] = [];
  readonly ipcHandlers = new Map<string, Handler>();
  readonly protocolHandlers = new Map<string, Handler>();
  readonly privilegedSchemes: unknown[] = [];
  readonly openedExternally: string[] = [];
  readonly errorBoxes: [string, string][] = [];
  readonly sessionHandlers: {
    permissionRequest?: Handler;
    permissionCheck?: Handler;
    headersReceived?: Handler;
  } = {};
  applicationMenu: FakeMenu | null = null;
  /** What the next open/save dialogs answer, in order (cancelled when empty). */
  readonly openDialogAnswers: string[][] = [];
  readonly saveDialogAnswers: string[] = [];
  singleInstanceLock = true;
  /** What app.isPackaged answers (an installed app, whose seeds are in process.resourcesPath). */
  packaged = false;
  quitting: 'no' | 'quit' = 'no';
  exitCode: number | null = null;

  record(what: string, ...args: unknown[]): void {
    this.calls.push([what, ...args]);
    this.emit('change');
  }

  /** Resolves once `condition` holds, checked after every recorded call (never by the clock). */
  until<T>(condition: () => T | undefined | false, what: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        try {
          const value = condition();
          if (value) {
            this.off('change', check);
            resolve(value);
            return true;
          }
        } catch (err) {
          this.off('change', check);
          reject(err);
          return true;
        }
        return false;
      };
      if (!check()) {
        this.on('change', check);
        // Named, so a test that never sees its condition says what it waited for.
        (check as { waitingFor?: string }).waitingFor = what;
      }
    });
  }

  count(what: string): number {
    return this.calls.filter(([w]) => w === what).length;
  }
}

const KEY = Symbol.for('gloss.tests.electronDouble');
export const recorder: Recorder = ((globalThis as Record<symbol, Recorder>)[KEY] ??= new Recorder());

// ---- app ---------------------------------------------------------------------

class FakeApp extends EventEmitter {
  get isPackaged(): boolean {
    return recorder.packaged;
  }
  private readonly paths = new Map<string, string>([['documents', tmpdir()]]);
  private ready: Promise<void> = Promise.resolve();

  setName(name: string): void {
    recorder.record('app.setName', name);
  }
  setPath(name: string, value: string): void {
    this.paths.set(name, value);
    recorder.record('app.setPath', name, value);
  }
  getPath(name: string): string {
    return this.paths.get(name) ?? tmpdir();
  }
  requestSingleInstanceLock(): boolean {
    recorder.record('app.requestSingleInstanceLock');
    return recorder.singleInstanceLock;
  }
  whenReady(): Promise<void> {
    recorder.record('app.whenReady');
    return this.ready;
  }
  /** As Electron: close every window (a prevented close cancels the quit), then 'will-quit' (preventable), then 'quit'. */
  quit(): void {
    recorder.record('app.quit');
    const before = preventable();
    this.emit('before-quit', before);
    if (before.defaultPrevented) return;
    for (const w of recorder.windows.filter((w) => !w.isDestroyed())) w.close();
    if (recorder.windows.some((w) => !w.isDestroyed())) return;
    const willQuit = preventable();
    this.emit('will-quit', willQuit);
    if (willQuit.defaultPrevented) return;
    recorder.quitting = 'quit';
    this.emit('quit', preventable(), 0);
    recorder.record('app.quit:done');
  }
  exit(code = 0): void {
    recorder.exitCode = code;
    recorder.record('app.exit', code);
  }
  focus(): void {
    recorder.record('app.focus');
  }
}

export const app = new FakeApp();

// ---- windows -----------------------------------------------------------------

class FakeWebContents extends EventEmitter {
  readonly sent: { channel: string; args: unknown[] }[] = [];
  windowOpenHandler: Handler | null = null;
  url = '';

  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
    recorder.record('webContents.send', channel, ...args);
  }
  setWindowOpenHandler(handler: Handler): void {
    this.windowOpenHandler = handler;
    recorder.record('webContents.setWindowOpenHandler');
  }
  getURL(): string {
    return this.url;
  }
  isDestroyed(): boolean {
    return false;
  }
  openDevTools(): void {
    recorder.record('webContents.openDevTools');
  }
}

export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

class FakeBrowserWindow extends EventEmitter {
  static getAllWindows(): FakeBrowserWindow[] {
    return recorder.windows.filter((w) => !w.isDestroyed());
  }
  static getFocusedWindow(): FakeBrowserWindow | null {
    return FakeBrowserWindow.getAllWindows().find((w) => w.focused) ?? null;
  }

  readonly webContents = new FakeWebContents();
  readonly options: Record<string, any>;
  loaded: { file?: string; url?: string } = {};
  focused = false;
  minimized = false;
  maximized = false;
  visible = false;
  private destroyed = false;

  constructor(options: Record<string, any> = {}) {
    super();
    this.options = options;
    recorder.windows.push(this);
    recorder.record('BrowserWindow.new', options);
    app.emit('web-contents-created', preventable(), this.webContents);
  }
  async loadFile(file: string): Promise<void> {
    this.loaded = { file };
    this.webContents.url = pathToFileURL(file).href;
    recorder.record('BrowserWindow.loadFile', file);
  }
  async loadURL(url: string): Promise<void> {
    this.loaded = { url };
    this.webContents.url = url;
    recorder.record('BrowserWindow.loadURL', url);
  }
  /** As Electron: 'close' first; unless prevented, the window goes and 'closed' follows. */
  close(): void {
    if (this.destroyed) return;
    recorder.record('BrowserWindow.close');
    const event = preventable();
    this.emit('close', event);
    if (event.defaultPrevented) {
      recorder.record('BrowserWindow.close:prevented');
      return;
    }
    this.destroyed = true;
    this.emit('closed');
    recorder.record('BrowserWindow.closed');
    if (FakeBrowserWindow.getAllWindows().length === 0) app.emit('window-all-closed');
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  show(): void {
    this.visible = true;
    recorder.record('BrowserWindow.show');
  }
  focus(): void {
    this.focused = true;
    recorder.record('BrowserWindow.focus');
  }
  minimize(): void {
    this.minimized = true;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
    recorder.record('BrowserWindow.restore');
  }
  maximize(): void {
    this.maximized = true;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  getNormalBounds(): Rectangle {
    return { x: 0, y: 0, width: this.options.width ?? 800, height: this.options.height ?? 600 };
  }
  getBounds(): Rectangle {
    return this.getNormalBounds();
  }
  setTitle(title: string): void {
    recorder.record('BrowserWindow.setTitle', title);
  }
}

export const BrowserWindow = FakeBrowserWindow;

// ---- menus, dialogs, shell -----------------------------------------------------

class FakeMenu {
  constructor(readonly template: any[]) {}
  static buildFromTemplate(template: any[]): FakeMenu {
    recorder.record('Menu.buildFromTemplate');
    return new FakeMenu(template);
  }
  static setApplicationMenu(menu: FakeMenu | null): void {
    recorder.applicationMenu = menu;
    recorder.record('Menu.setApplicationMenu');
  }
}
export const Menu = FakeMenu;

export const dialog = {
  async showOpenDialog(_win: unknown, options: unknown) {
    recorder.record('dialog.showOpenDialog', options);
    const filePaths = recorder.openDialogAnswers.shift();
    return filePaths ? { canceled: false, filePaths } : { canceled: true, filePaths: [] };
  },
  async showSaveDialog(_win: unknown, options: unknown) {
    recorder.record('dialog.showSaveDialog', options);
    const filePath = recorder.saveDialogAnswers.shift();
    return filePath ? { canceled: false, filePath } : { canceled: true, filePath: undefined };
  },
  async showMessageBox(_win: unknown, options: unknown) {
    recorder.record('dialog.showMessageBox', options);
    return { response: 0, checkboxChecked: false };
  },
  showErrorBox(title: string, content: string): void {
    recorder.errorBoxes.push([title, content]);
    recorder.record('dialog.showErrorBox', title, content);
  },
};

export const shell = {
  async openExternal(url: string): Promise<void> {
    recorder.openedExternally.push(url);
    recorder.record('shell.openExternal', url);
  },
  showItemInFolder(path: string): void {
    recorder.record('shell.showItemInFolder', path);
  },
};

// ---- IPC, protocols, sessions, screen -------------------------------------------

export const ipcMain = {
  handle(channel: string, handler: Handler): void {
    // As Electron: one handler per channel.
    if (recorder.ipcHandlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    recorder.ipcHandlers.set(channel, handler);
    recorder.record('ipcMain.handle', channel);
  },
  removeHandler(channel: string): void {
    recorder.ipcHandlers.delete(channel);
    recorder.record('ipcMain.removeHandler', channel);
  },
  on(channel: string): void {
    recorder.record('ipcMain.on', channel);
  },
};

export const protocol = {
  registerSchemesAsPrivileged(schemes: unknown[]): void {
    recorder.privilegedSchemes.push(...schemes);
    recorder.record('protocol.registerSchemesAsPrivileged', schemes);
  },
  handle(scheme: string, handler: Handler): void {
    recorder.protocolHandlers.set(scheme, handler);
    recorder.record('protocol.handle', scheme);
  },
};

export const session = {
  defaultSession: {
    setPermissionRequestHandler(handler: Handler): void {
      recorder.sessionHandlers.permissionRequest = handler;
      recorder.record('session.setPermissionRequestHandler');
    },
    setPermissionCheckHandler(handler: Handler): void {
      recorder.sessionHandlers.permissionCheck = handler;
      recorder.record('session.setPermissionCheckHandler');
    },
    webRequest: {
      onHeadersReceived(handler: Handler): void {
        recorder.sessionHandlers.headersReceived = handler;
        recorder.record('session.webRequest.onHeadersReceived');
      },
    },
  },
};

export const screen = {
  getAllDisplays: () => [
    {
      id: 1,
      workArea: { x: 0, y: 0, width: 1920, height: 1080 },
      bounds: { x: 0, y: 0, width: 1920, height: 1080 },
    },
  ],
  getPrimaryDisplay: () => screen.getAllDisplays()[0],
};

export const nativeTheme = Object.assign(new EventEmitter(), {
  shouldUseDarkColors: false,
  themeSource: 'system',
});

export default { app, BrowserWindow, Menu, dialog, shell, ipcMain, protocol, session, screen, nativeTheme };
