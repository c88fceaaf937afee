/**
 * An article's versions: the hash that names each one, and the list an article
 * carries (articles imported before versions existed carry none: they have one
 * version, their text).
 */
import type { Article, ArticleVersion } from '../document/types';
import { nodeCrypto } from '../util/lazy-builtins';

/** sha256 (hex) of a version's canonical text: the same words are the same version, however imported. */
export function versionHash(text: string): string {
  return nodeCrypto().createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The text's hash, computed once per article object (articles are read-only once read). */
const hashes = new WeakMap<Article, string>();
export function currentVersionHash(article: Article): string {
  const listed = article.versions?.at(-1)?.hash;
  if (listed) return listed;
  let hash = hashes.get(article);
  if (!hash) hashes.set(article, (hash = versionHash(article.text)));
  return hash;
}

/** Every version, oldest first; the last is the article's own text. */
export function versionsOf(article: Article): ArticleVersion[] {
  if (article.versions?.length) return article.versions;
  return [
    {
      hash: currentVersionHash(article),
      sourceId: article.id,
      importedAt: article.meta.importedAt,
      title: article.meta.title,
      wordCount: article.meta.wordCount,
    },
  ];
}

/** The version record of this text (the current one, without where it is kept). */
export function versionRecord(article: Article, sourceId: string): ArticleVersion {
  return {
    hash: versionHash(article.text),
    sourceId,
    importedAt: article.meta.importedAt,
    title: article.meta.title,
    wordCount: article.meta.wordCount,
  };
}
