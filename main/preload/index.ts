/**
 * The bridge: exposes exactly one object, `window.gloss`, built from the
 * contract's channel list. Runs sandboxed; nothing else crosses.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { buildBridge } from '../core/bridge';
import { CHANNEL_NAMES, EVENT_CHANNEL, invokeChannel } from '../core/channels';
import type { GlossEvent, RawInvoke } from '../core/contract';

const invoke: RawInvoke = (channel, request) => ipcRenderer.invoke(invokeChannel(channel), request);

function subscribe(listener: (e: GlossEvent) => void): () => void {
  const handler = (_event: IpcRendererEvent, e: GlossEvent) => listener(e);
  ipcRenderer.on(EVENT_CHANNEL, handler);
  return () => ipcRenderer.removeListener(EVENT_CHANNEL, handler);
}

contextBridge.exposeInMainWorld('gloss', {
  ...buildBridge(CHANNEL_NAMES, invoke, subscribe),
  pathForFile: (file: File) => webUtils.getPathForFile(file),
});
