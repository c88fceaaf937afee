/**
 * Fetching an article by URL: http(s) only, every redirect hop checked
 * (at most MAX_REDIRECTS), a timeout over the whole exchange, and a size limit
 * enforced while streaming — the body is never buffered past it. The result
 * is an ImportInput that goes through importSource like a file, asking it to
 * download the page's images too (see remote-images.ts).
 */
import { GlossError } from '../errors';
import type { ImportInput, RemoteImageOptions } from './types';

export interface FetchOptions {
  timeoutMs?: number;
  maxBytes?: number;
  fetchImpl?: typeof fetch;
  /** Lets the caller cancel (the UI's Cancel button). */
  signal?: AbortSignal;
  /**
   * Limits for downloading the page's images at import (remote-images.ts),
   * or false to keep captions only. By default on, with the same fetch and signal.
   */
  images?: RemoteImageOptions | false;
}

export const DEFAULT_TIMEOUT_MS = 20_000;
export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;
export const MAX_REDIRECTS = 5;

function checkUrl(raw: string, original: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new GlossError('INVALID_REQUEST', `“${original}” is not a web address Gloss can open.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new GlossError(
      'INVALID_REQUEST',
      `Gloss only opens http and https addresses, not “${url.protocol}” (${original}).`,
    );
  }
  return url;
}

const mb = (n: number): string => `${(n / 1048576).toFixed(n < 1048576 ? 2 : 0)} MB`;

/** Read a body stream up to `maxBytes`, cancelling it the moment it grows past. */
async function readLimited(res: Response, maxBytes: number, url: string): Promise<Uint8Array> {
  const declared = Number(res.headers.get('content-length') ?? NaN);
  const tooLarge = (): GlossError =>
    new GlossError('TOO_LARGE', `${url} is larger than ${mb(maxBytes)}; Gloss did not download the rest.`);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (!res.body) return new Uint8Array(0);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.byteLength;
  }
  return out;
}

/**
 * Read and discard a small body (redirects, error pages). Cancelling instead
 * makes undici drop the kept-alive socket under the next request.
 */
export async function drain(res: Response): Promise<void> {
  try {
    await readLimited(res, 256 * 1024, '');
  } catch {
    // Too big or broken: it was cancelled, which is all we need.
  }
}

export function isStaleSocket(err: unknown): boolean {
  const code = (err as { cause?: { code?: string } })?.cause?.code;
  return code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE';
}

export function reason(err: unknown): string {
  const e = err as { cause?: { code?: string; message?: string }; message?: string };
  const code = e?.cause?.code;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'the server name could not be found';
  if (code === 'ECONNREFUSED') return 'the server refused the connection';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'the connection was dropped';
  if (code === 'CERT_HAS_EXPIRED' || /certificate/i.test(e?.cause?.message ?? ''))
    return 'the site’s security certificate is not valid';
  return e?.cause?.message ?? e?.message ?? String(err);
}

/** Download `url` (following up to 5 redirects) into an ImportInput for importSource. */
export async function importUrlBytes(url: string, opts: FetchOptions = {}): Promise<ImportInput> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const doFetch = opts.fetchImpl ?? fetch;
  let current = checkUrl(url.trim(), url);
  const controller = new AbortController();
  const timer = setTimeout(
    () =>
      controller.abort(
        new GlossError(
          'NETWORK',
          `Could not fetch ${url}: no complete answer within ${timeoutMs >= 10_000 ? Math.round(timeoutMs / 1000) : (timeoutMs / 1000).toFixed(1)} s.`,
        ),
      ),
    timeoutMs,
  );
  const onCancel = (): void =>
    controller.abort(new GlossError('CANCELLED', `Fetching ${url} was cancelled.`));
  opts.signal?.addEventListener('abort', onCancel, { once: true });
  try {
    for (let hop = 0; ; hop++) {
      let res: Response | undefined;
      for (let attempt = 0; !res; attempt++) {
        try {
          res = await doFetch(current, {
            redirect: 'manual',
            signal: controller.signal,
            headers: {
              accept:
                'text/html,application/xhtml+xml,text/markdown,text/plain;q=0.9,application/epub+zip;q=0.8,*/*;q=0.5',
            },
          });
        } catch (err) {
          if (controller.signal.aborted && controller.signal.reason instanceof GlossError)
            throw controller.signal.reason;
          // A kept-alive socket the server closed just as we reused it: one fresh try is what browsers do too.
          if (attempt === 0 && isStaleSocket(err)) continue;
          throw new GlossError('NETWORK', `Could not fetch ${current.href}: ${reason(err)}.`, { cause: err });
        }
      }
      if (res.status >= 300 && res.status < 400 && res.headers.has('location')) {
        await drain(res);
        if (hop >= MAX_REDIRECTS)
          throw new GlossError('NETWORK', `Could not fetch ${url}: more than ${MAX_REDIRECTS} redirects.`);
        current = checkUrl(new URL(res.headers.get('location')!, current).href, url);
        continue;
      }
      if (res.status < 200 || res.status > 299) {
        await drain(res);
        throw new GlossError(
          'NETWORK',
          `Could not fetch ${current.href}: the server answered ${res.status}${res.statusText ? ` ${res.statusText}` : ''}.`,
        );
      }
      let bytes: Uint8Array;
      try {
        bytes = await readLimited(res, maxBytes, current.href);
      } catch (err) {
        if (err instanceof GlossError) throw err;
        throw controller.signal.aborted && controller.signal.reason instanceof GlossError
          ? controller.signal.reason
          : new GlossError('NETWORK', `Could not fetch ${current.href}: ${reason(err)}.`, { cause: err });
      }
      const name = decodeURIComponent(current.pathname.split('/').pop() ?? '');
      const input: ImportInput = { bytes, url: current.href };
      input.fetchImages =
        opts.images === false ? false : { fetchImpl: opts.fetchImpl, signal: opts.signal, ...opts.images };
      const contentType = res.headers.get('content-type');
      if (contentType) input.contentType = contentType;
      // A file name only when the path names a file with an extension (helps detect .md/.epub); pages keep their URL.
      if (/\.[a-z0-9]{1,8}$/i.test(name)) input.fileName = name;
      return input;
    }
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onCancel);
  }
}
