/**
 * Where a worker thread's code is, given where the module starting it runs
 * from. From source (under tsx) worker-boot.mjs starts the .ts entry; in the
 * build electron-vite emits each worker as out/<main|cli>/<name>.js (see
 * electron.vite.config.ts), found beside the bundle or beside its chunks'
 * folder. Packaged, a worker cannot run from inside app.asar:
 * electron-builder.yml unpacks it (and what it imports) beside it.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { GlossError } from './errors';

export interface WorkerSpec {
  /** The .ts entry, relative to `here` (from source). */
  source: string;
  /** The built file's name, e.g. "search-worker.js". */
  built: string;
  /** What the worker is, for the error when it is missing: "search worker". */
  what: string;
}

/** `exists` checks a path (a parameter for tests). */
export function workerFile(
  spec: WorkerSpec,
  here: string,
  exists: (path: string) => boolean = existsSync,
): { file: URL; workerData?: unknown } {
  if (here.endsWith('.ts')) {
    const entry = new URL(spec.source, here);
    // Beside this module (main/core/) when it runs from source.
    return { file: new URL('./worker-boot.mjs', import.meta.url), workerData: { entry: entry.href } };
  }
  for (const rel of [`./${spec.built}`, `../${spec.built}`]) {
    const url = new URL(rel, here);
    const unpacked = new URL(url.href.replace(/\/app\.asar\//, '/app.asar.unpacked/'));
    if (unpacked.href !== url.href && exists(fileURLToPath(unpacked))) return { file: unpacked };
    if (exists(fileURLToPath(url))) return { file: url };
  }
  throw new GlossError('INTERNAL', `The ${spec.what} is missing beside ${fileURLToPath(here)}.`);
}
