/**
 * The notebook's passages, windowed: rows have one fixed height (quotes
 * clamped), so which ones are in view is arithmetic (ui/listWindow.ts)
 * and 100,000 passages scroll like 10. The store holds a window of rows
 * from main; rows in view outside it are asked for (and drawn empty until
 * they come). Virtual rows say where they are (aria-posinset / aria-setsize).
 * Arrow keys, Home and End move between rows.
 */
import { memo, useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import type { Annotation, ArticleSummary } from '@core/contract';
import { useStore } from '../store';
import { useCssVars } from '../ui/useCssVars';
import { formatDate } from '../ui/format';
import { rowWindow } from '../ui/listWindow';
import { copyWithCitation } from '../ui/copyCitation';
import {
  holds,
  loadWindow,
  notebookStore,
  openPassage,
  PASSAGE_ROW_HEIGHT,
  toggleSelected,
} from './notebookStore';
import { articleDate } from '@core/notebook/passage-filter';
import { PassageEditor } from './PassageEditor';
import { TagChip } from '../ui/TagChip';

export { PASSAGE_ROW_HEIGHT };

export function PassageList({ scrollRef }: { scrollRef: RefObject<HTMLElement | null> }) {
  const listRef = useRef<HTMLUListElement>(null);
  const total = useStore(notebookStore, (s) => s.total);
  const offset = useStore(notebookStore, (s) => s.offset);
  const passages = useStore(notebookStore, (s) => s.passages);
  const [range, setRange] = useState<[number, number]>(() =>
    rowWindow(total, 0, window.innerHeight, PASSAGE_ROW_HEIGHT),
  );
  const articles = useStore(notebookStore, (s) => s.articles);
  const selected = useStore(notebookStore, (s) => s.selected);
  const editing = useStore(notebookStore, (s) => s.editing);

  const update = useCallback(() => {
    const el = scrollRef.current;
    const list = listRef.current;
    if (!el || !list) return;
    const viewTop = el.getBoundingClientRect().top - list.getBoundingClientRect().top;
    const next = rowWindow(total, viewTop, el.clientHeight, PASSAGE_ROW_HEIGHT);
    setRange((cur) => (cur[0] === next[0] && cur[1] === next[1] ? cur : next));
  }, [total, scrollRef]);

  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    update();
    el.addEventListener('scroll', update, { passive: true });
    const ro = new ResizeObserver(update);
    ro.observe(el);
    return () => {
      el.removeEventListener('scroll', update);
      ro.disconnect();
    };
  }, [update, scrollRef]);

  // Back from an article: where the list was.
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (el) el.scrollTop = notebookStore.get().scrollTop;
    return () => notebookStore.set({ scrollTop: el?.scrollTop ?? 0 });
  }, [scrollRef]);

  const first = Math.min(range[0], total);
  const last = Math.min(range[1], total);
  useCssVars(listRef, {
    '--pad-top': first * PASSAGE_ROW_HEIGHT,
    '--pad-bottom': (total - last) * PASSAGE_ROW_HEIGHT,
  });

  // Rows in view that the store does not hold: ask main for the window around them.
  const held = holds(first, last, { ...notebookStore.get(), total, offset, passages });
  useEffect(() => {
    if (!held) void loadWindow(first);
  }, [held, first]);

  const onToggle = useCallback((id: string, shift: boolean) => void toggleSelected(id, shift), []);

  // Up/Down, Home/End move between passages (the row scrolled into view first when it is not rendered).
  const pendingFocus = useRef<number | null>(null);
  const focusRow = (i: number) =>
    listRef.current?.querySelector<HTMLElement>(`[data-index="${i}"] .passage-open`);
  useLayoutEffect(() => {
    const i = pendingFocus.current;
    const button = i === null ? null : focusRow(i);
    if (button) {
      pendingFocus.current = null;
      button.focus();
    }
  });
  const onKeyDown = (e: React.KeyboardEvent) => {
    const row = (e.target as Element).closest<HTMLElement>('[data-index]');
    if (
      !row ||
      e.altKey ||
      e.ctrlKey ||
      e.metaKey ||
      e.shiftKey ||
      (e.target as Element).closest('.passage-editor')
    )
      return;
    const i = Number(row.dataset.index);
    const to =
      e.key === 'ArrowDown'
        ? i + 1
        : e.key === 'ArrowUp'
          ? i - 1
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? total - 1
              : null;
    if (to === null || to < 0 || to >= total) return;
    e.preventDefault();
    const el = scrollRef.current;
    const list = listRef.current;
    if (to >= first && to < last && focusRow(to)) {
      focusRow(to)?.focus();
      return;
    }
    pendingFocus.current = to;
    if (el && list) {
      const listTop = list.getBoundingClientRect().top - el.getBoundingClientRect().top + el.scrollTop;
      el.scrollTop = listTop + to * PASSAGE_ROW_HEIGHT - el.clientHeight / 2;
      update();
    }
  };

  const rows = [];
  for (let i = first; i < last; i++) {
    const a = passages[i - offset];
    if (!a) {
      rows.push(
        <li
          key={`row-${i}`}
          className="passage-row is-loading"
          data-index={i}
          aria-posinset={i + 1}
          aria-setsize={total}
          aria-busy="true"
        />,
      );
      continue;
    }
    rows.push(
      <PassageRow
        key={a.id}
        a={a}
        article={articles.get(a.articleId)}
        index={i}
        count={total}
        checked={selected.has(a.id)}
        editing={editing === a.id}
        onToggle={onToggle}
      />,
    );
  }
  return (
    <ul ref={listRef} className="passage-list" aria-label="Passages" onKeyDown={onKeyDown}>
      {rows}
    </ul>
  );
}

const truncate = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

const PassageRow = memo(function PassageRow(props: {
  a: Annotation;
  article: ArticleSummary | undefined;
  index: number;
  count: number;
  checked: boolean;
  editing: boolean;
  onToggle: (id: string, shift: boolean) => void;
}) {
  const { a, article } = props;
  const quote = a.target.quote.exact;
  const date = articleDate(article);
  const meta = [
    article?.title ?? 'Unknown article',
    article?.source,
    // Labelled as the library labels them: an article without a published date shows when it was added.
    date &&
      `${article?.published ? 'Published' : 'Added'} ${formatDate(date.length > 10 ? date.slice(0, 10) : date)}`,
  ].filter(Boolean);
  return (
    <li
      className={`passage-row passage-${a.color} ${props.checked ? 'is-checked' : ''} ${props.editing ? 'is-editing' : ''}`}
      data-index={props.index}
      aria-posinset={props.index + 1}
      aria-setsize={props.count}
    >
      <input
        type="checkbox"
        className="passage-check"
        aria-label={`Select passage: ${truncate(quote, 60)}`}
        checked={props.checked}
        // The click, not the change: it says whether Shift was held.
        onClick={(e) => props.onToggle(a.id, e.shiftKey)}
        onChange={() => undefined}
      />
      <div className="passage-body">
        <button
          type="button"
          className="passage-open"
          aria-label={`Open in article: ${truncate(quote, 80)}`}
          onClick={() => void openPassage(a)}
        >
          <q className="passage-quote">{quote}</q>
        </button>
        <p className="passage-meta">
          {meta.map((m, i) => (
            <span key={i} className={i === 0 ? 'passage-title' : undefined}>
              {m}
            </span>
          ))}
        </p>
        <div className="passage-notes">
          {a.tags.length > 0 && (
            <ul className="tag-list" aria-label="Tags">
              {a.tags.map((t) => (
                <TagChip key={t} tag={t} />
              ))}
            </ul>
          )}
          {a.note && <span className="passage-note">{a.note}</span>}
        </div>
      </div>
      <div className="passage-actions">
        <button
          type="button"
          aria-label={`Edit tags and note: ${truncate(quote, 60)}`}
          aria-expanded={props.editing}
          onClick={() => notebookStore.set({ editing: props.editing ? null : a.id })}
        >
          Edit
        </button>
        <button
          type="button"
          aria-label={`Copy with citation: ${truncate(quote, 60)}`}
          onClick={() => void copyWithCitation([{ articleId: a.articleId, id: a.id }])}
        >
          Copy
        </button>
      </div>
      {props.editing && <PassageEditor a={a} />}
    </li>
  );
});
