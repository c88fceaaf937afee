/**
 * Search over a store, as the service offers it: the index (in its worker) is
 * opened on the first query — a command that never searches never loads it —
 * and from then on fed every change the store reports. Changes made before it
 * opened need no feeding: opening compares the index with the store.
 */
import { GlossError } from '../errors';
import type { Store, StoreChange } from '../store/index';
import { openSearchIndex, type SearchIndexHandle } from './search-client';
import type { IndexChange } from './index-keeper';
import type { SearchResult } from './types';

export interface LibrarySearchOptions {
  /** Sentences for the user (a damaged index being rebuilt). */
  onWarning: (sentence: string) => void;
  /** How long after a change the index is saved (default 10 s). */
  saveDelayMs?: number;
  /** Run on the calling thread instead of a worker (tests). */
  inThread?: boolean;
  /**
   * Open the index now, in the background, rather than at the first query (the app:
   * loading 10,000 articles' index takes seconds, in the worker). The CLI leaves it.
   */
  openAtStart?: boolean;
  /** The index counts as open once its text cache is filled too (benchmarks measuring the steady state). */
  warmFirst?: boolean;
  /** Told each time the index has opened (tests wait for it; the worker is never sent this). */
  onOpened?: () => void;
}

export interface LibrarySearch {
  search(query: string, limit?: number): Promise<SearchResult>;
  /** Saves the index's changes now (they are saved a moment after each change anyway). */
  flush(): Promise<void>;
  /** Saves the index and stops its worker (before the store closes). */
  close(): Promise<void>;
}

export function librarySearch(store: Store, { onOpened, ...options }: LibrarySearchOptions): LibrarySearch {
  let opening: Promise<SearchIndexHandle> | null = null;
  let closed = false;

  const open = (): Promise<SearchIndexHandle> => {
    opening ??= openSearchIndex({ dataDir: store.dataDir, entries: store.listArticles(), ...options }).then(
      (index) => {
        onOpened?.();
        return index;
      },
      (err) => {
        opening = null; // the next query tries again
        throw err;
      },
    );
    return opening;
  };

  if (options.openAtStart) open().catch(() => {}); // a failure is met again, and reported, by the first query

  const unsubscribe = store.onChange((change) => {
    if (!opening) return;
    // Read now, in the order the changes happened; passed on once the index is open.
    const indexChange = toIndexChange(store, change);
    opening.then(
      (index) => index.change(indexChange),
      () => {},
    );
  });

  return {
    search: async (query, limit) => {
      if (closed) throw new GlossError('INTERNAL', 'The library has been closed.');
      return (await open()).search(query, limit);
    },
    flush: async () => {
      const index = await opening?.catch(() => null);
      await index?.flush();
    },
    close: async () => {
      if (closed) return;
      closed = true;
      unsubscribe();
      const index = await opening?.catch(() => null);
      await index?.close();
    },
  };
}

function toIndexChange(store: Store, change: StoreChange): IndexChange {
  if (change.kind === 'notes') return change;
  const entry = change.kind === 'article' ? store.articleEntry(change.id) : undefined;
  return entry ? { kind: 'article', entry } : { kind: 'article-removed', id: change.id };
}
