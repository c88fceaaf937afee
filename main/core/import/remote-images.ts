/**
 * Web images of a page imported from a URL: downloaded once, at import, and
 * stored with the article like local ones — never loaded while reading.
 *
 * The parser only notes them (remoteImagePlaceholders: caption blocks hold a
 * placeholder asset name, ParsedDocument.remoteImages maps it to the URL);
 * fetchRemoteImages then downloads within limits — http(s) only, also for
 * every redirect hop; a timeout per image; a byte limit per image and for all
 * of them together, enforced while streaming; at most N images, a few at a
 * time — and keeps only bytes that prove to be a still image (no SVG: it can
 * carry script). A picture that fails, or that is not downloaded because the
 * import did not ask (a saved file opened without downloads), stays as a
 * placeholder figure: its caption and its address (`imageUrl`); one warning
 * line sums them up. A download that proves to be a pixel or an icon (under
 * MIN_PICTURE_PX) is no figure at all.
 */
import { GlossError } from '../errors';
import { AssetCollector, isTinyImage, MAX_IMAGE_BYTES } from './image-assets';
import type { ParsedDocument, RemoteImageOptions } from './types';
import { drain, isStaleSocket, MAX_REDIRECTS, reason } from './url';
import { mapLimit } from '../util/map-limit';

export const REMOTE_IMAGE_DEFAULTS = {
  maxImages: 60,
  maxBytesEach: MAX_IMAGE_BYTES,
  maxTotalBytes: 50 * 1024 * 1024,
  timeoutMs: 15_000,
} as const;
/** Parallel downloads: enough to hide latency, few enough not to hammer one server. */
export const IMAGE_CONCURRENCY = 4;

const PLACEHOLDER = 'remote-';
const isWeb = (u: URL): boolean => u.protocol === 'http:' || u.protocol === 'https:';

/**
 * An image resolver for a page at `pageUrl`: an http(s) `src` (relative ones
 * resolved against the page) gets a placeholder asset name, the same URL the
 * same name; anything else is not ours to keep.
 */
export function remoteImagePlaceholders(pageUrl?: string): {
  urls: Map<string, string>;
  resolve: (src: string) => string | undefined;
} {
  const urls = new Map<string, string>();
  const byUrl = new Map<string, string>();
  const resolve = (src: string): string | undefined => {
    let u: URL;
    try {
      u = new URL(src.trim(), pageUrl);
    } catch {
      return undefined;
    }
    if (!isWeb(u)) return undefined;
    u.hash = '';
    let name = byUrl.get(u.href);
    if (!name) {
      name = `${PLACEHOLDER}${urls.size + 1}`;
      byUrl.set(u.href, name);
      urls.set(name, u.href);
    }
    return name;
  };
  return { urls, resolve };
}

/** Why one image was not kept: a phrase that completes "… could not be downloaded: <url> (<why>)". */
class ImageFailure extends Error {}

const mb = (n: number): string => `${+(n / 1048576).toFixed(n < 1048576 ? 2 : 1)} MB`;
const seconds = (ms: number): string => `${ms >= 10_000 ? Math.round(ms / 1000) : +(ms / 1000).toFixed(1)} s`;

interface Budget {
  used: number;
  readonly max: number;
}

interface DownloadLimits {
  fetchImpl: typeof fetch;
  timeoutMs: number;
  maxBytes: number;
  budget: Budget;
  signal?: AbortSignal;
}

/** Read a body, counting every chunk against both the image's limit and the shared budget. */
async function readCounted(res: Response, lim: DownloadLimits): Promise<Uint8Array> {
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > lim.maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    throw new ImageFailure(`larger than ${mb(lim.maxBytes)}`);
  }
  if (!res.body) return new Uint8Array(0);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      lim.budget.used += value.byteLength;
      if (total > lim.maxBytes) throw new ImageFailure(`larger than ${mb(lim.maxBytes)}`);
      if (lim.budget.used > lim.budget.max)
        throw new ImageFailure(`the page’s images together exceed ${mb(lim.budget.max)}`);
      chunks.push(value);
    }
  } catch (err) {
    // A failed image's bytes are not kept, so they do not count against the others.
    lim.budget.used -= total;
    await reader.cancel().catch(() => undefined);
    throw err;
  }
  return Buffer.concat(chunks, total);
}

/** GET one image, following at most MAX_REDIRECTS http(s) redirects, within the limits. */
async function downloadImage(url: string, lim: DownloadLimits): Promise<Uint8Array> {
  if (lim.budget.used >= lim.budget.max)
    throw new ImageFailure(`the page’s images together exceed ${mb(lim.budget.max)}`);
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new ImageFailure(`no complete answer within ${seconds(lim.timeoutMs)}`)),
    lim.timeoutMs,
  );
  const onCancel = (): void =>
    controller.abort(new GlossError('CANCELLED', `Fetching ${url} was cancelled.`));
  if (lim.signal?.aborted) onCancel();
  lim.signal?.addEventListener('abort', onCancel, { once: true });
  // Whatever fails after an abort fails because of it: report the abort's reason.
  const why = (err: unknown): unknown => (controller.signal.aborted ? controller.signal.reason : err);
  try {
    let current = new URL(url);
    for (let hop = 0; ; hop++) {
      let res: Response | undefined;
      for (let attempt = 0; !res; attempt++) {
        try {
          res = await lim.fetchImpl(current, {
            redirect: 'manual',
            signal: controller.signal,
            headers: { accept: 'image/avif,image/webp,image/png,image/jpeg,image/gif;q=0.9,*/*;q=0.5' },
          });
        } catch (err) {
          if (!controller.signal.aborted && attempt === 0 && isStaleSocket(err)) continue;
          const e = why(err);
          throw e instanceof ImageFailure || e instanceof GlossError ? e : new ImageFailure(reason(e));
        }
      }
      if (res.status >= 300 && res.status < 400 && res.headers.has('location')) {
        await drain(res);
        if (hop >= MAX_REDIRECTS) throw new ImageFailure(`more than ${MAX_REDIRECTS} redirects`);
        let next: URL;
        try {
          next = new URL(res.headers.get('location')!, current);
        } catch {
          throw new ImageFailure('redirected to an invalid address');
        }
        if (!isWeb(next)) throw new ImageFailure(`redirected to a “${next.protocol}” address`);
        current = next;
        continue;
      }
      if (res.status < 200 || res.status > 299) {
        await drain(res);
        throw new ImageFailure(`the server answered ${res.status}`);
      }
      try {
        return await readCounted(res, lim);
      } catch (err) {
        const e = err instanceof ImageFailure ? err : why(err);
        throw e instanceof ImageFailure || e instanceof GlossError ? e : new ImageFailure(reason(e));
      }
    }
  } finally {
    clearTimeout(timer);
    lim.signal?.removeEventListener('abort', onCancel);
  }
}

function summarise(failures: Array<{ url: string; why: string }>): string {
  const shown = failures.slice(0, 3).map((f) => `${f.url} (${f.why})`);
  const more = failures.length - shown.length;
  const one = failures.length === 1;
  return `${failures.length} image${one ? '' : 's'} could not be downloaded and ${one ? 'is' : 'are'} shown by caption and address only: ${shown.join('; ')}${more ? `; and ${more} more` : ''}.`;
}

/** Marks a download that proved to be a pixel or an icon. */
const TINY = Symbol('tiny');

/**
 * Replace `doc`'s placeholders with stored images. With no `opts` (a file
 * import not asked to download) nothing is fetched and every placeholder
 * keeps its address, with a warning; `false` (picture downloads turned off)
 * the same, the warning saying why. Rejects only when cancelled (GlossError
 * CANCELLED); every other failure costs just that picture.
 */
export async function fetchRemoteImages(
  doc: ParsedDocument,
  asked?: RemoteImageOptions | false,
): Promise<ParsedDocument> {
  const opts = asked || undefined;
  const { remoteImages, ...rest } = doc;
  if (!remoteImages?.size) return rest;
  const maxImages = opts?.maxImages ?? REMOTE_IMAGE_DEFAULTS.maxImages;
  const entries = opts ? [...remoteImages].slice(0, Math.max(0, maxImages)) : [];
  const lim: DownloadLimits = {
    fetchImpl: opts?.fetchImpl ?? fetch,
    timeoutMs: opts?.timeoutMs ?? REMOTE_IMAGE_DEFAULTS.timeoutMs,
    // The collector refuses anything larger anyway; never download what would be thrown away.
    maxBytes: Math.min(opts?.maxBytesEach ?? REMOTE_IMAGE_DEFAULTS.maxBytesEach, MAX_IMAGE_BYTES),
    budget: { used: 0, max: opts?.maxTotalBytes ?? REMOTE_IMAGE_DEFAULTS.maxTotalBytes },
    signal: opts?.signal,
  };
  const collector = new AssetCollector();
  const failures: Array<{ url: string; why: string }> = [];
  const names = new Map<string, string>();
  const outcomes = await mapLimit(entries, IMAGE_CONCURRENCY, async ([, url]) => {
    try {
      const bytes = await downloadImage(url, lim);
      if (isTinyImage(bytes)) return TINY;
      return collector.add(bytes, url) ?? new ImageFailure('not a PNG, JPEG, GIF, WebP, AVIF or BMP image');
    } catch (err) {
      if (err instanceof ImageFailure) return err;
      throw err;
    }
  });
  const tiny = new Set<string>();
  entries.forEach(([placeholder, url], i) => {
    const got = outcomes[i];
    if (typeof got === 'string') names.set(placeholder, got);
    else if (got === TINY) tiny.add(placeholder);
    else failures.push({ url, why: got.message });
  });

  const blocks = rest.blocks.flatMap((b) => {
    if (b.kind !== 'caption' || !b.image || !remoteImages.has(b.image.asset)) return [b];
    const name = names.get(b.image.asset);
    if (name) return [{ ...b, image: { ...b.image, asset: name } }];
    const { image, ...captionOnly } = b;
    if (tiny.has(image.asset)) return captionOnly.text ? [captionOnly] : [];
    // Not stored: a placeholder figure that says where the picture is.
    return [{ ...captionOnly, imageUrl: remoteImages.get(image.asset)! }];
  });
  const warnings = [...(rest.warnings ?? []), ...collector.warnings];
  if (failures.length) warnings.push(summarise(failures));
  if (opts && remoteImages.size > entries.length) {
    const left = remoteImages.size - entries.length;
    warnings.push(
      `The page has ${remoteImages.size} images; Gloss downloaded the first ${entries.length}, and the other ${left} are shown by caption and address only.`,
    );
  }
  if (!opts) {
    const n = remoteImages.size;
    const why = asked === false ? ', as picture downloads are turned off' : '';
    warnings.push(
      `${n} picture${n === 1 ? '' : 's'} of the page ${n === 1 ? 'is' : 'are'} on the web and ${n === 1 ? 'was' : 'were'} not downloaded${why}: shown by caption and address only.`,
    );
  }
  const assets = new Map([...(rest.assets ?? []), ...collector.assets]);
  return { ...rest, blocks, warnings, ...(assets.size ? { assets } : {}) };
}
