/**
 * The reader bar's version menu: which version is shown (the current one),
 * every version with its date (an older one opened read only with Read; any
 * but the first made an article of its own with "Make this a separate article"),
 * "Compare versions" and the review queue with
 * its badge count. Shown once an article has more than one version or
 * highlights waiting for review.
 */
import { useEffect } from 'react';
import { useStore } from '../store';
import { usePopoverMenu } from '../ui/usePopoverMenu';
import { openCompare, openOldVersion, openReview, separateVersion, versionsStore } from './versionsStore';

const day = (iso: string) => iso.slice(0, 16).replace('T', ' ');

export function VersionMenu() {
  const versions = useStore(versionsStore, (s) => s.versions);
  const { open, setOpen, close, rootRef, buttonRef, items, onPopoverKeyDown, onRootBlur } =
    usePopoverMenu('.version-popover button');

  useEffect(() => {
    if (open) items()[0]?.focus();
  }, [open, items]);

  if (!versions || (versions.versions.length < 2 && versions.inReview === 0)) return null;
  const n = versions.versions.length;
  const at = versions.versions.findIndex((v) => v.current) + 1;
  return (
    <div className="version-menu" ref={rootRef} onBlur={onRootBlur}>
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
          onKeyDown={onPopoverKeyDown}
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
                {v.separable && (
                  <button
                    type="button"
                    className="version-separate"
                    aria-label={`Make version ${i + 1} a separate article`}
                    title="Make this a separate article"
                    onClick={() => {
                      close(false);
                      void separateVersion(v.hash);
                    }}
                  >
                    Make this a separate article
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
