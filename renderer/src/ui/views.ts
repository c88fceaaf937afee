/** Which of the library's views shows when no article is open: the article list, the notebook of passages, or the tags. */
import { createStore } from '../store';
import { closeArticle } from '../reader/readerStore';
import { NotebookView, TagManagerView } from './viewChunks';
import { loadNotebook } from '../notebook/notebookStore';

export const VIEWS = { library: 'Library', notebook: 'Notebook', tags: 'Tags' } as const;
export type View = keyof typeof VIEWS;

export const viewStore = createStore({ view: 'library' as View });

const CHUNKS: Partial<Record<View, { whenLoaded(): Promise<unknown> | null }>> = {
  notebook: NotebookView,
  tags: TagManagerView,
};
/** What a view asks main for, started with the switch rather than after its first render. */
const PREFETCH: Partial<Record<View, () => unknown>> = { notebook: loadNotebook };

let asked = 0;
/**
 * Show a view (closing the article if one is open). A view whose chunk is not in yet shows when it
 * arrives, rather than behind a Suspense fallback that React would hold for 300 ms (ui/lazyView.tsx);
 * the last view asked for wins.
 */
export function showView(view: View): void {
  closeArticle();
  const n = ++asked;
  PREFETCH[view]?.();
  const loading = CHUNKS[view]?.whenLoaded();
  if (!loading) return viewStore.set({ view });
  void loading.then(
    () => n === asked && viewStore.set({ view }),
    // Shown anyway: the Suspense boundary retries the chunk and its error reaches the boundary above.
    () => n === asked && viewStore.set({ view }),
  );
}
