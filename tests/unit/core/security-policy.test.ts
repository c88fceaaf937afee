/** The shell's security decisions: what may leave the app, who may talk to main, the CSP. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import ts from 'typescript';
import {
  CSP,
  CSP_DIRECTIVES,
  FIRST_SCREEN_SCRIPT_HASH,
  isAppPage,
  isExternalHttpUrl,
  isPermissionAllowed,
  WEB_PREFERENCES,
} from '@core/security-policy';

describe('the window', () => {
  it('is isolated and sandboxed, with no Node.js in the page, its workers or frames, and no webviews', () => {
    assert.equal(WEB_PREFERENCES.contextIsolation, true);
    assert.equal(WEB_PREFERENCES.sandbox, true);
    assert.equal(WEB_PREFERENCES.nodeIntegration, false);
    assert.equal(WEB_PREFERENCES.nodeIntegrationInWorker, false);
    assert.equal(WEB_PREFERENCES.nodeIntegrationInSubFrames, false);
    assert.equal(WEB_PREFERENCES.webSecurity, true);
    assert.equal(WEB_PREFERENCES.webviewTag, false);
  });

  // The shell states them literally (people and Electronegativity read the call, not a spread constant).
  it('is created in the shell with exactly these flags, written out in the BrowserWindow call', () => {
    const windows: ReturnType<typeof webPreferencesOf>[] = [];
    for (const name of readdirSync('main/app').filter((n) => n.endsWith('.ts'))) {
      const file = ts.createSourceFile(
        name,
        readFileSync(`main/app/${name}`, 'utf8'),
        ts.ScriptTarget.Latest,
        true,
      );
      const visit = (node: ts.Node): void => {
        if (ts.isNewExpression(node) && node.expression.getText() === 'BrowserWindow')
          windows.push(webPreferencesOf(node, name));
        ts.forEachChild(node, visit);
      };
      visit(file);
    }
    assert.equal(windows.length, 1, 'one window');
    const { flags, spreads } = windows[0];
    assert.deepEqual(spreads, [], 'no flags hidden in a spread');
    assert.deepEqual(flags, { ...WEB_PREFERENCES });
  });
});

/** The boolean flags written in a `new BrowserWindow({ webPreferences: { … } })` call, and any spreads in it. */
function webPreferencesOf(
  call: ts.NewExpression,
  file: string,
): { flags: Record<string, boolean>; spreads: string[] } {
  const options = call.arguments?.[0];
  assert.ok(
    options && ts.isObjectLiteralExpression(options),
    `${file}: new BrowserWindow is given an object literal`,
  );
  const prefs = options.properties.find(
    (p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText() === 'webPreferences',
  );
  assert.ok(
    prefs && ts.isObjectLiteralExpression(prefs.initializer),
    `${file}: webPreferences is an object literal`,
  );
  const flags: Record<string, boolean> = {};
  const spreads: string[] = [];
  for (const p of prefs.initializer.properties) {
    if (ts.isSpreadAssignment(p)) spreads.push(p.getText());
    else if (
      ts.isPropertyAssignment(p) &&
      (p.initializer.kind === ts.SyntaxKind.TrueKeyword || p.initializer.kind === ts.SyntaxKind.FalseKeyword)
    ) {
      flags[p.name.getText()] = p.initializer.kind === ts.SyntaxKind.TrueKeyword;
    }
  }
  return { flags, spreads };
}

describe('links opened in the system browser', () => {
  it('are http and https only', () => {
    assert.equal(isExternalHttpUrl('https://www.kurdistan24.net/en/story/1'), true);
    assert.equal(isExternalHttpUrl('http://example.org'), true);
  });
  it('never file:, javascript:, data:, custom schemes or garbage', () => {
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'data:text/html,<script>1</script>',
      'smb://host/share',
      'gloss-asset://x/y',
      'vbscript:msgbox',
      'not a url',
      '',
      'https://',
    ]) {
      assert.equal(isExternalHttpUrl(url), false, url);
    }
  });
});

describe('the page allowed to call main', () => {
  const app = { rendererFile: '/opt/Gloss/resources/app.asar/out/renderer/index.html' };
  it('is our own renderer file', () => {
    assert.equal(isAppPage('file:///opt/Gloss/resources/app.asar/out/renderer/index.html', app), true);
    assert.equal(
      isAppPage('file:///opt/Gloss/resources/app.asar/out/renderer/index.html#/article/1', app),
      true,
    );
  });
  it('is not another file, a web page or nothing', () => {
    assert.equal(isAppPage('file:///tmp/evil/out/renderer/index.html', app), false);
    assert.equal(isAppPage('file:///opt/Gloss/resources/app.asar/out/renderer/other.html', app), false);
    assert.equal(isAppPage('https://evil.example/out/renderer/index.html', app), false);
    assert.equal(isAppPage(undefined, app), false);
  });
  it('in development, is the dev server’s origin only', () => {
    const dev = { ...app, devServerUrl: 'http://localhost:5173/' };
    assert.equal(isAppPage('http://localhost:5173/index.html', dev), true);
    assert.equal(isAppPage('http://localhost:5174/', dev), false);
    assert.equal(isAppPage('file:///opt/Gloss/resources/app.asar/out/renderer/index.html', dev), false);
  });
});

describe('permissions', () => {
  const ours = (url: string | undefined) => url === 'file:///app/out/renderer/index.html';
  it('lets our page read and write the clipboard (paste an article)', () => {
    assert.equal(isPermissionAllowed('clipboard-read', 'file:///app/out/renderer/index.html', ours), true);
    assert.equal(
      isPermissionAllowed('clipboard-sanitized-write', 'file:///app/out/renderer/index.html', ours),
      true,
    );
  });
  it('refuses everything else, and everything to any other page', () => {
    for (const p of [
      'media',
      'geolocation',
      'notifications',
      'openExternal',
      'fullscreen',
      'hid',
      'usb',
      'serial',
    ]) {
      assert.equal(isPermissionAllowed(p, 'file:///app/out/renderer/index.html', ours), false, p);
    }
    assert.equal(isPermissionAllowed('clipboard-read', 'https://evil.example/', ours), false);
    assert.equal(isPermissionAllowed('clipboard-read', undefined, ours), false);
  });
});

describe('the Content-Security-Policy', () => {
  it('runs no remote script and no inline script but the first screen’s, loads nothing from the network', () => {
    assert.equal(CSP_DIRECTIVES['default-src'], "'none'");
    assert.equal(CSP_DIRECTIVES['script-src'], `'self' ${FIRST_SCREEN_SCRIPT_HASH}`);
    assert.equal(CSP_DIRECTIVES['connect-src'], "'none'");
    assert.doesNotMatch(CSP, /unsafe-inline|unsafe-eval|https?:|\*/);
  });
  it('allows the first screen’s script by the hash of its exact bytes, as the build inlines it', () => {
    const source = readFileSync('renderer/first-screen.js');
    const hash = `'sha256-${createHash('sha256').update(source).digest('base64')}'`;
    assert.equal(
      FIRST_SCREEN_SCRIPT_HASH,
      hash,
      'renderer/first-screen.js changed: update FIRST_SCREEN_SCRIPT_HASH',
    );
  });
  it('is the one renderer/index.html carries', () => {
    const html = readFileSync('renderer/index.html', 'utf8');
    const meta = html.match(/http-equiv="Content-Security-Policy"\s+content="([^"]+)"/)?.[1];
    assert.equal(meta, CSP);
  });
});
