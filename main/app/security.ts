/**
 * Electron's security checklist, applied to every web contents we create:
 * no navigation away from the app, no new windows, http(s) links open in the
 * system browser, no permissions granted, a strict CSP on every response.
 */
import { app, session, shell, type WebContents } from 'electron';

export const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob: gloss-asset:; " +
  "font-src 'self'; connect-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export function isExternalHttpUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

export function openExternalSafely(url: string): void {
  if (isExternalHttpUrl(url)) void shell.openExternal(url);
}

export function hardenSessions(): void {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
  });
  app.on('web-contents-created', (_event, contents) => guardContents(contents));
}

function guardContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (url !== contents.getURL()) {
      event.preventDefault();
      openExternalSafely(url);
    }
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternalSafely(url);
    return { action: 'deny' };
  });
}
