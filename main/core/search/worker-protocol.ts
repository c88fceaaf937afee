/** The messages between search-client.ts (main thread) and worker.ts. */
import type { IndexChange, KeeperOptions } from './index-keeper';

export type ToWorker =
  | { type: 'open'; id: number; options: Omit<KeeperOptions, 'onWarning'> }
  | { type: 'change'; id?: undefined; change: IndexChange }
  | { type: 'search'; id: number; query: string; limit?: number }
  | { type: 'idle' | 'parts' | 'flush' | 'close'; id: number };

export type FromWorker =
  | { type: 'result'; id: number; result: unknown }
  | { type: 'error'; id: number; message: string }
  | { type: 'warning'; message: string };
