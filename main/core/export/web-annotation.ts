/**
 * Annotations as W3C Web Annotations (https://www.w3.org/TR/annotation-model/),
 * one AnnotationCollection whose single page holds every item, so any tool
 * that reads the model (Hypothesis-style clients, Recogito, a JSON-LD processor)
 * can take them.
 *
 * Departures from Gloss's own storage the model requires or suggests:
 * - TextPositionSelector counts Unicode code points, not UTF-16 units.
 * - The target source is the article's URL when it has one, else
 *   "urn:gloss:article:<id>".
 * - Colour has no place in the model: it travels as "gloss:color" (the
 *   context maps the "gloss" prefix to urn:gloss:vocab#, so it is a real IRI
 *   to JSON-LD), and orphans carry "gloss:orphan": true and no position.
 * - A passage of a PDF carries "gloss:location": "p. 7", the page it starts
 *   on, as its citation says (the model has no page of a text position).
 */
import type { Annotation } from '../annotations/types';
import { normalizeTags } from '../annotations/tags';
import { codePointCounter } from '../anchoring/codepoints';
import { memoizedTagNormalizer } from './tag-memo';
import type { Article } from '../document/types';
import { pageAt } from '../document/pages';
import { blockAt } from '../document/build';
import { inReadingOrder } from './reading-order';
import type { ExportEntry } from './types';

const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
/** The model allows extra contexts after its own; this one gives "gloss:" terms an IRI. */
const GLOSS_CONTEXT = { gloss: 'urn:gloss:vocab#' };

export interface WebAnnotationOptions {
  /** Prefix for ids, e.g. "https://example.org/notes/"; ids default to urn:gloss:annotation:<id>. */
  baseId?: string;
}

export interface WebTextualBody {
  type: 'TextualBody';
  value: string;
  purpose: 'commenting' | 'tagging';
  format?: 'text/plain';
}

export interface WebAnnotation {
  '@context': [typeof ANNO_CONTEXT, typeof GLOSS_CONTEXT];
  id: string;
  type: 'Annotation';
  motivation: 'highlighting' | 'commenting';
  created: string;
  modified: string;
  body?: WebTextualBody[];
  target: {
    source: string;
    selector: Array<
      | { type: 'TextQuoteSelector'; exact: string; prefix?: string; suffix?: string }
      | { type: 'TextPositionSelector'; start: number; end: number }
    >;
  };
  'gloss:color': string;
  'gloss:orphan'?: true;
  /** PDF articles: "p. 7". */
  'gloss:location'?: string;
}

export interface WebAnnotationCollection {
  '@context': typeof ANNO_CONTEXT;
  id?: string;
  type: 'AnnotationCollection';
  label: string;
  total: number;
  first: { type: 'AnnotationPage'; startIndex: 0; items: WebAnnotation[] };
}

/** Already what toISOString() writes: most stamps, since Gloss writes them so. */
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** xsd:dateTime in UTC ("…Z"), as the model asks; an unreadable stamp is passed through rather than invented. */
function dateTime(stamp: string): string {
  if (ISO_UTC.test(stamp)) return stamp;
  const ms = Date.parse(stamp);
  return Number.isNaN(ms) ? stamp : new Date(ms).toISOString();
}

function annotationId(id: string, baseId?: string): string {
  return baseId ? `${baseId}${encodeURIComponent(id)}` : `urn:gloss:annotation:${id}`;
}

export function articleSource(article: Pick<Article, 'id' | 'meta'>): string {
  return article.meta.url || `urn:gloss:article:${article.id}`;
}

/** What converting many annotations of one article can share; made by articleHelpers. */
export interface Helpers {
  tidyTags: (tags: readonly string[]) => string[];
  codePoints: (offset: number) => number;
}

export function toWebAnnotation(
  article: Article,
  a: Annotation,
  opts: WebAnnotationOptions = {},
  helpers: Helpers = { tidyTags: normalizeTags, codePoints: codePointCounter(article.text) },
): WebAnnotation {
  const { tidyTags, codePoints } = helpers;
  const body: WebTextualBody[] = [];
  const note = a.note.trim();
  if (note) body.push({ type: 'TextualBody', value: a.note, format: 'text/plain', purpose: 'commenting' });
  for (const tag of tidyTags(a.tags)) body.push({ type: 'TextualBody', value: tag, purpose: 'tagging' });

  const { exact, prefix, suffix } = a.target.quote;
  const selector: WebAnnotation['target']['selector'] = [
    { type: 'TextQuoteSelector', exact, ...(prefix ? { prefix } : {}), ...(suffix ? { suffix } : {}) },
  ];
  const { start, end } = a.target.position;
  // An orphan's stored position points at text that is no longer there.
  const inText = !a.orphan && start >= 0 && end <= article.text.length && start < end;
  if (inText) {
    selector.push({ type: 'TextPositionSelector', start: codePoints(start), end: codePoints(end) });
  }
  const block = inText ? blockAt(article, start) : undefined;
  const page = block ? pageAt(block, start) : undefined;

  return {
    '@context': [ANNO_CONTEXT, GLOSS_CONTEXT],
    id: annotationId(a.id, opts.baseId),
    type: 'Annotation',
    motivation: note ? 'commenting' : 'highlighting',
    created: dateTime(a.created),
    modified: dateTime(a.modified),
    ...(body.length > 0 ? { body } : {}),
    target: { source: articleSource(article), selector },
    'gloss:color': a.color,
    ...(a.orphan ? { 'gloss:orphan': true as const } : {}),
    ...(page !== undefined ? { 'gloss:location': `p. ${page}` } : {}),
  };
}

export function toWebAnnotations(
  entries: readonly ExportEntry[],
  opts: WebAnnotationOptions = {},
): WebAnnotationCollection {
  const tidyTags = memoizedTagNormalizer();
  const items = entries.flatMap(({ article, annotations }) => {
    const helpers = { tidyTags, codePoints: codePointCounter(article.text) };
    return inReadingOrder(annotations).map((a) => toWebAnnotation(article, a, opts, helpers));
  });
  return {
    '@context': ANNO_CONTEXT,
    ...(opts.baseId ? { id: opts.baseId } : {}),
    type: 'AnnotationCollection',
    label: 'Annotations exported from Gloss',
    total: items.length,
    first: { type: 'AnnotationPage', startIndex: 0, items },
  };
}

/**
 * The collection as JSON text: the frame indented, each annotation compact on
 * its own line. Half the size of indenting everything, and several times
 * faster to write for a whole library, while a diff still shows one line per
 * annotation.
 */
export function toWebAnnotationsJson(
  entries: readonly ExportEntry[],
  opts: WebAnnotationOptions = {},
): string {
  const tidyTags = memoizedTagNormalizer();
  const lines: string[] = [];
  for (const { article, annotations } of entries) {
    if (annotations.length === 0) continue;
    const helpers = { tidyTags, codePoints: codePointCounter(article.text) };
    for (const a of inReadingOrder(annotations))
      lines.push(JSON.stringify(toWebAnnotation(article, a, opts, helpers)));
  }
  const frame = [
    `  "@context": ${JSON.stringify(ANNO_CONTEXT)},`,
    ...(opts.baseId ? [`  "id": ${JSON.stringify(opts.baseId)},`] : []),
    '  "type": "AnnotationCollection",',
    '  "label": "Annotations exported from Gloss",',
    `  "total": ${lines.length},`,
    '  "first": {',
    '    "type": "AnnotationPage",',
    '    "startIndex": 0,',
  ];
  const items =
    lines.length === 0 ? '    "items": []' : `    "items": [\n      ${lines.join(',\n      ')}\n    ]`;
  return `{\n${frame.join('\n')}\n${items}\n  }\n}\n`;
}
