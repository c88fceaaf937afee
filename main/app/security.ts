/**
 * Electron's security checklist, applied to every web contents we create:
 * no navigation away from the app, no new windows or webviews, http(s) links
 * open in the system browser, no permissions granted, a strict CSP header.
 */
import { app, session, shell, type WebContents } from 'electron';
import { CSP_HEADER, isExternalHttpUrl, isPermissionAllowed } from '../core/security-policy';

export function openExternalSafely(url: string): void {
  if (isExternalHttpUrl(url)) void shell.openExternal(url);
}

export function hardenSessions(isOurPage: (url: string | undefined) => boolean): void {
  session.defaultSession.setPermissionRequestHandler((wc, permission, callback) =>
    callback(isPermissionAllowed(permission, wc.getURL(), isOurPage)),
  );
  session.defaultSession.setPermissionCheckHandler((wc, permission) =>
    isPermissionAllowed(permission, wc?.getURL(), isOurPage),
  );
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP_HEADER] } });
  });
  app.on('web-contents-created', (_event, contents) => guardContents(contents));
}

function guardContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    openExternalSafely(url);
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternalSafely(url);
    return { action: 'deny' };
  });
}
