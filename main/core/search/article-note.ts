/**
 * The note on a whole article is searched like a highlight's note: it enters
 * the highlights index as a document of its own, under an id no highlight can
 * have, and its hits carry no highlight to select.
 */
import type { Annotation, ArticleNote } from '../annotations/types';

/** Highlight ids are UUIDs; this one is not. */
export const ARTICLE_NOTE_ID = 'article-note';

export function articleNoteDoc(articleId: string, note: ArticleNote): Annotation {
  return {
    id: ARTICLE_NOTE_ID,
    articleId,
    target: {
      source: articleId,
      quote: { type: 'TextQuoteSelector', exact: '', prefix: '', suffix: '' },
      position: { type: 'TextPositionSelector', start: 0, end: 0 },
    },
    color: 'yellow',
    tags: [],
    note: note.text,
    created: note.modified,
    modified: note.modified,
  };
}
