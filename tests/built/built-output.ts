/**
 * Where `npm run build` puts what these tests run. They test the build itself,
 * so they stop with one clear sentence when it is missing instead of testing a
 * stale or absent one silently.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const OUT = join(ROOT, 'out');

export function requireBuilt(...paths: string[]): void {
  const missing = paths.filter((p) => !existsSync(join(ROOT, p)));
  if (missing.length)
    throw new Error(`Not built: ${missing.join(', ')} missing. Run \`npm run build\` first.`);
}
