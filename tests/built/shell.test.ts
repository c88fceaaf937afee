/**
 * The Electron shell as built (out/main/index.js), run under plain Node with a
 * recording stand-in for `electron` (TEST DOUBLE: electron-double/). What it
 * does at start-up and on each event, read from what it asked of Electron.
 * Loading it at all proves every module main imports resolves once bundled.
 */
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { CHANNEL_NAMES, DROP_GRANT_CHANNEL, EVENT_CHANNEL, invokeChannel } from '@core/channels';
import type { MenuCommand } from '@core/contract';
import { CSP_HEADER, WEB_PREFERENCES } from '@core/security-policy';
import { LOCK_FILE } from '@core/store/lock';
import { OUT, ROOT } from './built-output';
import {
  fromOurPage,
  invoke,
  RENDERER_PAGE,
  RENDERER_URL,
  startShell,
  type RunningShell,
} from './start-shell';
import { preventable } from './electron-double/electron';
import { menuAccelerator } from '@core/shortcuts';

// Every menu command the renderer understands; the compiler keeps this list whole.
const MENU_COMMANDS = Object.keys({
  import: 1,
  'import-url': 1,
  'import-highlights': 1,
  'sync-markdown': 1,
  export: 1,
  undo: 1,
  redo: 1,
  'zoom-in': 1,
  'zoom-out': 1,
  'zoom-reset': 1,
  'theme-light': 1,
  'theme-dark': 1,
  'theme-sepia': 1,
  'toggle-panel': 1,
  help: 1,
  preferences: 1,
  find: 1,
  search: 1,
} satisfies Record<MenuCommand, 1>);

const REFUSED = {
  ok: false,
  error: { code: 'INVALID_REQUEST', message: 'A request from an untrusted page was refused.' },
};

describe('the built shell, started', () => {
  let shell: RunningShell;
  const win = () => shell.recorder.windows[0];
  const events = () =>
    win()
      .webContents.sent.filter((s) => s.channel === EVENT_CHANNEL)
      .map((s) => s.args[0] as { type: string });

  before(async () => {
    shell = await startShell();
    await shell.recorder.until(
      () => shell.recorder.count('BrowserWindow.loadFile') === 1,
      'the window to load its page',
    );
  });

  it('asks for the single-instance lock before anything else happens at ready', () => {
    const order = shell.recorder.calls.map(([what]) => what);
    assert.equal(shell.recorder.count('app.requestSingleInstanceLock'), 1);
    assert.ok(order.indexOf('app.requestSingleInstanceLock') < order.indexOf('app.whenReady'));
  });

  it('creates one window with the secure web preferences and a preload that the build holds', () => {
    assert.equal(shell.recorder.windows.length, 1);
    const { preload, ...preferences } = win().options.webPreferences;
    assert.deepEqual(preferences, WEB_PREFERENCES);
    assert.ok(existsSync(preload), `${preload} does not exist`);
    assert.equal(relative(OUT, preload), join('preload', 'index.cjs'));
    assert.equal(win().loaded.file, RENDERER_PAGE);
    assert.ok(existsSync(RENDERER_PAGE));
  });

  it('serves every page its Content-Security-Policy and grants only the clipboard, only to our page', () => {
    const { headersReceived, permissionCheck } = shell.recorder.sessionHandlers;
    let headers: Record<string, string[]> | undefined;
    headersReceived!(
      { responseHeaders: { 'Content-Type': ['text/html'] } },
      (r: { responseHeaders: Record<string, string[]> }) => (headers = r.responseHeaders),
    );
    assert.deepEqual(headers!['Content-Security-Policy'], [CSP_HEADER]);
    const ours = { getURL: () => RENDERER_URL };
    const foreign = { getURL: () => 'https://example.com/' };
    assert.equal(permissionCheck!(ours, 'clipboard-read'), true);
    assert.equal(permissionCheck!(ours, 'media'), false);
    assert.equal(permissionCheck!(foreign, 'clipboard-read'), false);
  });

  it('registers a handler for every channel of the contract and the drop grant, and no other', () => {
    const expected = [...CHANNEL_NAMES.map(invokeChannel), DROP_GRANT_CHANNEL].sort();
    assert.deepEqual([...shell.recorder.ipcHandlers.keys()].sort(), expected);
  });

  it('answers our top frame showing our page', async () => {
    const articles = await invoke(shell, invokeChannel('listArticles'));
    assert.equal(articles.ok, true, JSON.stringify(articles));
    assert.match(articles.value[0].title, /enduring defeat of ISIS/);
  });

  it('refuses, on every channel, another window, a frame inside ours, and our window showing another page', async () => {
    const other = { sender: { id: 'another window' }, senderFrame: { parent: null, url: RENDERER_URL } };
    const subframe = { sender: win().webContents, senderFrame: { parent: {}, url: RENDERER_URL } };
    const elsewhere = {
      sender: win().webContents,
      senderFrame: { parent: null, url: 'https://example.com/' },
    };
    const noFrame = { sender: win().webContents, senderFrame: null };
    for (const event of [other, subframe, elsewhere, noFrame]) {
      for (const channel of CHANNEL_NAMES) {
        assert.deepEqual(
          await invoke(shell, invokeChannel(channel), {}, event),
          REFUSED,
          `${channel} answered ${JSON.stringify(event.senderFrame)}`,
        );
      }
      assert.equal(await invoke(shell, DROP_GRANT_CHANNEL, ['/etc/passwd'], event), null);
    }
    assert.equal(
      shell.recorder.count('dialog.showOpenDialog') + shell.recorder.count('dialog.showSaveDialog'),
      0,
    );
  });

  it('keeps the window on our page: navigation and new windows refused, http(s) links handed to the system browser', () => {
    const navigate = (url: string) => {
      const event = preventable();
      win().webContents.emit('will-navigate', event, url);
      return event.defaultPrevented;
    };
    for (const url of [
      'https://example.com/article',
      'file:///etc/passwd',
      'javascript:alert(1)',
      RENDERER_URL,
    ])
      assert.ok(navigate(url), url);
    for (const url of [
      'https://example.com/popup',
      'file:///etc/passwd',
      'gloss-asset://x/y',
      'javascript:alert(1)',
    ]) {
      assert.deepEqual(win().webContents.windowOpenHandler!({ url }), { action: 'deny' }, url);
    }
    assert.deepEqual(shell.recorder.openedExternally, [
      'https://example.com/article',
      'https://example.com/popup',
    ]);
    for (const name of ['will-redirect', 'will-attach-webview']) {
      const event = preventable();
      win().webContents.emit(name, event, 'https://example.com/');
      assert.ok(event.defaultPrevented, name);
    }
  });

  describe('the gloss-asset: protocol', () => {
    let id: string;
    let image: string;
    const get = async (url: string) =>
      (await shell.recorder.protocolHandlers.get('gloss-asset')!(new Request(url))) as Response;

    before(async () => {
      // The open dialog answers with the saved page; the page then imports it by the grant main gave.
      shell.recorder.openDialogAnswers.push([join(ROOT, 'tests', 'fixtures', 'pages', 'news-article.html')]);
      const chosen = await invoke(shell, invokeChannel('chooseImportFiles'));
      assert.equal(chosen.ok, true, JSON.stringify(chosen));
      const report = await invoke(shell, invokeChannel('importFiles'), { grant: chosen.value.grant });
      assert.equal(report.ok, true, JSON.stringify(report));
      id = report.value.imported[0].id;
      const article = (await invoke(shell, invokeChannel('getArticle'), { id })).value;
      image = article.blocks.find((b: { image?: { asset: string } }) => b.image)?.image.asset;
      assert.ok(image, 'the imported page has an image');
    });

    it('is registered as a privileged scheme and handled', () => {
      assert.deepEqual(
        shell.recorder.privilegedSchemes.map((s) => (s as { scheme: string }).scheme),
        ['gloss-asset'],
      );
      assert.ok(shell.recorder.protocolHandlers.has('gloss-asset'));
    });

    it('serves an image stored with its article, with its type and nosniff', async () => {
      const r = await get(`gloss-asset://${id}/${encodeURIComponent(image)}`);
      assert.equal(r.status, 200);
      assert.match(r.headers.get('Content-Type')!, /^image\//);
      assert.equal(r.headers.get('X-Content-Type-Options'), 'nosniff');
      assert.deepEqual(
        Buffer.from(await r.arrayBuffer()),
        await readFile(join(shell.dataDir, 'articles', id, 'assets', image)),
      );
    });

    it('serves nothing outside the store or not stored as an image of that article', async () => {
      const seed = (await invoke(shell, invokeChannel('listArticles'))).value.find(
        (a: { id: string }) => a.id !== id,
      ).id;
      for (const url of [
        `gloss-asset://${id}/..%2F..%2F${id}.json`,
        `gloss-asset://${id}/..%2F..%2F..%2Flibrary.json`,
        `gloss-asset://${id}/%2Fetc%2Fpasswd`,
        `gloss-asset://${id}/${encodeURIComponent('../../../../../../etc/passwd')}`,
        `gloss-asset://${seed}/${encodeURIComponent(image)}`,
        `gloss-asset://0000000000000000/${encodeURIComponent(image)}`,
        `gloss-asset://${id}/not-stored.png`,
      ]) {
        assert.equal((await get(url)).status, 404, url);
      }
    });
  });

  it('sends each menu command to the renderer as an event', () => {
    const sent: string[] = [];
    const walk = (items: { click?: () => void; submenu?: unknown }[]) => {
      for (const item of items) {
        if (Array.isArray(item.submenu)) walk(item.submenu);
        if (!item.click) continue;
        const before = events().length;
        item.click();
        const after = events();
        assert.equal(after.length, before + 1);
        const event = after.at(-1) as { type: string; command: string };
        assert.equal(event.type, 'command');
        sent.push(event.command);
      }
    };
    walk(shell.recorder.applicationMenu!.template);
    assert.deepEqual(sent.sort(), [...MENU_COMMANDS].sort());
  });

  it('takes every menu accelerator from the shortcut table the renderer and the help use', () => {
    const seen: Record<string, string | undefined> = {};
    const walk = (items: { click?: () => void; submenu?: unknown; accelerator?: string }[]) => {
      for (const item of items) {
        if (Array.isArray(item.submenu)) walk(item.submenu);
        if (!item.click) continue;
        const before = events().length;
        item.click();
        seen[(events().slice(before)[0] as unknown as { command: string }).command] = item.accelerator;
      }
    };
    walk(shell.recorder.applicationMenu!.template);
    for (const command of MENU_COMMANDS)
      assert.equal(seen[command], menuAccelerator(command as MenuCommand), command);
    assert.equal(seen.undo, 'CmdOrCtrl+Z');
    assert.equal(seen.help, 'F1', 'a single printable key would steal it from text fields');
  });

  it('brings the first window back when Gloss is launched again', () => {
    win().minimize();
    const focusedBefore = shell.recorder.count('BrowserWindow.focus');
    shell.electron.app.emit('second-instance', preventable(), ['gloss'], '/');
    assert.equal(win().isMinimized(), false);
    assert.equal(shell.recorder.count('BrowserWindow.focus'), focusedBefore + 1);
    assert.equal(shell.recorder.windows.length, 1);
  });

  it('on close asks the renderer to save its drafts, closes once it answers, then quits and frees the library', async () => {
    win().close();
    assert.equal(win().isDestroyed(), false, 'the window waits for the renderer');
    const flush = await shell.recorder.until(
      () => events().find((e) => e.type === 'flush-drafts') as { request: number } | undefined,
      'flush-drafts',
    );
    // An answer from another page does not count.
    assert.deepEqual(
      await invoke(
        shell,
        invokeChannel('draftsFlushed'),
        { request: flush.request },
        { ...fromOurPage(shell), senderFrame: { parent: null, url: 'https://example.com/' } },
      ),
      REFUSED,
    );
    assert.equal(win().isDestroyed(), false);
    assert.equal((await invoke(shell, invokeChannel('draftsFlushed'), { request: flush.request })).ok, true);
    await shell.recorder.until(() => win().isDestroyed(), 'the window to close');
    await shell.recorder.until(() => shell.recorder.quitting === 'quit', 'the app to quit');
    assert.equal(existsSync(join(shell.dataDir, LOCK_FILE)), false, 'the library lock is released');
  });
});
