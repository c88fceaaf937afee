/**
 * What pdf.js reads from a PDF, in the PDF worker thread (pdf-worker.ts): each
 * page's text runs with their positions, the page labels and the metadata Gloss
 * uses. pdf.js runs here with its own worker code on this thread (the "fake
 * worker": no file to locate), no network, no fonts loaded and no eval.
 */
// The worker module's declaration, for every tsconfig that reaches this file (tests include only tests/).
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./pdfjs-worker.d.ts" />
import type { PdfPageRuns, PdfRun } from './pdf-lines';

/** Plain data, passed back to the main thread as a structured clone. */
export interface PdfText {
  pages: PdfPageRuns[];
  pageLabels: string[] | null;
  /** The Info dictionary's strings that Gloss reads. */
  info: { Title?: string; Author?: string; CreationDate?: string; Language?: string };
  /** The XMP metadata's dc:title and dc:creator. */
  xmp: { title?: string; creator?: string };
}

/** Thrown when the page count is over the limit, before any page is read. */
export class TooManyPages extends Error {
  override name = 'TooManyPages';
  constructor(readonly pages: number) {
    super(`${pages} pages`);
  }
}

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjsLoaded: Promise<PdfJs> | undefined;

function loadPdfJs(): Promise<PdfJs> {
  pdfjsLoaded ??= (async () => {
    const [pdfjs, worker] = await Promise.all([
      import('pdfjs-dist/legacy/build/pdf.mjs'),
      import('pdfjs-dist/legacy/build/pdf.worker.mjs'),
    ]);
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
    return pdfjs;
  })();
  return pdfjsLoaded;
}

interface TextItemLike {
  str: string;
  transform: number[];
  width: number;
  fontName: string;
}

/** pdf.js's text items as runs; vertical and rotated text is left out (it is not the body). */
function runsOf(items: readonly unknown[], boldFonts: ReadonlySet<string>): PdfRun[] {
  const runs: PdfRun[] = [];
  for (const item of items) {
    const it = item as Partial<TextItemLike>;
    if (typeof it.str !== 'string' || !Array.isArray(it.transform) || it.str === '') continue;
    const [a, b, c, d, e, f] = it.transform;
    if (Math.abs(b) > 1e-3 || Math.abs(c) > 1e-3 || a <= 0) continue;
    const run: PdfRun = { text: it.str, x: e, y: f, width: it.width ?? 0, size: Math.abs(d) || a };
    if (it.fontName && boldFonts.has(it.fontName)) run.bold = true;
    runs.push(run);
  }
  return runs;
}

/** A font's name that says bold ("ABCDEF+Times-Bold", "Arial,BoldItalic", "Inter-SemiBold", "…-Black", "…-Heavy"). */
const BOLD_NAME = /bold|black|heavy|[-,]bd\b|demi/i;

interface FontLike {
  name?: unknown;
  bold?: unknown;
}

/**
 * Which of `fontNames` (pdf.js's names for a page's fonts) are bold. pdf.js's
 * text content does not say; its fonts, with their names and bold flag, reach
 * this side only with a page's operator list. Fonts belong to the document, so
 * the list is read only on a page that brings a font not met before (the first
 * page or two of a paper), and a page the list cannot be read for (an image
 * over the size limit) only leaves its fonts unknown: boldness is a hint.
 */
async function learnFonts(
  page: {
    getOperatorList(): Promise<unknown>;
    commonObjs: { has(n: string): boolean; get(n: string): unknown };
  },
  fontNames: readonly string[],
  known: Map<string, boolean>,
): Promise<void> {
  const unknown = fontNames.filter((n) => !known.has(n));
  if (unknown.length === 0) return;
  await page.getOperatorList().catch(() => undefined);
  for (const n of unknown) {
    if (!page.commonObjs.has(n)) continue;
    const font = page.commonObjs.get(n) as FontLike | null;
    const name = typeof font?.name === 'string' ? font.name : '';
    known.set(n, font?.bold === true || BOLD_NAME.test(name));
  }
}

/** A page's pictures are never drawn here: one larger than this many pixels is not even decoded (the operator list throws, caught above). */
const MAX_IMAGE_PIXELS = 4096 * 4096;

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/** Reads every page's text; pdf.js's exceptions (PasswordException, InvalidPDFException…) pass through. */
export async function extractPdfText(bytes: Uint8Array, maxPages: number): Promise<PdfText> {
  const pdfjs = await loadPdfJs();
  const task = pdfjs.getDocument({
    data: bytes,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    disableAutoFetch: true,
    stopAtErrors: true,
    maxImageSize: MAX_IMAGE_PIXELS,
  });
  try {
    const doc = await task.promise;
    if (doc.numPages > maxPages) throw new TooManyPages(doc.numPages);
    const pages: PdfPageRuns[] = [];
    const fonts = new Map<string, boolean>();
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const [x0, y0, x1, y1] = page.view;
      const content = await page.getTextContent();
      if (content.items.length > 0) await learnFonts(page, Object.keys(content.styles), fonts);
      const bold = new Set([...fonts].filter(([, b]) => b).map(([name]) => name));
      // Positions relative to the page's box, whatever its origin.
      const runs = runsOf(content.items, bold).map((r) => ({ ...r, x: r.x - x0, y: r.y - y0 }));
      pages.push({ page: n, width: x1 - x0, height: y1 - y0, runs });
      page.cleanup();
    }
    const pageLabels = await doc.getPageLabels().catch(() => null);
    const { info, metadata } = (await doc.getMetadata().catch(() => ({ info: {}, metadata: null }))) as {
      info: Record<string, unknown>;
      metadata: { get(name: string): unknown } | null;
    };
    const infoStrings: PdfText['info'] = {};
    for (const key of ['Title', 'Author', 'CreationDate', 'Language'] as const) {
      const value = str(info[key]);
      if (value) infoStrings[key] = value;
    }
    const xmp: PdfText['xmp'] = {};
    const title = str(metadata?.get('dc:title'));
    const creator = str(metadata?.get('dc:creator'));
    if (title) xmp.title = title;
    if (creator) xmp.creator = creator;
    return { pages, pageLabels, info: infoStrings, xmp };
  } finally {
    await task.destroy().catch(() => {});
  }
}
