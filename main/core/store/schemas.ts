/**
 * The shapes of the files in the data folder and the checks they pass on load:
 * a plain check written out for the usual case, their zod schemas
 * (file-schemas.ts, loaded on first need, not at start-up: zod alone cost as
 * much as the rest of the start-up) for the rest and for the message. Loose
 * objects: fields added by a later version are kept, not treated as damage.
 */
import type { Annotation, ArticleNote } from '../annotations/types';
export type { ArticleNote } from '../annotations/types';
import {
  EDITABLE_META,
  type Article,
  type ArticleMeta,
  type ArticleSummary,
  type MetaEdits,
} from '../document/types';

export const FORMATS = ['text', 'html', 'markdown', 'epub', 'pdf'] as const;

type FileSchemas = typeof import('./file-schemas');
let fileSchemas: Promise<FileSchemas> | undefined;

/** The files' zod schemas, loaded once, by the first file that needs more than a plain check. */
export function loadFileSchemas(): Promise<FileSchemas> {
  return (fileSchemas ??= import('./file-schemas'));
}

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

export interface LibraryFile {
  version: 1;
  articles: ArticleIndexEntry[];
}
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

/** The same check as ArticleIndexEntrySchema (file-schemas.ts), written out: 10,000 entries at start-up cost ~1 ms instead of ~100. */
export function isIndexEntry(e: unknown): boolean {
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
export async function parseLibraryFile(raw: unknown): Promise<LibraryFile> {
  const r = raw as Partial<LibraryFile> | null;
  if (
    r &&
    typeof r === 'object' &&
    r.version === 1 &&
    Array.isArray(r.articles) &&
    r.articles.every(isIndexEntry)
  )
    return r as LibraryFile;
  return (await loadFileSchemas()).LibraryFileSchema.parse(raw) as unknown as LibraryFile;
}

export interface NotesFile {
  version: 1;
  annotations: Annotation[];
  articleNote?: ArticleNote;
}
const isObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/** A notes file's content, checked; throws (through zod, for its message) when it is not one. */
export async function parseNotesFile(raw: unknown): Promise<NotesFile> {
  const { isStoredAnnotation, NotesFileSchema } = await loadFileSchemas();
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
