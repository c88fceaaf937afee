/**
 * The importing thread's handle on the PDF worker (pdf-worker.ts): a copy of a
 * file's bytes goes there (transferred; the caller still needs its own — the
 * article id is their hash), the article's blocks and metadata come back. One worker, started on
 * the first PDF and kept for the next (loading pdf.js costs more than reading a
 * paper), one file at a time. When the time limit passes the worker is
 * terminated, whatever pdf.js is doing; a worker that fails or runs out of
 * memory is an import error; either way the next PDF gets a new worker.
 */
import { Worker } from 'node:worker_threads';
import { GlossError } from '../errors';
import { workerFile } from '../worker-file';
import type { FromPdfWorker, ToPdfWorker } from './pdf-worker-protocol';

export interface PdfReadOptions {
  timeLimitMs: number;
  maxPages: number;
  memoryLimitMb: number;
  /** "“paper.pdf”", for the errors' and warnings' sentences. */
  label: string;
  /** The file's name, for a title when the PDF has none. */
  fileName?: string;
  /** Sees the worker that reads this file (tests watch it end). */
  onWorker?: (worker: Worker) => void;
}

interface Warm {
  worker: Worker;
  memoryLimitMb: number;
}

let warm: Warm | null = null;
let queue: Promise<unknown> = Promise.resolve();
let nextId = 1;

function startWorker(memoryLimitMb: number): Warm {
  const { file, workerData } = workerFile(
    { source: './pdf-worker.ts', built: 'pdf-worker.js', what: 'PDF worker' },
    import.meta.url,
  );
  const worker = new Worker(file, { workerData, resourceLimits: { maxOldGenerationSizeMb: memoryLimitMb } });
  // An idle worker does not keep the process alive (the CLI exits when its work is done).
  worker.unref();
  const started = { worker, memoryLimitMb };
  worker.once('exit', () => {
    if (warm === started) warm = null;
  });
  return started;
}

/** Reads one file in the worker, after any file already being read: the text, the page count over the limit, or pdf.js's exception. */
export function readInWorker(bytes: Uint8Array, opts: PdfReadOptions): Promise<FromPdfWorker> {
  const turn = queue.then(() => readNow(bytes, opts));
  queue = turn.catch(() => {});
  return turn;
}

function readNow(bytes: Uint8Array, opts: PdfReadOptions): Promise<FromPdfWorker> {
  if (!warm || warm.memoryLimitMb !== opts.memoryLimitMb) {
    if (warm) void warm.worker.terminate();
    warm = startWorker(opts.memoryLimitMb);
  }
  const { worker } = warm;
  opts.onWorker?.(worker);
  const id = nextId++;
  return new Promise<FromPdfWorker>((resolve, reject) => {
    let settled = false;
    const onMessage = (m: FromPdfWorker) => {
      if (m.id === id) finish(() => resolve(m));
    };
    const onError = (err: Error & { code?: string }) =>
      finish(() =>
        reject(
          err.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new GlossError(
                'TOO_LARGE',
                `${opts.label} needed more than ${opts.memoryLimitMb} MB of memory to read, so it was not imported.`,
                { cause: err },
              )
            : new GlossError(
                'INTERNAL',
                `Reading ${opts.label} failed (${err.message}), so nothing was imported.`,
                {
                  cause: err,
                },
              ),
        ),
      );
    const onExit = (code: number) =>
      finish(() =>
        reject(
          new GlossError(
            'INTERNAL',
            `Reading ${opts.label} stopped before it ended (the PDF reader exited with code ${code}), so nothing was imported.`,
          ),
        ),
      );
    // Terminated whatever pdf.js is doing; the promise settles once the thread has ended, so nothing of the file is still being read.
    const timer = setTimeout(
      () =>
        finish(
          () =>
            reject(
              new GlossError(
                'TOO_LARGE',
                `${opts.label} took longer than ${Math.round(opts.timeLimitMs / 1000)} s to read, so it was not imported.`,
              ),
            ),
          true,
        ),
      opts.timeLimitMs,
    );
    const finish = (outcome: () => void, stop = false) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      worker.unref();
      if (!stop) return outcome();
      if (warm?.worker === worker) warm = null;
      void worker.terminate().finally(outcome);
    };
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    worker.ref(); // alive while an answer is awaited
    const copy = bytes.slice();
    const request: ToPdfWorker = { id, bytes: copy, maxPages: opts.maxPages, label: opts.label };
    if (opts.fileName !== undefined) request.fileName = opts.fileName;
    worker.postMessage(request, [copy.buffer]);
  });
}
