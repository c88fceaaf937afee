/**
 * A new library opens with the sample articles in seeds/, once: a marker file
 * remembers it was seeded, so a user who removes the samples never sees them again.
 */
import { readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ImportFilesRequest, ImportReport } from '../contract';
import type { ServiceContext } from './context';

const SEEDED_MARKER = '.seeded';

export async function seedIfNew(
  { dataDir, store, now, warnings }: ServiceContext,
  seedsDir: string,
  importFiles: (req: ImportFilesRequest) => Promise<ImportReport>,
): Promise<void> {
  const marker = join(dataDir, SEEDED_MARKER);
  const seeded = await stat(marker).then(
    () => true,
    () => false,
  );
  if (seeded) return;
  if (store.listArticles().length === 0) {
    const files = (await readdir(seedsDir).catch(() => [] as string[]))
      .filter((f) => !f.startsWith('.'))
      .sort();
    if (files.length) {
      const report = await importFiles({ paths: files.map((f) => join(seedsDir, f)) });
      for (const f of report.failed)
        warnings.push(`The sample article ${f.source} could not be imported: ${f.message}`);
    }
  }
  await writeFile(marker, `${now()}\n`);
}
