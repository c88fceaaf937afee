/**
 * The library's list of articles. A long library renders only the rows near
 * the viewport (rows have one fixed height, so the window is arithmetic), the
 * list padded above and below to its full height; virtual rows say where they
 * are (aria-posinset / aria-setsize). Arrow keys, Home and End move between rows.
 * Each row has a checkbox (librarySelection.ts): Shift-click checks a range,
 * Ctrl/Cmd+A every article shown, Escape clears.
 */
import { memo, useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import type { ArticleSummary } from '@core/contract';
import { openArticle, readerStore } from '../reader/readerStore';
import { useCssVars } from '../ui/useCssVars';
import { libraryStore } from './libraryStore';
import { formatDate, plural } from '../ui/format';
import { rowWindow } from '../ui/listWindow';
import { useStore } from '../store';
import { clearArticleSelection, selectAllShown, selectionStore, toggleArticle } from './librarySelection';

const OPEN_VERB_ID = 'article-open-verb';

/** A row's height in the windowed library (px); the stylesheet fixes .is-virtual rows to it. */
export const ROW_HEIGHT = 88;
/** Libraries longer than this are windowed. */
export const VIRTUAL_MIN_ROWS = 300;

export function ArticleList({
  articles,
  scrollRef,
}: {
  articles: readonly ArticleSummary[];
  scrollRef: RefObject<HTMLElement | null>;
}) {
  const virtual = articles.length >= VIRTUAL_MIN_ROWS;
  const listRef = useRef<HTMLUListElement>(null);
  const [range, setRange] = useState<[number, number]>(() =>
    rowWindow(articles.length, 0, window.innerHeight, ROW_HEIGHT),
  );
  const pendingFocus = useRef<number | null>(null);
  const selected = useStore(selectionStore, (s) => s.selected);
  const shown = useRef(articles);
  shown.current = articles;
  const onToggle = useCallback((id: string, range: boolean) => toggleArticle(id, range, shown.current), []);

  const update = useCallback(() => {
    const el = scrollRef.current;
    const list = listRef.current;
    if (!el || !list) return;
    const viewTop = el.getBoundingClientRect().top - list.getBoundingClientRect().top;
    const next = rowWindow(articles.length, viewTop, el.clientHeight, ROW_HEIGHT);
    setRange((cur) => (cur[0] === next[0] && cur[1] === next[1] ? cur : next));
  }, [articles.length, scrollRef]);

  useEffect(() => {
    const el = scrollRef.current;
    if (!virtual || !el) return;
    update();
    el.addEventListener('scroll', update, { passive: true });
    const ro = new ResizeObserver(update);
    ro.observe(el);
    return () => {
      el.removeEventListener('scroll', update);
      ro.disconnect();
    };
  }, [virtual, update, scrollRef]);

  const [first, last] = virtual ? [range[0], Math.min(range[1], articles.length)] : [0, articles.length];
  useCssVars(
    listRef,
    virtual ? { '--pad-top': first * ROW_HEIGHT, '--pad-bottom': (articles.length - last) * ROW_HEIGHT } : {},
  );

  useLayoutEffect(() => {
    const i = pendingFocus.current;
    const button =
      i === null ? null : listRef.current?.querySelector<HTMLElement>(`[data-index="${i}"] .article-open`);
    if (button) {
      pendingFocus.current = null;
      button.focus();
    }
  });

  // Back from the reader: focus returns to the row of the article that was open.
  useEffect(() => {
    const id = readerStore.get().closedId;
    const i = id ? articles.findIndex((a) => a.id === id) : -1;
    if (i < 0) return;
    readerStore.set({ closedId: null });
    pendingFocus.current = i;
    const el = scrollRef.current;
    const list = listRef.current;
    if (virtual && el && list) {
      const listTop = list.getBoundingClientRect().top - el.getBoundingClientRect().top + el.scrollTop;
      el.scrollTop = listTop + i * ROW_HEIGHT - el.clientHeight / 2;
      update();
    } else {
      listRef.current?.querySelector<HTMLElement>(`[data-index="${i}"] .article-open`)?.focus();
      pendingFocus.current = null;
    }
  }, [articles, virtual, scrollRef, update]);

  const onKeyDown = (e: React.KeyboardEvent) => {
    if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'a') {
      e.preventDefault();
      selectAllShown(articles);
      return;
    }
    if (e.key === 'Escape' && selectionStore.get().selected.size > 0) {
      e.preventDefault();
      e.stopPropagation();
      clearArticleSelection();
      return;
    }
    const row = (e.target as Element).closest<HTMLElement>('[data-index]');
    if (!row || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
    const i = Number(row.dataset.index);
    const to =
      e.key === 'ArrowDown'
        ? i + 1
        : e.key === 'ArrowUp'
          ? i - 1
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? articles.length - 1
              : null;
    if (to === null || to < 0 || to >= articles.length) return;
    e.preventDefault();
    pendingFocus.current = to;
    const el = scrollRef.current;
    const list = listRef.current;
    if (virtual && el && list && (to < first || to >= last)) {
      // Scroll the row into view; the scroll renders it, then the layout effect focuses it.
      const listTop = list.getBoundingClientRect().top - el.getBoundingClientRect().top + el.scrollTop;
      el.scrollTop = listTop + to * ROW_HEIGHT - el.clientHeight / 2;
      update();
    } else {
      listRef.current?.querySelector<HTMLElement>(`[data-index="${to}"] .article-open`)?.focus();
      pendingFocus.current = null;
    }
  };

  const rows = [];
  for (let i = first; i < last; i++)
    rows.push(
      <ArticleRow
        key={articles[i].id}
        article={articles[i]}
        index={i}
        count={virtual ? articles.length : undefined}
        selected={selected.has(articles[i].id)}
        onToggle={onToggle}
      />,
    );
  return (
    <>
      <span id={OPEN_VERB_ID} hidden>
        Open
      </span>
      <ul
        ref={listRef}
        className={virtual ? 'article-list is-virtual' : 'article-list'}
        aria-label="Articles"
        onKeyDown={onKeyDown}
      >
        {rows}
      </ul>
    </>
  );
}

const ArticleRow = memo(function ArticleRow({
  article: a,
  index,
  count,
  selected,
  onToggle,
}: {
  article: ArticleSummary;
  index: number;
  count?: number;
  selected: boolean;
  onToggle: (id: string, range: boolean) => void;
}) {
  // Published (the source's date) and added (ours) are different facts: each says which it is.
  const when = [a.published && `Published ${formatDate(a.published)}`, `Added ${formatDate(a.importedAt)}`]
    .filter(Boolean)
    .join(' · ');
  const meta = [a.byline, a.source, when].filter(Boolean).join(' · ');
  return (
    <li
      className={selected ? 'article-row is-selected' : 'article-row'}
      data-index={index}
      aria-posinset={count ? index + 1 : undefined}
      aria-setsize={count}
    >
      <input
        type="checkbox"
        className="article-select"
        aria-label={`Select ${a.title}`}
        checked={selected}
        // Shift with the click (or with Space) extends from the last row checked.
        onChange={(e) => onToggle(a.id, (e.nativeEvent as MouseEvent).shiftKey === true)}
      />
      <button
        type="button"
        className="article-open"
        id={`open-${a.id}`}
        // Named "Open" and then what it shows (title, byline, date, counts): the name holds the visible text.
        aria-labelledby={`${OPEN_VERB_ID} open-${a.id}`}
        onClick={() => void openArticle(a.id)}
      >
        <span className="article-title">{a.title}</span>
        <span className="article-meta">
          {meta}
          <span className="article-count">
            {plural(a.annotationCount, 'highlight')} · {plural(a.wordCount, 'word')}
          </span>
        </span>
      </button>
      <button
        type="button"
        className="icon remove"
        aria-label={`Remove ${a.title}`}
        onClick={() => libraryStore.set({ confirmRemove: a })}
      >
        Remove
      </button>
    </li>
  );
});
