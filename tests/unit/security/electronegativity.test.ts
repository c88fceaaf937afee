/**
 * The Electronegativity gate in `npm test`: the real scanner, run offline, and
 * what makes the run fail — a HIGH or MEDIUM finding nobody has reviewed, or a
 * review of a finding that is no longer there.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { blocking, scanApp, stale, type Finding, type Reviewed } from '../../security/electronegativity';

/** A minimal Electron app: a window neither isolated nor sandboxed, and no guard on navigation. */
async function unsafeApp(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'gloss-unsafe-app-'));
  await mkdir(path.join(dir, 'main'));
  await writeFile(
    path.join(dir, 'package.json'),
    JSON.stringify({ name: 'unsafe', devDependencies: { electron: '^45.5.0' } }),
  );
  await writeFile(
    path.join(dir, 'main', 'index.js'),
    "const { app, BrowserWindow } = require('electron');\n" +
      "app.whenReady().then(() => new BrowserWindow({ webPreferences: { contextIsolation: false, sandbox: false } }).loadURL('https://example.org'));\n",
  );
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

const finding = (check: string, sample: string, severity: Finding['severity'] = 'MEDIUM'): Finding => ({
  check,
  severity,
  confidence: 'FIRM',
  file: 'main/app/index.ts',
  line: 1,
  sample,
  manualReview: false,
  url: '',
});
const review = (check: string, sample: string): Reviewed => ({
  check,
  file: 'main/app/index.ts',
  sample,
  why: 'reviewed',
});

describe('the Electronegativity gate', () => {
  it('finds an unsafe window and a missing navigation guard with the real scanner, offline, and blocks on them', async () => {
    const { dir, cleanup } = await unsafeApp();
    try {
      const { findings, unparsed } = await scanApp(dir);
      assert.deepEqual(unparsed, []);
      const open = blocking(findings, []).map((f) => `${f.severity} ${f.check} ${f.file}`);
      for (const expected of [
        'HIGH CONTEXT_ISOLATION_JS_CHECK main/index.js',
        'MEDIUM SANDBOX_JS_CHECK main/index.js',
        'HIGH LIMIT_NAVIGATION_GLOBAL_CHECK N/A',
      ]) {
        assert.ok(open.includes(expected), `${expected} in ${open.join(', ')}`);
      }
    } finally {
      await cleanup();
    }
  });

  it('`npm run audit:electron` exits 1 on such an app, naming the findings, without touching the network', async () => {
    const { dir, cleanup } = await unsafeApp();
    try {
      const audit = [
        '--import',
        'tsx',
        '--import',
        './tests/unit/helpers/no-network.ts',
        'tests/security/audit-electron.ts',
        dir,
      ];
      await assert.rejects(
        promisify(execFile)(process.execPath, audit),
        (err: { code: number; stdout: string; stderr: string }) => {
          assert.equal(err.code, 1);
          assert.match(err.stdout, /OPEN +HIGH +CONTEXT_ISOLATION_JS_CHECK +main\/index\.js:2/);
          assert.match(err.stderr, /^Electronegativity: \d+ open HIGH\/MEDIUM finding\(s\)/);
          assert.doesNotMatch(err.stderr, /network:/);
          return true;
        },
      );
    } finally {
      await cleanup();
    }
  });

  it('lets through LOW and informational findings, and HIGH or MEDIUM ones reviewed at that very line', () => {
    const findings = [
      finding('CSP_GLOBAL_CHECK', '', 'LOW'),
      finding('PRELOAD_JS_CHECK', "preload: join(here, 'preload.cjs'),"),
    ];
    assert.deepEqual(
      blocking(findings, [review('PRELOAD_JS_CHECK', "preload: join(here, 'preload.cjs'),")]),
      [],
    );
  });

  it('blocks the same check on another line, or in another file, than the one reviewed', () => {
    const reviewed = [
      review('OPEN_EXTERNAL_JS_CHECK', 'if (isExternalHttpUrl(url)) void shell.openExternal(url);'),
    ];
    const elsewhere = [
      finding('OPEN_EXTERNAL_JS_CHECK', 'void shell.openExternal(url);'),
      {
        ...finding('OPEN_EXTERNAL_JS_CHECK', 'if (isExternalHttpUrl(url)) void shell.openExternal(url);'),
        file: 'main/app/menu.ts',
      },
    ];
    assert.deepEqual(blocking(elsewhere, reviewed), elsewhere);
  });

  it('names reviews whose finding is gone, so the list of reviewed findings stays true', () => {
    const reviewed = [review('AUXCLICK_JS_CHECK', 'win = new BrowserWindow({')];
    assert.deepEqual(stale([], reviewed), reviewed);
    assert.deepEqual(stale([finding('AUXCLICK_JS_CHECK', 'win = new BrowserWindow({')], reviewed), []);
  });
});
