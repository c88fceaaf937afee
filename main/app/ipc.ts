/**
 * One ipcMain handler per contract channel. Each checks that the request comes
 * from our own page (not a navigated-away or embedded frame), then hands the
 * payload to dispatch(), which validates it against the contract's schema.
 */
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { CHANNEL_NAMES, invokeChannel, type GlossApi } from '../core/contract';
import { dispatch } from '../core/dispatch';
import type { Result } from '../core/errors';

export function registerIpc(api: GlossApi, isTrusted: (event: IpcMainInvokeEvent) => boolean): void {
  for (const channel of CHANNEL_NAMES) {
    ipcMain.handle(invokeChannel(channel), async (event, payload): Promise<Result<unknown>> => {
      if (!isTrusted(event)) {
        return { ok: false, error: { code: 'INVALID_REQUEST', message: 'A request from an untrusted page was refused.' } };
      }
      return dispatch(api, channel, payload);
    });
  }
}
