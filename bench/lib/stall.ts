/** The longest event-loop stall during a piece of work, measured with a 1 ms delay histogram. */
import { monitorEventLoopDelay } from 'node:perf_hooks';

/** Runs `fn`, returning its duration and the longest event-loop delay seen meanwhile (ms). */
export async function withStallProbe(fn: () => Promise<unknown>): Promise<{ ms: number; stallMs: number }> {
  const h = monitorEventLoopDelay({ resolution: 1 });
  h.enable();
  // Let the histogram's timer start before the work does.
  await new Promise((r) => setTimeout(r, 2));
  h.reset();
  const t0 = performance.now();
  await fn();
  const ms = performance.now() - t0;
  // One more tick so a stall at the very end is recorded.
  await new Promise((r) => setTimeout(r, 2));
  h.disable();
  // The histogram reports delay beyond the resolution in nanoseconds.
  return { ms, stallMs: h.count > 0 ? h.max / 1e6 : 0 };
}
