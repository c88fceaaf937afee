/** The save the save-annotation row times (and profile-save profiles): one passage, tagged and noted. */
import type { Article } from '@core/document/types';
import type { GlossService } from '@core/service';

/** 12 characters at the start of the article's fourth block: green, tagged `bench`, with a note; resolves once durable. */
export function saveOnePassage(
  service: GlossService,
  article: Pick<Article, 'id' | 'blocks'>,
): Promise<unknown> {
  const block = article.blocks[3];
  return service.createAnnotation({
    articleId: article.id,
    start: block.start,
    end: block.start + 12,
    color: 'green',
    tags: ['bench'],
    note: 'a note',
  });
}
