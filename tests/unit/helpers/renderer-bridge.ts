/**
 * The renderer's `window.gloss` in a unit test: a real service over a temp folder, reached through the same
 * bridge and dispatch as the app. `onRequest` sees each request on its way to main, to count it, hold it
 * (a gate) or fail it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGloss, type GlossService } from '@core/service';
import { createRendererApi } from '@core/renderer-api';
import { dispatch } from '@core/dispatch';
import { buildBridge } from '@core/bridge';
import { CHANNEL_NAMES } from '@core/channels';
import type { GlossBridge, RawInvoke } from '@core/contract';

export interface RendererBridge {
  dataDir: string;
  service: GlossService;
  close(): Promise<void>;
}

export async function rendererBridge(
  name: string,
  onRequest: (channel: string) => Promise<void> | void = () => undefined,
): Promise<RendererBridge> {
  const dataDir = await mkdtemp(join(tmpdir(), `gloss-${name}-`));
  const service = await createGloss({ dataDir });
  const api = createRendererApi(service, {
    chooseImportFiles: async () => [],
    chooseExportPath: async () => null,
    openExternal: async () => undefined,
    send: () => undefined,
  });
  const invoke = (async (channel: string, request: unknown) => {
    await onRequest(channel);
    return dispatch(api, channel, request);
  }) as unknown as RawInvoke;
  const bridge: GlossBridge = buildBridge(CHANNEL_NAMES, invoke, () => () => undefined);
  (globalThis as unknown as { window: { gloss: GlossBridge } }).window = { gloss: bridge };
  return {
    dataDir,
    service,
    async close() {
      await service.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A request held on its way to main: `arrived` once it reaches the gate, let through by `release`. */
export interface Gate {
  arrived: Promise<void>;
  release(): void;
  /** Called by the request: tells `arrived`, then waits for `release`. */
  pass(): Promise<void>;
}

export function gate(): Gate {
  let arrive!: () => void;
  let release!: () => void;
  const arrived = new Promise<void>((ok) => (arrive = ok));
  const open = new Promise<void>((ok) => (release = ok));
  return {
    arrived,
    release: () => release(),
    pass() {
      arrive();
      return open;
    },
  };
}

/** Resolves once the renderer store's state satisfies `ok` (checked now and at each change it announces). */
export function until<S>(
  store: { get(): S; subscribe(listener: () => void): () => void },
  ok: (state: S) => boolean,
): Promise<void> {
  return new Promise((resolve) => {
    if (ok(store.get())) return resolve();
    const stop = store.subscribe(() => {
      if (!ok(store.get())) return;
      stop();
      resolve();
    });
  });
}
