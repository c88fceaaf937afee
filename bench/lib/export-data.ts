/** The 100,000 annotations of the big library as export entries (article + its annotations), in memory. */
import type { ExportEntry } from '@core/export/types';
import { bigLibrary } from './big-store';

export function bigExportEntries(): ExportEntry[] {
  const lib = bigLibrary();
  return lib.articles.map((article) => ({ article, annotations: lib.annotations.get(article.id) ?? [] }));
}

export function annotationCount(entries: readonly ExportEntry[]): number {
  return entries.reduce((n, e) => n + e.annotations.length, 0);
}
