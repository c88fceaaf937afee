/**
 * Images stored with articles are served from the store under gloss-asset://
 * — never from the network, so reading works offline and no tracking pixel fires.
 */
import { protocol } from 'electron';
import type { GlossService } from '../core/service';

export const ASSET_SCHEME = 'gloss-asset';

export function registerAssetProtocol(gloss: GlossService): void {
  protocol.handle(ASSET_SCHEME, async (request) => {
    try {
      const url = new URL(request.url);
      const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
      const asset = await gloss.readAsset(url.hostname, name);
      return new Response(Buffer.from(asset.data), {
        headers: { 'Content-Type': asset.mime, 'X-Content-Type-Options': 'nosniff' },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}
