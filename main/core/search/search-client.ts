/**
 * The main thread's handle on the search index, which lives in a worker thread
 * (worker.ts): open it with the library as the store lists it, pass it each
 * change the store makes, ask it queries. Passing a change costs the caller
 * one postMessage of an id or a library entry; the reading and indexing happen
 * in the worker. `inThread` runs the same keeper on the calling thread (tests).
 *
 * The worker file: from source (under tsx) ../worker-boot.mjs starts worker.ts; in
 * the built app electron-vite emits it as out/main/search-worker.js (see
 * electron.vite.config.ts and ../worker-file.ts), found beside the bundle.
 */
import { GlossError } from '../errors';
import { workerFile as locateWorker } from '../worker-file';
import type { IndexChange, KeeperOptions } from './index-keeper';
import type { FromWorker, ToWorker } from './worker-protocol';
import type { SearchResult } from './types';

export interface SearchIndexHandle {
  /** Queues a change the store has made (in order; never throws). */
  change(change: IndexChange): void;
  search(query: string, limit?: number): Promise<SearchResult>;
  /** Resolves once every change passed so far is in the index. */
  idle(): Promise<void>;
  /** Saves what changed now. */
  flush(): Promise<void>;
  /** The index's serialisable parts (for tests comparing builds). */
  parts(): Promise<{ articles: unknown; annotations: unknown }>;
  close(): Promise<void>;
}

export interface OpenSearchOptions extends KeeperOptions {
  inThread?: boolean;
}

export async function openSearchIndex(options: OpenSearchOptions): Promise<SearchIndexHandle> {
  if (options.inThread) return inThread(options);
  return inWorker(options);
}

async function inThread(options: KeeperOptions): Promise<SearchIndexHandle> {
  // Loaded only here: the main thread of the app never loads the index's code.
  const { IndexKeeper } = await import('./index-keeper');
  const keeper = await IndexKeeper.open(options);
  return {
    change: (c) => keeper.apply(c),
    search: (q, limit) => keeper.search(q, limit),
    idle: () => keeper.idle(),
    flush: () => keeper.flush(),
    parts: async () => (await keeper.idle(), keeper.parts()),
    close: () => keeper.close(),
  };
}

/** The worker to start, given where this module runs from (`exists` checks a path; a parameter for tests). */
export function workerFile(
  here = import.meta.url,
  exists?: (path: string) => boolean,
): { file: URL; workerData?: unknown } {
  return locateWorker(
    { source: './worker.ts', built: 'search-worker.js', what: 'search worker' },
    here,
    exists,
  );
}

async function inWorker(options: KeeperOptions): Promise<SearchIndexHandle> {
  const { onWarning, ...rest } = options;
  const { file, workerData } = workerFile();
  // Loaded here, not with the module: node's worker_threads costs ~1.5 MB of memory, and the library opens without it.
  const { Worker } = await import('node:worker_threads');
  const worker = new Worker(file, { workerData });
  let nextId = 1;
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let failed: Error | null = null;
  const fail = (err: Error) => {
    failed ??= new GlossError('INTERNAL', `The search index stopped working: ${err.message}`, { cause: err });
    for (const w of waiting.values()) w.reject(failed);
    waiting.clear();
  };
  worker.on('message', (m: FromWorker) => {
    if (m.type === 'warning') return onWarning?.(m.message);
    const w = waiting.get(m.id);
    waiting.delete(m.id);
    if (m.type === 'result') w?.resolve(m.result);
    else w?.reject(new GlossError('INTERNAL', m.message));
  });
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`the worker exited (${code})`)));
  // Not kept alive by the worker: the CLI exits when its work is done.
  worker.unref();

  const ask = <T>(msg: ToWorker): Promise<T> => {
    if (failed) return Promise.reject(failed);
    return new Promise<T>((resolve, reject) => {
      waiting.set(msg.id as number, { resolve: resolve as (v: unknown) => void, reject });
      worker.ref(); // alive while an answer is awaited
      worker.postMessage(msg);
    }).finally(() => {
      if (waiting.size === 0) worker.unref();
    });
  };
  await ask<void>({ type: 'open', id: nextId++, options: rest });
  return {
    change: (change) => {
      if (!failed) worker.postMessage({ type: 'change', change } satisfies ToWorker);
    },
    search: (query, limit) => ask<SearchResult>({ type: 'search', id: nextId++, query, limit }),
    idle: () => ask<void>({ type: 'idle', id: nextId++ }),
    flush: () => ask<void>({ type: 'flush', id: nextId++ }),
    parts: () => ask({ type: 'parts', id: nextId++ }),
    close: async () => {
      try {
        if (!failed) await ask<void>({ type: 'close', id: nextId++ });
      } finally {
        worker.removeAllListeners('exit');
        await worker.terminate();
      }
    },
  };
}
