/**
 * The notebook's passages, windowed: rows have one fixed height (quotes
 * clamped), so which ones are in view is arithmetic (library/rowWindow.ts)
 * and 100,000 passages scroll like 10. Virtual rows say where they are
 * (aria-posinset / aria-setsize). Arrow keys, Home and End move between rows.
 */
import { memo, useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import type { Annotation, ArticleSummary } from '../../../main/core/contract';
import { useStore } from '../store';
import { useCssVars } from '../reader/useCssVars';
import { formatDate } from '../library/format';
import { rowWindow } from '../library/rowWindow';
import { copyPassages, notebookStore, openPassage, toggleSelected } from './notebookStore';
import { articleDate } from './notebookFilter';
import { PassageEditor } from './PassageEditor';

/** A passage row's height (px); the stylesheet fixes .passage-row to it. */
export const PASSAGE_ROW_HEIGHT = 118;

export function PassageList({
  passages,
  scrollRef,
}: {
  passages: readonly Annotation[];
  scrollRef: RefObject<HTMLElement | null>;
}) {
  const listRef = useRef<HTMLUListElement>(null);
  const [range, setRange] = useState<[number, number]>(() =>
    rowWindow(passages.length, 0, window.innerHeight, PASSAGE_ROW_HEIGHT),
  );
  const articles = useStore(notebookStore, (s) => s.articles);
  const selected = useStore(notebookStore, (s) => s.selected);
  const editing = useStore(notebookStore, (s) => s.editing);

  const update = useCallback(() => {
    const el = scrollRef.current;
    const list = listRef.current;
    if (!el || !list) return;
    const viewTop = el.getBoundingClientRect().top - list.getBoundingClientRect().top;
    const next = rowWindow(passages.length, viewTop, el.clientHeight, PASSAGE_ROW_HEIGHT);
    setRange((cur) => (cur[0] === next[0] && cur[1] === next[1] ? cur : next));
  }, [passages.length, scrollRef]);

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

  const first = Math.min(range[0], passages.length);
  const last = Math.min(range[1], passages.length);
  useCssVars(listRef, {
    '--pad-top': first * PASSAGE_ROW_HEIGHT,
    '--pad-bottom': (passages.length - last) * PASSAGE_ROW_HEIGHT,
  });

  const onToggle = useCallback(
    (id: string, shift: boolean) => toggleSelected(id, passages, shift),
    [passages],
  );

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
              ? passages.length - 1
              : null;
    if (to === null || to < 0 || to >= passages.length) return;
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
    const a = passages[i];
    rows.push(
      <PassageRow
        key={a.id}
        a={a}
        article={articles.get(a.articleId)}
        index={i}
        count={passages.length}
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
    date && formatDate(date.length > 10 ? date.slice(0, 10) : date),
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
                <li key={t} className="tag">
                  #{t}
                </li>
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
          onClick={() => void copyPassages([a])}
        >
          Copy
        </button>
      </div>
      {props.editing && <PassageEditor a={a} />}
    </li>
  );
});
