/**
 * Every passage passing a notebook filter, read from the service one window at
 * a time (listPassages), so a command over 100,000 passages holds one window
 * while it prints.
 */
import type { Annotation, ArticleSummary, Request } from '../core/contract';
import type { GlossService } from '../core/service';

type Filter = NonNullable<Request<'listPassages'>['filter']>;

/** Passages per request: a window the service slices in memory. */
const WINDOW = 1000;

/** Each window of passages with the articles they belong to, in the notebook's article order. */
export async function* passageWindows(
  gloss: GlossService,
  filter: Filter,
): AsyncGenerator<{ passages: Annotation[]; articles: ArticleSummary[] }> {
  for (let offset = 0; ; offset += WINDOW) {
    const page = await gloss.listPassages({ filter, offset, limit: WINDOW });
    if (page.passages.length) yield { passages: page.passages, articles: page.articles };
    if (offset + WINDOW >= page.total) return;
  }
}
