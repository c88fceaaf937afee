/**
 * The review queue: each highlight whose words changed or were not found in
 * the new version, with its old wording, the new passage and the difference
 * word by word, and Accept / Re-select / Keep on old version / Delete.
 * Keyboard: ↑/↓ move between highlights, A accept, R re-select, K keep on the
 * old version, Delete delete, Ctrl/Cmd+Z undo the last answer.
 */
import { useEffect, useRef, useState } from 'react';
import type { ReviewItem, TextChange } from '@core/contract';
import { Dialog } from '../app/Dialog';
import { useStore } from '../store';
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

const KEYS: Record<string, ReviewAction> = { a: 'accept', r: 'reselect', k: 'keep-old', Delete: 'delete' };

export function ReviewDialog() {
  const items = useStore(versionsStore, (s) => s.review);
  const canUndo = useStore(versionsStore, (s) => s.undo.length > 0);
  const [focused, setFocused] = useState(0);
  const listRef = useRef<HTMLOListElement>(null);
  const at = Math.min(focused, items.length - 1);

  // Focus follows the current item (after an answer, the next one).
  useEffect(() => {
    if (!listRef.current?.contains(document.activeElement) && document.activeElement !== document.body)
      return;
    listRef.current?.querySelector<HTMLElement>(`[data-index="${at}"]`)?.focus();
  }, [at, items.length]);

  const act = (item: ReviewItem, action: ReviewAction) => void answerReview(item, action);

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
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setFocused(Math.max(0, Math.min(items.length - 1, at + (e.key === 'ArrowDown' ? 1 : -1))));
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

  return (
    <Dialog
      title={`Review highlights (${items.length})`}
      className="review-dialog"
      onClose={closeVersionsDialog}
      initialFocus='[data-index="0"]'
      description="Highlights whose words changed or were not found in the new version. A accept, R re-select, K keep on the old version, Delete delete, Ctrl+Z undo."
    >
      <div ref={boxRef}>
        {items.length === 0 ? (
          <p className="review-empty">Nothing left to review.</p>
        ) : (
          <ol className="review-list" ref={listRef} aria-label="Highlights to review">
            {items.map((item, i) => (
              <li
                key={item.annotation.id}
                data-index={i}
                tabIndex={i === at ? 0 : -1}
                className="review-item"
                aria-current={i === at ? 'true' : undefined}
                onFocus={() => setFocused(i)}
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
            ))}
          </ol>
        )}
        <div className="dialog-actions">
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
