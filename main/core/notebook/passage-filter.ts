/**
 * Which passages the notebook shows and in what order: by tags (several, all
 * or any; a tag covers its children by '/'), colours, article, source, the
 * article's date (published, else added) and text in the quote or note;
 * sorted by article order (the library's: newest first, then place in the
 * text), date created or date modified (newest first). Pure: the service
 * filters with it (main/core/notebook/passage-catalog.ts) and the renderer takes its names.
 */
import type { Annotation, ArticleSummary, Color } from '../contract';
import { tagKey } from '../annotations/tags';

export const NOTEBOOK_SORTS = {
  article: 'Article order',
  created: 'Date created',
  modified: 'Date modified',
} as const;
export type NotebookSort = keyof typeof NOTEBOOK_SORTS;

export interface NotebookFilter {
  tags: string[];
  match: 'all' | 'any';
  colors: Color[];
  /** '' for every article. */
  articleId: string;
  /** Several articles (the command line's repeated --article); empty or absent for every article. */
  articleIds?: string[];
  /** '' for every source. */
  source: string;
  /** YYYY-MM-DD bounds on the article's date, inclusive; '' for open. */
  from: string;
  to: string;
  /** Words looked for in the quote and the note (case and accents ignored). */
  text: string;
  /** false: a tag covers only itself, not its children (how many passages a tag's deletion touches). */
  tagChildren?: boolean;
  sort: NotebookSort;
}

export const EVERY_PASSAGE: NotebookFilter = {
  tags: [],
  match: 'any',
  colors: [],
  articleId: '',
  source: '',
  from: '',
  to: '',
  text: '',
  sort: 'article',
};

/** What the filters and the sort read of a passage's article. */
export type PassageArticle = Pick<ArticleSummary, 'source' | 'published' | 'importedAt'>;

/** The date a passage's article is cited by: published when known, else when it was added. */
export const articleDate = (a: PassageArticle | undefined): string => a?.published ?? a?.importedAt ?? '';

const ASCII = /^[\x00-\x7f]*$/;
/**
 * Case and accents ignored. toLowerCase, not toLocaleLowerCase('und'): the same for matching here, and fifty
 * times faster over 100,000 passages; ASCII (most quotes) has no accents to take off, so it is only lower-cased.
 */
export const foldText = (s: string) =>
  ASCII.test(s) ? s.toLowerCase() : s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
const fold = foldText;
/** Each passage's quote and note folded once (not per keystroke): a passage object is replaced, never changed, when edited. */
const folded = new WeakMap<Annotation, string>();
/** A passage's quote and note as the text filter reads them (folded once, then kept). */
export const haystack = (a: Annotation) => {
  let h = folded.get(a);
  if (h === undefined) folded.set(a, (h = fold(`${a.target.quote.exact}\n${a.note}`)));
  return h;
};

/** A library has hundreds of tags over 100,000 passages: each tag's key is made once. */
const keys = new Map<string, string>();
const keyOf = (tag: string) => {
  let k = keys.get(tag);
  if (k === undefined) keys.set(tag, (k = tagKey(tag)));
  return k;
};
/** Each passage's tag keys, computed once (tagKey normalises: too slow to redo 100,000 times per filter). */
const tagKeys = new WeakMap<Annotation, string[]>();
const keysOf = (a: Annotation) => {
  let k = tagKeys.get(a);
  if (k === undefined) tagKeys.set(a, (k = a.tags.map(keyOf)));
  return k;
};
/** tagCovers (main/core/annotations/tags.ts) on keys already made: a tag covers itself and its children by '/'. */
const covers = (filterKey: string, key: string) =>
  key === filterKey ||
  (key.length > filterKey.length && key.startsWith(filterKey) && key[filterKey.length] === '/');

export function filterPassages(
  annotations: readonly Annotation[],
  articles: ReadonlyMap<string, PassageArticle>,
  f: NotebookFilter,
): Annotation[] {
  return sortPassages(keepPassages(annotations, articles, f), articles, f.sort);
}

/**
 * The passages the filter keeps, in the order given (filterPassages without the sort). `texts`, when
 * given, holds each passage's haystack at its index (the catalogue keeps them so: a look-up per passage
 * in the WeakMap costs four times the words' search over 100,000).
 */
export function keepPassages(
  annotations: readonly Annotation[],
  articles: ReadonlyMap<string, PassageArticle>,
  f: NotebookFilter,
  texts?: readonly string[],
): Annotation[] {
  const colors = new Set(f.colors);
  const words = fold(f.text).split(/\s+/).filter(Boolean);
  const wanted = f.tags.map(tagKey).filter(Boolean);
  const hasTag =
    f.tagChildren === false
      ? (a: Annotation, filterKey: string) => keysOf(a).includes(filterKey)
      : (a: Annotation, filterKey: string) => keysOf(a).some((k) => covers(filterKey, k));
  const inArticles = f.articleIds?.length ? new Set(f.articleIds) : null;
  return annotations.filter((a, i) => {
    if (colors.size && !colors.has(a.color)) return false;
    if (f.articleId && a.articleId !== f.articleId) return false;
    if (inArticles && !inArticles.has(a.articleId)) return false;
    if (
      wanted.length &&
      !(f.match === 'all' ? wanted.every((t) => hasTag(a, t)) : wanted.some((t) => hasTag(a, t)))
    )
      return false;
    if (f.source || f.from || f.to) {
      const article = articles.get(a.articleId);
      if (f.source && article?.source !== f.source) return false;
      const day = articleDate(article).slice(0, 10);
      if (f.from && (!day || day < f.from)) return false;
      if (f.to && (!day || day > f.to)) return false;
    }
    if (words.length) {
      const hay = texts ? texts[i] : haystack(a);
      if (!words.every((w) => hay.includes(w))) return false;
    }
    return true;
  });
}

const newestFirst = (x: string, y: string) => (x < y ? 1 : x > y ? -1 : 0);

export function sortPassages(
  list: Annotation[],
  articles: ReadonlyMap<string, PassageArticle>,
  sort: NotebookSort,
): Annotation[] {
  if (sort === 'created')
    return list.sort((a, b) => newestFirst(a.created, b.created) || a.id.localeCompare(b.id));
  if (sort === 'modified')
    return list.sort((a, b) => newestFirst(a.modified, b.modified) || a.id.localeCompare(b.id));
  // Article order: the library's order (newest first), then the place in the text.
  const byArticle = articleOrder(articles);
  return list.sort((a, b) => byArticle(a.articleId, b.articleId) || byPlace(a, b));
}

/** Within an article: by the place in the text. */
export const byPlace = (a: Annotation, b: Annotation): number =>
  a.target.position.start - b.target.position.start || a.target.position.end - b.target.position.end;

/** The order of articles in the notebook's article order (by ids): newest date first, then by id. */
export function articleOrder(
  articles: ReadonlyMap<string, PassageArticle>,
): (x: string, y: string) => number {
  const rank = new Map<string, string>();
  for (const [id, a] of articles) rank.set(id, articleDate(a));
  return (x, y) => newestFirst(rank.get(x) ?? '', rank.get(y) ?? '') || (x < y ? -1 : x > y ? 1 : 0);
}

/** The filter that shows every passage in article order: its first windows need only the first articles' notes. */
export function isEveryPassageByArticle(f: NotebookFilter): boolean {
  return (
    f.sort === 'article' &&
    f.tags.length === 0 &&
    f.colors.length === 0 &&
    !f.articleId &&
    !f.articleIds?.length &&
    !f.source &&
    !f.from &&
    !f.to &&
    !fold(f.text).trim()
  );
}
