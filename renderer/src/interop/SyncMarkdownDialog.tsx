/**
 * File › Sync from Markdown…: the shell's open dialog, a dry run listing what
 * the edited file asks for (notes, #tags, passages deleted — those only when
 * the user ticks the box), the problems found (quotes edited by hand, block
 * ids not known), then the change applied as one batch the user can undo.
 */
import { useEffect, useState } from 'react';
import type { BatchReport, MarkdownSyncChange, MarkdownSyncReport } from '@core/contract';
import { Dialog } from '../app/Dialog';
import { gloss, messageOf } from '../gloss';
import { plural } from '../ui/format';
import { refreshLibrary } from '../library/libraryStore';
import { runBatch } from '../ui/batchHistory';

type State =
  | { kind: 'choosing' }
  | { kind: 'busy' }
  | { kind: 'listed'; report: MarkdownSyncReport }
  | { kind: 'applied'; report: MarkdownSyncReport }
  | { kind: 'error'; message: string };

const short = (s: string) => (s.length > 70 ? `${s.slice(0, 69)}…` : s);

function ArticleNoteLine({ n }: { n: MarkdownSyncReport['articleNotes'][number] }) {
  const what = !n.to ? 'removed' : n.from ? 'changed' : 'added';
  return (
    <li className="sync-change">
      <span className="sync-quote">Article note</span> <span className="muted">of “{n.articleTitle}”</span>
      <div>{what}</div>
      {n.to ? <blockquote className="sync-note">{n.to}</blockquote> : null}
    </li>
  );
}

function ChangeLine({ c }: { c: MarkdownSyncChange }) {
  const what: string[] = [];
  if (c.deleted) what.push('deleted in the file');
  if (c.note) what.push(c.note.to ? 'note changed' : 'note removed');
  if (c.tags)
    what.push([...c.tags.added.map((t) => `+#${t}`), ...c.tags.removed.map((t) => `−#${t}`)].join(' '));
  return (
    <li className={c.deleted ? 'sync-change deleted' : 'sync-change'}>
      <span className="sync-quote">“{short(c.quote)}”</span>{' '}
      <span className="muted">in “{c.articleTitle}”</span>
      <div>{what.join(', ')}</div>
      {c.note?.to ? <blockquote className="sync-note">{c.note.to}</blockquote> : null}
    </li>
  );
}

const EMPTY: BatchReport = { articles: 0, before: [], after: [] };

export function SyncMarkdownDialog({ onClose }: { onClose: () => void }) {
  const [state, setState] = useState<State>({ kind: 'choosing' });
  const [deleting, setDeleting] = useState(false);

  useEffect(() => {
    let live = true;
    void (async () => {
      try {
        const chosen = await gloss().chooseImportFiles({ kind: 'markdown' });
        if (!live) return;
        if (!chosen) return onClose();
        setState({ kind: 'busy' });
        const report = await gloss().syncMarkdown({ grant: chosen.grant, dryRun: true });
        if (live) setState({ kind: 'listed', report });
      } catch (err) {
        if (live) setState({ kind: 'error', message: messageOf(err) });
      }
    })();
    return () => {
      live = false;
    };
  }, [onClose]);

  const apply = async (listed: MarkdownSyncReport) => {
    setState({ kind: 'busy' });
    let grant = listed.grant!;
    let last: MarkdownSyncReport | undefined;
    // Redo syncs the same file again, with the grant each sync hands back. The article notes it
    // sets are in its batch, so undo puts them back with the passages, in one journaled operation.
    const run = async () => {
      last = await gloss().syncMarkdown({ grant, dryRun: false, delete: deleting });
      grant = last.grant ?? grant;
      return last.batch ?? EMPTY;
    };
    const done = await runBatch(
      run,
      (r) =>
        `Synced ${listed.source}: ${[
          r.before.length || !last?.articleNotes.length ? plural(r.before.length, 'passage') : '',
          last?.articleNotes.length ? plural(last.articleNotes.length, 'article note') : '',
        ]
          .filter(Boolean)
          .join(' and ')} changed`,
    );
    if (!done || !last) return setState({ kind: 'listed', report: listed });
    setState({ kind: 'applied', report: last });
    void refreshLibrary();
  };

  const listed = state.kind === 'listed' ? state.report : undefined;
  const deletions = listed?.changes.filter((c) => c.deleted).length ?? 0;
  const report = state.kind === 'listed' || state.kind === 'applied' ? state.report : undefined;
  return (
    <Dialog title="Sync from Markdown" onClose={onClose} className="interop-report">
      {state.kind === 'choosing' && (
        <p className="modal-description">Choose a Markdown file exported by Gloss…</p>
      )}
      {state.kind === 'busy' && <p role="status">Reading the file…</p>}
      {state.kind === 'error' && (
        <p className="export-result error" role="alert">
          Sync failed: {state.message}
        </p>
      )}
      {report && (
        <div role="status" aria-label="Sync report">
          <p>
            {report.source}: {plural(report.passages, 'passage')} of the library found.{' '}
            {state.kind === 'applied'
              ? `${plural(
                  report.changes.filter((c) => c.applied).length +
                    report.articleNotes.filter((n) => n.applied).length,
                  'change',
                )} applied.`
              : report.changes.length + report.articleNotes.length
                ? `${plural(report.changes.length + report.articleNotes.length, 'change')} to apply:`
                : 'Nothing to change.'}
          </p>
          {report.changes.length + report.articleNotes.length ? (
            <ul className="sync-changes">
              {report.articleNotes.map((n) => (
                <ArticleNoteLine key={`note:${n.articleId}`} n={n} />
              ))}
              {report.changes.map((c) => (
                <ChangeLine key={c.annotationId} c={c} />
              ))}
            </ul>
          ) : null}
          {report.problems.length ? (
            <ul className="interop-warnings" aria-label="Left alone">
              {report.problems.map((p) => (
                <li key={`${p.line}:${p.blockId}`}>{p.message}</li>
              ))}
            </ul>
          ) : null}
          {state.kind === 'applied' && report.deletionsHeldBack ? (
            <p>{plural(report.deletionsHeldBack, 'passage')} deleted in the file kept.</p>
          ) : null}
        </div>
      )}
      {listed && deletions > 0 && (
        <label className="choice">
          <input type="checkbox" checked={deleting} onChange={(e) => setDeleting(e.target.checked)} />
          Also delete the {plural(deletions, 'passage')} removed from the file
        </label>
      )}
      <div className="modal-actions">
        <button type="button" onClick={onClose} disabled={state.kind === 'busy'}>
          {state.kind === 'listed' && (listed?.changes.length || listed?.articleNotes.length)
            ? 'Cancel'
            : 'Close'}
        </button>
        {listed && (listed.articleNotes.length || listed.changes.some((c) => !c.deleted || deleting)) ? (
          <button type="button" className="primary" onClick={() => void apply(listed)}>
            Apply changes
          </button>
        ) : null}
      </div>
    </Dialog>
  );
}
