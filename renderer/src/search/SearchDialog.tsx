/**
 * Search the library (Ctrl/Cmd+K): article text, passages, notes, tags,
 * titles, authors and sources from one field, with the query language of
 * main/core/search/query.ts (tag:, color:, source:, is:note, "phrases").
 * Results are grouped by article with the matched words marked; Up/Down move,
 * Enter opens.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { SearchHit } from '@core/contract';
import { Dialog } from '../app/Dialog';
import { useStore } from '../store';
import { plural } from '../ui/format';
import { closeSearch, openHit, searchStore, showMoreHits, typeQuery } from './searchStore';

/** The list asks for more hits when scrolled to within this many pixels of its end. */
const MORE_WITHIN_PX = 200;

const KIND_LABEL: Record<string, string> = { article: 'Article', passage: 'Highlight', note: 'Note' };
const FIELD_LABEL: Record<string, string> = {
  title: 'Title',
  authors: 'Author',
  source: 'Source',
  body: 'Text',
  quote: 'Highlight',
  note: 'Note',
  tags: 'Tags',
};

export function SearchDialog() {
  const query = useStore(searchStore, (s) => s.query);
  const result = useStore(searchStore, (s) => s.result);
  const busy = useStore(searchStore, (s) => s.busy);
  const error = useStore(searchStore, (s) => s.error);
  const answered = useStore(searchStore, (s) => s.answered);
  const [active, setActive] = useState(0);
  const hits = useMemo(() => result?.groups.flatMap((g) => g.hits) ?? [], [result]);
  const list = useRef<HTMLDivElement>(null);
  // A new query starts at its first hit; more hits for the same query keep the one chosen.
  useEffect(() => setActive(0), [answered]);
  useEffect(() => {
    list.current?.querySelector(`[data-hit="${active}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  let n = -1;
  return (
    <Dialog title="Search the library" onClose={closeSearch} className="search-dialog">
      <input
        type="search"
        className="search-input"
        aria-label="Search the library"
        placeholder='Words, "a phrase", tag:claim, color:pink, source:"Kurdistan 24", is:note'
        value={query}
        aria-controls="search-results"
        aria-activedescendant={hits.length ? `search-hit-${active}` : undefined}
        onChange={(e) => typeQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            // Down from the last hit asks for more when there are more (else it wraps to the first).
            if (e.key === 'ArrowDown' && active === hits.length - 1 && result?.truncated) void showMoreHits();
            else if (hits.length)
              setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : -1) + hits.length) % hits.length);
          } else if (e.key === 'Enter' && hits[active]) {
            e.preventDefault();
            void openHit(hits[active]);
          }
        }}
      />
      <p className="search-summary" role="status">
        {error
          ? error
          : result && query.trim()
            ? `${plural(result.hits, 'hit')} in ${plural(new Set(result.groups.map((g) => g.articleId)).size, 'article')}${result.truncated ? ' (the best first; more as you scroll)' : ''}${busy ? '…' : ''}`
            : busy
              ? 'Searching…'
              : ''}
      </p>
      {result?.warnings.map((w) => (
        <p key={w} className="search-warning">
          {w}
        </p>
      ))}
      <div
        id="search-results"
        className="search-results"
        ref={list}
        onScroll={(e) => {
          const { scrollTop, clientHeight, scrollHeight } = e.currentTarget;
          if (scrollTop + clientHeight >= scrollHeight - MORE_WITHIN_PX) void showMoreHits();
        }}
        role="listbox"
        aria-label="Search results"
      >
        {result?.groups.map((g, gi) => (
          // A listbox holds options, in groups: the article's title names its group.
          <section
            // An article may have a second group: hits it gained in a later page follow those shown.
            key={`${g.articleId}-${gi}`}
            className="search-group"
            role="group"
            aria-labelledby={`search-group-${gi}`}
          >
            <h3 id={`search-group-${gi}`} role="presentation">
              {g.title}
              {g.source && <span className="search-source"> · {g.source}</span>}
            </h3>
            {g.hits.map((hit) => {
              const i = ++n;
              return (
                <HitRow
                  key={`${hit.kind}-${hit.annotationId ?? ''}-${hit.field}-${i}`}
                  hit={hit}
                  index={i}
                  active={i === active}
                  onHover={() => setActive(i)}
                />
              );
            })}
          </section>
        ))}
      </div>
    </Dialog>
  );
}

function HitRow({
  hit,
  index,
  active,
  onHover,
}: {
  hit: SearchHit;
  index: number;
  active: boolean;
  onHover: () => void;
}) {
  const { text, ranges } = hit.snippet;
  const parts: React.ReactNode[] = [];
  let at = 0;
  for (const [s, e] of ranges) {
    if (s > at) parts.push(text.slice(at, s));
    parts.push(<mark key={s}>{text.slice(s, e)}</mark>);
    at = e;
  }
  parts.push(text.slice(at));
  return (
    <div
      id={`search-hit-${index}`}
      data-hit={index}
      role="option"
      aria-selected={active}
      className={`search-hit ${active ? 'is-active' : ''} ${hit.color ? `search-hit-${hit.color}` : ''}`}
      onMouseMove={onHover}
      onClick={() => void openHit(hit)}
    >
      <span className="search-kind">
        {hit.kind === 'article' ? FIELD_LABEL[hit.field] : KIND_LABEL[hit.kind]}
      </span>
      <span className="search-snippet">{parts}</span>
      {hit.tags && hit.tags.length > 0 && (
        <span className="search-tags">{hit.tags.map((t) => `#${t}`).join(' ')}</span>
      )}
    </div>
  );
}
