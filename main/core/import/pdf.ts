/**
 * PDF → ParsedDocument, text first: Mozilla's pdf.js (legacy build, for Node)
 * reads each page's text runs with their positions in a worker thread
 * (pdf-worker.ts, pdf-extract.ts), and pdf-document.ts makes the article's
 * blocks of them there too, so the importing thread — the app's main process —
 * keeps serving the app and receives only the blocks. (This module imports
 * nothing of that work, so the worker's code is bundled for the worker alone.)
 *
 * Limits as for every import: the file size (importSource), MAX_PDF_PAGES
 * pages, PDF_TIME_LIMIT_MS in all and PDF_MEMORY_LIMIT_MB of heap — the worker
 * is terminated when it takes longer, and stopped by Node when it needs more.
 * A page that cannot be read fails the whole import — nothing is half-imported.
 * A password, a file with no text layer (scanned: there is no OCR here) and a
 * damaged file each get their own sentence.
 */
import type { Worker } from 'node:worker_threads';
import { GlossError } from '../errors';
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

export async function parsePdfFile(input: ImportInput, opts: PdfImportOptions = {}): Promise<ParsedDocument> {
  const label = input.fileName ? `“${input.fileName}”` : 'The PDF';
  const doc = await readPdfDocument(input, label, opts);
  if (doc === 'no-text')
    throw new GlossError(
      'EMPTY',
      `${label} has no text layer: its pages are images (a scanned document, perhaps). Gloss imports the text of a PDF and does not recognise text in images (no OCR); run it through an OCR tool first, then import the result.`,
    );
  return doc;
}

function tooManyPages(label: string, pages: number, maxPages: number): GlossError {
  return new GlossError(
    'TOO_LARGE',
    `${label} has ${pages} pages; Gloss imports PDFs of up to ${maxPages} pages.`,
  );
}

async function readPdfDocument(
  input: ImportInput,
  label: string,
  opts: PdfImportOptions,
): Promise<ParsedDocument | 'no-text'> {
  const maxPages = opts.maxPages ?? MAX_PDF_PAGES;
  const answer = await readInWorker(input.bytes, {
    label,
    ...(input.fileName !== undefined ? { fileName: input.fileName } : {}),
    maxPages,
    timeLimitMs: opts.timeLimitMs ?? PDF_TIME_LIMIT_MS,
    memoryLimitMb: opts.memoryLimitMb ?? PDF_MEMORY_LIMIT_MB,
    ...(opts.onWorker ? { onWorker: opts.onWorker } : {}),
  });
  if (answer.type === 'document') return answer.document;
  if (answer.type === 'no-text') return 'no-text';
  if (answer.type === 'too-many-pages') throw tooManyPages(label, answer.pages, maxPages);
  throw asGlossError(answer, label);
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
