/**
 * Format detection by content first, file name second. A file that is none of
 * the formats Gloss reads gets an error naming what it seemed to be.
 */
import type { SourceFormat } from '../document/types';
import { GlossError } from '../errors';
import type { ImportInput } from './types';

const MAGIC: Array<{ bytes: number[]; offset?: number; what: string }> = [
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38], what: 'a GIF image' },
  { bytes: [0x52, 0x49, 0x46, 0x46], what: 'a RIFF media file (WebP, WAV or AVI)' },
  { bytes: [0x1f, 0x8b], what: 'a gzip archive' },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], what: 'an executable program (ELF)' },
  { bytes: [0x4d, 0x5a], what: 'a Windows executable' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], what: 'an old Microsoft Office document' },
  { bytes: [0x66, 0x74, 0x79, 0x70], offset: 4, what: 'a video or image file (MP4/HEIC)' },
  { bytes: [0x49, 0x44, 0x33], what: 'an MP3 audio file' },
  { bytes: [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65], what: 'an SQLite database' },
];

function startsWith(bytes: Uint8Array, magic: number[], offset = 0): boolean {
  if (bytes.length < offset + magic.length) return false;
  return magic.every((b, i) => bytes[offset + i] === b);
}

/** PDF: "%PDF-" first (after blank space at most: a text that merely mentions it stays text). */
function isPdf(bytes: Uint8Array): boolean {
  return /^\s*%PDF-/.test(new TextDecoder('latin1').decode(bytes.subarray(0, 64)));
}

function isZip(bytes: Uint8Array): boolean {
  return startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]);
}

/** EPUB: a ZIP whose first entry is the stored file "mimetype" = application/epub+zip. */
function isEpub(bytes: Uint8Array): boolean {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 120));
  return isZip(bytes) && head.includes('mimetypeapplication/epub+zip');
}

/** Binary if it has NUL bytes or many control characters in its first 8 KiB. */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  return n > 0 && control / n > 0.1;
}

function utf16Encoding(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (startsWith(bytes, [0xff, 0xfe])) return 'utf-16le';
  if (startsWith(bytes, [0xfe, 0xff])) return 'utf-16be';
  return undefined;
}

const ext = (name = ''): string => name.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1] ?? '';

/** Starts like a web page: doctype, an XML declaration before <html>, or a document-level tag. */
function looksLikeHtml(head: string): boolean {
  const rest = head.replace(/^<\?xml[^>]*>\s*/, '');
  return /^(<!doctype html|<html[\s>]|<head[\s>]|<body[\s>]|<meta[\s>]|<title[\s>]|<!--)/.test(rest);
}

/** YAML front matter with a key, or an ATX heading on the first line. */
function looksLikeMarkdown(head: string): boolean {
  return (
    /^---[ \t]*\r?\n(?:[\s\S]*?\n)?[a-z_][\w-]*:[^\n]*\n[\s\S]*?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.test(
      head,
    ) || /^#{1,6} \S/.test(head)
  );
}

export function detectFormat(input: ImportInput): SourceFormat {
  const { bytes } = input;
  if (isEpub(bytes)) return 'epub';
  if (isPdf(bytes)) return 'pdf';
  if (isZip(bytes)) {
    throw new GlossError(
      'UNSUPPORTED_FORMAT',
      `${input.fileName ?? 'This file'} seems to be a ZIP archive (not an EPUB book); Gloss imports text, HTML, Markdown, EPUB and PDF.`,
    );
  }
  for (const m of MAGIC) {
    if (startsWith(bytes, m.bytes, m.offset)) {
      throw new GlossError(
        'UNSUPPORTED_FORMAT',
        `${input.fileName ?? 'This file'} seems to be ${m.what}; Gloss imports text, HTML, Markdown, EPUB and PDF.`,
      );
    }
  }
  // UTF-16 text is full of NUL bytes; its byte-order mark says it is text.
  const utf16 = utf16Encoding(bytes);
  if (!utf16 && looksBinary(bytes)) {
    throw new GlossError(
      'UNSUPPORTED_FORMAT',
      `${input.fileName ?? 'This file'} seems to be a binary file, not text; Gloss imports text, HTML, Markdown, EPUB and PDF.`,
    );
  }
  const head = new TextDecoder(utf16 ?? 'utf-8')
    .decode(bytes.subarray(0, 4096))
    .replace(/^\uFEFF/, '')
    .trimStart()
    .toLowerCase();
  const type = input.contentType?.toLowerCase() ?? '';
  if (
    type.includes('html') ||
    looksLikeHtml(head) ||
    ['html', 'htm', 'xhtml', 'shtml'].includes(ext(input.fileName))
  ) {
    return 'html';
  }
  if (type.includes('markdown') || ['md', 'markdown', 'mdown', 'mkd'].includes(ext(input.fileName)))
    return 'markdown';
  // A file named without an extension (a download): Markdown only by unmistakable signs. Pasted text has no name and stays text.
  if (input.fileName !== undefined && ext(input.fileName) === '' && looksLikeMarkdown(head))
    return 'markdown';
  return 'text';
}
