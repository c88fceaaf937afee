/**
 * The highlights an older version shows: those kept on it (their versionHash is
 * that version's), drawn where their words are in its text — a highlight still
 * waiting for review was moved to the new wording, so its place in the old text
 * is the one it had (versionChange.previous). A highlight whose words are not at
 * that place is looked for once by its exact words; one not there is not drawn.
 */
import type { Annotation } from '@core/contract';
import type { Span } from '../reader/runs';

export function marksOnVersion(
  annotations: readonly (Annotation & { key: string })[],
  version: string,
  text: string,
): Span[] {
  const out: Span[] = [];
  for (const a of annotations) {
    if (a.versionHash !== version) continue;
    const was = a.versionChange?.fromVersion === version ? a.versionChange.previous : null;
    const exact = was?.exact ?? a.target.quote.exact;
    let start = was?.start ?? a.target.position.start;
    if (!exact || text.slice(start, start + exact.length) !== exact) start = text.indexOf(exact);
    if (start < 0 || !exact) continue;
    out.push({
      id: a.key,
      start,
      end: start + exact.length,
      color: a.color,
      label: `${a.color} highlight: ${exact}`,
    });
  }
  return out.sort((x, y) => x.start - y.start);
}
