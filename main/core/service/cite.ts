/**
 * "Copy with citation" and `gloss cite`: passages with their citations
 * (export/cite.ts), from the article as the user corrected it. The copy
 * itself happens in the renderer, which alone holds the clipboard.
 */
import type { Annotation } from '../annotations/types';
import { describeRange } from '../anchoring/describe';
import type { Citation, Citations, Request } from '../contract';
import type { Article } from '../document/types';
import { parseRequest } from '../dispatch';
import { GlossError } from '../errors';
import { citer, joinCitations } from '../export/cite';
import type { Store } from '../store/index';

export interface CiteDeps {
  store: Store;
  /** An article's annotations checked against its text (null: damaged), so a passage is cited where its words are now. */
  anchoredOn: (article: Article | null, articleId: string) => Promise<Annotation[]>;
}

/** A range not highlighted yet, cited as if it were (quote and position, no colour or note). */
function rangeAnnotation(article: Article, start: number, end: number): Annotation {
  if (end > article.text.length)
    throw new GlossError(
      'OUT_OF_RANGE',
      `Range ${start}–${end} is outside the article (length ${article.text.length}).`,
    );
  const { quote, position } = describeRange(article.text, start, end);
  return {
    id: `range:${start}-${end}`,
    articleId: article.id,
    target: { source: article.id, quote, position },
    color: 'yellow',
    tags: [],
    note: '',
    created: '',
    modified: '',
  };
}

export function citeRequests({ store, anchoredOn }: CiteDeps) {
  /** The article each unplaced annotation id belongs to, looked for across the library. */
  async function articlesOf(ids: ReadonlySet<string>): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    if (ids.size === 0) return found;
    for await (const { articleId, annotations } of store.allAnnotations())
      for (const a of annotations) if (ids.has(a.id)) found.set(a.id, articleId);
    return found;
  }

  return {
    async citeAnnotations(request: Request<'citeAnnotations'>): Promise<Citations> {
      const req = await parseRequest('citeAnnotations', request); // the CLI comes through here too
      const placed = await articlesOf(
        new Set(req.annotations.flatMap((a) => ('id' in a && !a.articleId ? [a.id] : []))),
      );
      const byArticle = new Map<
        string,
        { article: Article; cite: (a: Annotation) => Citation; annotations: Map<string, Annotation> }
      >();
      const citations: Citations['citations'] = [];
      for (const item of req.annotations) {
        const isRange = 'start' in item;
        const id = isRange ? `range:${item.start}-${item.end}` : item.id;
        const articleId = item.articleId ?? placed.get(id);
        if (!articleId || !store.hasArticle(articleId))
          throw new GlossError(
            'NOT_FOUND',
            isRange
              ? `No article with id ${articleId} in the library.`
              : `No highlight ${id} in the library; it may have been deleted.`,
          );
        let one = byArticle.get(articleId);
        if (!one) {
          // Read once and in passing: passages chosen across the library do not push the open article
          // out of the store's cache. A damaged saved copy: cited from its stand-in (the index's metadata).
          const intact = await store.getArticleIfIntact(articleId, { keep: false });
          const article: Article = intact ?? store.articleStandIn(articleId);
          const annotations = new Map((await anchoredOn(intact, articleId)).map((a) => [a.id, a]));
          one = { article, cite: citer(article), annotations };
          byArticle.set(articleId, one);
        }
        const annotation = isRange
          ? rangeAnnotation(one.article, item.start, item.end)
          : one.annotations.get(id);
        if (!annotation)
          throw new GlossError('NOT_FOUND', `No highlight ${id} in this article; it may have been deleted.`);
        citations.push({ ...one.cite(annotation), articleId, id });
      }
      return {
        ...joinCitations(citations),
        ...(citations.length === 1 && citations[0].link ? { link: citations[0].link } : {}),
        citations,
      };
    },
  };
}
