/**
 * Finds Electron's binary without triggering its download (requiring the
 * `electron` package would try to fetch it). Where there is none, the suite is
 * skipped with this reason.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');

export function electronBinary(): { path?: string; reason: string } {
  const pkg = join(ROOT, 'node_modules', 'electron');
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const p = join(
      process.env.ELECTRON_OVERRIDE_DIST_PATH,
      process.platform === 'win32' ? 'electron.exe' : 'electron',
    );
    return existsSync(p)
      ? { path: p, reason: '' }
      : { reason: `ELECTRON_OVERRIDE_DIST_PATH has no electron binary (${p})` };
  }
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) {
    return {
      reason:
        'no Electron binary: node_modules/electron was installed without its binary (the download from GitHub is not reachable on this machine)',
    };
  }
  const binary = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? { path: binary, reason: '' } : { reason: `no Electron binary at ${binary}` };
}
