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
export { codebookOfTags } from './codebook-text';

export function exportRenderer(
  format: ExportFormat,
  plan: ExportPlan,
  options: ExportOptions = {},
): ExportRenderer {
  switch (format) {
    case 'md':
      return markdownRenderer(plan, { codebook: options.codebook });
    case 'json':
      return webAnnotationRenderer(plan, options);
    case 'csv':
      // An estimated plan's codebook may miss a tag the notes hold: each row looks its own tags up in the
      // whole codebook instead, which answers the same for every tag a row holds.
      return csvRenderer(plan.estimated ? { codebook: options.codebook?.slice() } : plan);
    case 'readwise':
      return readwiseCsvRenderer();
  }
}

/** The export's text in pieces (head, one per article, tail), for writeExport to write as they come. */
export function exportChunks(
  format: ExportFormat,
  plan: ExportPlan,
  entries: Iterable<ExportEntry> | AsyncIterable<ExportEntry>,
  options: ExportOptions = {},
): AsyncGenerator<string> {
  return pieces(exportRenderer(format, plan, options), entries);
}

/**
 * exportChunks for a plan that may be estimated (from the counts index): with the head as the entries
 * written call for it, for writeExport to put right at the end (`finalHead`).
 */
export function exportWriting(
  format: ExportFormat,
  plan: ExportPlan,
  entries: Iterable<ExportEntry> | AsyncIterable<ExportEntry>,
  options: ExportOptions = {},
): { content: AsyncGenerator<string>; finalHead?: () => string } {
  const renderer = exportRenderer(format, plan, options);
  const { finalHead } = renderer;
  return {
    content: pieces(renderer, entries),
    ...(plan.estimated && finalHead ? { finalHead: () => finalHead() } : {}),
  };
}

async function* pieces(
  renderer: ExportRenderer,
  entries: Iterable<ExportEntry> | AsyncIterable<ExportEntry>,
): AsyncGenerator<string> {
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
