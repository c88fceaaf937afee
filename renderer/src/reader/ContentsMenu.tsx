/**
 * The reader bar's "Contents" button and the navigation list it opens: the
 * article's headings (see toc.ts), the current section marked, each a button
 * that jumps the reader there. Arrow keys, Home and End move between entries;
 * Escape, a click outside or Tab away closes it.
 */
import { useEffect, useLayoutEffect, useState } from 'react';
import type { TocEntry } from './toc';
import { usePopoverMenu } from '../ui/usePopoverMenu';

export interface ContentsMenuProps {
  entries: readonly TocEntry[];
  /** Index of the section being read (-1 before the first heading). */
  currentSection: () => number;
  /** The reader's scrolling element: the current section follows its scrolling while the list is open. */
  scrollEl: () => HTMLElement | null;
  onJump: (entry: TocEntry) => void;
}

export function ContentsMenu({ entries, currentSection, scrollEl, onJump }: ContentsMenuProps) {
  const { open, setOpen, rootRef, buttonRef, items, onPopoverKeyDown, onRootBlur } =
    usePopoverMenu('.contents-list button');
  const [current, setCurrent] = useState(-1);

  // Opening: mark the current section and put focus on it.
  useLayoutEffect(() => {
    if (!open) return;
    const i = currentSection();
    setCurrent(i);
    const target = items()[Math.max(0, i)];
    target?.focus({ preventScroll: true });
    target?.scrollIntoView({ block: 'nearest' });
  }, [open, currentSection, items]);

  // While open: follow the reader's scrolling (once a frame at most).
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
    el?.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      cancelAnimationFrame(frame);
      el?.removeEventListener('scroll', onScroll);
    };
  }, [open, currentSection, scrollEl]);

  return (
    <div className="contents-menu" ref={rootRef} onBlur={onRootBlur}>
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
          onKeyDown={onPopoverKeyDown}
        >
          <ol className="contents-list">
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
