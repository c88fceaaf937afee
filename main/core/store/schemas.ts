/**
 * The shapes of the files in the data folder, with the runtime schemas they are
 * checked against on load. Loose objects: fields added by a later version are
 * kept, not treated as damage.
 */
import { z } from 'zod';
import type { Annotation, ArticleNote } from '../annotations/types';
import { isStoredAnnotation, storedAnnotationSchema } from '../annotations/schema';
export type { ArticleNote } from '../annotations/types';
import {
  EDITABLE_META,
  type Article,
  type ArticleMeta,
  type ArticleSummary,
  type MetaEdits,
} from '../document/types';

const FORMATS = ['text', 'html', 'markdown', 'epub', 'pdf'] as const;

/** One row of library.json: the summary fields plus where the content lives. */
export interface ArticleIndexEntry extends Omit<ArticleSummary, 'annotationCount' | 'edited'> {
  fileName?: string;
  url?: string;
  /** The user's corrections; title, byline, published, source and url above already show them. */
  edited?: MetaEdits;
  /** Content file, relative to the data folder: `articles/<id>.json`. */
  contentFile: string;
  /** sha256 (hex) of the content file's bytes: damage is caught even when it still parses. */
  contentHash: string;
  /** The source ids of its other versions (versions/): importing one of those sources again adds nothing. */
  versionSources?: string[];
}

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

export interface LibraryFile {
  version: 1;
  articles: ArticleIndexEntry[];
}
export const LibraryFileSchema = z.looseObject({
  version: z.literal(1),
  articles: z.array(ArticleIndexEntrySchema),
});

const optionalString = (x: unknown): boolean => x === undefined || typeof x === 'string';
const isEdits = (x: unknown): boolean =>
  x === undefined ||
  (typeof x === 'object' &&
    x !== null &&
    !Array.isArray(x) &&
    Object.entries(x).every(
      ([k, v]) => (EDITABLE_META as readonly string[]).includes(k) && typeof v === 'string',
    ));
const FORMAT_SET = new Set<unknown>(FORMATS);

/** The same check as ArticleIndexEntrySchema, written out: 10,000 entries at start-up cost ~1 ms instead of ~100. */
function isIndexEntry(e: unknown): boolean {
  if (typeof e !== 'object' || e === null || Array.isArray(e)) return false;
  const r = e as Record<string, unknown>;
  return (
    typeof r.id === 'string' &&
    typeof r.title === 'string' &&
    typeof r.importedAt === 'string' &&
    FORMAT_SET.has(r.format) &&
    typeof r.wordCount === 'number' &&
    typeof r.contentFile === 'string' &&
    typeof r.contentHash === 'string' &&
    optionalString(r.source) &&
    optionalString(r.place) &&
    optionalString(r.published) &&
    optionalString(r.fileName) &&
    optionalString(r.url) &&
    optionalString(r.byline) &&
    isEdits(r.edited)
  );
}

/** library.json's content, checked; throws (through zod, for its message) when it is not one. */
export function parseLibraryFile(raw: unknown): LibraryFile {
  const r = raw as Partial<LibraryFile> | null;
  if (
    r &&
    typeof r === 'object' &&
    r.version === 1 &&
    Array.isArray(r.articles) &&
    r.articles.every(isIndexEntry)
  )
    return r as LibraryFile;
  return LibraryFileSchema.parse(raw) as unknown as LibraryFile;
}

export interface NotesFile {
  version: 1;
  annotations: Annotation[];
  articleNote?: ArticleNote;
}
export const NotesFileSchema = z.looseObject({
  version: z.literal(1),
  annotations: z.array(storedAnnotationSchema),
  articleNote: z.object({ text: z.string(), modified: z.string() }).optional(),
});

const isObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/** A notes file's content, checked; throws (through zod, for its message) when it is not one. */
export function parseNotesFile(raw: unknown): NotesFile {
  const r = raw as Partial<NotesFile> | null;
  const note = isObject(r) ? r.articleNote : undefined;
  const noteOk =
    note === undefined ||
    (isObject(note) && typeof note.text === 'string' && typeof note.modified === 'string');
  if (
    isObject(r) &&
    r.version === 1 &&
    Array.isArray(r.annotations) &&
    r.annotations.every(isStoredAnnotation) &&
    noteOk
  )
    return r as NotesFile;
  return NotesFileSchema.parse(raw) as unknown as NotesFile;
}

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

export function indexEntryFor(article: Article, contentFile: string, contentHash: string): ArticleIndexEntry {
  const { meta } = article;
  const entry: ArticleIndexEntry = {
    id: article.id,
    title: meta.title,
    importedAt: meta.importedAt,
    format: meta.format,
    wordCount: meta.wordCount,
    contentFile,
    contentHash,
  };
  // Only present fields: undefined keys would be dropped by JSON anyway.
  if (meta.source !== undefined) entry.source = meta.source;
  if (meta.place !== undefined) entry.place = meta.place;
  if (meta.published !== undefined) entry.published = meta.published;
  if (meta.fileName !== undefined) entry.fileName = meta.fileName;
  if (meta.url !== undefined) entry.url = meta.url;
  if (meta.byline !== undefined) entry.byline = meta.byline;
  const sources = (article.versions ?? []).map((v) => v.sourceId).filter((s) => s !== article.id);
  if (sources.length) entry.versionSources = [...new Set(sources)];
  return entry;
}

/**
 * The entry with the user's corrections laid over the imported values (the
 * index shows what the library list and citations use).
 */
export function withEdits(entry: ArticleIndexEntry, edits: MetaEdits | undefined): ArticleIndexEntry {
  const out: ArticleIndexEntry = { ...entry };
  delete out.edited;
  if (!edits || Object.keys(edits).length === 0) return out;
  for (const key of EDITABLE_META) {
    const value = edits[key];
    if (value === '' && key !== 'title')
      delete out[key]; // corrected to none (an author that was a URL)
    else if (value !== undefined) out[key] = value;
  }
  out.edited = { ...edits };
  return out;
}

/** The article's metadata as imported, with the corrections laid over it (the same rule as withEdits). */
export function metaWithEdits(
  meta: ArticleMeta,
  edits: MetaEdits | undefined,
): { meta: ArticleMeta; extracted?: Article['extracted'] } {
  if (!edits || Object.keys(edits).length === 0) return { meta };
  const out: ArticleMeta = { ...meta };
  const extracted: NonNullable<Article['extracted']> = {};
  for (const key of EDITABLE_META) {
    const value = edits[key];
    if (value === undefined) continue;
    extracted[key] = meta[key] ?? null;
    if (value === '' && key !== 'title') delete out[key];
    else out[key] = value;
  }
  return { meta: out, extracted };
}

/** Newest import first; ties by id so the order is stable. */
export function byNewestImport(a: ArticleIndexEntry, b: ArticleIndexEntry): number {
  if (a.importedAt !== b.importedAt) return a.importedAt < b.importedAt ? 1 : -1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
