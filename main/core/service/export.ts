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
import type { ExportEntry } from '../export/types';
import type { ArticleNote } from '../store/schemas';
import { anchoredOn } from './annotations';
import { requireKnown } from './library';
import type { ServiceContext } from './context';

export function exportRequests(ctx: ServiceContext) {
  return {
    async exportNotes(request: ExportNotesRequest): Promise<ExportReport> {
      const req = parsePathRequest('exportNotes', request);
      const only = req.annotationIds && new Set(req.annotationIds);
      const notes = await exportNotesOf(ctx, req.articleId, only, req.articleIds);
      const found = notes.reduce((n, e) => n + e.annotations.length, 0);
      if (only && found === 0)
        throw new GlossError(
          'NOT_FOUND',
          'None of the passages chosen is in the library any more: nothing was exported.',
        );
      const { exportChunks, exportPlan } = await import('../export/index');
      const { writeExport } = await import('../export/write');
      const path = resolve(req.path);
      // The user's name (settings) signs the annotations as their creator.
      const { userName } = await ctx.store.getSettings();
      const codebook = (await ctx.store.tagCounts()).filter((t) => t.color || t.description);
      const options = { userName, codebook };
      const warnings: string[] = [];
      // Articles are read one at a time as the file is written: a library's export never sits whole in memory.
      const entries = exportEntries(ctx, notes, warnings);
      const plan = exportPlan(notes, options);
      const { bytes } = await writeExport(path, exportChunks(req.format, plan, entries, options), {
        dataDir: ctx.dataDir,
      });
      const missing = only ? only.size - found : 0;
      if (missing > 0)
        warnings.push(
          `${missing} of the passages chosen ${missing === 1 ? 'is' : 'are'} no longer in the library.`,
        );
      return {
        path,
        format: req.format,
        articles: notes.length,
        annotations: found,
        bytes,
        ...(warnings.length && { warnings }),
      };
    },
  };
}

/** One article's notes to export, read before its text. */
interface ArticleNotes {
  id: string;
  annotations: Annotation[];
  articleNote?: ArticleNote;
}

/**
 * One article, the articles chosen, or every article that has notes (the counts index spares reading the
 * others' files); with `only`, just those passages. Notes only: they say how much the export holds before any text is read.
 */
async function exportNotesOf(
  ctx: ServiceContext,
  articleId: string | undefined,
  only: ReadonlySet<string> | undefined,
  articleIds?: readonly string[],
): Promise<ArticleNotes[]> {
  const { store } = ctx;
  let ids: string[];
  if (articleId) {
    requireKnown(store, articleId);
    ids = [articleId];
  } else if (articleIds) {
    // The articles chosen, in the library's order, each whether or not it has highlights (the user chose it).
    for (const id of articleIds) requireKnown(store, id);
    const chosen = new Set(articleIds);
    ids = store
      .listArticles()
      .map((a) => a.id)
      .filter((id) => chosen.has(id));
  } else if (only) ids = await articlesHolding(ctx, only);
  else {
    // The whole library: notes files read once each and not kept by the store (100,000 annotations held
    // twice took the export past +300 MB).
    const out: ArticleNotes[] = [];
    for await (const { articleId: id, annotations, articleNote } of store.allAnnotations())
      out.push({ id, annotations, ...(articleNote ? { articleNote } : {}) });
    return out;
  }
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
  notes: ArticleNotes[],
  warnings: string[],
): AsyncGenerator<ExportEntry> {
  const { store } = ctx;
  for (const notesOfOne of notes) {
    const { id, annotations: listed, articleNote } = notesOfOne;
    const article = await store.getArticleIfIntact(id);
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
