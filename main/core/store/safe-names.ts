/**
 * Names that become parts of file paths. Everything the store joins into a path
 * passes through here first, so no id or asset name can climb out of the data
 * folder ("..", separators) or collide with the store's own files.
 */
import { GlossError } from '../errors';

const SAFE_ID = /^[A-Za-z0-9_-]{1,128}$/;
const SAFE_ASSET = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export function isSafeId(id: unknown): id is string {
  return typeof id === 'string' && SAFE_ID.test(id);
}

export function assertSafeId(id: unknown, what = 'id'): string {
  if (!isSafeId(id)) {
    throw new GlossError(
      'INVALID_REQUEST',
      `The ${what} ${JSON.stringify(String(id)).slice(0, 80)} is not valid: use 1–128 letters, digits, "-" or "_".`,
    );
  }
  return id;
}

export function assertSafeAssetName(name: unknown): string {
  if (typeof name !== 'string' || !SAFE_ASSET.test(name) || name.includes('..')) {
    throw new GlossError(
      'INVALID_REQUEST',
      `The asset name ${JSON.stringify(String(name)).slice(0, 80)} is not valid: it may not contain "/", "\\" or "..".`,
    );
  }
  return name;
}
