/** "Compare versions": the text from one version to another, word by word — inserted and deleted words marked. */
import { useStore } from '../store';
import { Dialog } from '../app/Dialog';
import { closeVersionsDialog, openCompare, versionsStore } from './versionsStore';

export function CompareDialog() {
  const comparison = useStore(versionsStore, (s) => s.comparison);
  const versions = useStore(versionsStore, (s) => s.versions);
  if (!comparison || !versions) return null;
  const label = (hash: string) => {
    const i = versions.versions.findIndex((v) => v.hash === hash);
    const v = versions.versions[i];
    return v ? `Version ${i + 1} (${v.importedAt.slice(0, 10)})` : hash.slice(0, 12);
  };
  const pick = (which: 'from' | 'to') => (
    <select
      aria-label={which === 'from' ? 'Compare from' : 'Compare to'}
      value={comparison[which]}
      onChange={(e) =>
        void openCompare(
          which === 'from' ? e.target.value : comparison.from,
          which === 'to' ? e.target.value : comparison.to,
        )
      }
    >
      {versions.versions.map((v) => (
        <option key={v.hash} value={v.hash}>
          {label(v.hash)}
        </option>
      ))}
    </select>
  );
  return (
    <Dialog title="Compare versions" className="compare-dialog" onClose={closeVersionsDialog}>
      <div className="compare-pick">
        {pick('from')} → {pick('to')}
        <span className="compare-counts" role="status">
          {comparison.inserted} words inserted, {comparison.deleted} deleted
        </span>
      </div>
      <div className="compare-text" tabIndex={0} aria-label="Changes">
        {comparison.changes.map((c, i) =>
          c.op === 'same' ? (
            <span key={i}>{c.text}</span>
          ) : c.op === 'inserted' ? (
            <ins key={i}>{c.text}</ins>
          ) : (
            <del key={i}>{c.text}</del>
          ),
        )}
      </div>
      <div className="modal-actions">
        <button type="button" onClick={closeVersionsDialog}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
