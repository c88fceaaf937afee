/**
 * File › Import Highlights…: the shell's open dialog (filtered for highlights
 * files), then importHighlights, then what became of each document — matched
 * and anchored, placed without certainty (each listed, with why), kept as an
 * article of its own — so the user knows where every passage went.
 */
import { useEffect, useState } from 'react';
import type { BatchReport, HighlightImportDocument, HighlightImportReport } from '@core/contract';
import { Dialog } from '../app/Dialog';
import { gloss, messageOf } from '../gloss';
import { plural } from '../ui/format';
import { refreshLibrary } from '../library/libraryStore';
import { tagsChanged } from '../ui/tagList';
import { runBatch } from '../ui/batchHistory';

type State =
  | { kind: 'choosing' }
  | { kind: 'busy'; names: string[] }
  | { kind: 'done'; report: HighlightImportReport }
  | { kind: 'error'; message: string };

const FOUND_BY = {
  url: 'found by its address',
  'title-author': 'found by title and author',
  title: 'found by title alone — check it is the same work',
};

function DocumentReport({ d }: { d: HighlightImportDocument }) {
  const parts: string[] = [];
  if (d.anchored) parts.push(`${plural(d.anchored, 'passage')} highlighted`);
  if (d.lowConfidence.length) parts.push(`${d.lowConfidence.length} placed without certainty`);
  if (d.unanchored)
    parts.push(
      d.keptIn
        ? `${d.unanchored} not found in it, kept in “${d.keptIn.title}”`
        : `${plural(d.unanchored, 'passage')} kept`,
    );
  if (d.alreadyImported) parts.push(`${d.alreadyImported} already in the library`);
  if (d.notes) parts.push(`${plural(d.notes, 'note')} added to the article note`);
  return (
    <li className="interop-document">
      <div className="interop-document-title">
        <strong>{d.title}</strong>
        {d.authors.length ? <span className="muted"> — {d.authors.join(', ')}</span> : null}
      </div>
      <div className={d.matchedBy === 'title' ? 'interop-where uncertain' : 'interop-where'}>
        {d.matchedBy ? `In “${d.articleTitle}”, ${FOUND_BY[d.matchedBy]}` : 'New article'}:{' '}
        {parts.join(', ') || 'nothing new'}.
      </div>
      {d.lowConfidence.length ? (
        <ul className="interop-uncertain" aria-label={`Placed without certainty in “${d.articleTitle}”`}>
          {d.lowConfidence.map((l) => (
            <li key={l.annotationId}>
              “{l.quote.length > 90 ? `${l.quote.slice(0, 89)}…` : l.quote}”
              {l.location ? ` (${l.location})` : ''}: {l.why}
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}

const EMPTY: BatchReport = { articles: 0, before: [], after: [] };

/** The library and its tags shown as they are now: after the import, its undo and its redo. */
const showLibrary = async () => {
  await refreshLibrary();
  tagsChanged();
};

/**
 * The import as one change of the library-wide history: its toast's Undo, or Ctrl/Cmd+Z in the library (or
 * the notebook and the tags), takes out every passage it added, puts back the notes and tags it merged into
 * passages already there and the article notes it extended, and removes the articles it made; redo imports
 * the same files again (granted once more), which gives the same passages and articles.
 */
async function importUndoably(firstGrant: string, names: string): Promise<HighlightImportReport> {
  let grant = firstGrant;
  let last: HighlightImportReport | undefined;
  let failure: unknown;
  const run = async () => {
    try {
      last = await gloss().importHighlights({ grant });
    } catch (err) {
      failure = err;
      throw err;
    }
    grant = last.grant ?? grant;
    return last.batch ?? EMPTY;
  };
  await runBatch(
    run,
    (r) => {
      const added = r.after.length - r.before.length;
      const articles = r.articlesAdded?.length ?? 0;
      const what = [
        added ? plural(added, 'highlight') : '',
        r.before.length ? `${plural(r.before.length, 'highlight')} updated` : '',
        articles ? plural(articles, 'new article') : '',
      ].filter(Boolean);
      return what.length ? `Imported from ${names}: ${what.join(', ')}` : `Nothing new in ${names}`;
    },
    {
      library: true,
      follow: () => {
        void showLibrary();
        return showLibrary;
      },
    },
  );
  if (!last) throw failure;
  return last;
}

export function ImportHighlightsDialog({ onClose }: { onClose: () => void }) {
  const [state, setState] = useState<State>({ kind: 'choosing' });

  useEffect(() => {
    let live = true;
    void (async () => {
      try {
        const chosen = await gloss().chooseImportFiles({ kind: 'highlights' });
        if (!live) return;
        if (!chosen) return onClose();
        setState({ kind: 'busy', names: chosen.names });
        const report = await importUndoably(chosen.grant, chosen.names.join(', '));
        void refreshLibrary();
        tagsChanged();
        if (live) setState({ kind: 'done', report });
      } catch (err) {
        if (live) setState({ kind: 'error', message: messageOf(err) });
      }
    })();
    return () => {
      live = false;
    };
  }, [onClose]);

  return (
    <Dialog title="Import highlights" onClose={onClose} className="interop-report">
      {state.kind === 'choosing' && (
        <p className="modal-description">Choose the files exported by the other tool…</p>
      )}
      {state.kind === 'busy' && <p role="status">Importing {state.names.join(', ')}…</p>}
      {state.kind === 'error' && (
        <p className="export-result error" role="alert">
          Import failed: {state.message}
        </p>
      )}
      {state.kind === 'done' && (
        <div role="status" aria-label="Import report">
          {state.report.files.map((f) => (
            <section key={f.source} className="interop-file">
              <h3>
                {f.source} <span className="muted">({f.format})</span>
              </h3>
              <ul className="interop-documents">
                {f.documents.map((d) => (
                  <DocumentReport key={`${d.title}\u0000${d.articleId}`} d={d} />
                ))}
              </ul>
              {f.warnings.length ? (
                <ul className="interop-warnings" aria-label={`Warnings for ${f.source}`}>
                  {f.warnings.map((w) => (
                    <li key={w}>{w}</li>
                  ))}
                </ul>
              ) : null}
            </section>
          ))}
          {state.report.failed.map((f) => (
            <p key={f.source} className="export-result error" role="alert">
              {f.source}: {f.message}
            </p>
          ))}
        </div>
      )}
      <div className="modal-actions">
        <button type="button" className="primary" onClick={onClose} disabled={state.kind === 'busy'}>
          {state.kind === 'done' || state.kind === 'error' ? 'Close' : 'Cancel'}
        </button>
      </div>
    </Dialog>
  );
}
