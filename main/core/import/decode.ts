/**
 * Bytes → text for plain-text-like imports. UTF-8 is the expected case; a
 * byte-order mark selects UTF-16; anything that is not valid UTF-8 is read as
 * Windows-1252 (what "Latin-1" files from Windows editors really are), with a
 * warning, so an old file still opens instead of failing or turning into "�".
 * Line endings come out as LF only, so offsets never depend on the platform
 * that wrote the file.
 */
import iconv from 'iconv-lite';

export interface DecodedText {
  text: string;
  warnings: string[];
}

type Bom = { encoding: 'utf-8' | 'utf-16le' | 'utf-16be'; length: number };

function byteOrderMark(bytes: Uint8Array): Bom | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { encoding: 'utf-8', length: 3 };
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

/**
 * Offset of the first byte that starts an invalid UTF-8 sequence, or -1.
 * Follows the well-formed byte table of Unicode §3.9 (no overlongs,
 * no surrogates, nothing above U+10FFFF), the same rules TextDecoder's
 * fatal mode applies, so the two agree on what is "bad".
 */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  const n = bytes.length;
  const cont = (i: number, lo = 0x80, hi = 0xbf): boolean => i < n && bytes[i] >= lo && bytes[i] <= hi;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i += 1;
    } else if (b >= 0xc2 && b <= 0xdf) {
      if (!cont(i + 1)) return i;
      i += 2;
    } else if (b >= 0xe0 && b <= 0xef) {
      const lo = b === 0xe0 ? 0xa0 : 0x80;
      const hi = b === 0xed ? 0x9f : 0xbf;
      if (!cont(i + 1, lo, hi) || !cont(i + 2)) return i;
      i += 3;
    } else if (b >= 0xf0 && b <= 0xf4) {
      const lo = b === 0xf0 ? 0x90 : 0x80;
      const hi = b === 0xf4 ? 0x8f : 0xbf;
      if (!cont(i + 1, lo, hi) || !cont(i + 2) || !cont(i + 3)) return i;
      i += 4;
    } else {
      return i;
    }
  }
  return -1;
}

/** CRLF and lone CR (old Mac files) become LF. */
export function normaliseLineEndings(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

export function decodeText(bytes: Uint8Array, fileName?: string): DecodedText {
  const warnings: string[] = [];
  const bom = byteOrderMark(bytes);
  const body = bom ? bytes.subarray(bom.length) : bytes;
  let text: string;
  if (bom && bom.encoding !== 'utf-8') {
    // ignoreBOM: we removed the mark ourselves; a second U+FEFF would be content.
    const whole = body.subarray(0, body.length - (body.length % 2));
    text = new TextDecoder(bom.encoding, { ignoreBOM: true }).decode(whole);
    if (whole.length !== body.length) {
      warnings.push(
        `${name(fileName)} ends in the middle of a character (UTF-16 with an odd number of bytes); the last byte was dropped.`,
      );
    }
  } else {
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
    } catch {
      const bad = Math.max(0, firstInvalidUtf8Offset(body)) + (bom?.length ?? 0);
      text = iconv.decode(Buffer.from(body.buffer, body.byteOffset, body.byteLength), 'windows-1252');
      warnings.push(
        `${name(fileName)} is not valid UTF-8 (first bad byte at offset ${bad}); read as Windows-1252 — check accented letters.`,
      );
    }
  }
  return { text: normaliseLineEndings(text), warnings };
}

const name = (fileName?: string): string => (fileName ? `“${fileName}”` : 'The file');
