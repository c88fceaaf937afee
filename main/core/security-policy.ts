/**
 * The shell's security decisions as pure functions, so they are tested under
 * plain Node: which URLs may leave the app (to the system browser), which page
 * may talk to main, and the Content-Security-Policy every page runs under.
 */

/** The main window's web preferences: isolated, sandboxed, no Node in the page. */
export const WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  spellcheck: false,
} as const;

/**
 * Permissions our page may use: reading the clipboard (Ctrl/Cmd+Shift+V pastes
 * an article) and writing to it. Camera, microphone, location, notifications,
 * and everything else are refused.
 */
const ALLOWED_PERMISSIONS = new Set(['clipboard-read', 'clipboard-sanitized-write']);
export function isPermissionAllowed(
  permission: string,
  requestingUrl: string | undefined,
  isOurPage: (url: string | undefined) => boolean,
): boolean {
  return ALLOWED_PERMISSIONS.has(permission) && isOurPage(requestingUrl);
}

/**
 * The one inline script the page may run: renderer/first-screen.js, which the
 * build puts inline in index.html (it paints the last screen's picture before
 * any file of script could load). The SHA-256 of its exact bytes; a unit test
 * fails when the file changes without it.
 */
export const FIRST_SCREEN_SCRIPT_HASH = "'sha256-Py5mns6rQX3eKNetZQ/pg3kVN4ks2zuzBn68Y2YlgnE='";

/** The renderer's CSP. renderer/index.html carries it as a meta tag (a test keeps the two equal). */
export const CSP_DIRECTIVES: Record<string, string> = {
  'default-src': "'none'",
  'script-src': `'self' ${FIRST_SCREEN_SCRIPT_HASH}`,
  'style-src': "'self'",
  'img-src': "'self' data: blob: gloss-asset:",
  'font-src': "'self'",
  'connect-src': "'none'",
  'base-uri': "'none'",
  'form-action': "'none'",
};
export const CSP = Object.entries(CSP_DIRECTIVES)
  .map(([k, v]) => `${k} ${v}`)
  .join('; ');
/** Header-only directives (not allowed in a meta tag). */
export const CSP_HEADER = `${CSP}; object-src 'none'; frame-ancestors 'none'`;

/** Only http(s) links are handed to the system browser; file:, javascript:, custom schemes never. */
export function isExternalHttpUrl(url: string): boolean {
  try {
    const { protocol, hostname } = new URL(url);
    return (protocol === 'http:' || protocol === 'https:') && hostname.length > 0;
  } catch {
    return false;
  }
}

/**
 * Is this frame URL our own renderer? In development it is the dev server's
 * URL; packaged, the index.html file inside the app.
 */
export function isAppPage(
  url: string | undefined,
  app: { devServerUrl?: string; rendererFile: string },
): boolean {
  if (!url) return false;
  try {
    const u = new URL(url);
    if (app.devServerUrl) {
      const dev = new URL(app.devServerUrl);
      return u.origin === dev.origin;
    }
    if (u.protocol !== 'file:') return false;
    const path = decodeURIComponent(u.pathname)
      .replace(/\\/g, '/')
      .replace(/^\/([A-Za-z]:)/, '$1');
    return path === app.rendererFile.replace(/\\/g, '/');
  } catch {
    return false;
  }
}
