/**
 * The durable local store: one data folder holding
 *   library.json            the index (lowdb), newest import first
 *   articles/<id>.json      each article's content, written once at import
 *   articles/<id>/assets/   its images
 *   notes/<id>.json         each article's annotations (lowdb, one file per article)
 *   settings.json           the reader's settings (lowdb)
 *   gloss.lock              one Gloss at a time
 * Every JSON file is written through the durable adapter; damage found on load
 * is moved aside, recovered, and reported through warnings().
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { Low } from 'lowdb';
import type { Annotation, TagCount } from '../annotations/types';
import type { Settings } from '../contract';
import { loadContract } from '../lazy-contract';
import type { Article } from '../document/types';
import { GlossError } from '../errors';
import {
  ArticleFiles,
  ARTICLES_DIR,
  standInArticle,
  type ArticleReadOptions,
  type AssetInput,
} from './article-files';
import { DurableJsonFile } from './durable-json-file';
import { sweepTempFiles } from './fs-durable';
import { LibraryIndex } from './library-index';
import { readFolderSeal, sealFolders } from './folder-seal';
import { acquireDirLock } from './lock';
import { NOTES_DIR, NotesFiles } from './notes';
import {
  finishInterruptedBatch,
  runBatch,
  type AnnotationRef,
  type ArticleNotePut,
  type BatchResult,
  type CodebookPut,
} from './batch-changes';
import { TagCodebook } from './tag-codebook';
import { RemovedArticles, type Removal } from './removed-articles';
import type { TagCode } from '../annotations/codebook';
import type { TagChange } from '../annotations/tags';
import { assertSafeId } from './safe-names';
import {
  addVersion,
  changeVersions,
  finishInterruptedVersion,
  readVersion,
  type VersionsChange,
} from './article-versions';
import type { ArticleVersion } from '../document/types';
import {
  type ArticleNote,
  indexEntryFor,
  loadFileSchemas,
  metaWithEdits,
  withEdits,
  type ArticleIndexEntry,
} from './schemas';
import { EDITABLE_META, type EditableMeta, type MetaEdits } from '../document/types';
import { openSettings, SETTINGS_FILE } from './settings-file';
import { nodeCrypto } from '../util/lazy-builtins';

export type { ArticleIndexEntry } from './schemas';
export type { ArticleReadOptions, AssetInput } from './article-files';
export { assertSafeId, assertSafeAssetName, isSafeId } from './safe-names';

export { SETTINGS_FILE };

/** What changed: an article's entry or content, an article removed, or an article's annotations. */
export type StoreChange =
  | { kind: 'article'; id: string }
  | { kind: 'article-removed'; id: string }
  | { kind: 'notes'; articleId: string };

export interface Store {
  readonly dataDir: string;
  /** Recovery reports since opening, as sentences for the UI. */
  warnings(): string[];
  /** Calls `listener` with each recovery report raised from now on (one found while serving a request); returns the unsubscribe. */
  onWarning(listener: (sentence: string) => void): () => void;
  /** Calls `listener` after each change the store has saved (for derived data: the search index); returns the unsubscribe. */
  onChange(listener: (change: StoreChange) => void): () => void;
  /** Newest import first. */
  listArticles(): ArticleIndexEntry[];
  /** The same, each parsed as it is reached (the library list keeps a summary of each, not the entries). */
  articleEntries(): Iterable<ArticleIndexEntry>;
  hasArticle(id: string): boolean;
  /** One library entry (not a copy of the whole list). */
  articleEntry(id: string): ArticleIndexEntry | undefined;
  /** GlossError NOT_FOUND if unknown; CORRUPT (file moved aside) if its content is damaged or missing. */
  getArticle(id: string, options?: ArticleReadOptions): Promise<Article>;
  /** The article, or null when its saved copy is damaged or missing (moved aside and reported, as by getArticle). NOT_FOUND if unknown. */
  getArticleIfIntact(id: string, options?: ArticleReadOptions): Promise<Article | null>;
  /** The article as imported, without the user's corrections of its citation fields; null when its saved copy is damaged or missing. NOT_FOUND if unknown. */
  getImportedArticle(id: string): Promise<Article | null>;
  /** The index's metadata of a known article, with no text: stands in for one whose saved copy is damaged. NOT_FOUND if unknown. */
  articleStandIn(id: string): Article;
  /**
   * Writes assets, then content, then the index entry. An article with the same
   * id (a repair: the same source imported again) is replaced but keeps its place
   * in the library (its import date) and its notes.
   */
  putArticle(article: Article, assets?: Map<string, AssetInput>): Promise<void>;
  /**
   * Corrects citation fields (null: back to what the import found; '': none).
   * The article's own file keeps the imported values.
   */
  updateArticleMeta(
    id: string,
    changes: Partial<Record<EditableMeta, string | null>>,
  ): Promise<ArticleIndexEntry>;
  /** Removes the index entry, content, assets and notes. NOT_FOUND if unknown. */
  removeArticle(id: string): Promise<void>;
  /** Removes several articles at once, kept aside for this session so restoreRemovedArticles can undo it. NOT_FOUND if one is unknown. */
  removeArticles(ids: readonly string[]): Promise<Removal>;
  /** Puts back the articles a removeArticles took out (its token); answers the entries listed again. */
  restoreRemovedArticles(token: string): Promise<ArticleIndexEntry[]>;
  /**
   * Keeps the current text as an older version and switches the article to `next`
   * (its `versions` list ending with its own record), with `annotations` (every one
   * of the article's, re-anchored on it): journaled, so a crash leaves the old
   * state or the new. Answers the article as stored.
   */
  addVersion(
    next: Article,
    current: ArticleVersion,
    annotations: Annotation[],
    assets?: Map<string, AssetInput>,
  ): Promise<Article>;
  /**
   * A version made an article of its own (`split`: `separate` written, `drop` taken out of the article)
   * or joined back (`join`: `remove` removed once the article holds it): one journaled operation, so
   * a crash leaves the old state or the new. Answers the article as stored.
   */
  changeVersions(change: VersionsChange): Promise<Article>;
  /** An older version's text, checked against its recorded hash (the current one: getArticle). */
  getArticleVersion(articleId: string, version: ArticleVersion): Promise<Article>;
  /** The article whose other versions include the one imported from this source id. */
  articleWithVersionSource(sourceId: string): string | undefined;
  readAsset(articleId: string, name: string): Promise<AssetInput>;
  /** NOT_FOUND if the article is unknown. `select`: only what it picks is copied out (a copy of 1,000 costs tens of ms). */
  listAnnotations(
    articleId: string,
    select?: (all: readonly Annotation[]) => readonly Annotation[],
  ): Promise<Annotation[]>;
  /** The note on the whole article, if any. NOT_FOUND if the article is unknown. */
  articleNote(articleId: string): Promise<ArticleNote | undefined>;
  /** Sets the note on the whole article ('' removes it); durable once resolved. */
  setArticleNote(articleId: string, text: string, modified: string): Promise<ArticleNote | undefined>;
  /** Insert or replace by id; durable once resolved. NOT_FOUND if the article is unknown. */
  putAnnotation(a: Annotation): Promise<void>;
  deleteAnnotation(articleId: string, id: string): Promise<Annotation | undefined>;
  /** articleId → count, for every article in the library (or just those given). */
  annotationCounts(ids?: readonly string[]): Promise<Map<string, number>>;
  /** The same, one article at a time, once counted: the library list asks for all 10,000 without a map of them. */
  annotationCounter(): Promise<(articleId: string) => number>;
  /**
   * Tags over the whole library, compared case-insensitively and spelled as in the newest article using them;
   * most used first; each with its colour and description, then described tags no passage uses yet (count 0).
   */
  tagCounts(): Promise<TagCount[]>;
  /** Resolves once the counts above have been checked against every notes file (in the background after the first list). */
  countsChecked(): Promise<void>;
  /** Sets tags' colours and descriptions (null: none): one durable write; answers what changed, for undo. */
  putTagCodes(codes: CodebookPut[], modified: string): Promise<BatchResult>;
  /** Renames, merges or deletes tags across the library: one journaled operation; answers what changed, for undo. */
  changeTags(change: TagChange, modified: string): Promise<BatchResult>;
  /**
   * Puts annotations back as they were (undo of a batch): one journaled operation. `articleNotes` are
   * set in the same operation, each in the same write as its article's annotations; `articles` (new,
   * without assets) are added in it before their annotations.
   */
  restoreAnnotations(
    annotations: Annotation[],
    remove?: AnnotationRef[],
    codebook?: CodebookPut[],
    articleNotes?: ArticleNotePut[],
    articles?: Article[],
  ): Promise<BatchResult>;
  /**
   * Articles with annotations (and their article note), newest import first (or those of `articleIds`
   * that have any, in that order), one at a time, not kept (for library export).
   */
  allAnnotations(articleIds?: readonly string[]): AsyncIterable<{
    articleId: string;
    annotations: Annotation[];
    articleNote?: ArticleNote;
  }>;
  getSettings(): Settings;
  updateSettings(patch: Partial<Settings>): Promise<Settings>;
  /** Flushes pending writes and releases the lock. */
  close(): Promise<void>;
}

/** Opens (creating as needed) the data folder; GlossError LOCKED if another Gloss has it open. */
export async function openStore(dataDir: string): Promise<Store> {
  const root = path.resolve(dataDir);
  try {
    await fs.mkdir(root, { recursive: true });
  } catch (err) {
    throw new GlossError('IO', `Could not create the library folder ${root}: ${(err as Error).message}`, {
      cause: err,
    });
  }
  const lock = await acquireDirLock(root);
  let sweep: Promise<void> = Promise.resolve();
  try {
    await Promise.all(
      [ARTICLES_DIR, NOTES_DIR].map((d) => fs.mkdir(path.join(root, d), { recursive: true })),
    );
    // Leftovers of writes a crash interrupted: the data folder's own at once (a few names); the
    // article and notes folders (tens of thousands of names) in the background, sparing this
    // session's writes in flight, and only those changed since the last clean close sealed them
    // (folder-seal.ts). close() waits for it, so it never runs without the lock.
    // articles/ is listed once, for this and for the library's check of unlisted articles
    // (a listing of 10,000 names costs ~8 ms of CPU), started as soon as the seal says it changed.
    const seal = await Promise.all([readFolderSeal(root), sweepTempFiles(root)]).then(([s]) => s);
    let listing: Promise<string[]> | undefined;
    const articleNames = () =>
      (listing ??= fs.readdir(path.join(root, ARTICLES_DIR)).catch(() => [] as string[]));
    if (!seal.articlesUnchanged) void articleNames();
    sweep = new Promise<void>((resolve) => setImmediate(resolve))
      .then(async () =>
        Promise.all([
          seal.articlesUnchanged || sweepTempFiles(path.join(root, ARTICLES_DIR), await articleNames()),
          seal.notesUnchanged || sweepTempFiles(path.join(root, NOTES_DIR)),
        ]),
      )
      .then(
        () => undefined,
        () => undefined,
      );
    const warnings: string[] = [];
    const listeners = new Set<(sentence: string) => void>();
    const warn = (s: string): void => {
      warnings.push(s);
      for (const l of listeners) l(s);
    };
    const library = await LibraryIndex.open(
      root,
      warn,
      articleNames,
      async (libraryCrc) => seal.articlesUnchanged && seal.library === libraryCrc,
    );
    const settings = await openSettings(root, warn);
    const notes = await NotesFiles.open(root, warn);
    const codebook = await TagCodebook.open(root, warn);
    const articleFiles = new ArticleFiles(root, warn);
    await finishInterruptedBatch(root, notes, codebook, library.ids(), warn, {
      articles: articleFiles,
      library,
    });
    await finishInterruptedVersion({ dataDir: root, library, articles: articleFiles, notes }, warn);
    const removed = new RemovedArticles({ dataDir: root, library, articles: articleFiles, notes });
    sweep = sweep.then(() => removed.sweepEarlier());
    const release = async (clean: boolean) => {
      await sweep;
      // Every write has finished (close waited for them) and the leftovers are swept.
      if (clean) await sealFolders(root, library.savedCrc(), seal);
      await lock.release();
    };
    return new DataFolderStore(
      root,
      warnings,
      listeners,
      library,
      articleFiles,
      notes,
      codebook,
      removed,
      settings,
      release,
    );
  } catch (err) {
    await sweep;
    await lock.release();
    throw err;
  }
}

class DataFolderStore implements Store {
  private closed = false;
  private readonly changeListeners = new Set<(change: StoreChange) => void>();

  constructor(
    readonly dataDir: string,
    private readonly warningList: string[],
    private readonly warningListeners: Set<(sentence: string) => void>,
    private readonly library: LibraryIndex,
    private readonly articles: ArticleFiles,
    private readonly notes: NotesFiles,
    private readonly codebook: TagCodebook,
    private readonly removed: RemovedArticles,
    private readonly settings: Low<Settings>,
    /** `clean`: every write finished, so the folders can be sealed for the next open. */
    private readonly releaseLock: (clean: boolean) => Promise<void>,
  ) {}

  warnings(): string[] {
    return [...this.warningList];
  }

  onWarning(listener: (sentence: string) => void): () => void {
    this.warningListeners.add(listener);
    return () => void this.warningListeners.delete(listener);
  }

  onChange(listener: (change: StoreChange) => void): () => void {
    this.changeListeners.add(listener);
    return () => void this.changeListeners.delete(listener);
  }

  /** A listener's failure is its own: the change is saved. */
  private changed(change: StoreChange): void {
    for (const l of this.changeListeners) {
      try {
        l(change);
      } catch {
        // Derived data only: it is checked against the store when next opened.
      }
    }
  }

  /** Each article a batch touched. */
  private changedNotes(result: BatchResult): BatchResult {
    // Before too: a batch may only take annotations out of an article.
    for (const articleId of new Set([...result.after, ...result.before].map((a) => a.articleId)))
      this.changed({ kind: 'notes', articleId });
    return result;
  }

  listArticles(): ArticleIndexEntry[] {
    return this.library.list();
  }

  articleEntries(): Iterable<ArticleIndexEntry> {
    return this.library.entries();
  }

  hasArticle(id: string): boolean {
    return this.library.has(id);
  }

  articleEntry(id: string): ArticleIndexEntry | undefined {
    return this.library.get(id); // parsed from its row: the caller's own
  }

  async getArticle(id: string, options?: ArticleReadOptions): Promise<Article> {
    const entry = this.entry(id);
    const article = await this.articles.read(entry, options);
    if (!entry.edited) return article;
    return { ...article, ...metaWithEdits(article.meta, entry.edited) };
  }

  async updateArticleMeta(
    id: string,
    changes: Partial<Record<EditableMeta, string | null>>,
  ): Promise<ArticleIndexEntry> {
    this.assertOpen();
    const entry = this.entry(id);
    const imported = (await this.articles.read(entry)).meta;
    const edits: MetaEdits = { ...entry.edited };
    for (const key of EDITABLE_META) {
      const value = changes[key];
      if (value === undefined) continue;
      // Back to what the import found: no correction to keep.
      if (value === null || value === (imported[key] ?? '')) delete edits[key];
      else edits[key] = value;
    }
    const base: ArticleIndexEntry = { ...entry };
    for (const key of EDITABLE_META) {
      if (imported[key] !== undefined) base[key] = imported[key];
      else delete base[key];
    }
    const next = withEdits(base, edits);
    await this.library.upsert(next);
    this.changed({ kind: 'article', id });
    return next;
  }

  async getArticleIfIntact(id: string, options?: ArticleReadOptions): Promise<Article | null> {
    try {
      return await this.getArticle(id, options);
    } catch (err) {
      if (err instanceof GlossError && err.code === 'CORRUPT') return null;
      throw err;
    }
  }

  async getImportedArticle(id: string): Promise<Article | null> {
    try {
      return await this.articles.read(this.entry(id));
    } catch (err) {
      if (err instanceof GlossError && err.code === 'CORRUPT') return null;
      throw err;
    }
  }

  articleStandIn(id: string): Article {
    return standInArticle(this.entry(id));
  }

  async putArticle(article: Article, assets?: Map<string, AssetInput>): Promise<void> {
    this.assertOpen();
    assertSafeId(article.id, 'article id');
    const replaced = this.library.get(article.id);
    const toWrite = replaced
      ? { ...article, meta: { ...article.meta, importedAt: replaced.importedAt } }
      : article;
    // Content before index: an index entry never points at a file not yet written.
    const { stored, contentFile, contentHash } = await this.articles.write(toWrite, assets);
    // A repair keeps the user's corrections.
    await this.library.upsert(withEdits(indexEntryFor(stored, contentFile, contentHash), replaced?.edited));
    this.changed({ kind: 'article', id: article.id });
  }

  async removeArticle(id: string): Promise<void> {
    this.assertOpen();
    this.entry(id);
    // Index first: if we stop half-way, there is never a dangling entry. The content file goes
    // right after: one left by a crash here would be listed again at the next open (LibraryIndex.open).
    await this.library.remove(id);
    try {
      await this.articles.remove(id);
      await this.notes.remove(id);
    } finally {
      this.changed({ kind: 'article-removed', id });
    }
  }

  async removeArticles(ids: readonly string[]): Promise<Removal> {
    this.assertOpen();
    for (const id of ids) this.entry(id);
    const unique = [...new Set(ids)];
    try {
      return await this.removed.remove(unique);
    } finally {
      for (const id of unique) this.changed({ kind: 'article-removed', id });
    }
  }

  async restoreRemovedArticles(token: string): Promise<ArticleIndexEntry[]> {
    this.assertOpen();
    const back = await this.removed.restore(token);
    for (const { id } of back) {
      this.changed({ kind: 'article', id });
      this.changed({ kind: 'notes', articleId: id });
    }
    return back;
  }

  async addVersion(
    next: Article,
    current: ArticleVersion,
    annotations: Annotation[],
    assets?: Map<string, AssetInput>,
  ): Promise<Article> {
    this.assertOpen();
    this.entry(next.id);
    const records = await this.articles.writeAssets(next.id, assets);
    const withAssets: Article = Object.keys(records).length
      ? { ...next, assets: { ...(next.assets ?? {}), ...records } }
      : next;
    const parts = {
      dataDir: this.dataDir,
      library: this.library,
      articles: this.articles,
      notes: this.notes,
    };
    const stored = await addVersion(parts, withAssets, current, annotations);
    this.changed({ kind: 'article', id: next.id });
    this.changed({ kind: 'notes', articleId: next.id });
    return stored;
  }

  async changeVersions(change: VersionsChange): Promise<Article> {
    this.assertOpen();
    this.entry(change.next.id);
    if (change.separate) assertSafeId(change.separate.article.id, 'article id');
    if (change.remove) this.entry(change.remove);
    const parts = {
      dataDir: this.dataDir,
      library: this.library,
      articles: this.articles,
      notes: this.notes,
    };
    try {
      return await changeVersions(parts, change);
    } finally {
      for (const id of [change.next.id, change.separate?.article.id].filter((x) => x !== undefined)) {
        this.changed({ kind: 'article', id });
        this.changed({ kind: 'notes', articleId: id });
      }
      if (change.remove) this.changed({ kind: 'article-removed', id: change.remove });
    }
  }

  async getArticleVersion(articleId: string, version: ArticleVersion): Promise<Article> {
    this.entry(articleId);
    return readVersion(this.dataDir, articleId, version);
  }

  articleWithVersionSource(sourceId: string): string | undefined {
    return this.library.find(sourceId, (e) => e.versionSources?.includes(sourceId) ?? false)?.id;
  }

  async readAsset(articleId: string, name: string): Promise<AssetInput> {
    return this.articles.readAsset(this.entry(articleId), name);
  }

  async listAnnotations(
    articleId: string,
    select?: (all: readonly Annotation[]) => readonly Annotation[],
  ): Promise<Annotation[]> {
    this.entry(articleId);
    return this.notes.list(articleId, select);
  }

  async putAnnotation(a: Annotation): Promise<void> {
    this.assertOpen();
    const { isStoredAnnotation, storedAnnotationSchema } = await loadFileSchemas();
    const parsed = isStoredAnnotation(a) ? { success: true as const } : storedAnnotationSchema.safeParse(a);
    if (!parsed.success)
      throw new GlossError(
        'INVALID_REQUEST',
        `The annotation cannot be saved: ${parsed.error.issues[0]?.path.join('.') || 'it'} is not valid.`,
      );
    this.entry(a.articleId);
    await this.notes.put(a);
    this.changed({ kind: 'notes', articleId: a.articleId });
  }

  async deleteAnnotation(articleId: string, id: string): Promise<Annotation | undefined> {
    this.assertOpen();
    this.entry(articleId);
    const removed = await this.notes.delete(articleId, id);
    if (removed) this.changed({ kind: 'notes', articleId });
    return removed;
  }

  annotationCounter(): Promise<(articleId: string) => number> {
    return this.notes.counter();
  }

  annotationCounts(ids?: readonly string[]): Promise<Map<string, number>> {
    return this.notes.counts(ids ?? this.library.ids());
  }

  countsChecked(): Promise<void> {
    return this.notes.checked();
  }

  async tagCounts(): Promise<TagCount[]> {
    const counts = await this.notes.tagCounts(this.library);
    const codes = this.codebook.byKey();
    const described = (key: string, t: TagCount): TagCount => {
      const code = codes.get(key);
      codes.delete(key);
      return code
        ? {
            ...t,
            ...(code.color && { color: code.color }),
            ...(code.description && { description: code.description }),
          }
        : { ...t };
    };
    const used = counts.map(([key, t]) => described(key, t));
    const unused = [...codes]
      .sort(([, a], [, b]) => a.tag.localeCompare(b.tag))
      .map(([key, c]: [string, TagCode]) => described(key, { tag: c.tag, count: 0 }));
    return [...used, ...unused];
  }

  async putTagCodes(codes: CodebookPut[], modified: string): Promise<BatchResult> {
    this.assertOpen();
    return {
      articles: 0,
      before: [],
      after: [],
      codebook: await this.codebook.put(codes, modified),
      articleNotes: [],
    };
  }

  async articleNote(articleId: string): Promise<ArticleNote | undefined> {
    this.entry(articleId);
    return this.notes.articleNote(articleId);
  }

  async setArticleNote(articleId: string, text: string, modified: string): Promise<ArticleNote | undefined> {
    this.assertOpen();
    this.entry(articleId);
    const note = text.trim() ? { text, modified } : undefined;
    await this.notes.setArticleNote(articleId, note);
    this.changed({ kind: 'notes', articleId });
    return note;
  }

  changeTags(change: TagChange, modified: string): Promise<BatchResult> {
    this.assertOpen();
    const batch = { kind: 'tags' as const, change, modified, id: nodeCrypto().randomUUID() };
    return runBatch(this.dataDir, this.notes, this.codebook, this.library.ids(), batch).then((r) =>
      this.changedNotes(r),
    );
  }

  restoreAnnotations(
    annotations: Annotation[],
    remove?: AnnotationRef[],
    codebook?: CodebookPut[],
    articleNotes?: ArticleNotePut[],
    articles?: Article[],
  ): Promise<BatchResult> {
    this.assertOpen();
    const adding = new Set<string>();
    for (const a of articles ?? []) {
      assertSafeId(a.id, 'article id');
      if (this.library.has(a.id))
        throw new GlossError('INVALID_REQUEST', `Article ${a.id} is in the library already.`);
      adding.add(a.id);
    }
    for (const n of articleNotes ?? []) if (!adding.has(n.articleId)) this.entry(n.articleId);
    const batch = {
      kind: 'restore' as const,
      ...(articles?.length && { articles: articles.map((a) => ({ id: a.id, content: JSON.stringify(a) })) }),
      annotations,
      ...(remove?.length && { remove }),
      ...(codebook?.length && { codebook, modified: new Date().toISOString() }),
      ...(articleNotes?.length && { articleNotes }),
    };
    const parts = { articles: this.articles, library: this.library };
    return runBatch(this.dataDir, this.notes, this.codebook, this.library.ids(), batch, parts).then((r) => {
      for (const id of adding) this.changed({ kind: 'article', id });
      for (const n of articleNotes ?? []) this.changed({ kind: 'notes', articleId: n.articleId });
      return this.changedNotes(r);
    });
  }

  allAnnotations(articleIds?: readonly string[]): AsyncIterable<{
    articleId: string;
    annotations: Annotation[];
    articleNote?: ArticleNote;
  }> {
    return this.notes.all(articleIds ?? this.library.ids());
  }

  getSettings(): Settings {
    return structuredClone(this.settings.data);
  }

  async updateSettings(patch: Partial<Settings>): Promise<Settings> {
    this.assertOpen();
    const { SettingsSchema } = await loadContract();
    const parsed = SettingsSchema.safeParse({ ...this.settings.data, ...patch });
    if (!parsed.success)
      throw new GlossError(
        'INVALID_REQUEST',
        `The setting ${parsed.error.issues[0]?.path.join('.') ?? ''} is not valid.`,
      );
    this.settings.data = parsed.data;
    await this.settings.write();
    return this.getSettings();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    let clean = false;
    try {
      await Promise.all([
        this.library.idle(),
        this.notes.close(),
        this.codebook.idle(),
        (this.settings.adapter as DurableJsonFile<Settings>).idle(),
      ]);
      clean = true;
    } finally {
      await this.releaseLock(clean);
    }
  }

  /** The index entry, after checking the id is one the store can use in a path. */
  private entry(id: string): ArticleIndexEntry {
    assertSafeId(id, 'article id');
    const entry = this.library.get(id);
    if (!entry) throw new GlossError('NOT_FOUND', 'This article is not in the library.');
    return entry;
  }

  private assertOpen(): void {
    if (this.closed) throw new GlossError('INTERNAL', 'The library has been closed.');
  }
}
