/**
 * What the versions feature puts over the app: the review and compare dialogs,
 * the bar shown while a highlight's words are chosen again in the reader, and
 * the question after an import that may be a new version of an article.
 */
import { useEffect } from 'react';
import type { ReviewItem } from '@core/contract';
import { offsetsToRange } from '../reader/selection';
import { useStore } from '../store';
import { Dialog } from '../app/Dialog';
import { readerStore } from '../reader/readerStore';
import { CompareDialog } from './CompareDialog';
import { ReviewDialog } from './ReviewDialog';
import { answerPossibleVersion, applyReselection, cancelReselection, versionsStore } from './versionsStore';

/**
 * The words to start from, selected in the reader with the article focused, so
 * the keyboard goes on from there (Shift+arrows adjust, Enter uses them): the
 * passage's new wording, or just the article for words not found.
 */
function startReselection(item: ReviewItem): void {
  const root = document.querySelector<HTMLElement>('.reader-scroll article.article');
  if (!root) return;
  root.focus({ preventScroll: true });
  if (item.band !== 'changed') return;
  const { start, end } = item.annotation.target.position;
  const range = offsetsToRange(root, start, end);
  const selection = document.getSelection();
  if (!range || !selection) return; // not rendered (a windowed article): chosen by hand
  selection.removeAllRanges();
  selection.addRange(range);
  range.startContainer.parentElement?.scrollIntoView({ block: 'center' });
}

function ReselectBar() {
  const item = useStore(versionsStore, (s) => s.reselecting);
  const selected = useStore(readerStore, (s) => !!s.selection);
  useEffect(() => {
    if (!item) return;
    // After the review dialog has closed and given focus back.
    const frame = requestAnimationFrame(() => startReselection(item));
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') cancelReselection();
      else if (e.key === 'Enter' && readerStore.get().selection) {
        e.preventDefault();
        void applyReselection();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener('keydown', onKey);
    };
  }, [item]);
  if (!item) return null;
  return (
    <div className="reselect-bar" role="region" aria-label="Re-select a highlight">
      <span>
        Select the words for <q>{item.previous}</q> in the text (Shift+arrows adjust), then use them (Enter).
      </span>
      <button type="button" disabled={!selected} onClick={() => void applyReselection()}>
        Use selected words
      </button>
      <button type="button" onClick={cancelReselection}>
        Cancel
      </button>
    </div>
  );
}

function AskVersion() {
  const asking = useStore(versionsStore, (s) => s.asking);
  // Several in one import: each asked in turn, the title saying which.
  const of = useStore(versionsStore, (s) => s.asked + s.toAsk.length + 1);
  const at = useStore(versionsStore, (s) => s.asked + 1);
  if (!asking) return null;
  return (
    <Dialog
      key={asking.articleId}
      title={of > 1 ? `A new version? (${at} of ${of})` : 'A new version?'}
      role="alertdialog"
      onClose={() => void answerPossibleVersion(false)}
      description={`“${asking.title}” shares ${Math.round(asking.resemblance * 100)} % of its five-word phrases with “${asking.ofTitle}”, already in the library.`}
    >
      <div className="modal-actions">
        <button type="button" onClick={() => void answerPossibleVersion(true)}>
          Add as its new version
        </button>
        <button type="button" onClick={() => void answerPossibleVersion(false)}>
          Keep as a separate article
        </button>
      </div>
    </Dialog>
  );
}

export function VersionsLayer() {
  const open = useStore(versionsStore, (s) => s.open);
  return (
    <>
      {open === 'review' && <ReviewDialog />}
      {open === 'compare' && <CompareDialog />}
      <ReselectBar />
      <AskVersion />
    </>
  );
}
