/**
 * PDF → ParsedDocument, text first: Mozilla's pdf.js (legacy build, for Node)
 * reads each page's text runs with their positions; pdf-lines.ts puts them in
 * reading order and pdf-blocks.ts makes blocks of them, each knowing its page.
 *
 * pdf.js runs in this thread (its worker module loaded as the "fake worker"),
 * with no network, no fonts loaded and no eval. Limits as for every import:
 * the file size (importSource), MAX_PDF_PAGES pages, PDF_TIME_LIMIT_MS in all;
 * a page that cannot be read fails the whole import — nothing is half-imported.
 * A password, a file with no text layer (scanned: there is no OCR here) and a
 * damaged file each get their own sentence.
 */
// The worker module's declaration, for every tsconfig that reaches this file (tests include only tests/).
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./pdfjs-worker.d.ts" />
import type { BlockInput } from '../document/types';
import { GlossError } from '../errors';
import { blocksFromLines, dateIn } from './pdf-blocks';
import { linesInReadingOrder, type PdfPageRuns, type PdfRun } from './pdf-lines';
import type { ImportInput, ParsedDocument } from './types';

export const MAX_PDF_PAGES = 2000;
export const PDF_TIME_LIMIT_MS = 60_000;

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjsLoaded: Promise<PdfJs> | undefined;

/** pdf.js with its worker code on this thread: no worker file to locate in a bundle or an asar. */
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

export interface PdfImportOptions {
  timeLimitMs?: number;
  maxPages?: number;
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

/** The Info dictionary's "Microsoft Word - x.docx", "untitled", a file name, markup: not a title. */
export function isJunkTitle(title: string | undefined, fileName?: string): boolean {
  if (!title || title.trim().length < 3) return true;
  const t = title.trim();
  return (
    /^(microsoft (word|powerpoint|excel) - |untitled\b|document\d*$|slide \d+$|powerpoint presentation$|title$)/i.test(
      t,
    ) ||
    /\.(docx?|pdf|tex|dvi|indd|pptx?|odt|rtf|qxp|ps|eps)$/i.test(t) ||
    /<\/?[a-z][^>]*>/i.test(t) ||
    /^[\w.-]+$/.test(t) ||
    (fileName !== undefined && t === fileName.replace(/\.pdf$/i, ''))
  );
}

/** An Info Author that is a login or a machine, not a person. */
export function isJunkAuthor(author: string | undefined): boolean {
  if (!author || author.trim().length < 3) return true;
  return (
    /^(administrator|admin|user|owner|windows user|microsoft office user|hp|dell|unknown|author)$/i.test(
      author.trim(),
    ) || /^[a-z0-9._-]+$/.test(author.trim())
  );
}

/** "D:20240305101500Z" → "2024-03-05". */
export function pdfDate(value: string | undefined): string | undefined {
  const m = /^(?:D:)?(\d{4})(\d{2})?(\d{2})?/.exec(value?.trim() ?? '');
  if (!m || m[1] === '0000') return undefined;
  return [m[1], m[2], m[3]].filter(Boolean).join('-');
}

function surname(name: string): string | undefined {
  return name.trim().split(/\s+/).pop()?.toLowerCase();
}

export async function parsePdfFile(input: ImportInput, opts: PdfImportOptions = {}): Promise<ParsedDocument> {
  const label = input.fileName ? `“${input.fileName}”` : 'The PDF';
  const timeLimit = opts.timeLimitMs ?? PDF_TIME_LIMIT_MS;
  const maxPages = opts.maxPages ?? MAX_PDF_PAGES;
  const pdfjs = await loadPdfJs();
  // pdf.js takes over the buffer it is given; the caller still needs the bytes (the article id is their hash).
  const task = pdfjs.getDocument({
    data: input.bytes.slice(),
    verbosity: pdfjs.VerbosityLevel.ERRORS,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    disableAutoFetch: true,
    stopAtErrors: true,
  });
  const tooSlow = () =>
    new GlossError(
      'TOO_LARGE',
      `${label} took longer than ${Math.round(timeLimit / 1000)} s to read, so it was not imported.`,
    );
  // Checked between pages, and raced against for a page that never finishes.
  const deadline = performance.now() + timeLimit;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(tooSlow()), timeLimit);
  });
  try {
    return await Promise.race([read(), timeout]);
  } catch (err) {
    throw asGlossError(err, label);
  } finally {
    clearTimeout(timer);
    await task.destroy().catch(() => {});
  }

  async function read(): Promise<ParsedDocument> {
    const doc = await task.promise;
    if (doc.numPages > maxPages) {
      throw new GlossError(
        'TOO_LARGE',
        `${label} has ${doc.numPages} pages; Gloss imports PDFs of up to ${maxPages} pages.`,
      );
    }
    const pages: PdfPageRuns[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      if (performance.now() >= deadline) throw tooSlow();
      const page = await doc.getPage(n);
      const [, , width, height] = page.view;
      const content = await page.getTextContent();
      // Positions relative to the page's box, whatever its origin.
      const runs = runsOf(content.items).map((r) => ({ ...r, x: r.x - page.view[0], y: r.y - page.view[1] }));
      pages.push({ page: n, width: width - page.view[0], height: height - page.view[1], runs });
      page.cleanup();
    }
    const textless = pages.filter((p) => !p.runs.some((r) => r.text.trim() !== '')).map((p) => p.page);
    if (textless.length === pages.length) {
      throw new GlossError(
        'EMPTY',
        `${label} has no text layer: its pages are images (a scanned document, perhaps). Gloss imports the text of a PDF and does not recognise text in images (no OCR); run it through an OCR tool first, then import the result.`,
      );
    }
    const { blocks, firstPage } = blocksFromLines(linesInReadingOrder(pages));
    // Cite the page numbers printed on the pages (a journal's pp. 233–247) when the file labels them all with numbers.
    const printed = numericPageLabels(await doc.getPageLabels().catch(() => null), pages.length);
    if (printed) for (const b of blocks) if (b.page !== undefined) b.page = printed[b.page - 1];
    const { info, metadata } = (await doc.getMetadata().catch(() => ({ info: {}, metadata: null }))) as {
      info: Record<string, unknown>;
      metadata: { get(name: string): unknown } | null;
    };
    const str = (v: unknown): string | undefined =>
      typeof v === 'string' && v.trim() ? v.trim() : undefined;
    const xmpTitle = str(metadata?.get('dc:title'));
    const infoTitle = [xmpTitle, str(info.Title)].find((t) => !isJunkTitle(t, input.fileName));
    const infoAuthor = [str(metadata?.get('dc:creator')), str(info.Author)].find((a) => !isJunkAuthor(a));
    // The names printed under the title, when they include the Info author (or there is none): usually every author.
    const byline =
      firstPage.byline &&
      (!infoAuthor || firstPage.byline.toLowerCase().includes(surname(infoAuthor) ?? '\u0000'))
        ? firstPage.byline
        : infoAuthor;
    const title = infoTitle ?? firstPage.title ?? input.fileName?.replace(/\.pdf$/i, '') ?? 'Untitled PDF';
    const warnings: string[] = [];
    if (textless.length > 0) {
      warnings.push(
        `${textless.length === 1 ? 'Page' : 'Pages'} ${textless.join(', ')} of ${label} ${textless.length === 1 ? 'has' : 'have'} no text (images only, no OCR), so ${textless.length === 1 ? 'it is' : 'they are'} not in the article.`,
      );
    }
    const withTitle: BlockInput[] =
      blocks[0]?.kind === 'title' ? blocks : [{ kind: 'title', text: title, page: 1 }, ...blocks];
    return {
      blocks: withTitle,
      meta: {
        title,
        ...(byline ? { byline } : {}),
        ...(() => {
          const published =
            firstPage.date ?? pdfDate(str(info.CreationDate)) ?? dateIn(str(info.CreationDate) ?? '');
          return published ? { published } : {};
        })(),
        ...(str(info.Language) ? { language: str(info.Language) } : {}),
      },
      warnings,
    };
  }
}

/** Each page's label as a number, when every page has a plain decimal label; else undefined (the page's place is used). */
export function numericPageLabels(labels: string[] | null, count: number): number[] | undefined {
  if (!labels || labels.length !== count || !labels.every((l) => /^\d{1,6}$/.test(l))) return undefined;
  return labels.map(Number);
}

/** pdf.js's exceptions as sentences. */
function asGlossError(err: unknown, label: string): GlossError {
  if (err instanceof GlossError) return err;
  const name = (err as { name?: string })?.name;
  if (name === 'PasswordException') {
    return new GlossError(
      'UNSUPPORTED_FORMAT',
      `${label} is protected by a password, and Gloss does not open password-protected PDFs. Open it in a PDF reader, save a copy without the password, and import that.`,
    );
  }
  if (name === 'InvalidPDFException') {
    return new GlossError(
      'CORRUPT',
      `${label} is damaged: it starts like a PDF, but its structure cannot be read, so nothing was imported.`,
      { cause: err },
    );
  }
  return new GlossError(
    'CORRUPT',
    `${label} is damaged or uses a PDF feature Gloss cannot read, so nothing was imported.`,
    { cause: err },
  );
}
