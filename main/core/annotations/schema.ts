/**
 * The annotation, described once. The type (annotations/types.ts), the check
 * of an annotation sent to be put back (the contract's restore requests), the
 * check of an annotation read from a notes file (the store) and the store's
 * quick check are all derived from this one description; a new field is
 * added here and nowhere else.
 */
import { z } from 'zod';
import { quickCheck } from '../util/quick-check';
import { COLORS } from './colors';
import { ID_MAX, NOTE_MAX, TAG_MAX, TAGS_MAX } from './limits';

export { ID_MAX, NOTE_MAX, TAG_MAX, TAGS_MAX } from './limits';

const id = z.string().min(1).max(ID_MAX);

/** Built twice: strict for requests (unknown fields dropped), loose for files (fields a later version wrote are kept). */
function describeAnnotation(loose: boolean) {
  // Typed as the strict object either way: the loose one's extra fields are kept, not described.
  const object = <T extends z.ZodRawShape>(shape: T) =>
    (loose ? z.object(shape).loose() : z.object(shape)) as unknown as z.ZodObject<T>;
  const previousPlace = object({
    exact: z.string(),
    prefix: z.string(),
    suffix: z.string(),
    start: z.number().int().nonnegative(),
    end: z.number().int().nonnegative(),
  });
  return object({
    id,
    articleId: id,
    /** W3C Web Annotation target: the quote survives edits, the position is fast and exact (UTF-16 offsets). */
    target: object({
      /** Article id. */
      source: id,
      quote: object({
        type: z.literal('TextQuoteSelector'),
        exact: z.string().min(1),
        prefix: z.string(),
        suffix: z.string(),
      }),
      position: object({
        type: z.literal('TextPositionSelector'),
        start: z.number().int().nonnegative(),
        end: z.number().int().positive(),
      }),
    }),
    color: z.enum(COLORS),
    /** As first written; compared through tagKey. */
    tags: z.array(z.string().max(TAG_MAX)).max(TAGS_MAX),
    note: z.string().max(NOTE_MAX),
    /** ISO 8601 date-times. */
    created: z.string(),
    modified: z.string(),
    /** Set when the quote could no longer be found in the article's text; kept, never dropped. */
    orphan: z.boolean().optional(),
    /** sha256 (hex) of the canonical text of the article version it was made or last confirmed on. */
    versionHash: z.string().optional(),
    /** How a new version of its article moved it (versions/reanchor.ts); 'changed' and 'not-found' wait in review. */
    versionChange: object({
      band: z.enum(['moved', 'changed', 'not-found']),
      /** The version it was on before, and its words and place there. */
      fromVersion: z.string(),
      previous: previousPlace,
    }).optional(),
  });
}

/** An annotation in a request (restore after undo): unknown fields are dropped. */
export const annotationSchema = describeAnnotation(false);
/** An annotation in a notes file: fields written by a later version of Gloss are kept. */
export const storedAnnotationSchema = describeAnnotation(true);
/** The stored shape's kinds checked without zod's per-call cost (notes files are read by the ten thousand). */
export const isStoredAnnotation = quickCheck(storedAnnotationSchema);

export type AnnotationShape = z.output<typeof annotationSchema>;
