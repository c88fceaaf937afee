/**
 * Export: one article's notes, every article that has notes, the articles
 * chosen in the library, or a chosen set of passages, rendered in a format and written atomically where the user
 * chose. A damaged article's notes are exported from their saved quotes, with a warning.
 */
import { resolve } from 'node:path';
import type { ExportNotesRequest, ExportReport } from '../contract';
import { parsePathRequest } from '../dispatch';
import { GlossError } from '../errors';
import type { Annotation } from '../annotations/types';
import type { ExportEntry, ExportPlan } from '../export/types';
import type { TagCount } from '../annotations/types';
import type { ArticleNote } from '../store/schemas';
import { anchoredOn } from './annotations';
import { requireKnown } from './library';
import type { ServiceContext } from './context';

export function exportRequests(ctx: ServiceContext) {
  return {
    async exportNotes(request: ExportNotesRequest): Promise<ExportReport> {
      const req = await parsePathRequest('exportNotes', request);
      const only = req.annotationIds && new Set(req.annotationIds);
      const { exportWriting, exportPlan } = await import('../export/index');
      const { writeExport } = await import('../export/write');
      const path = resolve(req.path);
      // The user's name (settings) signs the annotations as their creator.
      const { userName } = await ctx.store.getSettings();
      const tags = await ctx.store.tagCounts();
      const codebook = tags.filter((t) => t.color || t.description);
      const options = { userName, codebook };
      let plan: ExportPlan;
      let notes: AsyncIterable<ArticleNotes> | Iterable<ArticleNotes>;
      if (req.articleId || only) {
        // One article, or passages chosen: few enough to read whole first, so the plan is exact.
        const held = await exportNotesOf(ctx, req.articleId, only);
        if (only && !held.some((e) => e.annotations.length))
          throw new GlossError(
            'NOT_FOUND',
            'None of the passages chosen is in the library any more: nothing was exported.',
          );
        plan = exportPlan(held, options);
        notes = held;
      } else ({ plan, notes } = await streamedNotes(ctx, req.articleIds, tags));
      const warnings: string[] = [];
      const written = { articles: 0, annotations: 0 };
      // Articles are read one at a time as the file is written: a library's export never sits whole in memory.
      const entries = exportEntries(ctx, notes, warnings, written);
      const { content, finalHead } = exportWriting(req.format, plan, entries, options);
      const { bytes } = await writeExport(path, content, {
        dataDir: ctx.dataDir,
        ...(finalHead && { finalHead }),
      });
      const missing = only ? only.size - written.annotations : 0;
      if (missing > 0)
        warnings.push(
          `${missing} of the passages chosen ${missing === 1 ? 'is' : 'are'} no longer in the library.`,
        );
      return {
        path,
        format: req.format,
        articles: written.articles,
        annotations: written.annotations,
        bytes,
        ...(warnings.length && { warnings }),
      };
    },
  };
}

/**
 * Every article that has notes, or the articles chosen, planned from the counts index (the JSON frame's
 * total and codebook come before any item; the export puts them right at the end if the notes disagree)
 * and read as the file reaches them: a library's 100,000 annotations held first took it past +200 MB.
 */
async function streamedNotes(
  { store }: ServiceContext,
  articleIds: readonly string[] | undefined,
  libraryTags: readonly TagCount[],
): Promise<{ plan: ExportPlan; notes: AsyncIterable<ArticleNotes> }> {
  const { codebookOfTags } = await import('../export/index');
  let ids = store.listArticles().map((a) => a.id);
  if (articleIds) {
    // The articles chosen, in the library's order, each whether or not it has highlights (the user chose it).
    for (const id of articleIds) requireKnown(store, id);
    const chosen = new Set(articleIds);
    ids = ids.filter((id) => chosen.has(id));
  }
  const counts = await store.annotationCounts(ids);
  if (!articleIds) ids = ids.filter((id) => (counts.get(id) ?? 0) > 0);
  let items = 0;
  for (const id of ids) items += counts.get(id) ?? 0;
  // The library's tags: for the articles chosen only a guess, which the JSON head puts right at the end.
  const codebook = codebookOfTags(
    libraryTags.filter((t) => t.count > 0).map((t) => t.tag),
    libraryTags.filter((t) => t.color || t.description),
  );
  const plan: ExportPlan = {
    articles: ids.length,
    ...(ids.length === 1 ? { onlyArticleId: ids[0] } : {}),
    items,
    ...(codebook.length ? { codebook } : {}),
    estimated: true,
  };
  return { plan, notes: articleIds ? chosenNotes(store, ids) : libraryNotes(store) };
}

/** Every article that has notes, in library order, each read as it is reached (a few ahead). */
async function* libraryNotes(store: ServiceContext['store']): AsyncGenerator<ArticleNotes> {
  for await (const { articleId: id, annotations, articleNote } of store.allAnnotations())
    yield { id, annotations, ...(articleNote ? { articleNote } : {}) };
}

/** Each article chosen, in order; one the counts index says has no notes is asked for its own (the index may lag). */
async function* chosenNotes(
  store: ServiceContext['store'],
  ids: readonly string[],
): AsyncGenerator<ArticleNotes> {
  const withNotes = store.allAnnotations(ids)[Symbol.asyncIterator]();
  let next = await withNotes.next();
  for (const id of ids) {
    if (!next.done && next.value.articleId === id) {
      const { annotations, articleNote } = next.value;
      yield { id, annotations, ...(articleNote ? { articleNote } : {}) };
      next = await withNotes.next();
      continue;
    }
    const annotations = await store.listAnnotations(id);
    const articleNote = await store.articleNote(id);
    yield { id, annotations, ...(articleNote ? { articleNote } : {}) };
  }
}

/** One article's notes to export, read before its text. */
interface ArticleNotes {
  id: string;
  annotations: Annotation[];
  articleNote?: ArticleNote;
}

/** One article, or the articles holding the passages chosen (just those passages). Notes only, read before any text. */
async function exportNotesOf(
  ctx: ServiceContext,
  articleId: string | undefined,
  only: ReadonlySet<string> | undefined,
): Promise<ArticleNotes[]> {
  const { store } = ctx;
  let ids: string[];
  if (articleId) {
    requireKnown(store, articleId);
    ids = [articleId];
  } else ids = await articlesHolding(ctx, only!);
  const out: ArticleNotes[] = [];
  for (const id of ids) {
    const all = await store.listAnnotations(id);
    const annotations = only ? all.filter((a) => only.has(a.id)) : all;
    if (only && !annotations.length) continue;
    const articleNote = only ? undefined : await store.articleNote(id);
    out.push({ id, annotations, ...(articleNote ? { articleNote } : {}) });
  }
  return out;
}

/** Each article's entry as the export reaches it: its text read, its passages checked against it. */
async function* exportEntries(
  ctx: ServiceContext,
  notes: AsyncIterable<ArticleNotes> | Iterable<ArticleNotes>,
  warnings: string[],
  written: { articles: number; annotations: number },
): AsyncGenerator<ExportEntry> {
  const { store } = ctx;
  for await (const notesOfOne of notes) {
    written.articles++;
    written.annotations += notesOfOne.annotations.length;
    const { id, annotations: listed, articleNote } = notesOfOne;
    // Each article is read once and let go: kept in the store's cache, every one outlived V8's young generation.
    const article = await store.getArticleIfIntact(id, { keep: false });
    const annotations = await anchoredOn(ctx, article, listed);
    if (article) yield { article, annotations, articleNote };
    else {
      const standIn = store.articleStandIn(id);
      warnings.push(damagedInExport(standIn.meta.title, annotations.length));
      yield { article: standIn, annotations, articleNote };
    }
    // Written: let its annotations go, so memory falls as the file grows.
    notesOfOne.annotations = [];
  }
}

/** The articles (in library order) whose notes hold any of these passages. */
async function articlesHolding({ store }: ServiceContext, wanted: ReadonlySet<string>): Promise<string[]> {
  const holding = new Set<string>();
  for await (const { articleId, annotations } of store.allAnnotations())
    if (annotations.some((a) => wanted.has(a.id))) holding.add(articleId);
  return store
    .listArticles()
    .map((a) => a.id)
    .filter((id) => holding.has(id));
}

function damagedInExport(title: string, count: number): string {
  return `The saved copy of “${title}” is damaged, so its ${count} highlight${count === 1 ? ' was' : 's were'} exported from the saved quote${count === 1 ? '' : 's'}, without a place in the text. Import the same file again to repair it.`;
}
