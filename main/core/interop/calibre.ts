/**
 * Calibre's e-book viewer annotation export (`.calibre_highlights`, JSON):
 * `{ type: "calibre_annotation_collection", version: 1, annotations: [...] }`,
 * each highlight with `highlighted_text`, `notes`, `style` (`{ kind: "color",
 * which: "yellow" }` or a decoration), `timestamp`, `uuid`, `spine_index`
 * and `toc_family_titles`; bookmarks (`type: "bookmark"`) and highlights the
 * reader removed (`removed: true`) are skipped. The export names no book, so
 * the document is titled after the file ("Dune.calibre_highlights" → "Dune").
 */
import { GlossError } from '../errors';
import { toIsoDate } from './dates';
import type { ForeignFile, ForeignHighlight, ForeignHighlights } from './types';

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown) => (typeof v === 'string' ? v : '');

function annotationsOf(value: unknown): unknown[] | undefined {
  if (isObject(value) && value.type === 'calibre_annotation_collection' && Array.isArray(value.annotations))
    return value.annotations;
  // A bare list of viewer annotations (as calibre keeps them per book).
  if (Array.isArray(value) && value.some((a) => isObject(a) && 'highlighted_text' in a)) return value;
  return undefined;
}

export function looksLikeCalibre(value: unknown): boolean {
  return annotationsOf(value) !== undefined;
}

export function parseCalibre(value: unknown, file: ForeignFile): ForeignHighlights {
  const annotations = annotationsOf(value);
  if (!annotations)
    throw new GlossError(
      'UNSUPPORTED_FORMAT',
      `“${file.fileName}” is JSON, but not a Calibre annotations export.`,
    );
  const highlights: ForeignHighlight[] = [];
  let skipped = 0;
  for (const [i, a] of annotations.entries()) {
    if (!isObject(a) || a.type !== 'highlight' || a.removed === true || !str(a.highlighted_text).trim()) {
      skipped++;
      continue;
    }
    const style = isObject(a.style) ? a.style : {};
    const chapter = Array.isArray(a.toc_family_titles)
      ? a.toc_family_titles.filter((t) => typeof t === 'string')
      : [];
    const created = toIsoDate(a.timestamp);
    highlights.push({
      text: str(a.highlighted_text).trim(),
      note: str(a.notes).trim(),
      tags: [],
      color: style.kind === 'color' ? str(style.which) || undefined : undefined,
      created,
      modified: created,
      location: chapter.join(' › ') || undefined,
      order: (typeof a.spine_index === 'number' ? a.spine_index : 0) * 1_000_000 + i,
    });
  }
  const title =
    file.fileName.replace(/\.(calibre_highlights|json)$/i, '').replace(/\.[a-z0-9]+$/i, '') || file.fileName;
  const warnings = skipped
    ? [
        `${skipped} bookmark${skipped === 1 ? '' : 's'} or removed highlight${skipped === 1 ? '' : 's'} skipped.`,
      ]
    : [];
  return { format: 'calibre', documents: [{ title, authors: [], highlights, notes: [] }], warnings };
}
