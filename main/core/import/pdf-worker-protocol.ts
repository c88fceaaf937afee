/** Messages between pdf-reader.ts (the importing thread) and pdf-worker.ts: one answer per request, in order. */
import type { ParsedDocument } from './types';

export interface ToPdfWorker {
  id: number;
  /** A copy of the file's bytes, transferred (the caller keeps its own). */
  bytes: Uint8Array;
  maxPages: number;
  /** "“paper.pdf”": how warnings name the file. */
  label: string;
  fileName?: string;
}

export type FromPdfWorker = { id: number } &
  /** The article's blocks and metadata, made in the worker (pdf-document.ts): small, quick to receive. */
  (
    | { type: 'document'; document: ParsedDocument }
    /** No page has text: a scan. */
    | { type: 'no-text' }
    | { type: 'too-many-pages'; pages: number }
    /** pdf.js's exception, by name (PasswordException, InvalidPDFException…) and message. */
    | { type: 'failed'; name: string; message: string }
  );
