/**
 * Electronegativity (Doyensec's Electron security scanner) over the app's own
 * code: main/ (core, shell, preload), renderer/ and package.json, copied to a
 * temp folder so that tests, the bench and the build are not scanned (and
 * cannot satisfy a check, such as a navigation guard, on the app's behalf).
 *
 * The scan runs offline: the check that downloads Electron's release list is
 * left out (see docs/security-review.md), and the scanner's translations are
 * its bundled English ones instead of a copy fetched from the network at start.
 */
import { existsSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import Module, { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

export type Severity = 'INFORMATIONAL' | 'LOW' | 'MEDIUM' | 'HIGH';

export interface Finding {
  check: string;
  severity: Severity;
  confidence: string;
  /** Relative to the scanned root, with forward slashes. */
  file: string;
  line: number;
  /** The source line the finding points at. */
  sample: string;
  manualReview: boolean;
  url: string;
}

export interface Scan {
  findings: Finding[];
  /** Files the scanner could not parse (it then checked nothing in them). */
  unparsed: { file: string; message: string }[];
}

/** A finding reviewed and found not to be a problem: which check, where, and the line it points at. */
export interface Reviewed {
  check: string;
  file: string;
  sample: string;
  why: string;
}

/** Checks that are not run, by the scanner's class name. */
export const NOT_RUN: { check: string; why: string }[] = [
  {
    check: 'AvailableSecurityFixesGlobalCheck',
    why: 'downloads Electron’s release list from GitHub at every run; whether Electron is current is npm’s and the release process’s question, and tests do not reach the internet',
  },
];

/** Findings reviewed one by one; docs/security-review.md gives the same reasons at more length. */
export const REVIEWED: Reviewed[] = [
  {
    check: 'PRELOAD_JS_CHECK',
    file: 'main/app/index.ts',
    sample: "preload: join(import.meta.dirname, '../preload/index.cjs'),",
    why: 'the preload exposes only window.gloss through contextBridge: one function per contract channel, arguments validated in main',
  },
  {
    check: 'AUXCLICK_JS_CHECK',
    file: 'main/app/index.ts',
    sample: 'win = new BrowserWindow({',
    why: 'a middle click can only ask for a new window or a navigation, and every web contents denies both (setWindowOpenHandler, will-navigate), handing http(s) links to the system browser',
  },
  {
    check: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'main/app/security.ts',
    sample: 'if (isExternalHttpUrl(url)) void shell.openExternal(url);',
    why: 'only http(s) URLs with a host reach shell.openExternal (isExternalHttpUrl, unit-tested against file:, javascript:, custom schemes)',
  },
  {
    check: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'main/core/renderer-api.ts',
    sample: 'openExternal: (req) => host.openExternal(req.url),',
    why: 'not Electron’s shell.openExternal: the request goes to the shell’s host, which opens http(s) URLs only',
  },
  {
    check: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'renderer/src/reader/ReaderView.tsx',
    sample: 'gloss().openExternal({ url: href }).catch(showError);',
    why: 'the renderer’s request to main over the bridge, checked there; the page has no access to shell',
  },
];

const SCANNED = ['main', 'renderer', 'package.json'];

/** Runs the scanner on the app under `root` (its main/, renderer/ and package.json). */
export async function scanApp(root: string): Promise<Scan> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'gloss-electronegativity-'));
  try {
    for (const entry of SCANNED) {
      if (existsSync(path.join(root, entry)))
        await cp(path.join(root, entry), path.join(dir, entry), { recursive: true });
    }
    return await scan(
      dir,
      NOT_RUN.map((c) => c.check),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Runs the scanner on `dir` as it is, leaving out the checks named. */
export async function scan(dir: string, leaveOut: string[]): Promise<Scan> {
  const run = loadOffline();
  const result = await run({ input: dir, isRelative: true, excludeFromScan: leaveOut });
  return {
    findings: result.issues.map((i) => ({
      check: i.id,
      severity: i.severity.name as Severity,
      confidence: i.confidence.name,
      file: i.file.split(path.sep).join('/'),
      line: i.location.line,
      sample: (i.sample ?? '').trim(),
      manualReview: !!i.manualReview,
      url: i.shortenedURL,
    })),
    unparsed: result.errors
      .filter((e) => !e.tolerable)
      .map((e) => ({ file: path.relative(dir, e.file), message: e.message })),
  };
}

/** HIGH and MEDIUM findings not among the reviewed ones. */
export function blocking(findings: readonly Finding[], reviewed: readonly Reviewed[]): Finding[] {
  return findings.filter(
    (f) =>
      (f.severity === 'HIGH' || f.severity === 'MEDIUM') &&
      !reviewed.some((r) => r.check === f.check && r.file === f.file && r.sample === f.sample),
  );
}

/** Reviewed findings the scan no longer reports: the list should shrink with the code. */
export function stale(findings: readonly Finding[], reviewed: readonly Reviewed[]): Reviewed[] {
  return reviewed.filter(
    (r) => !findings.some((f) => r.check === f.check && r.file === f.file && r.sample === f.sample),
  );
}

interface RawIssue {
  id: string;
  file: string;
  sample?: string;
  location: { line: number; column: number };
  severity: { name: string };
  confidence: { name: string };
  manualReview?: boolean;
  shortenedURL: string;
}
type Runner = (options: { input: string; isRelative: boolean; excludeFromScan: string[] }) => Promise<{
  issues: RawIssue[];
  errors: { file: string; message: string; tolerable: boolean }[];
}>;

/**
 * The scanner's runner, with its start-up step (fetch translations for $LANG
 * from the network, fall back to the bundled ones) replaced by the fallback
 * alone: the same i18n configuration, English, no request.
 */
function loadOffline(): Runner {
  const require = createRequire(import.meta.url);
  const runnerFile = require.resolve('@doyensec/electronegativity');
  const fromScanner = createRequire(runnerFile);
  const i18nFile = fromScanner.resolve('./locales/i18n.js');
  if (!require.cache[i18nFile]) {
    const i18n = fromScanner('i18n') as { configure(o: object): void; setLocale(l: string): void };
    const offline = async (): Promise<void> => {
      i18n.configure({
        locales: ['en-US', 'es-ES', 'fr-FR'],
        defaultLocale: 'en-US',
        directory: path.dirname(i18nFile),
        updateFiles: false,
        objectNotation: true,
        retryInDefaultLocale: true,
        register: globalThis,
      });
      i18n.setLocale('en-US');
    };
    const mod = new Module(i18nFile);
    mod.filename = i18nFile;
    mod.loaded = true;
    mod.exports = offline;
    require.cache[i18nFile] = mod;
  }
  return fromScanner(runnerFile) as Runner;
}
