/**
 * The child process of the export-memory measurement: open the data folder
 * given as argv[2], export every article's notes in format argv[3] to the file
 * argv[4] through the service (as the app and `gloss export` do), and print
 * the time and how much the process's peak resident memory rose above what it
 * held before the export, as JSON.
 */
import { performance } from 'node:perf_hooks';
import { createGloss } from '@core/service';
import type { ExportFormat } from '@core/contract';

const [dataDir, format, out] = process.argv.slice(2);
const service = await createGloss({ dataDir });
await service.listArticles();
const rssBefore = process.memoryUsage().rss;
const t0 = performance.now();
const report = await service.exportNotes({ format: format as ExportFormat, path: out });
const ms = performance.now() - t0;
// maxRSS: the process's peak resident set (KiB), the export's included.
const peakMB = (process.resourceUsage().maxRSS * 1024) / 1e6;
await service.close();
process.stdout.write(
  `${JSON.stringify({ ms, rssBeforeMB: rssBefore / 1e6, peakMB, riseMB: peakMB - rssBefore / 1e6, annotations: report.annotations, bytes: report.bytes })}\n`,
);
