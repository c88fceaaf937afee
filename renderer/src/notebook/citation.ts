/** A passage as it is pasted elsewhere: “quote” — Title, Source, Date. */
import type { Annotation, ArticleSummary } from '../../../main/core/contract';
import { formatDate } from '../library/format';

export function citePassage(a: Annotation, article: ArticleSummary | undefined): string {
  const where = [
    article?.title,
    article?.source,
    article?.published ? formatDate(article.published) : undefined,
  ]
    .filter(Boolean)
    .join(', ');
  const quote = `“${a.target.quote.exact.replace(/\s+/g, ' ').trim()}”`;
  return where ? `${quote} — ${where}` : quote;
}

/** Several passages, one paragraph each, in the order given. */
export function citePassages(
  list: readonly Annotation[],
  articles: ReadonlyMap<string, ArticleSummary>,
): string {
  return list.map((a) => citePassage(a, articles.get(a.articleId))).join('\n\n');
}
