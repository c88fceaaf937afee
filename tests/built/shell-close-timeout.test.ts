/**
 * The built shell (TEST DOUBLE for `electron`, see electron-double/) when the
 * renderer never answers the request to save its drafts: the window still
 * closes, after the bounded wait, and the app quits.
 */
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { EVENT_CHANNEL } from '@core/channels';
import { startShell, type RunningShell } from './start-shell';

describe('the built shell, closed while the renderer is unresponsive', () => {
  let shell: RunningShell;
  before(async () => {
    shell = await startShell();
    await shell.recorder.until(
      () => shell.recorder.count('BrowserWindow.loadFile') === 1,
      'the window to load its page',
    );
  });

  it('asks for the drafts, gets no answer, and closes after the timeout', async () => {
    const win = shell.recorder.windows[0];
    win.close();
    assert.equal(win.isDestroyed(), false);
    assert.ok(
      win.webContents.sent.some(
        (s) => s.channel === EVENT_CHANNEL && (s.args[0] as { type: string }).type === 'flush-drafts',
      ),
    );
    await shell.recorder.until(() => win.isDestroyed(), 'the window to close after the flush timeout');
    await shell.recorder.until(() => shell.recorder.quitting === 'quit', 'the app to quit');
  });
});
