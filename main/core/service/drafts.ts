/**
 * The note or tag being typed into an annotation, saved as the user types so
 * a reload or a crash loses nothing; listed again when the article reopens.
 */
import type { Draft, Request } from '../contract';
import { parseRequest } from '../dispatch';
import type { ServiceContext } from './context';

export function draftRequests({ store, drafts, now }: ServiceContext) {
  return {
    async saveDraft(request: Request<'saveDraft'>): Promise<void> {
      const { articleId, annotationId, note, tag } = await parseRequest('saveDraft', request);
      await drafts.save({ articleId, annotationId, note, tag, saved: now() });
    },

    /** Drafts of annotations that still exist (one deleted meanwhile takes its draft with it). */
    async listDrafts(request: Request<'listDrafts'>): Promise<Draft[]> {
      const { articleId } = await parseRequest('listDrafts', request);
      const existing = new Set((await store.listAnnotations(articleId)).map((a) => a.id));
      return drafts.list(articleId).filter((d) => existing.has(d.annotationId));
    },
  };
}
