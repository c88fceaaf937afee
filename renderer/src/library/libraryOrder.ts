/**
 * How the library list is ordered and narrowed: by date added, published
 * date, title, author, source or number of highlights; to one source, to
 * articles with highlights, or to the articles holding a tag. Pure, so the
 * list, its tests and the sort menu agree.
 */
import type { ArticleSummary } from '@core/contract';

export const LIBRARY_SORTS = {
  added: 'Date added',
  published: 'Published date',
  title: 'Title',
  author: 'Author',
  source: 'Source',
  highlights: 'Number of highlights',
} as const;
export type LibrarySort = keyof typeof LIBRARY_SORTS;

export interface LibraryFilter {
  sort: LibrarySort;
  /** '' for every source. */
  source: string;
  withHighlights: boolean;
  /** Only these articles (those holding the chosen tag); null for no tag filter. */
  articleIds: ReadonlySet<string> | null;
}

export const ALL_ARTICLES: LibraryFilter = {
  sort: 'added',
  source: '',
  withHighlights: false,
  articleIds: null,
};

// Leading quotes and punctuation do not decide the order: "'The enduring…" files under T.
const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true, ignorePunctuation: true });
const desc = (a: string | undefined, b: string | undefined) =>
  a === b ? 0 : a === undefined ? 1 : b === undefined ? -1 : a < b ? 1 : -1;
/** Text ascending, articles without the field last. */
const text = (a: string | undefined, b: string | undefined) =>
  a === b ? 0 : !a ? 1 : !b ? -1 : collator.compare(a, b);

const ORDER: Record<LibrarySort, (a: ArticleSummary, b: ArticleSummary) => number> = {
  added: (a, b) => desc(a.importedAt, b.importedAt),
  published: (a, b) => desc(a.published, b.published) || desc(a.importedAt, b.importedAt),
  title: (a, b) => text(a.title, b.title),
  author: (a, b) => text(a.byline, b.byline) || text(a.title, b.title),
  source: (a, b) =>
    text(a.source, b.source) || desc(a.published ?? a.importedAt, b.published ?? b.importedAt),
  highlights: (a, b) => b.annotationCount - a.annotationCount || desc(a.importedAt, b.importedAt),
};

export function orderLibrary(articles: readonly ArticleSummary[], f: LibraryFilter): ArticleSummary[] {
  return articles
    .filter(
      (a) =>
        (!f.source || a.source === f.source) &&
        (!f.withHighlights || a.annotationCount > 0) &&
        (!f.articleIds || f.articleIds.has(a.id)),
    )
    .sort((a, b) => ORDER[f.sort](a, b) || collator.compare(a.id, b.id));
}

/** The sources in the library, most articles first, for the source menu. */
export function librarySources(articles: readonly ArticleSummary[]): string[] {
  const counts = new Map<string, number>();
  for (const a of articles) if (a.source) counts.set(a.source, (counts.get(a.source) ?? 0) + 1);
  return [...counts].sort((x, y) => y[1] - x[1] || collator.compare(x[0], y[0])).map(([s]) => s);
}
