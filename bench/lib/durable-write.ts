/** The physical floor for saving a file durably: write a temp file, fsync it, rename it over the target, fsync the folder. */
import { open, rename } from 'node:fs/promises';
import path from 'node:path';

export async function writeFsyncRename(target: string, data: string | Uint8Array): Promise<void> {
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.bench.tmp`);
  const handle = await open(temp, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, target);
  const dir = await open(path.dirname(target), 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}
