/**
 * The search worker: holds the index (an IndexKeeper) off the main thread, so
 * loading, building (10,000 articles take seconds) and querying never stall the
 * app or the IPC that serves it. Messages from search-client.ts, answered in order.
 */
import { parentPort } from 'node:worker_threads';
import { IndexKeeper } from './index-keeper';
import type { ToWorker, FromWorker } from './worker-protocol';

const port = parentPort;
if (!port) throw new Error('search/worker.ts runs as a worker thread');
const post = (m: FromWorker) => port.postMessage(m);

let keeper: Promise<IndexKeeper> | null = null;

port.on('message', (msg: ToWorker) => {
  if (msg.type === 'open') {
    keeper = IndexKeeper.open({
      ...msg.options,
      // This thread holds the index alone: what loading it left is collected once it is warm.
      collectGarbage: true,
      onWarning: (message) => post({ type: 'warning', message }),
    });
    reply(
      msg.id,
      keeper.then(() => undefined),
    );
    return;
  }
  const k = keeper;
  if (!k) return reply(msg.id, Promise.reject(new Error('The search index is not open.')));
  switch (msg.type) {
    case 'change':
      void k.then(
        (x) => x.apply(msg.change),
        () => {},
      );
      return;
    case 'search':
      return reply(
        msg.id,
        k.then((x) => x.search(msg.query, msg.limit)),
      );
    case 'idle':
      return reply(
        msg.id,
        k.then((x) => x.idle()),
      );
    case 'parts':
      return reply(
        msg.id,
        k.then(async (x) => (await x.idle(), x.parts())),
      );
    case 'flush':
      return reply(
        msg.id,
        k.then((x) => x.flush()),
      );
    case 'close':
      return reply(
        msg.id,
        k.then((x) => x.close()),
      );
  }
});

function reply(id: number | undefined, work: Promise<unknown>): void {
  if (id === undefined) return;
  work.then(
    (result) => post({ type: 'result', id, result }),
    (err: Error) => post({ type: 'error', id, message: err?.message ?? String(err) }),
  );
}
