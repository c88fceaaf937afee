/**
 * The side panel: the article's annotations in reading order, filterable by
 * tag and colour. It follows the store after the text is painted
 * (ui/afterPaint.ts), and its list is windowed (PanelList): only the items
 * near its view are in the page, so 5,000 highlights cost what 15 do — in its
 * own render after a new highlight, and in the frame showing that highlight
 * (Chromium's pre-paint walked thousands of mounted items). A newly selected
 * highlight is scrolled into the list's view.
 */
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { COLORS } from '@core/annotations/types';
import type { Color } from '@core/contract';
import type { LocalAnnotation } from './localAnnotations';
import { useStore } from '../store';
import { plural } from '../ui/format';
import { annotationsStore, revealAnnotation, setFilter, visibleAnnotations } from './annotationsStore';
import { tagKey } from '@core/annotations/tags';
import { ArticleNoteField } from './ArticleNoteField';
import { copyWithCitation } from '../ui/copyCitation';
import { TagChip } from '../ui/TagChip';
import { useCssVars } from '../ui/useCssVars';
import { useStoreAfterPaint } from '../ui/afterPaint';
import { LongMenu } from '../ui/LongMenu';
import { firstAverage, itemHeights, itemTops, measuredWindow, scrollToShow } from '../ui/listWindow';

/**
 * Memoised: ReaderView renders on each new highlight, in the frame that paints it; the panel
 * follows the store itself, after that frame.
 */
export const AnnotationPanel = memo(function AnnotationPanel() {
  const articleId = useStore(annotationsStore, (s) => s.articleId);
  // The list follows a change once the frame showing it in the text is painted:
  // a new highlight is painted first, the panel never in the same frame.
  const { items, selectedKey } = useStoreAfterPaint(annotationsStore, (s) => ({
    items: s.items,
    selectedKey: s.selectedKey,
  }));
  const filter = useStore(annotationsStore, (s) => s.filter);
  const visible = useMemo(() => visibleAnnotations({ items, filter }), [items, filter]);

  return (
    <aside className="panel" id="annotations-panel" aria-label="Annotations">
      <header className="panel-header">
        <h2>Annotations</h2>
        <span className="panel-count">
          {items.length === visible.length
            ? plural(items.length, 'highlight')
            : `${visible.length} of ${items.length}`}
        </span>
      </header>
      {articleId && <ArticleNoteField key={articleId} articleId={articleId} />}
      <div className="panel-filters">
        <label>
          <span className="visually-hidden">Filter by tag</span>
          <TagFilter items={items} value={filter.tag} />
        </label>
        <label>
          <span className="visually-hidden">Filter by colour</span>
          <select
            aria-label="Filter by colour"
            value={filter.color}
            onChange={(e) => setFilter({ color: e.target.value as Color | '' })}
          >
            <option value="">All colours</option>
            {COLORS.map((c) => (
              <option key={c} value={c}>
                {c[0].toUpperCase() + c.slice(1)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {items.length === 0 ? (
        <p className="panel-empty">
          Select text to highlight it. Press <kbd>?</kbd> for shortcuts.
        </p>
      ) : visible.length === 0 ? (
        <p className="panel-empty">No highlights match these filters.</p>
      ) : (
        <PanelList visible={visible} selectedKey={selectedKey} />
      )}
    </aside>
  );
});

const NO_ITEMS: readonly LocalAnnotation[] = [];

/**
 * The tag filter: the tags in use are gathered (over every highlight) only once the menu is used or
 * a tag is chosen, not on each new highlight; until then it holds only the choice (ui/LongMenu.tsx).
 */
function TagFilter({ items, value }: { items: readonly LocalAnnotation[]; value: string }) {
  const [used, setUsed] = useState(false);
  const tags = useTagNames(used || value ? items : NO_ITEMS);
  const choices = useMemo(() => tags.map((t) => ({ value: t, label: `#${t}` })), [tags]);
  const use = () => setUsed(true);
  return (
    <LongMenu
      aria-label="Filter by tag"
      value={value}
      none="All tags"
      choices={choices}
      onChange={(tag) => setFilter({ tag })}
      onFocus={use}
      onPointerDown={use}
      onKeyDown={use}
    />
  );
}

/** One collator for every sort of tag names (String#localeCompare builds one per call). */
const byName = new Intl.Collator();

/** Each annotation's tag keys, computed once per tags array (the arrays outlive list changes). */
const keysOfTags = new WeakMap<readonly string[], string[]>();

/**
 * The tag names in use, once each (first spelling), sorted. A change that
 * leaves the set of tags as it was (a new highlight without tags) keeps the
 * same array, so the filter's options are not rebuilt.
 */
function useTagNames(items: readonly LocalAnnotation[]): string[] {
  const last = useRef<{ byKey: Map<string, string>; names: string[] } | null>(null);
  return useMemo(() => {
    const byKey = new Map<string, string>();
    for (const a of items) {
      if (a.tags.length === 0) continue;
      let keys = keysOfTags.get(a.tags);
      if (!keys) keysOfTags.set(a.tags, (keys = a.tags.map(tagKey)));
      keys.forEach((k, i) => byKey.has(k) || byKey.set(k, a.tags[i]));
    }
    const prev = last.current;
    if (prev && prev.byKey.size === byKey.size && [...byKey].every(([k, t]) => prev.byKey.get(k) === t))
      return prev.names;
    const names = [...byKey.values()].sort(byName.compare);
    last.current = { byKey, names };
    return names;
  }, [items]);
}

/** An item's height (px, with its margin) until one has been measured: a two-line quote and a tag. */
const ESTIMATED_ITEM_HEIGHT = 96;
const keyOf = (a: LocalAnnotation) => a.key;

/**
 * The highlights, windowed as the review list is (ui/listWindow.ts):
 * each rendered item is measured, the others are taken to be as tall as the
 * average, and padding above and below stands for the items not rendered.
 * A new measure moves the estimated space above the view (and the browser's
 * scroll anchoring stands aside when padding changes), so the list keeps the
 * first item in view where it was itself.
 */
function PanelList({ visible, selectedKey }: { visible: LocalAnnotation[]; selectedKey: string | null }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const measured = useRef(new Map<string, number>());
  const [measures, setMeasures] = useState(0);
  /** This commit measured new heights: the tops it rendered with are about to move. */
  const remeasured = useRef(false);
  const [view, setView] = useState(() => ({ top: 0, height: window.innerHeight }));
  /** The height of items not measured: the first screen's average, kept (listWindow's firstAverage). */
  const guess = useRef<number | undefined>(undefined);
  const tops = useMemo(
    () => itemTops(itemHeights(visible.map(keyOf), measured.current, ESTIMATED_ITEM_HEIGHT, guess.current)),
    // `measures` counts new measurements of the same items.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [visible, measures],
  );
  const [first, last] = measuredWindow(tops, view.top, view.height);
  useCssVars(listRef, { '--pad-top': tops[first], '--pad-bottom': tops[visible.length] - tops[last] });

  /** The first item in view and how far below the view's top it is. */
  const anchor = useRef<{ key: string; top: number } | null>(null);
  const readView = useCallback(() => {
    const el = scrollRef.current;
    if (!el) return;
    const box = el.getBoundingClientRect().top;
    anchor.current = null;
    for (const li of listRef.current?.children ?? []) {
      const r = li.getBoundingClientRect();
      if (r.bottom <= box) continue;
      anchor.current = { key: (li as HTMLElement).dataset.key!, top: r.top - box };
      break;
    }
    setView((v) =>
      v.top === el.scrollTop && v.height === el.clientHeight
        ? v
        : { top: el.scrollTop, height: el.clientHeight },
    );
  }, []);
  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    readView();
    const ro = new ResizeObserver(readView);
    ro.observe(el);
    return () => ro.disconnect();
  }, [readView]);

  // After each commit that may change the list: the anchor item back where it was, then each rendered item measured
  // (with its margin); a new height re-renders the window.
  useLayoutEffect(() => {
    const el = scrollRef.current;
    const list = listRef.current;
    if (!el || !list) return;
    const held = anchor.current;
    const li = held && list.querySelector(`:scope > li[data-key="${CSS.escape(held.key)}"]`);
    if (held && li) {
      const moved = li.getBoundingClientRect().top - el.getBoundingClientRect().top - held.top;
      if (Math.abs(moved) > 0.5) el.scrollTop += moved;
    }
    const lis = list.querySelectorAll<HTMLElement>(':scope > li[data-key]');
    remeasured.current = false;
    if (lis.length === 0) return;
    const margin = parseFloat(getComputedStyle(lis[0]).marginBottom) || 0;
    for (const li of lis) {
      const h = li.getBoundingClientRect().height + margin;
      const key = li.dataset.key!;
      if (Math.abs((measured.current.get(key) ?? -1) - h) > 0.5) {
        measured.current.set(key, h);
        remeasured.current = true;
      }
    }
    guess.current ??= firstAverage(measured.current);
    if (remeasured.current) setMeasures((m) => m + 1);
  }, [visible, first, last, measures, selectedKey]);

  // A newly selected highlight (in the text, by Tab, a search hit) is brought into the list's view:
  // first by the estimated tops, then, once it is rendered, by where it really is, until it holds
  // still in view (measured, and the window the one its scroll position asks for).
  const reveal = useRef<string | null>(null);
  useLayoutEffect(() => {
    reveal.current = selectedKey;
  }, [selectedKey]);
  useLayoutEffect(() => {
    const el = scrollRef.current;
    const key = reveal.current;
    if (!el || !key) return;
    const li = listRef.current?.querySelector(`:scope > li[data-key="${CSS.escape(key)}"]`);
    let to: number | null;
    if (li) {
      const item = li.getBoundingClientRect();
      const box = el.getBoundingClientRect();
      const by =
        item.top < box.top
          ? item.top - box.top
          : Math.max(0, Math.min(item.top - box.top, item.bottom - box.bottom));
      to = by === 0 ? null : el.scrollTop + by;
      if (to === null && !remeasured.current && view.top === el.scrollTop && view.height === el.clientHeight)
        reveal.current = null;
    } else {
      const at = visible.findIndex((a) => a.key === key);
      to = at < 0 ? null : scrollToShow(tops, at, el.scrollTop, el.clientHeight);
    }
    if (to !== null) {
      el.scrollTop = to;
      readView();
    }
  }, [selectedKey, visible, tops, first, last, view, readView]);

  const rows = [];
  for (let i = first; i < last; i++) {
    const a = visible[i];
    rows.push(
      <PanelItem key={a.key} a={a} selected={a.key === selectedKey} index={i} count={visible.length} />,
    );
  }
  return (
    <div className="panel-scroll" ref={scrollRef} onScroll={readView}>
      <ol className="panel-list" aria-label="Highlights" ref={listRef}>
        {rows}
      </ol>
    </div>
  );
}

const PanelItem = memo(function PanelItem({
  a,
  selected,
  index,
  count,
}: {
  a: LocalAnnotation;
  selected: boolean;
  index: number;
  count: number;
}) {
  const quote = a.target.quote.exact;
  return (
    <li
      className={`panel-item panel-${a.color} ${selected ? 'is-selected' : ''}`}
      data-key={a.key}
      aria-posinset={index + 1}
      aria-setsize={count}
    >
      <button
        type="button"
        className="panel-open"
        aria-label={`Go to highlight: ${truncate(quote, 80)}`}
        onClick={() => revealAnnotation(a.key)}
      >
        <q className="panel-quote">{truncate(quote, 280)}</q>
        {a.orphan && <span className="orphan">Not found in the current text</span>}
      </button>
      {a.tags.length > 0 && (
        <ul className="tag-list" aria-label="Tags">
          {a.tags.map((t) => (
            <TagChip key={t} tag={t} />
          ))}
        </ul>
      )}
      {a.note && <p className="panel-note">{a.note}</p>}
      {selected && (
        <button
          type="button"
          className="panel-cite text"
          title="Copy with citation (Ctrl/Cmd+Shift+C)"
          disabled={!!a.unsaved}
          onClick={() => void copyWithCitation([{ articleId: a.articleId, id: a.id }])}
        >
          Copy with citation
        </button>
      )}
    </li>
  );
});

const truncate = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
