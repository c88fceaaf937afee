/**
 * The library as a workspace: tags renamed, merged and deleted across every
 * article (one journaled operation each, undone by putting the annotations
 * back), and described (the codebook). Every passage of the library in one
 * list is the notebook's listPassages (service/notebook.ts).
 */
import type { BatchReport, Request } from '../contract';
import { parseRequest } from '../dispatch';
import { normalizeTags, sameTag, type TagChange } from '../annotations/tags';
import type { Annotation } from '../annotations/types';
import { GlossError } from '../errors';
import type { ServiceContext } from './context';

const tidyTag = (tag: string): string => normalizeTags([tag])[0] ?? '';

export function workspaceRequests({ store, now }: ServiceContext) {
  return {
    async changeTags(request: Request<'changeTags'>): Promise<BatchReport> {
      const req = await parseRequest('changeTags', request); // the CLI and tests come through here too
      const change: TagChange =
        req.change.kind === 'rename'
          ? {
              kind: 'rename',
              from: normalizeTags(req.change.from),
              to: normalizeTags([req.change.to])[0] ?? '',
            }
          : { kind: 'delete', tags: normalizeTags(req.change.tags) };
      if (change.kind === 'rename' && (!change.to || change.from.length === 0))
        throw new GlossError('INVALID_REQUEST', 'A tag needs a name.');
      if (change.kind === 'delete' && change.tags.length === 0)
        throw new GlossError('INVALID_REQUEST', 'Name the tags to delete.');
      return store.changeTags(change, now());
    },

    async restoreAnnotations(request: Request<'restoreAnnotations'>): Promise<BatchReport> {
      const req = await parseRequest('restoreAnnotations', request);
      for (const a of req.annotations) {
        if (a.target.source !== a.articleId)
          throw new GlossError('INVALID_REQUEST', 'An annotation’s target does not match its article.');
        if (!store.hasArticle(a.articleId))
          throw new GlossError('NOT_FOUND', `No article with id ${a.articleId} in the library.`);
      }
      for (const n of req.articleNotes ?? [])
        if (!store.hasArticle(n.articleId))
          throw new GlossError('NOT_FOUND', `No article with id ${n.articleId} in the library.`);
      // An annotation to take out of an article removed since is gone with it: nothing to do (restoreInto skips it).
      return store.restoreAnnotations(
        req.annotations.map((a) => ({ ...a, tags: normalizeTags(a.tags) }) as Annotation),
        req.remove,
        req.codebook?.map(({ tag, code }) => ({
          tag: tidyTag(tag),
          code: code && { ...code, tag: tidyTag(tag) },
        })),
        // A note of white space is no note, as setArticleNote has it.
        req.articleNotes?.map(({ articleId, note }) => ({
          articleId,
          note: note?.text.trim() ? note : null,
        })),
      );
    },

    async describeTag(request: Request<'describeTag'>): Promise<BatchReport> {
      const req = await parseRequest('describeTag', request);
      const tag = tidyTag(req.tag);
      if (!tag) throw new GlossError('INVALID_REQUEST', 'A tag needs a name.');
      if (req.color === undefined && req.description === undefined)
        throw new GlossError('INVALID_REQUEST', 'Give the tag a colour or a description (or clear one).');
      const used = (await store.tagCounts()).find((t) => sameTag(t.tag, tag));
      const code = {
        tag: used?.tag ?? tag,
        color: req.color === undefined ? used?.color : (req.color ?? undefined),
        description: req.description === undefined ? used?.description : req.description || undefined,
      };
      return store.putTagCodes([{ tag: code.tag, code }], now());
    },
  };
}
