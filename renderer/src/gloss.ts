/**
 * The renderer's only door to main: `window.gloss`, built by the preload (or
 * the test harness) from the contract. Only types cross from main/core.
 */
import type { GlossBridge } from '@core/contract';

declare global {
  interface Window {
    gloss: GlossBridge;
  }
}

export const gloss = (): GlossBridge => window.gloss;

/** A sentence for the user out of whatever a call rejected with. */
export function messageOf(err: unknown): string {
  if (err instanceof Error && err.message) return err.message;
  return String(err);
}
