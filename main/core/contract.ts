/**
 * The contract: every request the renderer can make of main, with the runtime
 * schema main validates it against and the type of the answer. The preload
 * builds `window.gloss` from CHANNELS; main/app/ipc.ts registers one handler
 * per channel; the renderer imports only the types.
 */
import { z } from 'zod';
import type { Article, ArticleSummary } from './document/types';
import {
  COLORS,
  type Annotation,
  type ArticleNote,
  type ArticleNoteChange,
  type Draft,
  type TagCount,
} from './annotations/types';
import type { Result } from './errors';
import type { Channel } from './channels';
import type { Settings } from './settings-fields';
import type { SearchResult } from './search/types';
import { EXPORT_FORMATS, type ExportFormat } from './export/formats';
import { SettingsSchema } from './settings-schema';
import { annotationSchema, ID_MAX, NOTE_MAX, TAG_MAX } from './annotations/schema';
import type { TextChange, VersionAdded, VersionRejoined, VersionSeparated } from './versions/types';
import { DESCRIPTION_MAX, type TagCode, type TagCodeChange } from './annotations/codebook';
export type { TagCode, TagCodeChange } from './annotations/codebook';
export { DESCRIPTION_MAX } from './annotations/codebook';

export type { Article, ArticleSummary, Block, BlockKind, EditableMeta } from './document/types';
export type { Annotation, ArticleNote, ArticleNoteChange, Color, Draft, TagCount } from './annotations/types';
export type { Result, SerializedError, GlossErrorCode } from './errors';
export type { HitField, HitKind, SearchGroup, SearchHit, SearchResult, Snippet } from './search/types';
export type { ChangeOp, TextChange, VersionAdded, VersionRejoined, VersionSeparated } from './versions/types';
export { COLORS } from './annotations/types';

const id = z.string().min(1).max(ID_MAX);
/** Main's token for files the user chose; the renderer never names a path itself. */
const grant = z.string().min(1).max(100);
const tag = z.string().max(TAG_MAX);
const color = z.enum(COLORS);
const note = z.string().max(NOTE_MAX);
/** A tag's colour is a palette name (annotations/codebook.ts says why not any hex). */
const tagColor = z.enum(COLORS, { error: `A tag's colour is one of ${COLORS.join(', ')}.` });
const tagCode: z.ZodType<TagCode> = z.object({
  tag: tag.min(1),
  color: tagColor.optional(),
  description: z.string().max(DESCRIPTION_MAX).optional(),
});

export { THEMES, type Theme } from './reader-settings';
export { EXPORT_FORMATS, type ExportFormat } from './export/formats';
/** What the open dialog is choosing: articles to import, highlights from another tool, or a Markdown file to sync. */
export const IMPORT_KINDS = ['articles', 'highlights', 'markdown'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/**
 * Every setting is described once, as plain data, in settings-fields.ts: the store checks
 * settings.json field by field against it, SettingsSchema (built from it) validates each
 * updateSettings patch, and the Preferences dialog (renderer/src/preferences/) shows the
 * ones a user sets by hand.
 */
export { SettingsSchema } from './settings-schema';
export type { Settings } from './settings-fields';
export { DEFAULT_SETTINGS } from './reader-settings';

export interface ImportFailure {
  source: string;
  code: string;
  message: string;
}
export interface ImportReport {
  imported: ArticleSummary[];
  /** Already in the library (same content): not added twice. */
  existing: ArticleSummary[];
  failed: ImportFailure[];
  /** Imported, but with something the user should know (e.g. pictures that could not be downloaded). */
  warnings?: Array<{ source: string; message: string }>;
  /** New versions of articles already in the library, added to them (main/core/service/versions.ts). */
  versions?: VersionAdded[];
  /** Imported as new articles that may be new versions of others: the user is asked (addAsVersion). */
  possibleVersions?: Array<{
    articleId: string;
    title: string;
    of: string;
    ofTitle: string;
    resemblance: number;
  }>;
}

/** Where placeImport put an import: already there, added as a version, or to be asked about. */
export type PlacedImport =
  | { kind: 'existing'; articleId: string }
  | { kind: 'version'; added: VersionAdded }
  | { kind: 'ask'; of: string; resemblance: number };

export interface VersionSummary {
  hash: string;
  importedAt: string;
  title: string;
  wordCount: number;
  current: boolean;
  /** Annotations made or last confirmed on this version. */
  annotations: number;
  /** It can be made an article of its own (separateVersion): any version but the first. */
  separable: boolean;
}
export interface ArticleVersions {
  articleId: string;
  title: string;
  /** The current version's hash. */
  current: string;
  /** Oldest first. */
  versions: VersionSummary[];
  /** Annotations waiting for review. */
  inReview: number;
}
export interface VersionComparison {
  from: string;
  to: string;
  changes: TextChange[];
  /** Words inserted and deleted. */
  inserted: number;
  deleted: number;
}
/** One annotation waiting for review after a new version. */
export interface ReviewItem {
  annotation: Annotation;
  band: 'changed' | 'not-found';
  fromVersion: string;
  /** Its words on the old version. */
  previous: string;
  /** Its words on the current version (null: not found there). */
  current: string | null;
  /** previous → current, word by word. */
  changes: TextChange[];
}
export interface ReviewAnswer {
  before: Annotation;
  after: Annotation;
}
export interface ExportReport {
  path: string;
  format: ExportFormat;
  annotations: number;
  articles: number;
  bytes: number;
  /** Exported, but with something the user should know (an article whose saved copy is damaged). */
  warnings?: string[];
}
/** One passage as it is pasted elsewhere: the quote, `— Author, "Title", Source, Date, ¶N`, and a link to the words on the page. */
export interface Citation {
  text: string;
  md: string;
  html: string;
  /** A text-fragment link (url#:~:text=…), when the article has an http(s) address. */
  link?: string;
}
/** Each passage cited (in the order asked), and all of them as one clipboard entry. */
export interface Citations extends Citation {
  citations: Array<Citation & { articleId: string; id: string }>;
}
export interface StoreStatus {
  dataDir: string;
  warnings: string[];
}

const none = z.undefined();
/** A version of an article: the sha256 (hex) of its text. */
const versionHash = z.string().regex(/^[0-9a-f]{64}$/, 'A version is named by its 64-character hash');

/** What a change to many annotations at once did: each changed one before and after (for undo and the UI). */
export interface BatchReport {
  articles: number;
  before: Annotation[];
  after: Annotation[];
  /** Tags whose colour or description changed with it (undo puts each `before` back). */
  codebook?: TagCodeChange[];
  /** Article notes it set (a Markdown sync), in the same writes as their passages (undo puts each `before` back). */
  articleNotes?: ArticleNoteChange[];
  /** Articles it added (Import Highlights' articles for passages found nowhere): its undo removes them. */
  articlesAdded?: string[];
}
/** What became of one document's highlights brought in from another tool. */
export interface HighlightImportDocument {
  /** As the other tool named it. */
  title: string;
  authors: string[];
  /** The article that holds its passages now. */
  articleId: string;
  articleTitle: string;
  /** How the article was found in the library; absent when a new article was made to hold them. */
  matchedBy?: 'url' | 'title-author' | 'title';
  /** Found in the article's text. */
  anchored: number;
  /** Placed, but not surely: each listed, with why. */
  lowConfidence: Array<{ quote: string; location?: string; why: string; annotationId: string }>;
  /** Not found in a library article: kept in an article of their own (keptIn), in the order of the source. */
  unanchored: number;
  keptIn?: { articleId: string; title: string };
  /** Brought in by an earlier import of the same highlights: not added twice. */
  alreadyImported: number;
  /** Notes without a passage, added to the article's note. */
  notes: number;
}
export interface HighlightImportFile {
  source: string;
  /** "Kindle clippings", "Readwise CSV", … */
  format: string;
  documents: HighlightImportDocument[];
  warnings: string[];
}
export interface HighlightImportReport {
  files: HighlightImportFile[];
  failed: ImportFailure[];
  /** What the files wrote, as one change: undo takes out the passages added, puts back those merged into and the article notes, removes the articles added. */
  batch?: BatchReport;
  /** Shell only: a new grant for the same files, to import them again (redo). */
  grant?: string;
}

/** One change a Markdown file asks for, found by `syncMarkdown`. */
export interface MarkdownSyncChange {
  annotationId: string;
  articleId: string;
  articleTitle: string;
  /** The passage's words (its first 120 characters). */
  quote: string;
  note?: { from: string; to: string };
  tags?: { added: string[]; removed: string[] };
  deleted?: boolean;
  /** Written to the library (false on a dry run, and for a deletion held back). */
  applied: boolean;
}
export interface MarkdownSyncReport {
  source: string;
  dryRun: boolean;
  /** Passages of the file found in the library. */
  passages: number;
  changes: MarkdownSyncChange[];
  /** Article notes edited in the file (the paragraphs under the article's heading, before its first passage). */
  articleNotes: Array<{
    articleId: string;
    articleTitle: string;
    from: string;
    to: string;
    applied: boolean;
  }>;
  /** Passages deleted in the file but kept: deleting needs --delete (CLI) or the user's yes (app). */
  deletionsHeldBack: number;
  /** Block ids not understood, not in the library, or whose quote was edited: each a sentence. */
  problems: Array<{ blockId: string; line: number; kind: string; message: string }>;
  /** What was written, as one batch (undo puts `before` back). */
  batch?: BatchReport;
  /** Shell only: a new grant for the same file, to apply what a dry run listed (or sync again, for redo). */
  grant?: string;
}

/** Articles removed together: how many, with how many highlights, and the token restoreArticles takes to undo it. */
export interface ArticlesRemoved {
  articles: number;
  annotations: number;
  token: string;
}

/** One window of the notebook's passages for a filter, with how many pass it and how many there are. */
export interface PassagePage {
  /** Passages passing the filter. */
  total: number;
  /** Passages in the library. */
  all: number;
  offset: number;
  passages: Annotation[];
  /** The articles of these passages (once each). */
  articles: ArticleSummary[];
  /** Every passage passing the filter, in order (when asked for: select all, a Shift-click range). */
  ids?: string[];
  /** Every article holding a passage that passes the filter, in the list's order (when asked for). */
  holding?: string[];
  /** Articles and sources that have passages (when asked for: the filter menus). */
  choices?: { articles: Array<{ id: string; title: string }>; sources: string[] };
}

/** The notebook's filter (see main/core/notebook/passage-filter.ts): every field optional, empty = no filter. */
const passageFilter = z.object({
  tags: z.array(tag.min(1)).max(100).default([]),
  match: z.enum(['all', 'any']).default('any'),
  colors: z.array(color).max(COLORS.length).default([]),
  articleId: z.union([id, z.literal('')]).default(''),
  articleIds: z.array(id).max(10_000).default([]),
  source: z.string().max(1000).default(''),
  from: z.union([z.string().regex(/^\d{4}-\d{2}-\d{2}$/), z.literal('')]).default(''),
  to: z.union([z.string().regex(/^\d{4}-\d{2}-\d{2}$/), z.literal('')]).default(''),
  text: z.string().max(1000).default(''),
  tagChildren: z.boolean().default(true),
  sort: z.enum(['article', 'created', 'modified']).default('article'),
});

/** Channel name → request schema. The answer types are in GlossCoreApi below. */
export const CHANNELS = {
  listArticles: none,
  getArticle: z.object({ id }),
  /** Files the user chose in the shell's dialog (or dropped): named by the grant main gave for them. */
  importFiles: z.object({ grant }),
  importText: z.object({
    text: z.string().max(50_000_000),
    html: z.string().max(50_000_000).optional(),
    title: z.string().max(1000).optional(),
    /** A new article even when it is a new version of one in the library. */
    newArticle: z.boolean().optional(),
  }),
  importUrl: z.object({
    url: z.string().url().max(8192),
    /** A new article even when it is a new version of one in the library. */
    newArticle: z.boolean().optional(),
  }),
  /** Highlights exported from Kindle, Readwise, Hypothesis, KOReader, Calibre or Zotero, in files the user chose. */
  importHighlights: z.object({ grant }),
  /** Notes and tags edited in a Markdown file Gloss exported, applied back (dryRun: only listed). */
  syncMarkdown: z.object({ grant, dryRun: z.boolean().default(false), delete: z.boolean().default(false) }),
  removeArticle: z.object({ id }),
  /** Several articles at once (the library's selection); answered with a token that undoes it this session. */
  removeArticles: z.object({ ids: z.array(id).min(1).max(100_000) }),
  /** Undo of removeArticles: its token. */
  restoreArticles: z.object({ token: z.string().min(1).max(100) }),
  /** Correct an article's citation fields: a value replaces, '' clears, null goes back to what the import found. */
  updateArticleMeta: z.object({
    id,
    title: z.string().trim().min(1, 'A title cannot be empty').max(1000).nullable().optional(),
    byline: z.string().trim().max(1000).nullable().optional(),
    published: z
      .string()
      .trim()
      .regex(
        /^(\d{4}(-\d\d(-\d\d([T ][\d:.]+(Z|[+-]\d\d:?\d\d)?)?)?)?)?$/,
        'Write the date as YYYY-MM-DD (or YYYY-MM, or YYYY)',
      )
      .nullable()
      .optional(),
    source: z.string().trim().max(500).nullable().optional(),
    url: z
      .union([
        z.literal(''),
        z.url({ protocol: /^https?$/, error: 'A web address starts with http:// or https://' }).max(8192),
      ])
      .nullable()
      .optional(),
  }),
  listAnnotations: z.object({ articleId: id }),
  /** The note on the whole article (not on a passage). */
  getArticleNote: z.object({ articleId: id }),
  /** '' removes it. */
  setArticleNote: z.object({ articleId: id, text: note }),
  createAnnotation: z.object({
    articleId: id,
    start: z.number().int().nonnegative(),
    end: z.number().int().positive(),
    color,
    tags: z.array(tag).max(100).default([]),
    note: note.default(''),
  }),
  updateAnnotation: z.object({
    articleId: id,
    id,
    color: color.optional(),
    tags: z.array(tag).max(100).optional(),
    note: note.optional(),
  }),
  deleteAnnotation: z.object({ articleId: id, id }),
  /** Puts back an annotation exactly as it was (undo of delete or update). */
  restoreAnnotation: z.object({ annotation: annotationSchema }),
  /**
   * Puts many annotations (and tags' colours and descriptions, and article notes) back at once (undo of
   * a tag change or a Markdown sync): one journaled operation, each note in its article's passages' write.
   */
  restoreAnnotations: z
    .object({
      annotations: z.array(annotationSchema).max(1_000_000),
      codebook: z
        .array(z.object({ tag: tag.min(1), code: tagCode.nullable() }))
        .max(100_000)
        .optional(),
      articleNotes: z
        .array(
          z.object({
            articleId: id,
            note: z.object({ text: note, modified: z.string().min(1).max(64) }).nullable(),
          }),
        )
        .max(100_000)
        .optional(),
      /** Annotations the change added, taken out in the same operation (undo of Import Highlights). */
      remove: z
        .array(z.object({ articleId: id, id }))
        .max(1_000_000)
        .optional(),
    })
    .refine(
      (r) =>
        r.annotations.length > 0 || !!r.codebook?.length || !!r.articleNotes?.length || !!r.remove?.length,
      'Nothing to put back.',
    ),
  listTags: none,
  /** Rename (several names: merge) or delete tags across the library. */
  changeTags: z.object({
    change: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('rename'), from: z.array(tag.min(1)).min(1).max(1000), to: tag.min(1) }),
      z.object({ kind: z.literal('delete'), tags: z.array(tag.min(1)).min(1).max(1000) }),
    ]),
  }),
  /** A tag's colour and description in the codebook: a value replaces, null or '' clears, absent keeps. */
  describeTag: z.object({
    tag: tag.min(1),
    color: tagColor.nullable().optional(),
    description: z.string().trim().max(DESCRIPTION_MAX).nullable().optional(),
  }),
  /**
   * The notebook's passages passing a filter, one window at a time (`offset`, `limit`); `only` keeps
   * just the passages named (the selected ones, to tag or copy); `ids` and `choices` ask for more.
   */
  listPassages: z.object({
    filter: passageFilter.prefault({}),
    offset: z.number().int().nonnegative().default(0),
    limit: z.number().int().nonnegative().max(100_000).default(100),
    only: z.array(id).max(200_000).optional(),
    ids: z.boolean().default(false),
    /** The articles holding a passage that passes the filter (the library's tag filter). */
    holding: z.boolean().default(false),
    choices: z.boolean().default(false),
  }),
  /** The note or tag being typed into an annotation, saved as the user types (neither field: cleared). */
  saveDraft: z.object({ articleId: id, annotationId: id, note: note.optional(), tag: tag.optional() }),
  listDrafts: z.object({ articleId: id }),
  /** The renderer's answer to a flush-drafts event: every draft it held is saved. */
  draftsFlushed: z.object({ request: z.number().int().nonnegative() }),
  /** Written where the user chose in the shell's save dialog, named by its grant. */
  exportNotes: z.object({
    articleId: id.optional(),
    /** Only these articles (a selection in the library), in the library's order. */
    articleIds: z.array(id).min(1).max(100_000).optional(),
    /** Only these passages (a selection in the notebook). */
    annotationIds: z.array(id).min(1).max(1_000_000).optional(),
    format: z.enum(EXPORT_FORMATS),
    grant,
  }),
  /**
   * Passages with their citations, to copy: highlights (one without its article id is looked for
   * in every article), or a range of an article's text not highlighted yet.
   */
  citeAnnotations: z.object({
    annotations: z
      .array(
        z.union([
          z.object({ articleId: id.optional(), id }),
          z
            .object({ articleId: id, start: z.number().int().min(0), end: z.number().int().min(1) })
            .refine((r) => r.start < r.end, 'A range ends after it starts.'),
        ]),
      )
      .min(1)
      .max(100_000),
  }),
  /** Searches articles, passages and notes (the language: main/core/search/query.ts); hits grouped by article. */
  search: z.object({ query: z.string().max(2000), limit: z.number().int().min(1).max(1000).optional() }),
  getSettings: none,
  updateSettings: SettingsSchema.partial(),
  storeStatus: none,
  // Shell-only: answered by Electron dialogs in the app, by the harness in tests.
  /** The open dialog, filtered for what is being imported (articles when absent). */
  chooseImportFiles: z.object({ kind: z.enum(IMPORT_KINDS) }).optional(),
  chooseExportPath: z.object({ defaultName: z.string().max(255), format: z.enum(EXPORT_FORMATS) }),
  openExternal: z.object({ url: z.string().url().max(8192) }),
  /** An article's versions, oldest first (main/core/service/versions.ts). */
  listVersions: z.object({ articleId: id }),
  getArticleVersion: z.object({ articleId: id, version: versionHash }),
  /** Word by word, from one version to another. */
  compareVersions: z.object({ articleId: id, from: versionHash, to: versionHash }),
  /** Makes an article imported separately the newest version of another (the import asked). */
  addAsVersion: z.object({ articleId: id, of: id }),
  /** Makes a version an article of its own, with the highlights made on it (undone by rejoinVersion). */
  separateVersion: z.object({ articleId: id, version: versionHash }),
  /** Makes an article separateVersion made a version of `into` again, in its place by import time. */
  rejoinVersion: z.object({ articleId: id, into: id }),
  /** Annotations whose words changed or were not found on the newest version. */
  /** `limit`: the first so many only (the review dialog's first screen, the rest asked for after it is painted). */
  listReview: z.object({ articleId: id, limit: z.number().int().positive().max(100_000).optional() }),
  resolveReview: z.object({
    articleId: id,
    id,
    action: z.enum(['accept', 'keep-old', 'reselect']),
    /** reselect: the right words in the current text. */
    start: z.number().int().nonnegative().optional(),
    end: z.number().int().positive().optional(),
  }),
  acceptAllReview: z.object({ articleId: id }),
} as const satisfies Record<Channel, z.ZodType>;

export { CHANNEL_NAMES, DROP_GRANT_CHANNEL, EVENT_CHANNEL, invokeChannel, type Channel } from './channels';
export type Request<C extends Channel> = z.input<(typeof CHANNELS)[C]>;
export type ParsedRequest<C extends Channel> = z.output<(typeof CHANNELS)[C]>;

/**
 * The core works on paths (the CLI names them; the shell resolves a grant to
 * the paths the user chose). The renderer only ever holds grants.
 */
export const PATH_REQUESTS = {
  importFiles: z.object({
    paths: z.array(z.string().min(1).max(4096)).max(100_000),
    /** Store each as a new article, even when it is a new version of one in the library. */
    newArticle: z.boolean().optional(),
  }),
  exportNotes: CHANNELS.exportNotes.omit({ grant: true }).extend({ path: z.string().min(1).max(4096) }),
  importHighlights: z.object({ paths: z.array(z.string().min(1).max(4096)).max(10_000) }),
  syncMarkdown: CHANNELS.syncMarkdown.omit({ grant: true }).extend({ path: z.string().min(1).max(4096) }),
} as const;
export type ImportFilesRequest = z.input<typeof PATH_REQUESTS.importFiles>;
export type ExportNotesRequest = z.input<typeof PATH_REQUESTS.exportNotes>;
export type ImportHighlightsRequest = z.input<typeof PATH_REQUESTS.importHighlights>;
export type SyncMarkdownRequest = z.input<typeof PATH_REQUESTS.syncMarkdown>;
/** What a file dialog (or a drop) hands the renderer: a grant and the names to show. */
export interface ChosenFiles {
  grant: string;
  names: string[];
}

/** What the core service answers (plain Node: tests, CLI and app share it). */
export interface GlossCoreApi {
  listArticles(): Promise<ArticleSummary[]>;
  getArticle(req: Request<'getArticle'>): Promise<Article>;
  importFiles(req: ImportFilesRequest): Promise<ImportReport>;
  importText(req: Request<'importText'>): Promise<ImportReport>;
  importUrl(req: Request<'importUrl'>): Promise<ImportReport>;
  importHighlights(req: ImportHighlightsRequest): Promise<HighlightImportReport>;
  syncMarkdown(req: SyncMarkdownRequest): Promise<MarkdownSyncReport>;
  removeArticle(req: Request<'removeArticle'>): Promise<void>;
  removeArticles(req: Request<'removeArticles'>): Promise<ArticlesRemoved>;
  restoreArticles(req: Request<'restoreArticles'>): Promise<ArticleSummary[]>;
  updateArticleMeta(req: Request<'updateArticleMeta'>): Promise<ArticleSummary>;
  listAnnotations(req: Request<'listAnnotations'>): Promise<Annotation[]>;
  getArticleNote(req: Request<'getArticleNote'>): Promise<ArticleNote | null>;
  setArticleNote(req: Request<'setArticleNote'>): Promise<ArticleNote | null>;
  createAnnotation(req: Request<'createAnnotation'>): Promise<Annotation>;
  updateAnnotation(req: Request<'updateAnnotation'>): Promise<Annotation>;
  deleteAnnotation(req: Request<'deleteAnnotation'>): Promise<Annotation>;
  restoreAnnotation(req: Request<'restoreAnnotation'>): Promise<Annotation>;
  restoreAnnotations(req: Request<'restoreAnnotations'>): Promise<BatchReport>;
  listTags(): Promise<TagCount[]>;
  changeTags(req: Request<'changeTags'>): Promise<BatchReport>;
  describeTag(req: Request<'describeTag'>): Promise<BatchReport>;
  listPassages(req: Request<'listPassages'>): Promise<PassagePage>;
  saveDraft(req: Request<'saveDraft'>): Promise<void>;
  listDrafts(req: Request<'listDrafts'>): Promise<Draft[]>;
  exportNotes(req: ExportNotesRequest): Promise<ExportReport>;
  citeAnnotations(req: Request<'citeAnnotations'>): Promise<Citations>;
  search(req: Request<'search'>): Promise<SearchResult>;
  getSettings(): Promise<Settings>;
  updateSettings(req: Request<'updateSettings'>): Promise<Settings>;
  storeStatus(): Promise<StoreStatus>;
  listVersions(req: Request<'listVersions'>): Promise<ArticleVersions>;
  getArticleVersion(req: Request<'getArticleVersion'>): Promise<Article>;
  compareVersions(req: Request<'compareVersions'>): Promise<VersionComparison>;
  addAsVersion(req: Request<'addAsVersion'>): Promise<VersionAdded | null>;
  separateVersion(req: Request<'separateVersion'>): Promise<VersionSeparated>;
  rejoinVersion(req: Request<'rejoinVersion'>): Promise<VersionRejoined>;
  listReview(req: Request<'listReview'>): Promise<ReviewItem[]>;
  resolveReview(req: Request<'resolveReview'>): Promise<ReviewAnswer>;
  acceptAllReview(req: Request<'acceptAllReview'>): Promise<BatchReport>;
}

/** What only the desktop shell can answer. */
export interface GlossShellApi {
  /** null when the user cancelled. */
  chooseImportFiles(req?: Request<'chooseImportFiles'>): Promise<ChosenFiles | null>;
  chooseExportPath(req: Request<'chooseExportPath'>): Promise<ChosenFiles | null>;
  importFiles(req: Request<'importFiles'>): Promise<ImportReport>;
  importHighlights(req: Request<'importHighlights'>): Promise<HighlightImportReport>;
  syncMarkdown(req: Request<'syncMarkdown'>): Promise<MarkdownSyncReport>;
  exportNotes(req: Request<'exportNotes'>): Promise<ExportReport>;
  openExternal(req: Request<'openExternal'>): Promise<void>;
  draftsFlushed(req: Request<'draftsFlushed'>): Promise<void>;
}

/** Everything the renderer can ask: the core's requests, with files named by grants. */
export type GlossApi = Omit<GlossCoreApi, keyof GlossShellApi> & GlossShellApi;

/** Main → renderer notifications (menu commands, long-running work). */
export type MenuCommand =
  | 'import'
  | 'import-url'
  | 'import-highlights'
  | 'sync-markdown'
  | 'export'
  | 'undo'
  | 'redo'
  | 'find'
  | 'search'
  | 'zoom-in'
  | 'zoom-out'
  | 'zoom-reset'
  | 'theme-light'
  | 'theme-dark'
  | 'theme-sepia'
  | 'toggle-panel'
  | 'preferences'
  | 'help';
export type GlossEvent =
  | { type: 'command'; command: MenuCommand }
  /** A damaged file found and recovered while serving a request (those found at start-up are in storeStatus). */
  | { type: 'store-warning'; message: string }
  | { type: 'import-progress'; done: number; total: number; current?: string }
  /** The window is about to close or quit: save every draft, then answer draftsFlushed({ request }). */
  | { type: 'flush-drafts'; request: number };

/**
 * What the preload exposes as `window.gloss`: every channel, unwrapped from its
 * Result (failures reject with an Error whose `code` is the GlossErrorCode),
 * plus a subscription to main's events.
 */
export type GlossBridge = GlossApi & {
  onEvent(listener: (e: GlossEvent) => void): () => void;
  /**
   * Files dropped on the window, granted for import by main (Electron only: the
   * preload reads their paths; a plain browser has none and reads their text).
   */
  grantDroppedFiles?(files: File[]): Promise<ChosenFiles | null>;
};

/** Raw bridge: what actually crosses contextBridge (results, not throws). */
export type RawInvoke = <C extends Channel>(channel: C, request: Request<C>) => Promise<Result<unknown>>;
