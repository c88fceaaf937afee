/**
 * The child process of the export-memory measurement: open the data folder
 * given as argv[2], export every article's notes in format argv[3] to the file
 * argv[4] through the service (as the app and `gloss export` do), and print
 * the time and how much the process's peak resident memory rose above what it
 * held before the export, as JSON.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createGloss } from '@core/service';
import type { ExportFormat } from '@core/contract';

const [dataDir, format, out] = process.argv.slice(2);
const service = await createGloss({ dataDir });
await service.listArticles();
const rssBefore = process.memoryUsage().rss;
// Linux: the peak resident set starts again from here, so the start-up's own peak is not counted as the export's.
const peakReset = resetPeak();
const t0 = performance.now();
const report = await service.exportNotes({ format: format as ExportFormat, path: out });
const ms = performance.now() - t0;
const peakMB = peakReset ? peakSinceReset() : (process.resourceUsage().maxRSS * 1024) / 1e6;
await service.close();
process.stdout.write(
  `${JSON.stringify({ ms, rssBeforeMB: rssBefore / 1e6, peakMB, riseMB: peakMB - rssBefore / 1e6, annotations: report.annotations, bytes: report.bytes })}\n`,
);

/** Sets the kernel's peak-RSS mark (VmHWM) to the current RSS; false where that is not possible. */
function resetPeak(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

/** VmHWM, in MB (1e6 bytes), as maxRSS is read. */
function peakSinceReset(): number {
  const kib = /^VmHWM:\s*(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
  return (Number(kib) * 1024) / 1e6;
}
