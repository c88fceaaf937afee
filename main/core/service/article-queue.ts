/**
 * Changes to one article's annotations run one at a time: each reads the
 * current annotation and writes it back, so two interleaved requests (a tag
 * and a note sent together) must not overwrite each other. Different articles
 * run side by side.
 */
export interface ArticleQueue {
  run<T>(articleId: string, work: () => Promise<T>): Promise<T>;
}

export function createArticleQueue(): ArticleQueue {
  const tails = new Map<string, Promise<unknown>>();
  return {
    run(articleId, work) {
      const run = (tails.get(articleId) ?? Promise.resolve()).then(work, work);
      const settled = run.catch(() => undefined);
      tails.set(articleId, settled);
      void settled.then(() => tails.get(articleId) === settled && tails.delete(articleId));
      return run;
    },
  };
}
