/** Which article is open, and the current text selection in it. */
import type { Article } from '@core/contract';
import { createStore } from '../store';
import { gloss } from '../gloss';
import { showError } from '../app/toasts';
import { updateSettings } from './settingsStore';
import type { TextRange } from './selection';
import { withSharedBlockTexts } from './sharedText';

export interface ReaderSelection extends TextRange {
  /** Where to show the toolbar, relative to the reader's content box. */
  x: number;
  y: number;
  below: boolean;
}

export const readerStore = createStore({
  article: null as Article | null,
  loading: false,
  selection: null as ReaderSelection | null,
  /** Text to scroll to and mark for a moment (a search hit); `n` tells two requests for one place apart. */
  reveal: null as { start: number; end: number; n: number } | null,
  /** The Find bar (Ctrl/Cmd+F) is open. */
  finding: false,
  /** The reading caret: arrows move it through the text (F7 turns it off and on). */
  caret: true,
  /** The article just closed: the library focuses its row again. */
  closedId: null as string | null,
});

let revealN = 0;
/** Scroll the open article to [start, end) and mark it for a moment. */
export function revealText(start: number, end: number): void {
  readerStore.set({ reveal: { start, end, n: ++revealN } });
}

/** Open an article (`prefetched`: the start-up request for it, already under way). */
export async function openArticle(
  id: string,
  opts: { remember?: boolean; prefetched?: Promise<Article> } = {},
): Promise<boolean> {
  readerStore.set({ loading: true, selection: null });
  try {
    const article = withSharedBlockTexts(await (opts.prefetched ?? gloss().getArticle({ id })));
    readerStore.set({ article, loading: false });
    if (opts.remember !== false) void updateSettings({ lastArticleId: id }, { quiet: true });
    return true;
  } catch (err) {
    showError(err);
    readerStore.set({ loading: false });
    return false;
  }
}

export function closeArticle(): void {
  const { article, closedId: before } = readerStore.get();
  const closedId = article?.id ?? before;
  readerStore.set({ article: null, selection: null, reveal: null, finding: false, closedId });
}

export function setSelection(selection: ReaderSelection | null): void {
  const cur = readerStore.get().selection;
  if (cur === selection) return;
  if (
    cur &&
    selection &&
    cur.start === selection.start &&
    cur.end === selection.end &&
    cur.x === selection.x &&
    cur.y === selection.y
  )
    return;
  readerStore.set({ selection });
}
