/**
 * The review queue: each highlight whose words changed or were not found in
 * the new version, with its old wording, the new passage and the difference
 * word by word, and Accept / Re-select / Keep on old version / Delete.
 * Keyboard: ↑/↓ (Home/End) move between highlights, A accept, R re-select, K
 * keep on the old version, Delete delete, Ctrl/Cmd+Z undo the last answer.
 * Windowed (ui/listWindow.ts): only the items near the view are in the page, so
 * 1,000 open at once; items say where they are (aria-posinset / aria-setsize).
 */
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { ReviewItem, TextChange } from '@core/contract';
import { Dialog } from '../app/Dialog';
import { useStore } from '../store';
import { useCssVars } from '../ui/useCssVars';
import { itemHeights, itemTops, measuredWindow, scrollToShow } from '../ui/listWindow';
import {
  answerReview,
  closeVersionsDialog,
  undoReviewAnswer,
  versionsStore,
  type ReviewAction,
} from './versionsStore';

export function Changes({ changes, show }: { changes: readonly TextChange[]; show: 'old' | 'new' }) {
  return (
    <>
      {changes.map((c, i) =>
        c.op === 'same' ? (
          <span key={i}>{c.text}</span>
        ) : c.op === 'deleted' ? (
          show === 'old' ? (
            <del key={i}>{c.text}</del>
          ) : null
        ) : show === 'new' ? (
          <ins key={i}>{c.text}</ins>
        ) : null,
      )}
    </>
  );
}

/** A review item's height before any was measured (px): two lines of wording and the buttons. */
const ESTIMATED_ITEM_HEIGHT = 112;
const KEYS: Record<string, ReviewAction> = { a: 'accept', r: 'reselect', k: 'keep-old', Delete: 'delete' };

export function ReviewDialog() {
  const items = useStore(versionsStore, (s) => s.review);
  const canUndo = useStore(versionsStore, (s) => s.undo.length > 0);
  const total = useStore(versionsStore, (s) =>
    s.reviewPartial ? Math.max(s.versions?.inReview ?? 0, s.review.length) : s.review.length,
  );
  const [focused, setFocused] = useState(0);
  const listRef = useRef<HTMLOListElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const at = Math.min(focused, items.length - 1);

  // ---- the window: only the items near the view are rendered (ui/listWindow.ts)
  const measured = useRef(new Map<string, number>());
  const [measures, setMeasures] = useState(0);
  const [view, setView] = useState(() => ({ top: 0, height: Math.round(window.innerHeight * 0.62) }));
  const tops = useMemo(
    () => itemTops(itemHeights(items.map(idOf), measured.current, ESTIMATED_ITEM_HEIGHT)),
    // `measures` counts new measurements of the same items.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [items, measures],
  );
  const [first, last] = measuredWindow(tops, view.top, view.height);
  useCssVars(listRef, { '--pad-top': tops[first], '--pad-bottom': tops[items.length] - tops[last] });

  const readView = useCallback(() => {
    const el = scrollRef.current;
    if (!el) return;
    setView((v) =>
      v.top === el.scrollTop && v.height === el.clientHeight
        ? v
        : { top: el.scrollTop, height: el.clientHeight },
    );
  }, []);
  const empty = items.length === 0;
  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    readView();
    const ro = new ResizeObserver(readView);
    ro.observe(el);
    return () => ro.disconnect();
  }, [readView, empty]);

  // Each rendered item measured once it is laid out; a new height re-renders the window.
  useLayoutEffect(() => {
    let changed = false;
    for (const li of listRef.current?.querySelectorAll<HTMLElement>(':scope > li[data-id]') ?? []) {
      const h = li.getBoundingClientRect().height;
      const id = li.dataset.id!;
      if (Math.abs((measured.current.get(id) ?? -1) - h) > 0.5) {
        measured.current.set(id, h);
        changed = true;
      }
    }
    if (changed) setMeasures((m) => m + 1);
    // Again after each new set of rendered items (and once more after a new measure, which then changes nothing).
  }, [items, first, last, measures]);

  // Moved by a key: scroll the item into view (rendering it if it was not), then focus it.
  const reveal = useRef(false);
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!reveal.current || !el || at < 0) return;
    const to = scrollToShow(tops, at, el.scrollTop, el.clientHeight);
    if (to !== null) {
      el.scrollTop = to;
      readView();
    }
    if (listRef.current?.querySelector(`[data-index="${at}"]`)) reveal.current = false;
  }, [at, tops, first, last, readView]);

  // Scrolled away by the wheel: the current item is the nearest one rendered, so Tab and the keys stay in view.
  useEffect(() => {
    if (at >= 0 && !reveal.current && (at < first || at >= last))
      setFocused(Math.min(Math.max(at, first), last - 1));
  }, [at, first, last]);

  // Focus follows the current item (after an answer, the next one).
  useEffect(() => {
    if (!listRef.current?.contains(document.activeElement) && document.activeElement !== document.body)
      return;
    listRef.current?.querySelector<HTMLElement>(`[data-index="${at}"]`)?.focus({ preventScroll: true });
  }, [at, items.length, first, last]);

  const act = useCallback((item: ReviewItem, action: ReviewAction) => void answerReview(item, action), []);
  const onFocusItem = useCallback((i: number) => setFocused(i), []);

  // Keys are read at the window while this dialog is the topmost: focus may rest on the page's
  // body after the item it was on is answered, and Ctrl/Cmd+Z must not reach the reader's undo.
  const keys = useRef<(e: KeyboardEvent) => void>(() => {});
  keys.current = (e: KeyboardEvent) => {
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'z' && !e.shiftKey) {
      e.preventDefault();
      e.stopPropagation();
      void undoReviewAnswer();
      return;
    }
    if ((e.target as HTMLElement).tagName === 'BUTTON' && (e.key === 'Enter' || e.key === ' ')) return;
    if ((e.target as HTMLElement).closest?.('select, input, textarea')) return;
    const move =
      e.key === 'ArrowDown'
        ? at + 1
        : e.key === 'ArrowUp'
          ? at - 1
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? items.length - 1
              : null;
    if (move !== null) {
      e.preventDefault();
      reveal.current = true;
      setFocused(Math.max(0, Math.min(items.length - 1, move)));
      return;
    }
    const action = KEYS[e.key] ?? KEYS[e.key.toLowerCase()];
    const item = items[at];
    if (!action || !item || e.ctrlKey || e.metaKey || e.altKey) return;
    if (action === 'accept' && item.band === 'not-found') return;
    e.preventDefault();
    e.stopPropagation();
    act(item, action);
  };
  const boxRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const open = document.querySelectorAll('[aria-modal="true"]');
      if (!boxRef.current || !open[open.length - 1]?.contains(boxRef.current)) return;
      keys.current(e);
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);

  const rows = [];
  for (let i = first; i < last; i++)
    rows.push(
      <ReviewRow
        key={items[i].annotation.id}
        item={items[i]}
        index={i}
        count={items.length}
        current={i === at}
        onFocusItem={onFocusItem}
        act={act}
      />,
    );

  return (
    <Dialog
      title={`Review highlights (${total})`}
      className="review-dialog"
      onClose={closeVersionsDialog}
      initialFocus='[data-index="0"]'
      description="Highlights whose words changed or were not found in the new version. ↑/↓ move, A accept, R re-select, K keep on the old version, Delete delete, Ctrl+Z undo."
    >
      <div ref={boxRef}>
        {empty ? (
          <p className="review-empty">Nothing left to review.</p>
        ) : (
          <div className="review-scroll" ref={scrollRef} onScroll={readView}>
            <ol className="review-list" ref={listRef} aria-label="Highlights to review">
              {rows}
            </ol>
          </div>
        )}
        <div className="modal-actions">
          <button type="button" disabled={!canUndo} onClick={() => void undoReviewAnswer()}>
            Undo
          </button>
          <button type="button" onClick={closeVersionsDialog}>
            Close
          </button>
        </div>
      </div>
    </Dialog>
  );
}

const idOf = (item: ReviewItem) => item.annotation.id;

/** One highlight to review: was / now (or not found), its note, and the four answers. */
const ReviewRow = memo(function ReviewRow({
  item,
  index,
  count,
  current,
  onFocusItem,
  act,
}: {
  item: ReviewItem;
  index: number;
  count: number;
  current: boolean;
  onFocusItem: (i: number) => void;
  act: (item: ReviewItem, action: ReviewAction) => void;
}) {
  return (
    <li
      data-index={index}
      data-id={item.annotation.id}
      aria-posinset={index + 1}
      aria-setsize={count}
      tabIndex={current ? 0 : -1}
      className="review-item"
      aria-current={current ? 'true' : undefined}
      onFocus={() => onFocusItem(index)}
    >
      {item.band === 'changed' ? (
        <div className="review-wording">
          <p>
            <span className="review-label">Was</span>
            <q>
              <Changes changes={item.changes} show="old" />
            </q>
          </p>
          <p>
            <span className="review-label">Now</span>
            <q>
              <Changes changes={item.changes} show="new" />
            </q>
          </p>
        </div>
      ) : (
        <div className="review-wording">
          <p>
            <span className="review-label">Was</span>
            <q>{item.previous}</q>
          </p>
          <p className="review-missing">Not found in the new version.</p>
        </div>
      )}
      {item.annotation.note && <p className="review-note">{item.annotation.note}</p>}
      <div className="review-actions">
        {item.band === 'changed' && (
          <button type="button" tabIndex={-1} onClick={() => act(item, 'accept')} title="A">
            Accept
          </button>
        )}
        <button type="button" tabIndex={-1} onClick={() => act(item, 'reselect')} title="R">
          Re-select…
        </button>
        <button type="button" tabIndex={-1} onClick={() => act(item, 'keep-old')} title="K">
          Keep on old version
        </button>
        <button
          type="button"
          tabIndex={-1}
          className="danger"
          onClick={() => act(item, 'delete')}
          title="Delete"
        >
          Delete
        </button>
      </div>
    </li>
  );
});
