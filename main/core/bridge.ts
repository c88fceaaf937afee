/**
 * Builds `window.gloss` from the contract's channel names. It must stay
 * self-contained (no imports, no outer references): the preload calls it, and
 * the test harness injects its source text into the page, so the renderer
 * meets the very same bridge in the app and in tests.
 */
import type { Channel, GlossBridge, GlossEvent, RawInvoke } from './contract';

export function buildBridge(
  names: readonly Channel[],
  invoke: RawInvoke,
  subscribe: (listener: (e: GlossEvent) => void) => () => void,
): GlossBridge {
  const api: Record<string, unknown> = {};
  for (const name of names) {
    api[name] = async (request?: unknown) => {
      const result = await invoke(name, request as never);
      if (result.ok) return result.value;
      const error = new Error(result.error.message) as Error & { code: string };
      error.code = result.error.code;
      throw error;
    };
  }
  api.onEvent = subscribe;
  return Object.freeze(api) as unknown as GlossBridge;
}
