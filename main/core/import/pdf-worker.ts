/**
 * The PDF worker thread: pdf.js reads files' text here, and the article's
 * blocks are made of it here, off the importing thread (the app's main
 * process), so a long PDF never stalls the app and a
 * PDF that takes too long can be stopped (pdf-reader.ts terminates this
 * thread). It stays up between imports so pdf.js is loaded once; requests come
 * one at a time.
 */
import { parentPort } from 'node:worker_threads';
import { pdfDocumentOf } from './pdf-document';
import { extractPdfText, TooManyPages } from './pdf-extract';
import type { FromPdfWorker, ToPdfWorker } from './pdf-worker-protocol';

const port = parentPort;
if (!port) throw new Error('import/pdf-worker.ts runs as a worker thread');
const post = (m: FromPdfWorker) => port.postMessage(m);

port.on('message', ({ id, bytes, maxPages, label, fileName }: ToPdfWorker) => {
  extractPdfText(bytes, maxPages).then(
    (text) => {
      // The layout too is done here: the importing thread gets blocks, not every positioned run.
      const document = pdfDocumentOf(text, label, fileName);
      post(document === 'no-text' ? { id, type: 'no-text' } : { id, type: 'document', document });
    },
    (err: unknown) => {
      if (err instanceof TooManyPages) return post({ id, type: 'too-many-pages', pages: err.pages });
      const e = err as { name?: unknown; message?: unknown };
      post({ id, type: 'failed', name: String(e?.name ?? 'Error'), message: String(e?.message ?? err) });
    },
  );
});
