/**
 * How a change across the library is undone, from what it reported (a BatchReport): in the articles it
 * added (Import Highlights' articles for passages found nowhere), everything goes with the article; in the
 * others, each passage it changed goes back as it was, each it added (one with no `before`) is taken out,
 * each article note and tag code it set goes back — in one restoreAnnotations request, one journaled
 * batch — and then the articles it added are removed. Pure: the renderer's undo and the tests share it.
 */
import type { BatchReport, Request } from '../contract';

export interface BatchUndo {
  /** The passages, notes and codes put back in one journaled batch; null when there are none. */
  restore: Request<'restoreAnnotations'> | null;
  /** The articles the change added, removed after (removeArticles). */
  removeArticles: string[];
}

export function batchUndo(
  report: Pick<BatchReport, 'before' | 'after' | 'articleNotes' | 'articlesAdded' | 'codebook'>,
): BatchUndo {
  const added = new Set(report.articlesAdded);
  const had = new Set(report.before.map((a) => a.id));
  const annotations = report.before.filter((a) => !added.has(a.articleId));
  const remove = report.after
    .filter((a) => !had.has(a.id) && !added.has(a.articleId))
    .map((a) => ({ articleId: a.articleId, id: a.id }));
  const notes = (report.articleNotes ?? []).filter((n) => !added.has(n.articleId));
  const codes = report.codebook ?? [];
  const restore =
    annotations.length || remove.length || notes.length || codes.length
      ? {
          annotations,
          ...(remove.length && { remove }),
          ...(codes.length && { codebook: codes.map((c) => ({ tag: c.tag, code: c.before })) }),
          ...(notes.length && {
            articleNotes: notes.map((n) => ({ articleId: n.articleId, note: n.before })),
          }),
        }
      : null;
  return { restore, removeArticles: [...added] };
}
