/**
 * 6. Export 100,000 annotations (10,000 articles) to Markdown and to JSON
 * (Web Annotation), rendering the text in memory, against JSON.stringify of
 * the same entries (articles' metadata and annotations) — the cheapest text
 * that carries the same data.
 */
import { renderExport } from '@core/export/index';
import type { ExportFormat } from '@core/contract';
import type { ExportEntry } from '@core/export/types';
import { annotationCount, bigExportEntries } from '../lib/export-data';
import { interleave, time } from '../lib/stats';
import type { Scenario } from '../lib/scenario';

const REPS = 3;

/** What an export carries: each article's metadata (not its whole text) and its annotations. */
function sameData(entries: readonly ExportEntry[]): unknown {
  return entries.map((e) => ({
    article: { id: e.article.id, meta: e.article.meta },
    annotations: e.annotations,
  }));
}

function exportScenario(format: ExportFormat, label: string): Scenario {
  return {
    name: `export-${format}`,
    gloss: `renderExport('${format}') of 100k annotations over 10k articles (${label})`,
    baseline: 'JSON.stringify of the same articles’ metadata + annotations',
    target: { ratio: 2 },
    async run() {
      const entries = bigExportEntries();
      let bytes = 0;
      let baseBytes = 0;
      const result = await interleave(
        REPS,
        () =>
          time(() => {
            bytes = renderExport(format, entries).length;
          }),
        () =>
          time(() => {
            baseBytes = JSON.stringify(sameData(entries)).length;
          }),
      );
      return {
        ...result,
        extra: {
          'annotations count': annotationCount(entries),
          'output bytes': bytes,
          'baseline bytes': baseBytes,
        },
      };
    },
  };
}

export const markdown = exportScenario('md', 'Markdown');
export const json = exportScenario('json', 'Web Annotation JSON');
