/** Messages between pdf-reader.ts (the importing thread) and pdf-worker.ts: one answer per request, in order. */
import type { PdfText } from './pdf-extract';

export interface ToPdfWorker {
  id: number;
  /** A copy of the file's bytes, transferred (the caller keeps its own). */
  bytes: Uint8Array;
  maxPages: number;
}

export type FromPdfWorker = { id: number } & (
  | { type: 'text'; text: PdfText }
  | { type: 'too-many-pages'; pages: number }
  /** pdf.js's exception, by name (PasswordException, InvalidPDFException…) and message. */
  | { type: 'failed'; name: string; message: string }
);
