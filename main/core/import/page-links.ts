/**
 * Where a page's links point. Links are kept as absolute http(s) addresses
 * only (the reader opens them in the browser; `javascript:`, `mailto:`,
 * `file:` and the like are dropped). A relative link is resolved as the
 * browser would — against <base href>, else the page's own address — and for
 * a saved file, whose own address is a path on disk, against the address it
 * was saved from: its canonical link or og:url. A saved page's pictures that
 * were not saved beside it are pointed at the web the same way.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

const isWeb = (u: URL): boolean => u.protocol === 'http:' || u.protocol === 'https:';

function webUrl(raw: string | null | undefined, base?: string): URL | undefined {
  if (!raw?.trim()) return undefined;
  try {
    const u = new URL(raw.trim(), base);
    return isWeb(u) ? u : undefined;
  } catch {
    return undefined;
  }
}

/** The web address the page's relative links are relative to, if the page tells. */
export function linkBase(document: Document, pageUrl?: string): string | undefined {
  const own = webUrl(pageUrl)?.href;
  const base = webUrl(document.querySelector('base[href]')?.getAttribute('href'), own);
  const canonical = webUrl(document.querySelector('link[rel~="canonical"]')?.getAttribute('href'));
  const og = webUrl(document.querySelector('meta[property="og:url"]')?.getAttribute('content'));
  return (base ?? webUrl(own) ?? canonical ?? og)?.href;
}

/** An href as the absolute http(s) address to keep, or undefined. */
export function webLinkResolver(base: string | undefined): (href: string) => string | undefined {
  return (href) => {
    // A bare fragment with no page address to go with it leads nowhere outside this page.
    if (!base && !/^[a-z][a-z0-9+.-]*:/i.test(href.trim())) return undefined;
    return webUrl(href, base)?.href;
  };
}

const hasScheme = (s: string): boolean => /^[a-z][a-z0-9+.-]*:/i.test(s) || s.startsWith('//');

/**
 * Rewrite the page's links (and a saved page's pictures that are not on disk)
 * to absolute web addresses before Readability resolves them against the
 * file; links that cannot be resolved lose their href (their text stays).
 */
export function absolutizePageAddresses(
  document: Document,
  base: string | undefined,
  filePath?: string,
): void {
  const resolve = webLinkResolver(base);
  for (const a of Array.from(document.querySelectorAll('a[href]'))) {
    const href = resolve(a.getAttribute('href') ?? '');
    if (href) a.setAttribute('href', href);
    else a.removeAttribute('href');
  }
  if (!filePath) return;
  const dir = path.dirname(filePath);
  for (const img of Array.from(document.querySelectorAll('img[src]'))) {
    const src = img.getAttribute('src') ?? '';
    // Protocol-relative, as the page had it on the web (against the file it would become file://host/…).
    if (src.startsWith('//')) img.setAttribute('src', `https:${src}`);
    if (!src || !base || hasScheme(src)) continue;
    let local: string;
    try {
      local = path.resolve(dir, decodeURIComponent(src.split(/[?#]/)[0]));
    } catch {
      continue;
    }
    if (existsSync(local)) continue;
    const web = webUrl(src, base);
    if (web) img.setAttribute('src', web.href);
  }
}
