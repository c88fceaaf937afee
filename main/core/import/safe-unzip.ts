/**
 * Reading a ZIP (an EPUB) without trusting it. Entries are found through the
 * central directory; each is inflated on demand, streamed in small pieces,
 * counting what comes out and stopping the moment a limit is passed — so a
 * zip bomb costs at most one limit's worth of memory, whether its headers
 * declare the truth or lie.
 */
import { Inflate } from 'fflate';
import { GlossError } from '../errors';

export interface ZipLimits {
  maxEntries: number;
  maxEntryBytes: number;
  maxTotalBytes: number;
  /** Deflate cannot beat ~1032:1; anything claiming more than this of a large entry is a bomb. */
  maxRatio: number;
}

export const EPUB_LIMITS: ZipLimits = {
  maxEntries: 10_000,
  maxEntryBytes: 50 * 1048576,
  maxTotalBytes: 200 * 1048576,
  maxRatio: 1000,
};

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const MB = (n: number): string => `${Math.round(n / 1048576)} MB`;

export class SafeZip {
  readonly entries = new Map<string, Entry>();
  private inflated = 0;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly label: string,
    private readonly limits: ZipLimits = EPUB_LIMITS,
  ) {
    this.readDirectory();
  }

  private corrupt(what: string): GlossError {
    return new GlossError('CORRUPT', `${this.label} is not a readable ZIP/EPUB file (${what}).`);
  }

  private bomb(limit: number): GlossError {
    return new GlossError(
      'TOO_LARGE',
      `${this.label} expands to more than ${MB(limit)} — it may be a zip bomb; not imported.`,
    );
  }

  private readDirectory(): void {
    const b = this.bytes;
    const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
    // End of central directory: last occurrence of its signature within the final 64 KiB + 22 bytes.
    let eocd = -1;
    for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 65535); i--) {
      if (view.getUint32(i, true) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw this.corrupt('no central directory');
    const count = view.getUint16(eocd + 10, true);
    const cdOffset = view.getUint32(eocd + 16, true);
    if (count === 0xffff || cdOffset === 0xffffffff)
      throw new GlossError(
        'UNSUPPORTED_FORMAT',
        `${this.label} is a ZIP64 archive; EPUB books never need that, so it was not imported.`,
      );
    if (count > this.limits.maxEntries)
      throw new GlossError(
        'TOO_LARGE',
        `${this.label} holds ${count} files, more than the ${this.limits.maxEntries} an EPUB may have; not imported.`,
      );
    let p = cdOffset;
    let declared = 0;
    for (let n = 0; n < count; n++) {
      if (p + 46 > b.length || view.getUint32(p, true) !== 0x02014b50)
        throw this.corrupt('damaged central directory');
      const nameLen = view.getUint16(p + 28, true);
      const e: Entry = {
        method: view.getUint16(p + 10, true),
        compressedSize: view.getUint32(p + 20, true),
        size: view.getUint32(p + 24, true),
        localOffset: view.getUint32(p + 42, true),
        name: new TextDecoder().decode(b.subarray(p + 46, p + 46 + nameLen)),
      };
      p += 46 + nameLen + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
      declared += e.size;
      if (e.size > this.limits.maxEntryBytes) throw this.bomb(this.limits.maxEntryBytes);
      if (declared > this.limits.maxTotalBytes) throw this.bomb(this.limits.maxTotalBytes);
      if (e.size > 1048576 && e.size / Math.max(1, e.compressedSize) > this.limits.maxRatio)
        throw this.bomb(this.limits.maxEntryBytes);
      if (!e.name.endsWith('/')) this.entries.set(e.name, e);
    }
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** The entry's bytes, inflated under the limits; undefined if there is no such entry or its method is unknown. */
  read(name: string): Uint8Array | undefined {
    const e = this.entries.get(name);
    if (!e) return undefined;
    const b = this.bytes;
    const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
    const lh = e.localOffset;
    if (lh + 30 > b.length || view.getUint32(lh, true) !== 0x04034b50)
      throw this.corrupt(`damaged entry ${name}`);
    const start = lh + 30 + view.getUint16(lh + 26, true) + view.getUint16(lh + 28, true);
    const data = b.subarray(start, start + e.compressedSize);
    if (e.method === 0) return this.account(data.slice(), e);
    if (e.method !== 8) return undefined;
    // The declared size is a promise we hold it to: more output than declared is a lie, and a bomb.
    const cap = Math.min(e.size, this.limits.maxEntryBytes);
    const chunks: Uint8Array[] = [];
    let got = 0;
    const inflate = new Inflate((chunk) => {
      got += chunk.length;
      if (got > cap)
        throw this.bomb(got > this.limits.maxEntryBytes ? this.limits.maxEntryBytes : Math.max(cap, 1048576));
      if (this.inflated + got > this.limits.maxTotalBytes) throw this.bomb(this.limits.maxTotalBytes);
      chunks.push(chunk);
    });
    const STEP = 16 * 1024; // ≤ ~16 MB of output per push, even at deflate's best ratio
    try {
      for (let i = 0; i < data.length; i += STEP)
        inflate.push(data.subarray(i, i + STEP), i + STEP >= data.length);
      if (data.length === 0) inflate.push(new Uint8Array(0), true);
    } catch (err) {
      if (err instanceof GlossError) throw err;
      throw this.corrupt(`entry ${name} does not inflate: ${(err as Error).message}`);
    }
    const out = new Uint8Array(got);
    let o = 0;
    for (const c of chunks) {
      out.set(c, o);
      o += c.length;
    }
    return this.account(out, e);
  }

  private account(data: Uint8Array, e: Entry): Uint8Array {
    if (data.length > this.limits.maxEntryBytes) throw this.bomb(this.limits.maxEntryBytes);
    this.inflated += data.length;
    if (this.inflated > this.limits.maxTotalBytes) throw this.bomb(this.limits.maxTotalBytes);
    void e;
    return data;
  }
}
