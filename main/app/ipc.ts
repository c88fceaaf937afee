/**
 * One ipcMain handler per contract channel. Each checks that the request comes
 * from our own page (not a navigated-away or embedded frame), then hands the
 * payload to dispatch(), which validates it against the contract's schema.
 */
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import type { ChosenFiles, GlossApi } from '../core/contract';
import { CHANNEL_NAMES, DROP_GRANT_CHANNEL, invokeChannel } from '../core/channels';
import { dispatch } from '../core/dispatch';
import type { Result } from '../core/errors';

export function registerIpc(api: GlossApi, isTrusted: (event: IpcMainInvokeEvent) => boolean): void {
  for (const channel of CHANNEL_NAMES) {
    ipcMain.handle(invokeChannel(channel), async (event, payload): Promise<Result<unknown>> => {
      if (!isTrusted(event)) {
        return {
          ok: false,
          error: { code: 'INVALID_REQUEST', message: 'A request from an untrusted page was refused.' },
        };
      }
      return dispatch(api, channel, payload);
    });
  }
}

/**
 * Files dropped on the window: only the preload can send this (the page has no
 * ipcRenderer), and it sends the paths Electron gives for the File objects of
 * a real drop, so the page can import what the user dropped and nothing else.
 */
export function registerDropGrants(
  api: { grantDroppedFiles(paths: string[]): ChosenFiles | null },
  isTrusted: (event: IpcMainInvokeEvent) => boolean,
): void {
  ipcMain.handle(DROP_GRANT_CHANNEL, (event, paths: unknown): ChosenFiles | null => {
    if (
      !isTrusted(event) ||
      !Array.isArray(paths) ||
      paths.length > 1000 ||
      !paths.every((p) => typeof p === 'string')
    )
      return null;
    return api.grantDroppedFiles(paths as string[]);
  });
}
