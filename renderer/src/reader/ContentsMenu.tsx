/**
 * The reader bar's "Contents" button and the navigation list it opens: the
 * article's headings (see toc.ts), the current section marked, each a button
 * that jumps the reader there. Arrow keys, Home and End move between entries;
 * Escape, a click outside or Tab away closes it.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { TocEntry } from './toc';

export interface ContentsMenuProps {
  entries: readonly TocEntry[];
  /** Index of the section being read (-1 before the first heading). */
  currentSection: () => number;
  /** The reader's scrolling element: the current section follows its scrolling while the list is open. */
  scrollEl: () => HTMLElement | null;
  onJump: (entry: TocEntry) => void;
}

export function ContentsMenu({ entries, currentSection, scrollEl, onJump }: ContentsMenuProps) {
  const [open, setOpen] = useState(false);
  const [current, setCurrent] = useState(-1);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const listRef = useRef<HTMLOListElement>(null);

  const entryButtons = () => Array.from(listRef.current?.querySelectorAll<HTMLButtonElement>('button') ?? []);
  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) buttonRef.current?.focus();
  };

  // Opening: mark the current section and put focus on it.
  useLayoutEffect(() => {
    if (!open) return;
    const i = currentSection();
    setCurrent(i);
    const target = entryButtons()[Math.max(0, i)];
    target?.focus({ preventScroll: true });
    target?.scrollIntoView({ block: 'nearest' });
  }, [open, currentSection]);

  // While open: follow the reader's scrolling (once a frame at most), close on a click outside.
  useEffect(() => {
    if (!open) return;
    const el = scrollEl();
    let frame = 0;
    const onScroll = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        setCurrent(currentSection());
      });
    };
    const onPointer = (e: MouseEvent) => {
      if (!rootRef.current?.contains(e.target as Node)) close(false);
    };
    el?.addEventListener('scroll', onScroll, { passive: true });
    document.addEventListener('mousedown', onPointer);
    return () => {
      cancelAnimationFrame(frame);
      el?.removeEventListener('scroll', onScroll);
      document.removeEventListener('mousedown', onPointer);
    };
  }, [open, currentSection, scrollEl]);

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      close(true);
      return;
    }
    const buttons = entryButtons();
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const to =
      e.key === 'ArrowDown'
        ? Math.min(buttons.length - 1, at + 1)
        : e.key === 'ArrowUp'
          ? Math.max(0, at - 1)
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? buttons.length - 1
              : null;
    if (to === null || at < 0) return;
    e.preventDefault();
    buttons[to]?.focus();
  };

  return (
    <div
      className="contents-menu"
      ref={rootRef}
      onBlur={(e) => {
        if (open && e.relatedTarget && !rootRef.current?.contains(e.relatedTarget as Node)) close(false);
      }}
    >
      <button
        type="button"
        ref={buttonRef}
        aria-expanded={open}
        aria-controls={open ? 'reader-contents' : undefined}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && !open) {
            e.preventDefault();
            setOpen(true);
          }
        }}
      >
        Contents
      </button>
      {open && (
        <nav
          id="reader-contents"
          className="popover contents-popover"
          aria-label="Contents"
          onKeyDown={onKeyDown}
        >
          <ol ref={listRef} className="contents-list">
            {entries.map((entry, i) => (
              <li key={entry.id} className={`contents-depth-${entry.depth}`}>
                <button
                  type="button"
                  aria-current={i === current ? 'location' : undefined}
                  onClick={() => {
                    setOpen(false);
                    onJump(entry);
                  }}
                >
                  {entry.text}
                </button>
              </li>
            ))}
          </ol>
        </nav>
      )}
    </div>
  );
}
