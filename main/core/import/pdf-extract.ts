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
}

/** pdf.js's text items as runs; vertical and rotated text is left out (it is not the body). */
function runsOf(items: readonly unknown[]): PdfRun[] {
  const runs: PdfRun[] = [];
  for (const item of items) {
    const it = item as Partial<TextItemLike>;
    if (typeof it.str !== 'string' || !Array.isArray(it.transform) || it.str === '') continue;
    const [a, b, c, d, e, f] = it.transform;
    if (Math.abs(b) > 1e-3 || Math.abs(c) > 1e-3 || a <= 0) continue;
    runs.push({ text: it.str, x: e, y: f, width: it.width ?? 0, size: Math.abs(d) || a });
  }
  return runs;
}

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
  });
  try {
    const doc = await task.promise;
    if (doc.numPages > maxPages) throw new TooManyPages(doc.numPages);
    const pages: PdfPageRuns[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const [x0, y0, x1, y1] = page.view;
      const content = await page.getTextContent();
      // Positions relative to the page's box, whatever its origin.
      const runs = runsOf(content.items).map((r) => ({ ...r, x: r.x - x0, y: r.y - y0 }));
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
