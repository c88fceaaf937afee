/**
 * What the versions feature puts over the app: the review and compare dialogs,
 * the bar shown while a highlight's words are chosen again in the reader, and
 * the question after an import that may be a new version of an article.
 */
import { useEffect } from 'react';
import { useStore } from '../store';
import { Dialog } from '../app/Dialog';
import { readerStore } from '../reader/readerStore';
import { CompareDialog } from './CompareDialog';
import { ReviewDialog } from './ReviewDialog';
import { answerPossibleVersion, applyReselection, cancelReselection, versionsStore } from './versionsStore';

function ReselectBar() {
  const item = useStore(versionsStore, (s) => s.reselecting);
  const selected = useStore(readerStore, (s) => !!s.selection);
  useEffect(() => {
    if (!item) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') cancelReselection();
      else if (e.key === 'Enter' && readerStore.get().selection) {
        e.preventDefault();
        void applyReselection();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [item]);
  if (!item) return null;
  return (
    <div className="reselect-bar" role="region" aria-label="Re-select a highlight">
      <span>
        Select the words for “<q>{item.previous}</q>” in the text, then use them (Enter).
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
  if (!asking) return null;
  return (
    <Dialog
      title="A new version?"
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
