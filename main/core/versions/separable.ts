import type { Article, ArticleVersion } from '../document/types';
import { versionsOf } from './version-list';

/** Whether this version can be made an article of its own: not the first, which is the article itself. */
export function separable(article: Article, version: ArticleVersion): boolean {
  return versionsOf(article).length > 1 && version.sourceId !== article.id;
}
