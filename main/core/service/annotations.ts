/**
 * One article's annotations: listed (each checked against the text and
 * re-anchored or marked orphaned), created from a range of the text, updated,
 * deleted and put back (undo). Changes to one article run one at a time.
 */
import type { Request, TagCount } from '../contract';
import { parseRequest } from '../dispatch';
import { anchor } from '../anchoring/anchor';
import { describeRange } from '../anchoring/describe';
import { normalizeTags } from '../annotations/tags';
import type { Annotation } from '../annotations/types';
import type { Article } from '../document/types';
import { GlossError } from '../errors';
import type { ServiceContext } from './context';
import { currentVersionHash } from '../versions/version-list';
import { intactArticle, requireArticle } from './library';
import { nodeCrypto } from '../util/lazy-builtins';

export function annotationRequests(ctx: ServiceContext) {
  const { store, now, articleQueue } = ctx;

  async function findAnnotation(articleId: string, id: string): Promise<Annotation> {
    await intactArticle(store, articleId);
    const found = (await store.listAnnotations(articleId)).find((a) => a.id === id);
    if (!found) throw notFound(id);
    return found;
  }

  return {
    async listAnnotations(request: Request<'listAnnotations'>): Promise<Annotation[]> {
      const { articleId } = await parseRequest('listAnnotations', request);
      return articleQueue.run(articleId, () => anchoredAnnotations(ctx, articleId));
    },

    async createAnnotation(request: Request<'createAnnotation'>): Promise<Annotation> {
      const req = await parseRequest('createAnnotation', request);
      return articleQueue.run(req.articleId, async () => {
        const article = await requireArticle(store, req.articleId);
        const { quote, position } = describeRange(article.text, req.start, req.end);
        const at = now();
        const annotation: Annotation = {
          id: nodeCrypto().randomUUID(),
          articleId: article.id,
          target: { source: article.id, quote, position },
          color: req.color,
          tags: normalizeTags(req.tags),
          note: req.note.trim(),
          created: at,
          modified: at,
          versionHash: currentVersionHash(article),
        };
        await store.putAnnotation(annotation);
        return annotation;
      });
    },

    async updateAnnotation(request: Request<'updateAnnotation'>): Promise<Annotation> {
      const req = await parseRequest('updateAnnotation', request);
      return articleQueue.run(req.articleId, async () => {
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
      });
    },

    async deleteAnnotation(request: Request<'deleteAnnotation'>): Promise<Annotation> {
      const req = await parseRequest('deleteAnnotation', request);
      return articleQueue.run(req.articleId, async () => {
        await findAnnotation(req.articleId, req.id);
        const removed = await store.deleteAnnotation(req.articleId, req.id);
        if (!removed) throw notFound(req.id);
        return removed;
      });
    },

    /** Puts back an annotation exactly as it was (undo of delete or update). */
    async restoreAnnotation(request: Request<'restoreAnnotation'>): Promise<Annotation> {
      const a = (await parseRequest('restoreAnnotation', request)).annotation as Annotation;
      return articleQueue.run(a.articleId, async () => {
        const article = await requireArticle(store, a.articleId);
        if (a.target.source !== a.articleId)
          throw new GlossError('INVALID_REQUEST', 'The annotation’s target does not match its article.');
        const { start, end } = a.target.position;
        if (end > article.text.length || start >= end)
          throw new GlossError(
            'OUT_OF_RANGE',
            `Range ${start}–${end} is outside the article (length ${article.text.length}).`,
          );
        const restored: Annotation = { ...a, tags: normalizeTags(a.tags) };
        await store.putAnnotation(restored);
        return restored;
      });
    },

    async listTags(): Promise<TagCount[]> {
      return store.tagCounts();
    },
  };
}

/**
 * An article's annotations in reading order, each checked against the text:
 * one whose quote moved is re-anchored, one whose quote is gone is marked
 * orphaned (and saved so). Without the text (a damaged copy) they are listed as saved.
 */
export async function anchoredAnnotations(ctx: ServiceContext, articleId: string): Promise<Annotation[]> {
  const article = await intactArticle(ctx.store, articleId);
  return anchoredOn(ctx, article, await ctx.store.listAnnotations(articleId));
}

/** `annotations` (as listed by the store) checked against `article`'s text (null: damaged), fixes saved. */
export async function anchoredOn(
  { store }: ServiceContext,
  article: Article | null,
  annotations: readonly Annotation[],
): Promise<Annotation[]> {
  const out: Annotation[] = [];
  for (const a of annotations) {
    const { start, end } = a.target.position;
    // Kept on an older version of the text (service/versions.ts): its words are not in this one.
    const onOlderVersion =
      article && a.orphan && a.versionHash && a.versionHash !== currentVersionHash(article);
    if (
      !article ||
      (!a.orphan && article.text.slice(start, end) === a.target.quote.exact) ||
      onOlderVersion
    ) {
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

function notFound(id: string): GlossError {
  return new GlossError('NOT_FOUND', `No annotation ${id} on this article; it may have been deleted.`);
}
