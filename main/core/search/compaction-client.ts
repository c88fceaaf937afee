/**
 * Starts a compaction in a thread of its own (compaction-worker.ts) and hands
 * back the new snapshot's temp file, so the keeper's thread — the search
 * worker — never serialises a whole part itself while the app is running.
 * A thread per compaction: they are rare (the first build, then once a journal
 * outgrows a quarter of its snapshot), and it frees its memory when it ends.
 */
import { Worker } from 'node:worker_threads';
import { promises as fs } from 'node:fs';
import { workerFile as locateWorker } from '../worker-file';
import type { CompactedPart, CompactionRequest } from './compaction';

export type ToCompaction = { type: 'write' };
export type FromCompaction =
  { type: 'built' } | { type: 'written'; part: CompactedPart } | { type: 'error'; message: string };

export interface RunningCompaction {
  /** The new snapshot, written to its temp file. */
  done: Promise<CompactedPart>;
  /** Stops it (its temp file removed); `done` then rejects. */
  cancel(): Promise<void>;
}

/** `hold`: called once the part is built; it is written when the answer resolves (tests search meanwhile). */
export function startCompaction(request: CompactionRequest, hold?: () => Promise<void>): RunningCompaction {
  const { file, workerData } = locateWorker(
    {
      source: './compaction-worker.ts',
      built: 'search-compaction-worker.js',
      what: 'search compaction worker',
    },
    import.meta.url,
  );
  const worker = new Worker(file, { workerData: { ...(workerData as object), request } });
  worker.unref(); // never keeps a process alive: at close the keeper cancels it
  let written: CompactedPart | undefined;
  const done = new Promise<CompactedPart>((resolve, reject) => {
    worker.on('message', (m: FromCompaction) => {
      if (m.type === 'built')
        void (hold?.() ?? Promise.resolve()).then(() => worker.postMessage({ type: 'write' }));
      else if (m.type === 'written') resolve((written = m.part));
      else reject(new Error(m.message));
    });
    worker.on('error', reject);
    worker.on('exit', (code) => reject(new Error(`the compaction stopped (${code})`)));
  });
  done.catch(() => {}); // a caller that cancels need not wait for it
  return {
    done,
    cancel: async () => {
      await worker.terminate();
      if (written) await fs.rm(written.temp, { force: true });
    },
  };
}
