// Starts a worker's .ts entry from source (tests, the CLI under tsx): a worker
// does not inherit tsx's loader from --import on Node 20, so it registers it
// itself. The built app starts the compiled out/main/<name>-worker.js instead
// (see worker-file.ts).
import { workerData } from 'node:worker_threads';
const { register } = await import('tsx/esm/api');
register();
await import(workerData.entry);
