/**
 * Export: one article's notes, every article that has notes, or a chosen set
 * of passages, rendered in a format and written atomically where the user
 * chose. A damaged article's notes are exported from their saved quotes, with a warning.
 */
import { resolve } from 'node:path';
import type { ExportNotesRequest, ExportReport } from '../contract';
import { parsePathRequest } from '../dispatch';
import { GlossError } from '../errors';
import type { ExportEntry } from '../export/types';
import { anchoredAnnotations } from './annotations';
import type { ServiceContext } from './context';

export function exportRequests(ctx: ServiceContext) {
  return {
    async exportNotes(request: ExportNotesRequest): Promise<ExportReport> {
      const req = parsePathRequest('exportNotes', request);
      const only = req.annotationIds && new Set(req.annotationIds);
      const entries = await exportEntries(ctx, req.articleId, only);
      const found = entries.reduce((n, e) => n + e.annotations.length, 0);
      if (only && found === 0)
        throw new GlossError(
          'NOT_FOUND',
          'None of the passages chosen is in the library any more: nothing was exported.',
        );
      const { renderExport } = await import('../export/index');
      const { writeExport } = await import('../export/write');
      const path = resolve(req.path);
      // The user's name (settings) signs the annotations as their creator.
      const { userName } = await ctx.store.getSettings();
      const codebook = (await ctx.store.tagCounts()).filter((t) => t.color || t.description);
      const { bytes } = await writeExport(path, renderExport(req.format, entries, { userName, codebook }), {
        dataDir: ctx.dataDir,
      });
      const missing = only ? only.size - found : 0;
      const warnings = [
        ...entries.flatMap((e) => e.warning ?? []),
        ...(missing > 0
          ? [`${missing} of the passages chosen ${missing === 1 ? 'is' : 'are'} no longer in the library.`]
          : []),
      ];
      return {
        path,
        format: req.format,
        articles: entries.length,
        annotations: found,
        bytes,
        ...(warnings.length && { warnings }),
      };
    },
  };
}

/** One article, or every article that has notes (the counts index spares reading the others' files); with `only`, just those passages. */
async function exportEntries(
  ctx: ServiceContext,
  articleId: string | undefined,
  only: ReadonlySet<string> | undefined,
): Promise<ExportEntry[]> {
  const { store } = ctx;
  let ids: string[];
  if (articleId)
    ids = [articleId]; // anchoredAnnotations below: NOT_FOUND if unknown
  else if (only) ids = await articlesHolding(ctx, only);
  else {
    const counts = await store.annotationCounts();
    ids = store
      .listArticles()
      .map((a) => a.id)
      .filter((id) => (counts.get(id) ?? 0) > 0);
  }
  const entries: ExportEntry[] = [];
  for (const id of ids) {
    const all = await anchoredAnnotations(ctx, id);
    const annotations = only ? all.filter((a) => only.has(a.id)) : all;
    if (only && !annotations.length) continue;
    const article = await store.getArticleIfIntact(id);
    const articleNote = only ? undefined : await store.articleNote(id);
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
