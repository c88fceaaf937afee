/**
 * Which images an import may keep, and under what name. Only still images
 * whose bytes prove it (magic numbers, not the declared type), at most
 * MAX_IMAGE_BYTES each, from data: URLs, from the saved page's own
 * `<name>_files/` folder, or from inside the EPUB. Never from the network at
 * parse time, never from a path that escapes its folder.
 */
import { readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { digest } from '../document/build';
import type { BlockInput } from '../document/types';
import type { Asset } from './types';

export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;

const SIGNATURES: Array<{ mime: string; ext: string; test: (b: Uint8Array) => boolean }> = [
  {
    mime: 'image/png',
    ext: 'png',
    test: (b) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47,
  },
  { mime: 'image/jpeg', ext: 'jpg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  {
    mime: 'image/gif',
    ext: 'gif',
    test: (b) => b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x38,
  },
  {
    mime: 'image/webp',
    ext: 'webp',
    test: (b) =>
      b[0] === 0x52 &&
      b[1] === 0x49 &&
      b[2] === 0x46 &&
      b[3] === 0x46 &&
      b[8] === 0x57 &&
      b[9] === 0x45 &&
      b[10] === 0x42 &&
      b[11] === 0x50,
  },
  {
    mime: 'image/avif',
    ext: 'avif',
    test: (b) => ascii(b, 4, 8) === 'ftyp' && /^avi[fs]$/.test(ascii(b, 8, 12)),
  },
  { mime: 'image/bmp', ext: 'bmp', test: (b) => b[0] === 0x42 && b[1] === 0x4d },
];
// SVG is deliberately absent: it is a document that can carry script.

const ascii = (b: Uint8Array, from: number, to: number): string =>
  String.fromCharCode(...b.subarray(from, to));

export function sniffImage(bytes: Uint8Array): { mime: string; ext: string } | undefined {
  if (bytes.length < 12) return undefined;
  const s = SIGNATURES.find((sig) => sig.test(bytes));
  return s && { mime: s.mime, ext: s.ext };
}

/**
 * Width and height in pixels as a PNG, GIF, JPEG or WebP (VP8/VP8L/VP8X) header states them,
 * or undefined when the header does not say (other formats, damaged bytes).
 */
export function imageSize(b: Uint8Array): { width: number; height: number } | undefined {
  const u16be = (i: number): number => (b[i] << 8) | b[i + 1];
  const u16le = (i: number): number => b[i] | (b[i + 1] << 8);
  const u24le = (i: number): number => b[i] | (b[i + 1] << 8) | (b[i + 2] << 16);
  const kind = sniffImage(b)?.mime;
  if (kind === 'image/png' && b.length >= 24)
    return { width: (u16be(16) << 16) | u16be(18), height: (u16be(20) << 16) | u16be(22) };
  if (kind === 'image/gif' && b.length >= 10) return { width: u16le(6), height: u16le(8) };
  if (kind === 'image/webp' && b.length >= 30) {
    const chunk = ascii(b, 12, 16);
    if (chunk === 'VP8 ') return { width: u16le(26) & 0x3fff, height: u16le(28) & 0x3fff };
    if (chunk === 'VP8L') {
      const bits = b[21] | (b[22] << 8) | (b[23] << 16) | (b[24] << 24);
      return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
    }
    if (chunk === 'VP8X') return { width: u24le(24) + 1, height: u24le(27) + 1 };
    return undefined;
  }
  if (kind === 'image/jpeg') {
    // Walk the segments to the first start-of-frame marker (C0–CF but C4, C8, CC).
    for (let i = 2; i + 9 < b.length;) {
      if (b[i] !== 0xff) return undefined;
      const marker = b[i + 1];
      if (marker === 0xff) {
        i++;
        continue;
      }
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
        return { width: u16be(i + 7), height: u16be(i + 5) };
      i += 2 + u16be(i + 2);
    }
  }
  return undefined;
}

/** A side longer than this is no picture's (a hostile header or attribute): its size is not kept. */
export const MAX_IMAGE_SIDE_PX = 100_000;

/**
 * Each stored picture's size from its file's header, where the header states a
 * sane one; otherwise the size the markup gave (width/height attributes) stays.
 * The reader gives the picture its place before it loads, so nothing moves.
 */
export function withImageSizes(
  blocks: BlockInput[],
  assets: ReadonlyMap<string, Asset> | undefined,
): BlockInput[] {
  return blocks.map((b) => {
    if (b.kind !== 'caption' || !b.image) return b;
    const data = assets?.get(b.image.asset)?.data;
    const size = data && imageSize(data);
    if (!size || !sane(size.width) || !sane(size.height)) return b;
    return { ...b, image: { ...b.image, width: size.width, height: size.height } };
  });
}
const sane = (n: number): boolean => Number.isInteger(n) && n >= 1 && n <= MAX_IMAGE_SIDE_PX;

/**
 * Below this many pixels wide or high a downloaded picture is an icon, a pixel or a spacer: not a
 * figure. (A saved page's own pictures are judged by their markup only: see html-figures.ts.)
 */
export const MIN_PICTURE_PX = 48;

export function isTinyImage(bytes: Uint8Array): boolean {
  const size = imageSize(bytes);
  return !!size && (size.width < MIN_PICTURE_PX || size.height < MIN_PICTURE_PX);
}

/** Collects accepted images, named by content so the same picture is stored once. */
export class AssetCollector {
  readonly assets = new Map<string, Asset>();
  readonly warnings: string[] = [];

  /** Store `bytes` if they are an acceptable image; returns the asset name. */
  add(bytes: Uint8Array, where: string): string | undefined {
    if (bytes.byteLength > MAX_IMAGE_BYTES) {
      this.warnings.push(
        `The image ${where} is larger than ${MAX_IMAGE_BYTES / 1048576} MB and was not kept.`,
      );
      return undefined;
    }
    const kind = sniffImage(bytes);
    if (!kind) return undefined;
    const name = `img-${digest(bytes, 16)}.${kind.ext}`;
    if (!this.assets.has(name)) this.assets.set(name, { mime: kind.mime, data: bytes });
    return name;
  }

  fromDataUrl(src: string): string | undefined {
    const m = /^data:image\/[\w.+-]+((?:;[\w-]+=[^;,]*)*)(;base64)?,(.*)$/is.exec(src.trim());
    if (!m) return undefined;
    // Quick size bound before decoding: base64 is 4/3 of the bytes.
    if (m[3].length > (MAX_IMAGE_BYTES * 4) / 3 + 16) {
      this.warnings.push(
        `An embedded image is larger than ${MAX_IMAGE_BYTES / 1048576} MB and was not kept.`,
      );
      return undefined;
    }
    const bytes = m[2] ? Buffer.from(m[3], 'base64') : Buffer.from(decodeURIComponent(m[3]), 'latin1');
    return this.add(new Uint8Array(bytes), 'embedded in the page');
  }
}

/**
 * Resolver for images on disk: `src` is resolved against `baseDir` and must
 * land inside `root` (symlinks resolved first, so a link cannot lead out);
 * files are size-checked before they are read. Remote and exotic URLs: never.
 */
export function localImages(
  root: string,
  baseDir: string,
  collector: AssetCollector,
): (src: string) => string | undefined {
  let realRoot: string | undefined;
  try {
    realRoot = realpathSync(root);
  } catch {
    realRoot = undefined;
  }
  return (src) => {
    if (/^data:/i.test(src)) return collector.fromDataUrl(src);
    if (!realRoot) return undefined;
    let file: string;
    try {
      if (/^file:/i.test(src)) file = fileURLToPath(src);
      else if (/^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith('//')) return undefined;
      else file = path.resolve(baseDir, decodeURIComponent(src.split(/[?#]/)[0]));
      file = realpathSync(file);
    } catch {
      return undefined;
    }
    if (!file.startsWith(realRoot + path.sep)) return undefined;
    try {
      const st = statSync(file);
      if (!st.isFile()) return undefined;
      if (st.size > MAX_IMAGE_BYTES) {
        collector.warnings.push(
          `The image “${path.basename(file)}” is larger than ${MAX_IMAGE_BYTES / 1048576} MB and was not kept.`,
        );
        return undefined;
      }
      return collector.add(new Uint8Array(readFileSync(file)), `“${path.basename(file)}”`);
    } catch {
      return undefined;
    }
  };
}

/** A saved web page may use its own `<stem>_files/` folder, nothing else on disk. */
export function savedPageImages(
  filePath: string,
  collector: AssetCollector,
): (src: string) => string | undefined {
  const dir = path.dirname(filePath);
  const stem = path.basename(filePath).replace(/\.[^.]+$/, '');
  return localImages(path.join(dir, `${stem}_files`), dir, collector);
}
