/** Every export format behind one call, so the service names a format and gets text. */
import type { ExportFormat } from '../contract';
import { toCsv } from './csv';
import { toMarkdown } from './markdown';
import { toReadwiseCsv } from './readwise-csv';
import type { ExportEntry, ExportOptions } from './types';
import { toWebAnnotationsJson } from './web-annotation';

export type { ExportEntry, ExportOptions } from './types';
export { toCsv } from './csv';
export { toMarkdown } from './markdown';
export { toReadwiseCsv } from './readwise-csv';
export { toWebAnnotations } from './web-annotation';

export function renderExport(
  format: ExportFormat,
  entries: readonly ExportEntry[],
  options: ExportOptions = {},
): string {
  switch (format) {
    case 'md':
      return toMarkdown(entries);
    case 'json':
      return toWebAnnotationsJson(entries, options);
    case 'csv':
      return toCsv(entries);
    case 'readwise':
      return toReadwiseCsv(entries);
  }
}
