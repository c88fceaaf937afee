/**
 * The Gloss service: everything the UI and the command line can ask of the
 * disk, implemented over the store, the importers, anchoring and export.
 * Plain Node — the Electron shell, the CLI and every test drive this object.
 */
import { randomUUID } from 'node:crypto';
import { readdir, stat, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type {
  ExportNotesRequest,
  ExportReport,
  GlossCoreApi,
  GlossEvent,
  ImportFailure,
  ImportFilesRequest,
  ImportReport,
  ParsedRequest,
  Settings,
  StoreStatus,
} from './contract';
import type { Article, ArticleSummary } from './document/types';
import type { Annotation } from './annotations/types';
import { normalizeTags } from './annotations/tags';
import { describeRange } from './anchoring/describe';
import { anchor } from './anchoring/anchor';
import { GlossError, toSerializedError } from './errors';
import { importSource, type Imported } from './import/index';
import { readImportFile } from './import/read-file';
import { openStore, type ArticleIndexEntry } from './store/index';
import { parseRequest } from './dispatch';
import { EDITABLE_META } from './document/types';
import { Drafts } from './store/drafts';
import { workspaceRequests } from './service/workspace';
import type { ExportEntry } from './export/types';
import { SOURCE_SEEDS_DIR } from './paths';
import { librarySearch, type LibrarySearchOptions } from './search/library-search';

export interface GlossOptions {
  dataDir: string;
  /** Folder of articles a new library starts with (default: the repository's seeds/). */
  seedsDir?: string;
  /** Progress of long work, forwarded to the renderer by the shell. */
  onEvent?: (event: GlossEvent) => void;
  /** Clock, for tests. */
  now?: () => Date;
  /** The search index: opened at start (the app) or at the first query; its save delay; on the calling thread (tests). */
  search?: Omit<LibrarySearchOptions, 'onWarning'>;
}

export interface GlossService extends GlossCoreApi {
  readonly dataDir: string;
  /** An image stored with an article (served to the reader by the shell, never over IPC). */
  readAsset(articleId: string, name: string): Promise<{ mime: string; data: Uint8Array }>;
  close(): Promise<void>;
}

const SEEDED_MARKER = '.seeded';

export async function createGloss(options: GlossOptions): Promise<GlossService> {
  const dataDir = resolve(options.dataDir);
  const serviceWarnings: string[] = [];
  const store = await openStore(dataDir);
  const drafts = await Drafts.open(dataDir, (sentence) => serviceWarnings.push(sentence)).catch(
    async (err) => {
      await store.close();
      throw err;
    },
  );
  const now = () => (options.now?.() ?? new Date()).toISOString();
  const emit = options.onEvent ?? (() => {});
  store.onWarning((message) => emit({ type: 'store-warning', message }));
  const search = librarySearch(store, {
    ...options.search,
    onWarning: (message) => {
      serviceWarnings.push(message);
      emit({ type: 'store-warning', message });
    },
  });

  // ---- import -------------------------------------------------------------

  /** Store an imported article unless the same content is already there. */
  async function keep(imported: Imported, report: ImportReport): Promise<void> {
    const { article, assets } = imported;
    // The same source again (the id is its hash) is not added twice, but it repairs a damaged saved copy.
    const repairing = store.hasArticle(article.id) && !(await store.getArticleIfIntact(article.id));
    if (store.hasArticle(article.id) && !repairing) {
      report.existing.push(await summaryOf(article.id));
      return;
    }
    await store.putArticle(article, assets);
    const summary = await summaryOf(article.id);
    report.imported.push(summary);
    if (repairing)
      (report.warnings ??= []).push({
        source: summary.title,
        message:
          'Its saved copy in the library was damaged; this import repaired it, and its notes are kept.',
      });
    for (const message of imported.warnings)
      (report.warnings ??= []).push({ source: summary.title, message });
  }

  async function importFiles(req: ImportFilesRequest): Promise<ImportReport> {
    const report: ImportReport = { imported: [], existing: [], failed: [] };
    const total = req.paths.length;
    for (const [i, path] of req.paths.entries()) {
      emit({ type: 'import-progress', done: i, total, current: basename(path) });
      try {
        await keep(await importSource(await readImportFile(path)), report);
      } catch (err) {
        report.failed.push(failure(basename(path), err));
      }
    }
    emit({ type: 'import-progress', done: total, total });
    return report;
  }

  async function importText(req: ParsedRequest<'importText'>): Promise<ImportReport> {
    const report: ImportReport = { imported: [], existing: [], failed: [] };
    try {
      if (req.html && req.html.trim()) {
        const { parsePastedHtml } = await import('./import/html');
        const { buildArticle } = await import('./document/build');
        const doc = parsePastedHtml(req.html, req.text);
        if (req.title) {
          doc.meta.title = req.title;
          doc.blocks = [{ kind: 'title', text: req.title }, ...doc.blocks.filter((b) => b.kind !== 'title')];
        }
        const article = buildArticle(
          doc.blocks,
          { ...doc.meta, format: 'html', fileName: undefined },
          req.html,
        );
        await keep({ article, assets: doc.assets ?? new Map(), warnings: doc.warnings ?? [] }, report);
      } else {
        const text = req.title ? `${req.title}\n\n${req.text}` : req.text;
        await keep(
          await importSource({ bytes: new TextEncoder().encode(text), fileName: undefined }),
          report,
        );
      }
    } catch (err) {
      report.failed.push(failure('Pasted text', err));
    }
    return report;
  }

  async function importUrl(req: ParsedRequest<'importUrl'>): Promise<ImportReport> {
    const report: ImportReport = { imported: [], existing: [], failed: [] };
    try {
      const { importUrlBytes } = await import('./import/url');
      await keep(await importSource(await importUrlBytes(req.url)), report);
    } catch (err) {
      report.failed.push(failure(req.url, err));
    }
    return report;
  }

  // ---- library --------------------------------------------------------------

  async function summaryOf(id: string): Promise<ArticleSummary> {
    const entry = store.articleEntry(id);
    if (!entry) throw new GlossError('NOT_FOUND', `No article with id ${id} in the library.`);
    const counts = await store.annotationCounts([id]);
    return toSummary(entry, counts.get(id) ?? 0);
  }

  async function summariesOf(ids: string[]): Promise<ArticleSummary[]> {
    const counts = await store.annotationCounts(ids);
    return ids.flatMap((id) => {
      const entry = store.articleEntry(id);
      return entry ? [toSummary(entry, counts.get(id) ?? 0)] : [];
    });
  }
  const workspace = workspaceRequests({ store, now, summaries: summariesOf });

  async function listArticles(): Promise<ArticleSummary[]> {
    const counts = await store.annotationCounts();
    return store.listArticles().map((e) => toSummary(e, counts.get(e.id) ?? 0));
  }

  async function getArticle(id: string): Promise<Article> {
    if (!store.hasArticle(id)) throw new GlossError('NOT_FOUND', `No article with id ${id} in the library.`);
    return store.getArticle(id);
  }

  /** Null when its saved copy is damaged: its notes can still be listed, edited, exported and removed. */
  async function intactArticle(id: string): Promise<Article | null> {
    if (!store.hasArticle(id)) throw new GlossError('NOT_FOUND', `No article with id ${id} in the library.`);
    return store.getArticleIfIntact(id);
  }

  // ---- annotations ----------------------------------------------------------

  /**
   * Changes to one article's annotations run one at a time: each reads the
   * current annotation and writes it back, so two interleaved requests (a tag
   * and a note sent together) must not overwrite each other.
   */
  const turns = new Map<string, Promise<unknown>>();
  function inTurn<T>(articleId: string, work: () => Promise<T>): Promise<T> {
    const run = (turns.get(articleId) ?? Promise.resolve()).then(work, work);
    const settled = run.catch(() => undefined);
    turns.set(articleId, settled);
    void settled.then(() => turns.get(articleId) === settled && turns.delete(articleId));
    return run;
  }

  async function findAnnotation(articleId: string, id: string): Promise<Annotation> {
    await intactArticle(articleId);
    const found = (await store.listAnnotations(articleId)).find((a) => a.id === id);
    if (!found)
      throw new GlossError('NOT_FOUND', `No annotation ${id} on this article; it may have been deleted.`);
    return found;
  }

  /** Check each annotation still points at its quote; re-anchor or mark orphaned. */
  async function listAnnotations(articleId: string): Promise<Annotation[]> {
    const article = await intactArticle(articleId);
    const annotations = await store.listAnnotations(articleId);
    const out: Annotation[] = [];
    for (const a of annotations) {
      const { start, end } = a.target.position;
      // Without the article's text (its saved copy is damaged) they are listed as saved.
      if (!article || (!a.orphan && article.text.slice(start, end) === a.target.quote.exact)) {
        out.push(a);
        continue;
      }
      const found = anchor(article.text, a.target);
      const fixed: Annotation = found
        ? {
            ...a,
            orphan: undefined,
            target: { ...a.target, position: { type: 'TextPositionSelector', ...found } },
          }
        : { ...a, orphan: true };
      if (JSON.stringify(fixed) !== JSON.stringify(a)) await store.putAnnotation(fixed);
      out.push(fixed);
    }
    return out.sort(
      (x, y) => x.target.position.start - y.target.position.start || x.created.localeCompare(y.created),
    );
  }

  async function createAnnotation(req: ParsedRequest<'createAnnotation'>): Promise<Annotation> {
    const article = await getArticle(req.articleId);
    const { quote, position } = describeRange(article.text, req.start, req.end);
    const at = now();
    const annotation: Annotation = {
      id: randomUUID(),
      articleId: article.id,
      target: { source: article.id, quote, position },
      color: req.color,
      tags: normalizeTags(req.tags),
      note: req.note.trim(),
      created: at,
      modified: at,
    };
    await store.putAnnotation(annotation);
    return annotation;
  }

  async function updateAnnotation(req: ParsedRequest<'updateAnnotation'>): Promise<Annotation> {
    const current = await findAnnotation(req.articleId, req.id);
    const updated: Annotation = {
      ...current,
      color: req.color ?? current.color,
      tags: req.tags ? normalizeTags(req.tags) : current.tags,
      note: req.note !== undefined ? req.note.trim() : current.note,
      modified: now(),
    };
    await store.putAnnotation(updated);
    return updated;
  }

  async function deleteAnnotation(req: ParsedRequest<'deleteAnnotation'>): Promise<Annotation> {
    await findAnnotation(req.articleId, req.id);
    const removed = await store.deleteAnnotation(req.articleId, req.id);
    if (!removed)
      throw new GlossError('NOT_FOUND', `No annotation ${req.id} on this article; it may have been deleted.`);
    return removed;
  }

  async function restoreAnnotation(req: ParsedRequest<'restoreAnnotation'>): Promise<Annotation> {
    const a = req.annotation as Annotation;
    const article = await getArticle(a.articleId);
    if (a.target.source !== a.articleId)
      throw new GlossError('INVALID_REQUEST', 'The annotation’s target does not match its article.');
    const { start, end } = a.target.position;
    if (end > article.text.length || start >= end) {
      throw new GlossError(
        'OUT_OF_RANGE',
        `Range ${start}–${end} is outside the article (length ${article.text.length}).`,
      );
    }
    const restored: Annotation = { ...a, tags: normalizeTags(a.tags) };
    await store.putAnnotation(restored);
    return restored;
  }

  // ---- export ---------------------------------------------------------------

  /** One article, or every article that has notes (the counts index spares reading the others' files); with `only`, just those passages. */
  async function exportEntries(articleId?: string, only?: ReadonlySet<string>): Promise<ExportEntry[]> {
    let ids: string[];
    if (articleId)
      ids = [articleId]; // listAnnotations below: NOT_FOUND if unknown
    else if (only) ids = await articlesHolding(only);
    else {
      const counts = await store.annotationCounts();
      ids = store
        .listArticles()
        .map((a) => a.id)
        .filter((id) => (counts.get(id) ?? 0) > 0);
    }
    const entries: ExportEntry[] = [];
    for (const id of ids) {
      const all = await listAnnotations(id);
      const annotations = only ? all.filter((a) => only.has(a.id)) : all;
      if (only && !annotations.length) continue;
      const article = await store.getArticleIfIntact(id);
      const articleNote = only ? undefined : (await store.articleNote(id))?.text;
      if (article) entries.push({ article, annotations, articleNote });
      else {
        const standIn = store.articleStandIn(id);
        entries.push({
          article: standIn,
          annotations,
          articleNote,
          warning: damagedInExport(standIn.meta.title, annotations.length),
        });
      }
    }
    return entries;
  }

  /** The articles (in library order) whose notes hold any of these passages. */
  async function articlesHolding(wanted: ReadonlySet<string>): Promise<string[]> {
    const holding = new Set<string>();
    for await (const { articleId, annotations } of store.allAnnotations())
      if (annotations.some((a) => wanted.has(a.id))) holding.add(articleId);
    return store
      .listArticles()
      .map((a) => a.id)
      .filter((id) => holding.has(id));
  }

  async function exportNotes(req: ExportNotesRequest): Promise<ExportReport> {
    const only = req.annotationIds && new Set(req.annotationIds);
    const entries = await exportEntries(req.articleId, only);
    const found = entries.reduce((n, e) => n + e.annotations.length, 0);
    if (only && found === 0)
      throw new GlossError(
        'NOT_FOUND',
        'None of the passages chosen is in the library any more: nothing was exported.',
      );
    const { renderExport } = await import('./export/index');
    const { writeExport } = await import('./export/write');
    const content = renderExport(req.format, entries);
    const path = resolve(req.path);
    const { bytes } = await writeExport(path, content, { dataDir });
    return {
      path,
      format: req.format,
      articles: entries.length,
      annotations: entries.reduce((n, e) => n + e.annotations.length, 0),
      bytes,
      ...((entries.some((e) => e.warning) || (only && found < only.size)) && {
        warnings: [
          ...entries.flatMap((e) => e.warning ?? []),
          ...(only && found < only.size
            ? [
                `${only.size - found} of the passages chosen ${only.size - found === 1 ? 'is' : 'are'} no longer in the library.`,
              ]
            : []),
        ],
      }),
    };
  }

  // ---- seeding --------------------------------------------------------------

  async function seedIfNew(): Promise<void> {
    const marker = join(dataDir, SEEDED_MARKER);
    if (
      await stat(marker).then(
        () => true,
        () => false,
      )
    )
      return;
    if (store.listArticles().length === 0) {
      const seedsDir = options.seedsDir ?? SOURCE_SEEDS_DIR;
      const files = (await readdir(seedsDir).catch(() => [] as string[]))
        .filter((f) => !f.startsWith('.'))
        .sort();
      const report = await importFiles({ paths: files.map((f) => join(seedsDir, f)) });
      for (const f of report.failed)
        serviceWarnings.push(`The sample article ${f.source} could not be imported: ${f.message}`);
    }
    await writeFile(marker, `${now()}\n`);
  }

  await seedIfNew();

  const service: GlossService = {
    dataDir,
    listArticles,
    getArticle: (req) => getArticle(req.id),
    importFiles,
    importText: (req) => importText(req as ParsedRequest<'importText'>),
    importUrl: (req) => importUrl(req as ParsedRequest<'importUrl'>),
    updateArticleMeta: async (request) => {
      const { id, ...changes } = parseRequest('updateArticleMeta', request);
      if (!store.hasArticle(id))
        throw new GlossError('NOT_FOUND', `No article with id ${id} in the library.`);
      const entry = await store.updateArticleMeta(id, changes);
      return toSummary(entry, (await store.annotationCounts([id])).get(id) ?? 0);
    },
    removeArticle: async (req) => {
      // Known is enough: an article whose saved copy is damaged can be removed too.
      if (!store.hasArticle(req.id))
        throw new GlossError('NOT_FOUND', `No article with id ${req.id} in the library.`);
      await store.removeArticle(req.id);
      await drafts.discard((d) => d.articleId === req.id);
    },
    listAnnotations: (req) => inTurn(req.articleId, () => listAnnotations(req.articleId)),
    getArticleNote: async (req) => (await store.articleNote(req.articleId)) ?? null,
    setArticleNote: (request) => {
      const { articleId, text } = parseRequest('setArticleNote', request);
      return inTurn(articleId, async () => (await store.setArticleNote(articleId, text, now())) ?? null);
    },
    createAnnotation: (req) => inTurn(req.articleId, () => createAnnotation(withDefaults(req))),
    updateAnnotation: (req) =>
      inTurn(req.articleId, () => updateAnnotation(req as ParsedRequest<'updateAnnotation'>)),
    deleteAnnotation: (req) =>
      inTurn(req.articleId, () => deleteAnnotation(req as ParsedRequest<'deleteAnnotation'>)),
    restoreAnnotation: (req) =>
      inTurn(req.annotation.articleId, () => restoreAnnotation(req as ParsedRequest<'restoreAnnotation'>)),
    listTags: () => store.tagCounts(),
    ...workspace,
    saveDraft: async (req) => {
      const { articleId, annotationId, note, tag } = req as ParsedRequest<'saveDraft'>;
      await drafts.save({ articleId, annotationId, note, tag, saved: now() });
    },
    listDrafts: async (req) => {
      const existing = new Set((await store.listAnnotations(req.articleId)).map((a) => a.id));
      return drafts.list(req.articleId).filter((d) => existing.has(d.annotationId));
    },
    exportNotes,
    getSettings: async () => store.getSettings(),
    updateSettings: (patch) => store.updateSettings(patch as Partial<Settings>),
    storeStatus: async (): Promise<StoreStatus> => ({
      dataDir,
      warnings: [...store.warnings(), ...serviceWarnings],
    }),
    readAsset: (articleId, name) => store.readAsset(articleId, name),
    search: (req) => search.search(req.query, req.limit),
    close: async () => {
      await drafts.idle();
      await search.close();
      await store.close();
    },
  };
  return service;
}

function damagedInExport(title: string, count: number): string {
  return `The saved copy of “${title}” is damaged, so its ${count} highlight${count === 1 ? ' was' : 's were'} exported from the saved quote${count === 1 ? '' : 's'}, without a place in the text. Import the same file again to repair it.`;
}

function withDefaults(req: {
  articleId: string;
  start: number;
  end: number;
  color: Annotation['color'];
  tags?: string[];
  note?: string;
}): ParsedRequest<'createAnnotation'> {
  return { ...req, tags: req.tags ?? [], note: req.note ?? '' };
}

function failure(source: string, err: unknown): ImportFailure {
  const { code, message } = toSerializedError(err);
  return { source, code, message };
}

function toSummary(entry: ArticleIndexEntry, annotationCount: number): ArticleSummary {
  return {
    id: entry.id,
    title: entry.title,
    source: entry.source,
    place: entry.place,
    byline: entry.byline,
    published: entry.published,
    importedAt: entry.importedAt,
    format: entry.format,
    wordCount: entry.wordCount,
    annotationCount,
    ...(entry.edited && { edited: EDITABLE_META.filter((k) => entry.edited?.[k] !== undefined) }),
  };
}
