/**
 * The side panel: the article's annotations in reading order, filterable by
 * tag and colour. A long list renders a page of items at a time, more as it
 * is scrolled (or when a highlight further down is selected).
 */
import { memo, useDeferredValue, useMemo, useRef, useState } from 'react';
import { COLORS } from '@core/annotations/types';
import type { Color } from '@core/contract';
import type { LocalAnnotation } from './localAnnotations';
import { useStore } from '../store';
import { plural } from '../library/format';
import { annotationsStore, revealAnnotation, setFilter, visibleAnnotations } from './annotationsStore';
import { tagKey } from '@core/annotations/tags';
import { ArticleNoteField } from './ArticleNoteField';
import { copyWithCitation } from '../ui/copyCitation';
import { TagChip } from '../ui/TagChip';

export function AnnotationPanel() {
  const articleId = useStore(annotationsStore, (s) => s.articleId);
  // The list follows a change a moment later, in a render of its own: a new
  // highlight is painted in the text first (among thousands, re-rendering the
  // list in the same frame would more than double the time to paint it).
  const items = useDeferredValue(useStore(annotationsStore, (s) => s.items));
  const filter = useStore(annotationsStore, (s) => s.filter);
  const selectedKey = useDeferredValue(useStore(annotationsStore, (s) => s.selectedKey));
  const visible = useMemo(() => visibleAnnotations({ items, filter }), [items, filter]);
  const tags = useTagNames(items);
  const [limit, setLimit] = useState(PAGE);
  // Whatever is selected is rendered, even past the current page.
  const selectedAt = selectedKey ? visible.findIndex((a) => a.key === selectedKey) : -1;
  const shown = Math.max(limit, selectedAt + 1);
  const onScroll = (e: React.UIEvent<HTMLElement>) => {
    const el = e.currentTarget;
    if (shown < visible.length && el.scrollTop + el.clientHeight > el.scrollHeight - 600)
      setLimit(shown + PAGE);
  };

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
          <select
            aria-label="Filter by tag"
            value={filter.tag}
            onChange={(e) => setFilter({ tag: e.target.value })}
          >
            <option value="">All tags</option>
            {tags.map((t) => (
              <option key={t} value={t}>
                #{t}
              </option>
            ))}
          </select>
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
        <ol className="panel-list" aria-label="Highlights" onScroll={onScroll}>
          {(shown < visible.length ? visible.slice(0, shown) : visible).map((a) => (
            <PanelItem key={a.key} a={a} selected={a.key === selectedKey} />
          ))}
        </ol>
      )}
    </aside>
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

/** Items rendered at first, and added per scroll to the end of the list. */
const PAGE = 150;

const PanelItem = memo(function PanelItem({ a, selected }: { a: LocalAnnotation; selected: boolean }) {
  const quote = a.target.quote.exact;
  return (
    <li className={`panel-item panel-${a.color} ${selected ? 'is-selected' : ''}`}>
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
