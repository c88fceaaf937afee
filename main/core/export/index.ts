/** Every export format behind one call, so the service names a format and gets text. */
import type { ExportFormat } from '../contract';
import { toCsv } from './csv';
import { toMarkdown } from './markdown';
import type { ExportEntry } from './types';
import { toWebAnnotationsJson } from './web-annotation';

export type { ExportEntry } from './types';
export { toCsv } from './csv';
export { toMarkdown } from './markdown';
export { toWebAnnotations } from './web-annotation';

export function renderExport(format: ExportFormat, entries: readonly ExportEntry[]): string {
  switch (format) {
    case 'md':
      return toMarkdown(entries);
    case 'json':
      return toWebAnnotationsJson(entries);
    case 'csv':
      return toCsv(entries);
  }
}
