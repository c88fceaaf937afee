/**
 * Which Chromium the end-to-end tests, the bench and the screenshots drive: the
 * one a newcomer's machine already has. In order: GLOSS_CHROMIUM; a system
 * Chromium or Chrome where each platform installs it; one on PATH; Playwright's
 * own Chromium if `npx playwright install chromium` has fetched it.
 *
 * The search is a pure function of platform, environment and a file probe, so
 * its order is tested for every platform on any platform.
 */
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';

export interface ChromiumSearch {
  platform: NodeJS.Platform;
  env: Readonly<Record<string, string | undefined>>;
  /** True when `file` is an executable file. */
  exists: (file: string) => boolean;
  /** Where Playwright keeps its own Chromium (`chromium.executablePath()`), whether or not it is there. */
  playwrightChromium?: string;
}

export interface FoundChromium {
  path: string;
  from: 'GLOSS_CHROMIUM' | 'system' | 'PATH' | 'Playwright';
}

/** Environment variables are case-insensitive on Windows (`ProgramFiles`, `PROGRAMFILES`). */
function envVar(search: ChromiumSearch, name: string): string | undefined {
  if (search.platform !== 'win32') return search.env[name] || undefined;
  const key = Object.keys(search.env).find((k) => k.toLowerCase() === name.toLowerCase());
  return (key && search.env[key]) || undefined;
}

function systemPaths(search: ChromiumSearch): string[] {
  switch (search.platform) {
    case 'darwin': {
      const apps = [
        '/Applications',
        ...(search.env.HOME ? [path.posix.join(search.env.HOME, 'Applications')] : []),
      ];
      return apps.flatMap((dir) => [
        `${dir}/Google Chrome.app/Contents/MacOS/Google Chrome`,
        `${dir}/Chromium.app/Contents/MacOS/Chromium`,
      ]);
    }
    case 'win32': {
      const roots = ['ProgramFiles', 'ProgramFiles(x86)', 'LOCALAPPDATA']
        .map((v) => envVar(search, v))
        .filter((d): d is string => !!d);
      return [
        ...roots.map((r) => path.win32.join(r, 'Google', 'Chrome', 'Application', 'chrome.exe')),
        ...roots.map((r) => path.win32.join(r, 'Chromium', 'Application', 'chrome.exe')),
      ];
    }
    default:
      return [
        '/usr/bin/chromium',
        '/usr/bin/chromium-browser',
        '/usr/bin/google-chrome',
        '/usr/bin/google-chrome-stable',
        '/snap/bin/chromium',
        '/opt/google/chrome/chrome',
      ];
  }
}

const NAMES_ON_PATH = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'];

function onPath(search: ChromiumSearch): string[] {
  const win = search.platform === 'win32';
  const dirs = (envVar(search, 'PATH') ?? '').split(win ? ';' : ':').filter(Boolean);
  const names = win ? ['chrome.exe'] : NAMES_ON_PATH;
  const join = win ? path.win32.join : path.posix.join;
  return dirs.flatMap((dir) => names.map((name) => join(dir, name)));
}

/**
 * The first Chromium found, or null. A GLOSS_CHROMIUM that names no executable
 * is an error, not a reason to pick another browser silently.
 */
export function findChromium(search: ChromiumSearch): FoundChromium | null {
  const chosen = search.env.GLOSS_CHROMIUM;
  if (chosen) {
    if (!search.exists(chosen))
      throw new Error(`GLOSS_CHROMIUM is set to ${chosen}, which is not an executable file.`);
    return { path: chosen, from: 'GLOSS_CHROMIUM' };
  }
  const tiers: [FoundChromium['from'], string[]][] = [
    ['system', systemPaths(search)],
    ['PATH', onPath(search)],
    ['Playwright', search.playwrightChromium ? [search.playwrightChromium] : []],
  ];
  for (const [from, paths] of tiers) {
    const hit = paths.find((p) => search.exists(p));
    if (hit) return { path: hit, from };
  }
  return null;
}

/** What to do when no Chromium was found: fetch Playwright's, or stop with what to install. */
export function whenNoChromium(
  env: ChromiumSearch['env'],
): { install: true } | { install: false; message: string } {
  if (env.CI || env.GLOSS_NO_DOWNLOAD) {
    const why = env.CI ? 'on CI' : 'with GLOSS_NO_DOWNLOAD set';
    return {
      install: false,
      message: `No Chromium or Chrome found for the end-to-end tests, and none is downloaded ${why}: install Chromium or Google Chrome, or set GLOSS_CHROMIUM to one.`,
    };
  }
  return { install: true };
}

export const NO_CHROMIUM =
  'No Chromium or Chrome found: install Chromium or Google Chrome (or run `npx playwright install chromium`), or set GLOSS_CHROMIUM to one.';

export const CANNOT_INSTALL =
  'No Chromium or Chrome found for the end-to-end tests, and `npx playwright install chromium` could not fetch one: install Chromium or Google Chrome, or set GLOSS_CHROMIUM to one.';

export function isExecutableFile(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** This machine's search: its platform, environment and file system, and Playwright's install location. */
export async function thisMachine(): Promise<ChromiumSearch> {
  let playwrightChromium: string | undefined;
  try {
    const { chromium } = await import('@playwright/test');
    playwrightChromium = chromium.executablePath();
  } catch {
    // No Playwright Chromium known for this platform: the other places still count.
  }
  return { platform: process.platform, env: process.env, exists: isExecutableFile, playwrightChromium };
}

/** The path to launch, or an error saying what to install. */
export async function chromiumPath(): Promise<string> {
  const found = findChromium(await thisMachine());
  if (!found) throw new Error(NO_CHROMIUM);
  return found.path;
}
