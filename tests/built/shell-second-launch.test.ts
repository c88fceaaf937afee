/**
 * The built shell (TEST DOUBLE for `electron`, see electron-double/) launched
 * while Gloss already runs: it does not get the single-instance lock, so it
 * quits at once — no window, no IPC, and the library folder left untouched
 * (the first instance is told through 'second-instance', see shell.test.ts).
 */
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startShell, type RunningShell } from './start-shell';

describe('the built shell, launched a second time', () => {
  let shell: RunningShell;
  before(async () => {
    shell = await startShell({
      singleInstanceLock: false,
      dataDir: join(await mkdtemp(join(tmpdir(), 'gloss-second-')), 'library'),
    });
  });

  it('quits without a window, handlers or a library', () => {
    assert.equal(shell.recorder.count('app.requestSingleInstanceLock'), 1);
    assert.equal(shell.recorder.quitting, 'quit');
    assert.equal(shell.recorder.count('app.whenReady'), 0);
    assert.equal(shell.recorder.windows.length, 0);
    assert.equal(shell.recorder.ipcHandlers.size, 0);
    assert.equal(existsSync(shell.dataDir), false);
  });
});
