/**
 * The library's articles: listed with their annotation counts, opened,
 * corrected (citation fields) and removed, and the note on a whole article.
 */
import type { Request } from '../contract';
import { parseRequest } from '../dispatch';
import { EDITABLE_META, type Article, type ArticleSummary } from '../document/types';
import { GlossError } from '../errors';
import type { ArticleIndexEntry, Store } from '../store/index';
import type { ServiceContext } from './context';

export function libraryRequests({ store, drafts, now, articleQueue }: ServiceContext) {
  return {
    async listArticles(): Promise<ArticleSummary[]> {
      const countOf = await store.annotationCounter();
      const summaries: ArticleSummary[] = [];
      // One entry at a time: 10,000 entries held at once outlived V8's young generation (bench/README.md, core-rss).
      for (const e of store.articleEntries()) summaries.push(toSummary(e, countOf(e.id)));
      return summaries;
    },

    async getArticle(request: Request<'getArticle'>): Promise<Article> {
      return requireArticle(store, (await parseRequest('getArticle', request)).id);
    },

    async updateArticleMeta(request: Request<'updateArticleMeta'>): Promise<ArticleSummary> {
      const { id, ...changes } = await parseRequest('updateArticleMeta', request);
      requireKnown(store, id);
      const entry = await store.updateArticleMeta(id, changes);
      return toSummary(entry, (await store.annotationCounts([id])).get(id) ?? 0);
    },

    async removeArticle(request: Request<'removeArticle'>): Promise<void> {
      const { id } = await parseRequest('removeArticle', request);
      requireKnown(store, id); // known is enough: an article whose saved copy is damaged can be removed too
      await store.removeArticle(id);
      await drafts.discard((d) => d.articleId === id);
    },

    async getArticleNote(request: Request<'getArticleNote'>) {
      return (await store.articleNote((await parseRequest('getArticleNote', request)).articleId)) ?? null;
    },

    async setArticleNote(request: Request<'setArticleNote'>) {
      const { articleId, text } = await parseRequest('setArticleNote', request);
      return articleQueue.run(
        articleId,
        async () => (await store.setArticleNote(articleId, text, now())) ?? null,
      );
    },
  };
}

/** NOT_FOUND unless the library lists this article (its saved copy may still be damaged). */
export function requireKnown(store: Store, id: string): void {
  if (!store.hasArticle(id)) throw new GlossError('NOT_FOUND', `No article with id ${id} in the library.`);
}

export async function requireArticle(store: Store, id: string): Promise<Article> {
  requireKnown(store, id);
  return store.getArticle(id);
}

/** Null when its saved copy is damaged: its notes can still be listed, edited, exported and removed. */
export async function intactArticle(store: Store, id: string): Promise<Article | null> {
  requireKnown(store, id);
  return store.getArticleIfIntact(id);
}

export async function summaryOf(store: Store, id: string): Promise<ArticleSummary> {
  const entry = store.articleEntry(id);
  if (!entry) throw new GlossError('NOT_FOUND', `No article with id ${id} in the library.`);
  const counts = await store.annotationCounts([id]);
  return toSummary(entry, counts.get(id) ?? 0);
}

/** Summaries of these articles, in this order; ids no longer in the library are left out. */
export async function summariesOf(store: Store, ids: string[]): Promise<ArticleSummary[]> {
  const counts = await store.annotationCounts(ids);
  return ids.flatMap((id) => {
    const entry = store.articleEntry(id);
    return entry ? [toSummary(entry, counts.get(id) ?? 0)] : [];
  });
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
