/**
 * Annotations on a phrase of a built article, as the export tests make them:
 * the phrase is found in the article's text (the test stops if it is not),
 * described as a selection of it would be (quote with its context, position),
 * and given the fields every export reads. Each test file says its own
 * defaults (ids, colour, dates) once, with `annotator`.
 */
import assert from 'node:assert/strict';
import { describeRange } from '@core/anchoring/describe';
import type { Annotation } from '@core/annotations/types';
import type { Article } from '@core/document/types';

export type Annotate = (article: Article, phrase: string, extra?: Partial<Annotation>) => Annotation;

/** An annotation on [start, end) of the article's text, described as a selection of it would be, with the plain fields; `extra` over them. */
export function annotationAt(
  article: Article,
  start: number,
  end: number,
  extra: Partial<Annotation> = {},
): Annotation {
  const { quote, position } = describeRange(article.text, start, end);
  return {
    id: `${article.id}-${start}-${end - start}`,
    articleId: article.id,
    target: { source: article.id, quote, position },
    color: 'yellow',
    tags: [],
    note: '',
    created: '2024-03-06T10:00:00.000Z',
    modified: '2024-03-06T10:00:00.000Z',
    ...extra,
  };
}

/** An `annotate(article, phrase, extra)` whose fields default to `defaults(phrase, start, article)`, then to plain ones. */
export function annotator(
  defaults: (phrase: string, start: number, article: Article) => Partial<Annotation> = () => ({}),
): Annotate {
  return (article, phrase, extra = {}) => {
    const start = article.text.indexOf(phrase);
    assert.notEqual(start, -1, `test setup: "${phrase}" not in the article`);
    return annotationAt(article, start, start + phrase.length, {
      ...defaults(phrase, start, article),
      ...extra,
    });
  };
}

/** An annotation on `phrase` with the plain defaults. */
export const annotationOn: Annotate = annotator();
