/** Which of the library's views shows when no article is open: the article list, the notebook of passages, or the tags. */
import { createStore } from '../store';
import { closeArticle } from '../reader/readerStore';

export const VIEWS = { library: 'Library', notebook: 'Notebook', tags: 'Tags' } as const;
export type View = keyof typeof VIEWS;

export const viewStore = createStore({ view: 'library' as View });

/** Show a view (closing the article if one is open). */
export function showView(view: View): void {
  closeArticle();
  viewStore.set({ view });
}
