/**
 * Searching the whole library (Ctrl/Cmd+K): the query as typed, the answer
 * for it, and opening a hit — the article scrolled to the words, or a
 * passage's highlight selected.
 */
import type { SearchHit, SearchResult } from '@core/contract';
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
    const result = await gloss().search({ query, limit: 200 });
    if (n === asked) searchStore.set({ result, answered: query, busy: false, error: '' });
  } catch (err) {
    if (n === asked) searchStore.set({ busy: false, error: messageOf(err) });
  }
}

/** Open what was found: a passage or note selects its highlight; words in the text are scrolled to and marked. */
export async function openHit(hit: SearchHit): Promise<void> {
  closeSearch();
  if (hit.annotationId) return openPassageById(hit.articleId, hit.annotationId);
  if (!(await openArticle(hit.articleId))) return;
  if (hit.at) revealText(hit.at.start, hit.at.end);
}
