/**
 * Everything the first screen needs, asked of main at once and before React
 * mounts: settings and the library list together, then (as soon as settings
 * name it) the last article and its annotations side by side, instead of one
 * call after another.
 */
import type { Annotation, Article, ArticleSummary, Settings } from '@core/contract';
import { gloss } from '../gloss';

export interface Startup {
  settings: Promise<Settings>;
  articles: Promise<ArticleSummary[]>;
  /** The article to reopen, or null when there is none (or it is gone). */
  article: Promise<Article | null>;
  annotations: Promise<Annotation[] | null>;
}

declare global {
  interface Window {
    /** The same four requests, made by first-screen.js (inline in index.html) while this script was still loading. */
    __glossStartup?: Startup;
  }
}

let started: Startup | undefined;

export function beginStartup(): Startup {
  if (started) return started;
  const early = window.__glossStartup;
  if (early) {
    delete window.__glossStartup;
    return (started = early);
  }
  const g = gloss();
  const settings = g.getSettings();
  const articles = g.listArticles();
  const lastId = settings.then(
    (s) => s.lastArticleId ?? null,
    () => null,
  );
  const article = lastId.then((id) => (id ? g.getArticle({ id }).catch(() => null) : null));
  const annotations = lastId.then((id) =>
    id ? g.listAnnotations({ articleId: id }).catch(() => null) : null,
  );
  // Callers that never await a branch must not see an unhandled rejection.
  settings.catch(() => undefined);
  articles.catch(() => undefined);
  started = { settings, articles, article, annotations };
  return started;
}

/**
 * The first screen's answers, for the one caller that shows them. Kept no
 * longer: a book's article and annotations would otherwise stay in memory
 * beside the copies the reader keeps, for as long as the window is open.
 */
export function takeStartup(): Startup {
  const s = beginStartup();
  started = undefined;
  return s;
}
