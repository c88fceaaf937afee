/**
 * Before the window closes or the app quits, the shell asks the renderer to
 * save every draft it holds and waits for its answer — bounded, so a hung or
 * crashed renderer never keeps the app from closing. Plain Node: the Electron
 * shell and the test harness use the same handshake.
 */
import type { GlossEvent } from './contract';

export interface FlushHandshake {
  /** Ask for a flush; resolves 'flushed' on the renderer's answer, 'timeout' after `timeoutMs`. */
  request(timeoutMs: number): Promise<'flushed' | 'timeout'>;
  /** The renderer's answer (the draftsFlushed channel). */
  acknowledge(request: number): void;
}

export const FLUSH_TIMEOUT_MS = 3000;

export function createFlushHandshake(send: (event: GlossEvent) => void): FlushHandshake {
  let next = 0;
  const waiting = new Map<number, () => void>();
  return {
    request(timeoutMs) {
      const request = ++next;
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          waiting.delete(request);
          resolve('timeout');
        }, timeoutMs);
        waiting.set(request, () => {
          clearTimeout(timer);
          resolve('flushed');
        });
        send({ type: 'flush-drafts', request });
      });
    },
    acknowledge(request) {
      const done = waiting.get(request);
      waiting.delete(request);
      done?.();
    },
  };
}
