/**
 * The bridge: exposes exactly one object, `window.gloss`, built from the
 * contract's channel list. Runs sandboxed; nothing else crosses.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { buildBridge } from '../core/bridge';
import { CHANNEL_NAMES, DROP_GRANT_CHANNEL, EVENT_CHANNEL, invokeChannel } from '../core/channels';
import type { ChosenFiles, GlossEvent, RawInvoke } from '../core/contract';

const invoke: RawInvoke = (channel, request) => ipcRenderer.invoke(invokeChannel(channel), request);

function subscribe(listener: (e: GlossEvent) => void): () => void {
  const handler = (_event: IpcRendererEvent, e: GlossEvent) => listener(e);
  ipcRenderer.on(EVENT_CHANNEL, handler);
  return () => ipcRenderer.removeListener(EVENT_CHANNEL, handler);
}

contextBridge.exposeInMainWorld('gloss', {
  ...buildBridge(CHANNEL_NAMES, invoke, subscribe),
  // Paths are read here, from File objects of a real drop (a page-made File has none).
  grantDroppedFiles: async (files: File[]): Promise<ChosenFiles | null> => {
    const paths = Array.from(files, (f) => webUtils.getPathForFile(f));
    return paths.length && paths.every(Boolean) ? ipcRenderer.invoke(DROP_GRANT_CHANNEL, paths) : null;
  },
});
