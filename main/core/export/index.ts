/**
 * Every export format behind one call, so the service names a format and gets
 * text — whole (renderExport) or one article at a time (exportRenderer), so a
 * library's export is written as it is built and never held whole in memory.
 */
import type { ExportFormat } from '../contract';
import { csvRenderer } from './csv';
import { markdownRenderer } from './markdown';
import { readwiseCsvRenderer } from './readwise-csv';
import type { ExportEntry, ExportOptions, ExportPlan, ExportRenderer } from './types';
import { planOf, webAnnotationRenderer } from './web-annotation';

export type { ExportEntry, ExportOptions, ExportPlan, ExportRenderer } from './types';
export { toCsv } from './csv';
export { toMarkdown } from './markdown';
export { toReadwiseCsv } from './readwise-csv';
export { toWebAnnotations, planOf, exportPlan } from './web-annotation';

export function exportRenderer(
  format: ExportFormat,
  plan: ExportPlan,
  options: ExportOptions = {},
): ExportRenderer {
  switch (format) {
    case 'md':
      return markdownRenderer(plan);
    case 'json':
      return webAnnotationRenderer(plan, options);
    case 'csv':
      return csvRenderer(plan);
    case 'readwise':
      return readwiseCsvRenderer();
  }
}

/** The export's text in pieces (head, one per article, tail), for writeExport to write as they come. */
export async function* exportChunks(
  format: ExportFormat,
  plan: ExportPlan,
  entries: Iterable<ExportEntry> | AsyncIterable<ExportEntry>,
  options: ExportOptions = {},
): AsyncGenerator<string> {
  const renderer = exportRenderer(format, plan, options);
  yield renderer.head();
  for await (const entry of entries) yield renderer.entry(entry);
  yield renderer.tail();
}

export function renderExport(
  format: ExportFormat,
  entries: readonly ExportEntry[],
  options: ExportOptions = {},
): string {
  const renderer = exportRenderer(format, planOf(entries, options), options);
  const pieces = [renderer.head()];
  for (const entry of entries) pieces.push(renderer.entry(entry));
  pieces.push(renderer.tail());
  return pieces.join('');
}
