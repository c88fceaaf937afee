/**
 * Several articles chosen in the library, removed at once: one request, one
 * confirmation in the UI, one undo (the store keeps them aside for the
 * session: store/removed-articles.ts). Exporting a selection is exportNotes
 * with `articleIds` (service/export.ts).
 */
import type { ArticleSummary, ArticlesRemoved, Request } from '../contract';
import { parseRequest } from '../dispatch';
import type { ServiceContext } from './context';
import { requireKnown, summariesOf } from './library';

export function librarySelectionRequests({ store, drafts }: ServiceContext) {
  return {
    async removeArticles(request: Request<'removeArticles'>): Promise<ArticlesRemoved> {
      const { ids } = await parseRequest('removeArticles', request);
      for (const id of ids) requireKnown(store, id); // validate first: nothing is removed if one is unknown
      const removal = await store.removeArticles(ids);
      const gone = new Set(removal.entries.map((e) => e.id));
      await drafts.discard((d) => gone.has(d.articleId));
      return { articles: removal.entries.length, annotations: removal.annotations, token: removal.token };
    },

    async restoreArticles(request: Request<'restoreArticles'>): Promise<ArticleSummary[]> {
      const { token } = await parseRequest('restoreArticles', request);
      const back = await store.restoreRemovedArticles(token);
      return summariesOf(
        store,
        back.map((e) => e.id),
      );
    },
  };
}
