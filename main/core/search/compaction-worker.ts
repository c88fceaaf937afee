/**
 * The compaction worker: one compaction (compaction.ts) in a thread of its
 * own, started by the search worker's keeper (compaction-client.ts). It builds
 * the part, says so, and writes it when told to (at once, unless a test holds
 * it to search while it is in progress).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { buildPart, writeCompacted, type CompactionRequest } from './compaction';
import type { FromCompaction, ToCompaction } from './compaction-client';

const port = parentPort;
if (!port) throw new Error('search/compaction-worker.ts runs as a worker thread');
const post = (m: FromCompaction) => port.postMessage(m);
const request = (workerData as { request: CompactionRequest }).request;

try {
  const index = await buildPart(request);
  post({ type: 'built' });
  await new Promise<void>((resolve) =>
    port.once('message', (m: ToCompaction) => {
      if (m.type === 'write') resolve();
    }),
  );
  post({ type: 'written', part: await writeCompacted(request, index) });
} catch (err) {
  post({ type: 'error', message: (err as Error)?.message ?? String(err) });
}
