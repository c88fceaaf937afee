/**
 * 6. Export 100,000 annotations (10,000 articles) to Markdown and to JSON
 * (Web Annotation), written to a file as the service writes it (pieces
 * streamed into a temp file, flushed, renamed), against JSON.stringify of the
 * same entries (articles' metadata and annotations) — the cheapest text that
 * carries the same data — written the same way. Memory, once per format: a
 * fresh process opens the 10k library and exports it all through the service
 * (reading every article, as `gloss export` does); its peak resident memory
 * above what it held before the export goes in the row's extras. So does the
 * raw write (already encoded bytes, fsync, rename) of each side's output: the
 * part of the ratio that is only the number of bytes each format takes.
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { exportChunks, planOf } from '@core/export/index';
import { writeExport } from '@core/export/write';
import type { ExportFormat } from '@core/contract';
import type { ExportEntry } from '@core/export/types';
import { benchTempDir, bigStore } from '../lib/big-store';
import { writeFsyncRename } from '../lib/durable-write';
import { annotationCount, bigExportEntries } from '../lib/export-data';
import { interleave, summarize, time } from '../lib/stats';
import type { Scenario } from '../lib/scenario';

const REPS = 3;
const here = path.dirname(fileURLToPath(import.meta.url));

/** What an export carries: each article's metadata (not its whole text) and its annotations. */
function sameData(entries: readonly ExportEntry[]): unknown {
  return entries.map((e) => ({
    article: { id: e.article.id, meta: e.article.meta },
    annotations: e.annotations,
  }));
}

interface ServiceExport {
  ms: number;
  riseMB: number;
  annotations: number;
}

/** A whole-library export through the service in a fresh process (bench/lib/export-child.ts). */
function serviceExport(dataDir: string, format: ExportFormat, out: string): Promise<ServiceExport> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(here, '..', 'lib', 'export-child.ts'), dataDir, format, out],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`export child exited ${code}: ${stderr.slice(0, 500)}`));
      else resolve(JSON.parse(stdout) as ServiceExport);
    });
  });
}

function exportScenario(format: ExportFormat, label: string): Scenario {
  return {
    name: `export-${format}`,
    gloss: `export of 100k annotations over 10k articles to ${label}, streamed to a file (temp, fsync, rename)`,
    baseline: 'JSON.stringify of the same articles’ metadata + annotations, written the same way',
    target: { ratio: 2, extraMax: { 'service export peak RSS rise (MB)': 200 } },
    async run() {
      const entries = bigExportEntries();
      const dir = await benchTempDir('export');
      const out = path.join(dir, `notes.${format}`);
      const baseOut = path.join(dir, 'baseline.json');
      let bytes = 0;
      let baseBytes = 0;
      const result = await interleave(
        REPS,
        () =>
          time(async () => {
            bytes = (await writeExport(out, exportChunks(format, planOf(entries), entries))).bytes;
          }),
        () =>
          time(async () => {
            baseBytes = (await writeExport(baseOut, JSON.stringify(sameData(entries)))).bytes;
          }),
      );
      // The same bytes written raw, interleaved: what each side's size alone costs on this disk.
      const [outBytes, baseOutBytes] = await Promise.all([readFile(out), readFile(baseOut)]);
      const raw = await interleave(
        REPS,
        () => time(() => writeFsyncRename(path.join(dir, 'raw.out'), outBytes)),
        () => time(() => writeFsyncRename(path.join(dir, 'raw.baseline'), baseOutBytes)),
      );
      const store = await bigStore();
      const service = await serviceExport(store.dataDir, format, path.join(dir, `service.${format}`));
      return {
        ...result,
        extra: {
          'annotations count': annotationCount(entries),
          'output bytes': bytes,
          'baseline bytes': baseBytes,
          'raw write of its output': summarize(raw.gloss).median,
          'raw write of the baseline output': summarize(raw.baseline).median,
          'service export from disk': service.ms,
          'service export peak RSS rise (MB)': Math.round(service.riseMB),
        },
      };
    },
  };
}

export const markdown = exportScenario('md', 'Markdown');
export const json = exportScenario('json', 'Web Annotation JSON');
