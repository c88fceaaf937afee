/**
 * The reader bar's version menu: which version is shown (the current one),
 * every version with its date (an older one opened read only with Read),
 * "Compare versions" and the review queue with
 * its badge count. Shown once an article has more than one version or
 * highlights waiting for review.
 */
import { useEffect, useRef, useState } from 'react';
import { useStore } from '../store';
import { openCompare, openOldVersion, openReview, versionsStore } from './versionsStore';

const day = (iso: string) => iso.slice(0, 16).replace('T', ' ');

export function VersionMenu() {
  const versions = useStore(versionsStore, (s) => s.versions);
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    rootRef.current?.querySelector<HTMLButtonElement>('.version-popover button')?.focus();
    const onPointer = (e: MouseEvent) => {
      if (!rootRef.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onPointer);
    return () => document.removeEventListener('mousedown', onPointer);
  }, [open]);

  if (!versions || (versions.versions.length < 2 && versions.inReview === 0)) return null;
  const n = versions.versions.length;
  const at = versions.versions.findIndex((v) => v.current) + 1;
  const close = (focus: boolean) => {
    setOpen(false);
    if (focus) buttonRef.current?.focus();
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      close(true);
      return;
    }
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const buttons = Array.from(
      rootRef.current?.querySelectorAll<HTMLButtonElement>('.version-popover button') ?? [],
    );
    const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
    e.preventDefault();
    buttons[e.key === 'ArrowDown' ? Math.min(buttons.length - 1, i + 1) : Math.max(0, i - 1)]?.focus();
  };

  return (
    <div
      className="version-menu"
      ref={rootRef}
      onBlur={(e) => {
        if (open && e.relatedTarget && !rootRef.current?.contains(e.relatedTarget as Node)) setOpen(false);
      }}
    >
      <button
        type="button"
        ref={buttonRef}
        aria-expanded={open}
        aria-controls={open ? 'reader-versions' : undefined}
        aria-label={`Version ${at} of ${n}${versions.inReview ? `, ${versions.inReview} highlights to review` : ''}`}
        onClick={() => setOpen((o) => !o)}
      >
        Version {at} of {n}
        {versions.inReview > 0 && (
          <span className="review-badge" aria-hidden="true">
            {versions.inReview}
          </span>
        )}
      </button>
      {open && (
        <div
          id="reader-versions"
          className="popover version-popover"
          role="group"
          aria-label="Versions"
          onKeyDown={onKeyDown}
        >
          <ol className="version-list">
            {versions.versions.map((v, i) => (
              <li key={v.hash} aria-current={v.current ? 'true' : undefined}>
                <span className="version-name">
                  Version {i + 1}
                  {v.current ? ' (shown)' : ''}
                </span>
                <span className="version-meta">
                  {day(v.importedAt)} · {v.wordCount.toLocaleString()} words · {v.annotations} highlight
                  {v.annotations === 1 ? '' : 's'}
                </span>
                {!v.current && (
                  <button
                    type="button"
                    className="version-read"
                    aria-label={`Read version ${i + 1} (read only)`}
                    onClick={() => {
                      close(false);
                      void openOldVersion(v.hash);
                    }}
                  >
                    Read
                  </button>
                )}
              </li>
            ))}
          </ol>
          {n > 1 && (
            <button
              type="button"
              onClick={() => {
                close(false);
                void openCompare();
              }}
            >
              Compare versions…
            </button>
          )}
          <button
            type="button"
            disabled={versions.inReview === 0}
            onClick={() => {
              close(false);
              void openReview();
            }}
          >
            Review highlights ({versions.inReview})
          </button>
        </div>
      )}
    </div>
  );
}
