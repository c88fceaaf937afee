/**
 * Searching the whole library (Ctrl/Cmd+K): the query as typed, the answer
 * for it, and opening a hit — the article scrolled to the words, or a
 * passage's highlight selected.
 */
import type { SearchGroup, SearchHit, SearchResult } from '@core/contract';
import { createStore } from '../store';
import { gloss, messageOf } from '../gloss';
import { openPassageById } from '../annotations/annotationsStore';
import { openArticle, revealText } from '../reader/readerStore';

export const searchStore = createStore({
  open: false,
  query: '',
  result: null as SearchResult | null,
  /** The query the result answers. */
  answered: '',
  busy: false,
  error: '',
});

/** Typing pauses this long before the library is searched. */
export const SEARCH_DEBOUNCE_MS = 150;
/**
 * Hits asked for at first, and each time the list is scrolled to its end: a few screens of the
 * dialog (about a dozen rows each). A hit costs its snippet, so asking 200 up front made every
 * keystroke pay for pages seldom seen. The search-10k bench row asks the same.
 */
export const SEARCH_PAGE = 50;
/** The contract's largest limit. */
const MAX_HITS = 1000;
let timer: ReturnType<typeof setTimeout> | undefined;
let asked = 0;

export function openSearch(): void {
  searchStore.set({ open: true });
}

export function closeSearch(): void {
  searchStore.set({ open: false });
}

export function typeQuery(query: string): void {
  searchStore.set({ query });
  clearTimeout(timer);
  timer = setTimeout(() => void runSearch(query), SEARCH_DEBOUNCE_MS);
}

export async function runSearch(query: string): Promise<void> {
  const n = ++asked;
  if (!query.trim()) return searchStore.set({ result: null, answered: '', busy: false, error: '' });
  searchStore.set({ busy: true });
  try {
    const result = await gloss().search({ query, limit: SEARCH_PAGE });
    if (n === asked) searchStore.set({ result, answered: query, busy: false, error: '' });
  } catch (err) {
    if (n === asked) searchStore.set({ busy: false, error: messageOf(err) });
  }
}

/**
 * The next page of hits for the query shown, when its answer says more may match: the query asked
 * again with a larger limit, its hits not shown yet added after those shown (which keep their
 * places: a larger limit walks more of the library, so its order may differ a little).
 */
export async function showMoreHits(): Promise<void> {
  const { result: shown, answered: query, query: typed, busy } = searchStore.get();
  if (!shown?.truncated || busy || typed !== query || shown.hits >= MAX_HITS) return;
  const n = ++asked;
  searchStore.set({ busy: true });
  try {
    const next = await gloss().search({ query, limit: Math.min(shown.hits + SEARCH_PAGE, MAX_HITS) });
    if (n === asked) searchStore.set({ result: withNewHits(shown, next), busy: false, error: '' });
  } catch (err) {
    if (n === asked) searchStore.set({ busy: false, error: messageOf(err) });
  }
}

/** `shown` followed by the hits of `next` it lacks, in `next`'s order (grouped by article as they come). */
export function withNewHits(shown: SearchResult, next: SearchResult): SearchResult {
  const keyOf = (h: SearchHit) => `${h.kind}/${h.articleId}/${h.annotationId ?? ''}`;
  const seen = new Set(shown.groups.flatMap((g) => g.hits.map(keyOf)));
  const groups = [...shown.groups];
  let hits = shown.hits;
  let added: SearchGroup | undefined;
  for (const group of next.groups)
    for (const hit of group.hits) {
      if (seen.has(keyOf(hit))) continue;
      if (added?.articleId !== hit.articleId) groups.push((added = { ...group, hits: [] }));
      added.hits.push(hit);
      hits++;
    }
  // Nothing new: the larger page found no more (the rest were the shown ones, in another order).
  const truncated = next.truncated && hits > shown.hits;
  return { ...next, groups, hits, truncated };
}

/** Open what was found: a passage or note selects its highlight; words in the text are scrolled to and marked. */
export async function openHit(hit: SearchHit): Promise<void> {
  closeSearch();
  if (hit.annotationId) return openPassageById(hit.articleId, hit.annotationId);
  if (!(await openArticle(hit.articleId))) return;
  if (hit.at) revealText(hit.at.start, hit.at.end);
}
