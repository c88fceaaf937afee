/**
 * Find in this article (Ctrl/Cmd+F): every match marked, the current one
 * scrolled to; Enter / Shift+Enter (or F3) for the next and previous, Escape
 * closes and gives the article back its focus.
 */
import { useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { findAll, foldText } from './findInText';
import { clearRanges, paintRanges } from './textMarks';

export function FindBar(props: {
  text: string;
  articleEl: RefObject<HTMLElement | null>;
  show: (start: number, end: number, then?: () => void) => void;
  onClose: () => void;
}) {
  const { text, articleEl, show, onClose } = props;
  const folded = useMemo(() => foldText(text), [text]);
  const [query, setQuery] = useState('');
  const [current, setCurrent] = useState(0);
  const matches = useMemo(() => findAll(folded, query), [folded, query]);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => input.current?.focus(), []);
  useEffect(() => () => clearRanges('gloss-find', 'gloss-find-current'), []);

  useEffect(() => {
    const m = matches[current];
    if (!m) return clearRanges('gloss-find', 'gloss-find-current');
    show(m[0], m[1], () => {
      paintRanges('gloss-find', articleEl.current, matches);
      paintRanges('gloss-find-current', articleEl.current, [m]);
    });
  }, [matches, current, show, articleEl]);

  const step = (by: number) =>
    matches.length && setCurrent((c) => (c + by + matches.length) % matches.length);
  const close = () => {
    onClose();
    articleEl.current?.focus({ preventScroll: true });
  };

  return (
    <div className="find-bar" role="search" aria-label="Find in this article">
      <input
        ref={input}
        type="search"
        aria-label="Find in this article"
        placeholder="Find in this article"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setCurrent(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' || e.key === 'F3') {
            e.preventDefault();
            step(e.shiftKey ? -1 : 1);
          } else if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            close();
          }
        }}
      />
      <span className="find-count" role="status" aria-live="polite">
        {query.trim() ? (matches.length ? `${current + 1} of ${matches.length}` : 'No matches') : ''}
      </span>
      <button type="button" aria-label="Previous match" disabled={!matches.length} onClick={() => step(-1)}>
        ↑
      </button>
      <button type="button" aria-label="Next match" disabled={!matches.length} onClick={() => step(1)}>
        ↓
      </button>
      <button type="button" className="icon" aria-label="Close Find" onClick={close}>
        ×
      </button>
    </div>
  );
}
