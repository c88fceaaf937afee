/**
 * Writes real PDF files for the PDF import tests and the bench: a page is a
 * list of text runs at positions (Helvetica / Helvetica-Bold, WinAnsi), and
 * optionally an image with no text (a scanned page). `typesetPaper` lays out an
 * article the way a journal or a report does — one or two columns, a running
 * header and a page number on every page, larger headings, captions, footnotes
 * in small type at the foot of the page, words hyphenated at line ends — so the
 * importer is tested on the layouts it must undo, not on a tidy stream.
 *
 * `encrypt` writes the standard security handler, revision 2 (RC4, 40-bit key),
 * as PDF 1.3 writers did: with a user password a reader cannot open the file
 * without it; with only an owner password anyone can.
 */
import { createHash } from 'node:crypto';

export interface PdfText {
  x: number;
  /** Baseline, from the bottom of the page (PDF user space). */
  y: number;
  size: number;
  text: string;
  bold?: boolean;
}

export interface PdfPage {
  texts: PdfText[];
  /** Paint a grey image over the page (a scan, no text layer). */
  image?: boolean;
  width?: number;
  height?: number;
}

export interface PdfOptions {
  info?: { Title?: string; Author?: string; CreationDate?: string; Producer?: string };
  encrypt?: { userPassword: string; ownerPassword: string };
  /** Page labels (/PageLabels): the first page is printed as this number (a journal's p. 233). */
  firstPageNumber?: number;
  /** Page labels, lower-case roman numerals for the first `romanPages` pages, then decimal from 1. */
  romanPages?: number;
}

const PAD = Buffer.from('28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a', 'hex');

function rc4(key: Uint8Array, data: Uint8Array): Buffer {
  const s = Array.from({ length: 256 }, (_, i) => i);
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + s[i] + key[i % key.length]) & 255;
    [s[i], s[j]] = [s[j], s[i]];
  }
  const out = Buffer.alloc(data.length);
  for (let n = 0, i = 0, j = 0; n < data.length; n++) {
    i = (i + 1) & 255;
    j = (j + s[i]) & 255;
    [s[i], s[j]] = [s[j], s[i]];
    out[n] = data[n] ^ s[(s[i] + s[j]) & 255];
  }
  return out;
}

const md5 = (...parts: Uint8Array[]): Buffer => {
  const h = createHash('md5');
  for (const p of parts) h.update(p);
  return h.digest();
};
const padded = (password: string): Buffer =>
  Buffer.concat([Buffer.from(password, 'latin1'), PAD]).subarray(0, 32);

/** Keys of the standard security handler, revision 2 (PDF 1.7 §7.6.3, algorithms 2–4). */
function securityHandler(userPassword: string, ownerPassword: string, fileId: Buffer) {
  const O = rc4(md5(padded(ownerPassword || userPassword)).subarray(0, 5), padded(userPassword));
  const P = -44; // print and copy allowed, nothing else
  const p = Buffer.alloc(4);
  p.writeInt32LE(P);
  const key = md5(padded(userPassword), O, p, fileId).subarray(0, 5);
  const U = rc4(key, PAD);
  const objectKey = (num: number): Buffer =>
    md5(key, Buffer.from([num & 255, (num >> 8) & 255, (num >> 16) & 255, 0, 0])).subarray(0, 10);
  return { O, U, P, objectKey };
}

/** A PDF literal string of bytes, with ( ) \ escaped and everything else as octal. */
function literal(bytes: Uint8Array): string {
  let s = '(';
  for (const b of bytes) {
    if (b === 0x28 || b === 0x29 || b === 0x5c) s += `\\${String.fromCharCode(b)}`;
    else if (b >= 0x20 && b < 0x7f) s += String.fromCharCode(b);
    else s += `\\${b.toString(8).padStart(3, '0')}`;
  }
  return `${s})`;
}

/** WinAnsiEncoding: Latin-1, plus typographic quotes and dashes in 0x80–0x9f. */
const WIN_ANSI: Record<string, number> = {
  '\u2018': 0x91,
  '\u2019': 0x92,
  '\u201c': 0x93,
  '\u201d': 0x94,
  '\u2022': 0x95,
  '\u2013': 0x96,
  '\u2014': 0x97,
};
const latin1 = (text: string): Buffer =>
  Buffer.from([...text].map((c) => WIN_ANSI[c] ?? (c.charCodeAt(0) < 256 ? c.charCodeAt(0) : 0x3f)));

export function buildPdf(pages: PdfPage[], opts: PdfOptions = {}): Uint8Array {
  const fileId = md5(Buffer.from(JSON.stringify(pages).slice(0, 2000)));
  const sec = opts.encrypt
    ? securityHandler(opts.encrypt.userPassword, opts.encrypt.ownerPassword, fileId)
    : undefined;
  const objects: Array<(num: number) => Buffer> = [];
  const add = (make: (num: number) => Buffer): number => objects.push(make);
  const str = (num: number, text: string | Buffer): string => {
    const bytes = typeof text === 'string' ? latin1(text) : text;
    return literal(sec ? rc4(sec.objectKey(num), bytes) : bytes);
  };
  const stream = (num: number, dict: string, body: Buffer): Buffer => {
    const data = sec ? rc4(sec.objectKey(num), body) : body;
    return Buffer.concat([
      Buffer.from(`<< ${dict} /Length ${data.length} >>\nstream\n`, 'latin1'),
      data,
      Buffer.from('\nendstream', 'latin1'),
    ]);
  };
  const text = (s: string): Buffer => Buffer.from(s, 'latin1');

  const labels =
    opts.romanPages !== undefined
      ? ` /PageLabels << /Nums [0 << /S /r >> ${opts.romanPages} << /S /D >>] >>`
      : opts.firstPageNumber !== undefined
        ? ` /PageLabels << /Nums [0 << /S /D /St ${opts.firstPageNumber} >>] >>`
        : '';
  const catalog = add(() => text(`<< /Type /Catalog /Pages 2 0 R${labels} >>`));
  const pagesObj = 2;
  const pageNums: number[] = [];
  objects.push(() =>
    text(`<< /Type /Pages /Kids [${pageNums.map((n) => `${n} 0 R`).join(' ')}] /Count ${pageNums.length} >>`),
  );
  const fontDict = (base: string) =>
    add(() => text(`<< /Type /Font /Subtype /Type1 /BaseFont /${base} /Encoding /WinAnsiEncoding >>`));
  const regular = fontDict('Helvetica');
  const bold = fontDict('Helvetica-Bold');
  const image = add((num) => {
    const w = 64;
    const h = 64;
    const px = Buffer.alloc(w * h);
    for (let i = 0; i < px.length; i++) px[i] = (i * 37) & 255;
    return stream(
      num,
      `/Type /XObject /Subtype /Image /Width ${w} /Height ${h} /ColorSpace /DeviceGray /BitsPerComponent 8`,
      px,
    );
  });
  for (const page of pages) {
    const w = page.width ?? 612;
    const h = page.height ?? 792;
    const content = add((num) => {
      let ops = '';
      if (page.image) ops += `q ${w} 0 0 ${h} 0 0 cm /Im1 Do Q\n`;
      for (const t of page.texts) {
        ops += `BT /${t.bold ? 'F2' : 'F1'} ${t.size} Tf 1 0 0 1 ${t.x.toFixed(2)} ${t.y.toFixed(2)} Tm `;
        // Strings inside a stream are encrypted with the stream, not on their own.
        ops += `${literal(latin1(t.text))} Tj ET\n`;
      }
      return stream(num, '', latin1(ops));
    });
    pageNums.push(
      add(() =>
        text(
          `<< /Type /Page /Parent ${pagesObj} 0 R /MediaBox [0 0 ${w} ${h}] /Contents ${content} 0 R ` +
            `/Resources << /Font << /F1 ${regular} 0 R /F2 ${bold} 0 R >> /XObject << /Im1 ${image} 0 R >> >> >>`,
        ),
      ),
    );
  }
  let infoNum: number | undefined;
  if (opts.info) {
    infoNum = add((num) => {
      const fields = Object.entries(opts.info ?? {})
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => `/${k} ${str(num, v!)}`);
      return text(`<< ${fields.join(' ')} >>`);
    });
  }
  let encryptNum: number | undefined;
  if (sec) {
    // The encryption dictionary's own strings are never encrypted.
    encryptNum = add(() =>
      text(
        `<< /Filter /Standard /V 1 /R 2 /Length 40 /O ${literal(sec.O)} /U ${literal(sec.U)} /P ${sec.P} >>`,
      ),
    );
  }

  const chunks: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let length = chunks[0].length;
  const offsets: number[] = [];
  objects.forEach((make, i) => {
    const num = i + 1;
    offsets.push(length);
    const body = Buffer.concat([text(`${num} 0 obj\n`), make(num), text('\nendobj\n')]);
    chunks.push(body);
    length += body.length;
  });
  const xref = [
    'xref',
    `0 ${objects.length + 1}`,
    '0000000000 65535 f ',
    ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n `),
  ].join('\n');
  const trailer =
    `<< /Size ${objects.length + 1} /Root ${catalog} 0 R` +
    (infoNum ? ` /Info ${infoNum} 0 R` : '') +
    (encryptNum ? ` /Encrypt ${encryptNum} 0 R` : '') +
    ` /ID [<${fileId.toString('hex')}> <${fileId.toString('hex')}>] >>`;
  chunks.push(text(`${xref}\ntrailer\n${trailer}\nstartxref\n${length}\n%%EOF\n`));
  return new Uint8Array(Buffer.concat(chunks));
}

/** A PDF of the given object bodies (object 1 the catalog), with a correct cross-reference table: for hand-made hostile files. */
export function rawPdf(objects: string[]): Uint8Array {
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body +=
    `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n` +
    offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('') +
    `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(body, 'latin1'));
}

// ---- typesetting ----------------------------------------------------------

export type PaperPart =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'caption'; text: string }
  /** Set at the foot of the page where the text that cites it falls. */
  | { kind: 'footnote'; text: string };

export interface PaperSpec {
  title: string;
  authors?: string;
  /** A line under the authors on page 1, e.g. "March 2024". */
  dateLine?: string;
  /** Running header on every page but the first. */
  header?: string;
  /** Page numbers at the foot ("3"), or none. */
  pageNumbers?: boolean;
  columns: 1 | 2;
  parts: PaperPart[];
  /** Break long words at line ends with a hyphen (on by default). */
  hyphenate?: boolean;
  /** Space between paragraphs as a fraction of the line height (default 0.8); 0 uses first-line indents. */
  paragraphGap?: number;
}

const PAGE_W = 612;
const PAGE_H = 792;
const MARGIN = 60;
const GUTTER = 24;
const BODY = 10;
const LEADING = 12.5;
/** Helvetica's mean advance is ~0.5 em; 0.53 keeps every line inside its column. */
const AVG_ADVANCE = 0.53;

/** Lines of at most `width` points; long words broken with a hyphen when they would leave a loose line. */
function wrap(text: string, size: number, width: number, hyphenate: boolean): string[] {
  const maxChars = Math.floor(width / (size * AVG_ADVANCE));
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (candidate.length <= maxChars) {
      line = candidate;
      continue;
    }
    const room = maxChars - line.length - (line ? 1 : 0) - 1;
    if (hyphenate && /^[a-z]{8,}$/i.test(word) && room >= 4) {
      const cut = Math.min(room, word.length - 4);
      lines.push(`${line ? `${line} ` : ''}${word.slice(0, cut)}-`);
      line = word.slice(cut);
      continue;
    }
    if (line) lines.push(line);
    line = word;
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * Lay out a paper over as many pages as it needs. Returns the pages and, for
 * the tests, the page each part started on.
 */
export function typesetPaper(spec: PaperSpec): { pages: PdfPage[]; partPages: number[] } {
  const hyphenate = spec.hyphenate ?? true;
  const gap = (spec.paragraphGap ?? 0.8) * LEADING;
  const colWidth = spec.columns === 2 ? (PAGE_W - 2 * MARGIN - GUTTER) / 2 : PAGE_W - 2 * MARGIN;
  const colX = (c: number) => MARGIN + c * (colWidth + GUTTER);
  const top = PAGE_H - MARGIN - 20;
  const bottom = MARGIN + 30;
  const pages: PdfPage[] = [];
  const partPages: number[] = [];
  let page!: PdfPage;
  let footnotes: string[] = [];
  let col = 0;
  let y = 0;
  let colTop = top;

  const finishPage = () => {
    // Footnotes in 8 pt, full width, above the page number.
    let fy = bottom - 4 + footnotes.length * 0 + 10 * footnotes.length;
    for (const note of footnotes) {
      for (const line of wrap(note, 8, PAGE_W - 2 * MARGIN, false)) {
        page.texts.push({ x: MARGIN, y: fy, size: 8, text: line });
        fy -= 9.5;
      }
    }
    footnotes = [];
  };
  const newPage = () => {
    if (page) finishPage();
    page = { texts: [] };
    pages.push(page);
    const n = pages.length;
    if (spec.header && n > 1) page.texts.push({ x: MARGIN, y: PAGE_H - 40, size: 8, text: spec.header });
    if (spec.pageNumbers ?? true) page.texts.push({ x: PAGE_W / 2 - 4, y: 36, size: 9, text: String(n) });
    col = 0;
    colTop = top;
    y = top;
  };
  const footnoteRoom = () => footnotes.length * 12;
  const nextLine = (height: number) => {
    if (y - height < bottom + 20 + footnoteRoom()) {
      if (spec.columns === 2 && col === 0) {
        col = 1;
        y = colTop;
      } else newPage();
    }
    y -= height;
  };

  newPage();
  // Title block, full width.
  for (const line of wrap(spec.title, 20, PAGE_W - 2 * MARGIN, false)) {
    y -= 24;
    page.texts.push({ x: MARGIN, y, size: 20, text: line, bold: true });
  }
  if (spec.authors) {
    y -= 18;
    page.texts.push({ x: MARGIN, y, size: 12, text: spec.authors });
  }
  if (spec.dateLine) {
    y -= 16;
    page.texts.push({ x: MARGIN, y, size: 10, text: spec.dateLine });
  }
  y -= 20;
  colTop = y;

  for (const part of spec.parts) {
    if (part.kind === 'footnote') {
      partPages.push(pages.length);
      footnotes.push(part.text);
      continue;
    }
    const size = part.kind === 'heading' ? 13 : part.kind === 'caption' ? 9 : BODY;
    const leading = part.kind === 'heading' ? 16 : part.kind === 'caption' ? 11 : LEADING;
    const indent = part.kind === 'paragraph' && gap === 0 ? 12 : 0;
    const lines = wrap(part.text, size, colWidth - indent, hyphenate && part.kind === 'paragraph');
    if (part.kind === 'heading') y -= 8;
    else y -= gap;
    partPages.push(-1);
    lines.forEach((line, i) => {
      nextLine(leading);
      if (partPages[partPages.length - 1] === -1) partPages[partPages.length - 1] = pages.length;
      page.texts.push({
        x: colX(col) + (i === 0 ? indent : 0),
        y,
        size,
        text: line,
        bold: part.kind === 'heading',
      });
    });
    if (part.kind === 'heading') y -= 2;
  }
  finishPage();
  return { pages, partPages };
}

// ---- the sample paper the tests, the e2e spec and the bench read ----------

/** A sentence of long words, so lines end in hyphenated words; `n` makes each paragraph its own. */
export function paragraphText(n: number): string {
  return (
    `Paragraph ${n} opens the argument: researchers documented extraordinarily complicated ` +
    `arrangements between neighbouring municipalities, whose representatives negotiated ` +
    `agreements concerning groundwater extraction, floodplain management and navigation ` +
    `throughout the monitoring period number ${n}.`
  );
}

/** `paragraphs` paragraphs, a numbered heading before every fifth, a footnote after the 4th, a figure caption after the 7th. */
export function paperParts(paragraphs: number): PaperPart[] {
  const parts: PaperPart[] = [];
  for (let i = 1; i <= paragraphs; i++) {
    if (i % 5 === 1)
      parts.push({ kind: 'heading', text: `${Math.ceil(i / 5)}. Section ${Math.ceil(i / 5)}` });
    parts.push({ kind: 'paragraph', text: paragraphText(i) });
    if (i === 4) parts.push({ kind: 'footnote', text: '1 Field notes are kept in the municipal archive.' });
    if (i === 7)
      parts.push({ kind: 'caption', text: 'Figure 1: Water extracted per municipality, 2010–2020.' });
  }
  return parts;
}

/** A two-column journal paper with a running header and page numbers. */
export function samplePaper(paragraphs: number): PaperSpec {
  return {
    title: 'Sharing a River: Municipal Water Agreements',
    authors: 'Ana Lima and Bo Chen',
    dateLine: 'March 2024',
    header: 'Journal of River Studies 12(3)',
    columns: 2,
    parts: paperParts(paragraphs),
  };
}
