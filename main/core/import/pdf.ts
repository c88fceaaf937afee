/**
 * PDF → ParsedDocument, text first: Mozilla's pdf.js (legacy build, for Node)
 * reads each page's text runs with their positions in a worker thread
 * (pdf-worker.ts, pdf-extract.ts), so the importing thread — the app's main
 * process — keeps serving the app; pdf-lines.ts then puts the runs in reading
 * order and pdf-blocks.ts makes blocks of them, each knowing its page, here
 * (cheap: tens of ms for a 14-page paper).
 *
 * Limits as for every import: the file size (importSource), MAX_PDF_PAGES
 * pages, PDF_TIME_LIMIT_MS in all and PDF_MEMORY_LIMIT_MB of heap — the worker
 * is terminated when it takes longer, and stopped by Node when it needs more.
 * A page that cannot be read fails the whole import — nothing is half-imported.
 * A password, a file with no text layer (scanned: there is no OCR here) and a
 * damaged file each get their own sentence.
 */
import type { Worker } from 'node:worker_threads';
import type { BlockInput } from '../document/types';
import { GlossError } from '../errors';
import type { PdfText } from './pdf-extract';
import { blocksFromLines, dateIn } from './pdf-blocks';
import { linesInReadingOrder } from './pdf-lines';
import { readInWorker } from './pdf-reader';
import type { ImportInput, ParsedDocument } from './types';

export const MAX_PDF_PAGES = 2000;
export const PDF_TIME_LIMIT_MS = 60_000;
/** The worker's old-generation heap: pdf.js needs far less for a long report; a hostile file cannot take the app's memory. */
export const PDF_MEMORY_LIMIT_MB = 512;

export interface PdfImportOptions {
  timeLimitMs?: number;
  maxPages?: number;
  memoryLimitMb?: number;
  /** Sees the worker that reads this file (tests watch it end). */
  onWorker?: (worker: Worker) => void;
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
  const { pages, pageLabels, info, xmp } = await readPdfText(input.bytes, label, opts);
  return articleOf(input, label, pages, pageLabels, info, xmp);
}

function tooManyPages(label: string, pages: number, maxPages: number): GlossError {
  return new GlossError(
    'TOO_LARGE',
    `${label} has ${pages} pages; Gloss imports PDFs of up to ${maxPages} pages.`,
  );
}

async function readPdfText(bytes: Uint8Array, label: string, opts: PdfImportOptions): Promise<PdfText> {
  const maxPages = opts.maxPages ?? MAX_PDF_PAGES;
  const answer = await readInWorker(bytes, {
    label,
    maxPages,
    timeLimitMs: opts.timeLimitMs ?? PDF_TIME_LIMIT_MS,
    memoryLimitMb: opts.memoryLimitMb ?? PDF_MEMORY_LIMIT_MB,
    ...(opts.onWorker ? { onWorker: opts.onWorker } : {}),
  });
  if (answer.type === 'text') return answer.text;
  if (answer.type === 'too-many-pages') throw tooManyPages(label, answer.pages, maxPages);
  throw asGlossError(answer, label);
}

/** The article from the pages' runs and the file's metadata. */
function articleOf(
  input: ImportInput,
  label: string,
  pages: PdfText['pages'],
  pageLabels: PdfText['pageLabels'],
  info: PdfText['info'],
  xmp: PdfText['xmp'],
): ParsedDocument {
  const textless = pages.filter((p) => !p.runs.some((r) => r.text.trim() !== '')).map((p) => p.page);
  if (textless.length === pages.length) {
    throw new GlossError(
      'EMPTY',
      `${label} has no text layer: its pages are images (a scanned document, perhaps). Gloss imports the text of a PDF and does not recognise text in images (no OCR); run it through an OCR tool first, then import the result.`,
    );
  }
  const { blocks, firstPage } = blocksFromLines(linesInReadingOrder(pages));
  // Cite the page numbers printed on the pages (a journal's pp. 233–247) when the file labels them all with numbers.
  const printed = numericPageLabels(pageLabels, pages.length);
  if (printed) for (const b of blocks) if (b.page !== undefined) b.page = printed[b.page - 1];
  const infoTitle = [xmp.title, info.Title].find((t) => !isJunkTitle(t, input.fileName));
  const infoAuthor = [xmp.creator, info.Author].find((a) => !isJunkAuthor(a));
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
        const published = firstPage.date ?? pdfDate(info.CreationDate) ?? dateIn(info.CreationDate ?? '');
        return published ? { published } : {};
      })(),
      ...(info.Language ? { language: info.Language } : {}),
    },
    warnings,
  };
}

/** Each page's label as a number, when every page has a plain decimal label; else undefined (the page's place is used). */
export function numericPageLabels(labels: string[] | null, count: number): number[] | undefined {
  if (!labels || labels.length !== count || !labels.every((l) => /^\d{1,6}$/.test(l))) return undefined;
  return labels.map(Number);
}

/** pdf.js's exceptions (by name, as the worker passes them) as sentences. */
function asGlossError(err: { name: string; message: string }, label: string): GlossError {
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
