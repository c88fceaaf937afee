/**
 * Runs the built Electron shell (out/main/index.js) in this process under plain
 * Node, with `electron` resolved to the recording stand-in (TEST DOUBLE, see
 * electron-double/electron.ts), on a fresh library folder. One shell per test
 * file: the shell keeps its window and service in module state, as in Electron.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as ElectronDouble from './electron-double/electron';
import { OUT, requireBuilt } from './built-output';

export const MAIN_ENTRY = join(OUT, 'main', 'index.js');
export const RENDERER_PAGE = join(OUT, 'renderer', 'index.html');
export const RENDERER_URL = pathToFileURL(RENDERER_PAGE).href;

export interface RunningShell {
  electron: typeof ElectronDouble;
  recorder: typeof ElectronDouble.recorder;
  dataDir: string;
}

export interface ShellOptions {
  singleInstanceLock?: boolean;
  dataDir?: string;
  /** Run this main entry instead of the build's (the packaged one, extracted), as an installed app with these resources. */
  packaged?: { mainEntry: string; resourcesPath: string };
}

export async function startShell(options: ShellOptions = {}): Promise<RunningShell> {
  if (!options.packaged)
    requireBuilt('out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html');
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'gloss-shell-')));
  process.env.GLOSS_DATA_DIR = dataDir;
  delete process.env.ELECTRON_RENDERER_URL;
  await import('./electron-double/register');
  // Through the hook, so the test holds the very module the shell imports.
  const electron = (await import('electron' as string)) as typeof ElectronDouble;
  electron.recorder.singleInstanceLock = options.singleInstanceLock ?? true;
  if (options.packaged) {
    electron.recorder.packaged = true;
    (process as { resourcesPath?: string }).resourcesPath = options.packaged.resourcesPath;
  }
  await import(pathToFileURL(options.packaged?.mainEntry ?? MAIN_ENTRY).href);
  return { electron, recorder: electron.recorder, dataDir };
}

/** The IPC event of a request from our window's top frame, showing our page (the page it loaded). */
export function fromOurPage(shell: RunningShell): {
  sender: unknown;
  senderFrame: { parent: null; url: string };
} {
  const win = shell.recorder.windows[0];
  return {
    sender: win.webContents,
    senderFrame: { parent: null, url: win.webContents.getURL() || RENDERER_URL },
  };
}

/** Calls the handler the shell registered for `channel`, as Electron's ipcMain would. */
export async function invoke(
  shell: RunningShell,
  channel: string,
  payload?: unknown,
  event: unknown = fromOurPage(shell),
): Promise<any> {
  const handler = shell.recorder.ipcHandlers.get(channel);
  if (!handler) throw new Error(`The shell registered no handler for ${channel}`);
  return handler(event, payload);
}
