/**
 * Bytes → text for HTML and XHTML: the encoding is chosen the way a browser
 * chooses it — byte-order mark, then the server's Content-Type, then a
 * `<meta charset>` / `<meta http-equiv>` / XML declaration near the top —
 * and only when none says anything do we fall back to decodeText (UTF-8, else
 * Windows-1252 with a warning).
 */
import iconv from 'iconv-lite';
import { decodeText, normaliseLineEndings } from './decode';

export interface DecodedHtml {
  text: string;
  /** The encoding used, as iconv names it (e.g. "utf-8", "windows-1251"). */
  charset: string;
  warnings: string[];
}

function bomCharset(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

/** charset=… from a Content-Type value, e.g. "text/html; charset=Shift_JIS". */
export function charsetFromContentType(contentType?: string): string | undefined {
  const m = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType ?? '');
  return m?.[1];
}

/**
 * The charset a document declares in its first 4 KiB: <meta charset>,
 * <meta http-equiv="Content-Type" content="…charset=…">, or <?xml encoding>.
 * (Browsers look at 1 KiB; real saved pages often put the meta tag later.)
 */
export function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 4096)).toString(
    'latin1',
  );
  const xml = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head);
  if (xml) return xml[1];
  for (const tag of head.match(/<meta\b[^>]*>/gi) ?? []) {
    const direct = /\bcharset\s*=\s*["']?([\w.:-]+)/i.exec(tag);
    if (direct && !/http-equiv/i.test(tag)) return direct[1];
    if (/http-equiv\s*=\s*["']?content-type/i.test(tag)) {
      const content = /\bcontent\s*=\s*(["'])(.*?)\1/i.exec(tag)?.[2] ?? '';
      const cs = charsetFromContentType(content);
      if (cs) return cs;
    }
  }
  return undefined;
}

/** WHATWG label rules that matter in practice, then whatever iconv knows. */
function normaliseLabel(label: string): string | undefined {
  const l = label.trim().toLowerCase();
  // A page cannot declare itself UTF-16 in ASCII-compatible bytes; browsers read it as UTF-8.
  if (l === 'utf-16' || l === 'utf-16le' || l === 'utf-16be') return 'utf-8';
  // The web treats Latin-1 and ASCII labels as Windows-1252.
  if (['iso-8859-1', 'iso8859-1', 'latin1', 'l1', 'us-ascii', 'ascii', 'cp1252'].includes(l))
    return 'windows-1252';
  if (l === 'utf8' || l === 'unicode-1-1-utf-8') return 'utf-8';
  if (l === 'x-sjis' || l === 'sjis' || l === 'ms_kanji') return 'shift_jis';
  return iconv.encodingExists(l) ? l : undefined;
}

export function decodeHtml(bytes: Uint8Array, contentType?: string, fileName?: string): DecodedHtml {
  const warnings: string[] = [];
  const bom = bomCharset(bytes);
  if (bom) {
    const { text, warnings: w } = decodeText(bytes, fileName);
    return { text, charset: bom, warnings: w };
  }
  const labels = [charsetFromContentType(contentType), declaredCharset(bytes)].filter(
    (l): l is string => !!l,
  );
  for (const label of labels) {
    const charset = normaliseLabel(label);
    if (!charset) {
      warnings.push(`${name(fileName)} declares the unknown character set “${label}”; it was ignored.`);
      continue;
    }
    if (charset === 'utf-8') {
      // Declared UTF-8 but not valid: decodeText falls back and says so.
      const { text, warnings: w } = decodeText(bytes, fileName);
      return { text, charset, warnings: [...warnings, ...w] };
    }
    const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), charset);
    return { text: normaliseLineEndings(text), charset, warnings };
  }
  const { text, warnings: w } = decodeText(bytes, fileName);
  return { text, charset: w.length ? 'windows-1252' : 'utf-8', warnings: [...warnings, ...w] };
}

const name = (fileName?: string): string => (fileName ? `“${fileName}”` : 'The page');
