/**
 * Zotero annotations as its web API and its JSON export give them: a list of
 * items (each either the item itself or `{ key, data: {…} }`) where an
 * annotation has `itemType: "annotation"`, `annotationType` (highlight,
 * underline, note, image, ink), `annotationText`, `annotationComment`,
 * `annotationColor` ("#ffd400"), `annotationPageLabel`,
 * `annotationSortIndex` ("00012|001234|00345": page, offset, top), `tags`
 * (`[{ tag }]`), `dateAdded`, `dateModified` and `parentItem` (the PDF
 * attachment). The document is the attachment's parent item when the list
 * holds it (title, creators, url), else the attachment, else one untitled
 * document per attachment. Image and ink annotations hold no words: their
 * comments are kept as notes.
 */
import { GlossError } from '../errors';
import { toIsoDate } from './dates';
import type { ForeignDocument, ForeignFile, ForeignHighlights } from './types';

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown) => (typeof v === 'string' ? v : '');

type Item = Record<string, unknown>;

function itemsOf(value: unknown): Item[] | undefined {
  const list = Array.isArray(value)
    ? value
    : isObject(value) && Array.isArray(value.items)
      ? value.items
      : isObject(value) && Array.isArray(value.annotations)
        ? value.annotations
        : undefined;
  if (!list) return undefined;
  const items = list.filter(isObject).map((x) => (isObject(x.data) ? { key: x.key, ...x.data } : x));
  return items.some((i) => i.itemType === 'annotation' || 'annotationType' in i) ? items : undefined;
}

export function looksLikeZotero(value: unknown): boolean {
  return itemsOf(value) !== undefined;
}

function creatorsOf(item: Item | undefined): string[] {
  if (!item || !Array.isArray(item.creators)) return [];
  return item.creators
    .filter(isObject)
    .map((c) => str(c.name) || [str(c.firstName), str(c.lastName)].filter(Boolean).join(' '))
    .filter(Boolean);
}

function sortKey(index: string): number {
  // "00012|001234|00345": page, character offset, distance from the top.
  const [page = '0', offset = '0'] = index.split('|');
  return Number(page) * 1_000_000 + Number(offset) || 0;
}

export function parseZotero(value: unknown, file: ForeignFile): ForeignHighlights {
  const items = itemsOf(value);
  if (!items)
    throw new GlossError(
      'UNSUPPORTED_FORMAT',
      `“${file.fileName}” is JSON, but holds no Zotero annotations.`,
    );
  const byKey = new Map(items.map((i) => [str(i.key), i]));
  const documents = new Map<string, ForeignDocument>();
  let skipped = 0;
  for (const item of items) {
    if (item.itemType !== 'annotation' && !('annotationType' in item)) continue;
    const parentKey = str(item.parentItem);
    let doc = documents.get(parentKey);
    if (!doc) {
      const attachment = byKey.get(parentKey);
      const parent = attachment ? byKey.get(str(attachment.parentItem)) : undefined;
      const title = str(parent?.title) || str(attachment?.title) || `Zotero annotations ${parentKey}`.trim();
      const url = str(parent?.url) || str(attachment?.url) || undefined;
      doc = { title, authors: creatorsOf(parent), url, highlights: [], notes: [] };
      documents.set(parentKey, doc);
    }
    const kind = str(item.annotationType);
    const words = str(item.annotationText).trim();
    const comment = str(item.annotationComment).trim();
    const created = toIsoDate(item.dateAdded);
    const page = str(item.annotationPageLabel);
    const tags = Array.isArray(item.tags)
      ? item.tags.map((t) => (isObject(t) ? str(t.tag) : str(t))).filter(Boolean)
      : [];
    if ((kind === 'highlight' || kind === 'underline') && words) {
      doc.highlights.push({
        text: words,
        note: comment,
        tags,
        color: str(item.annotationColor) || undefined,
        created,
        modified: toIsoDate(item.dateModified) ?? created,
        location: page ? `page ${page}` : undefined,
        order: sortKey(str(item.annotationSortIndex)),
      });
    } else if (comment) {
      doc.notes.push({ text: comment, location: page ? `page ${page}` : undefined, created });
    } else skipped++;
  }
  const warnings = skipped
    ? [`${skipped} annotation${skipped === 1 ? '' : 's'} without words or comment (images, ink) skipped.`]
    : [];
  return { format: 'zotero', documents: [...documents.values()], warnings };
}
