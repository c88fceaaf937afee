/**
 * The zod schemas of the files in the data folder (their shapes and plain
 * checks: schemas.ts). Loaded on first need through loadFileSchemas(), never
 * at start-up. Loose objects: fields added by a later version are kept.
 */
import { z } from 'zod';
import { storedAnnotationSchema } from '../annotations/schema';
import { FORMATS } from './schemas';
export { isStoredAnnotation, storedAnnotationSchema } from '../annotations/schema';

export const ArticleIndexEntrySchema = z.looseObject({
  id: z.string(),
  title: z.string(),
  source: z.string().optional(),
  place: z.string().optional(),
  published: z.string().optional(),
  importedAt: z.string(),
  format: z.enum(FORMATS),
  wordCount: z.number(),
  fileName: z.string().optional(),
  url: z.string().optional(),
  contentFile: z.string(),
  contentHash: z.string(),
});

export const LibraryFileSchema = z.looseObject({
  version: z.literal(1),
  articles: z.array(ArticleIndexEntrySchema),
});

export const NotesFileSchema = z.looseObject({
  version: z.literal(1),
  annotations: z.array(storedAnnotationSchema),
  articleNote: z.object({ text: z.string(), modified: z.string() }).optional(),
});

/** Enough of an Article to render it; the content hash guards the rest. */
export const ArticleContentSchema = z.looseObject({
  id: z.string(),
  meta: z.looseObject({
    title: z.string(),
    importedAt: z.string(),
    format: z.enum(FORMATS),
    wordCount: z.number(),
  }),
  blocks: z.array(
    z.looseObject({ id: z.string(), kind: z.string(), text: z.string(), start: z.number(), end: z.number() }),
  ),
  text: z.string(),
  assets: z.record(z.string(), z.looseObject({ mime: z.string(), bytes: z.number() })).optional(),
});
