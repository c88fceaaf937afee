/** Export notes: format and scope → the shell's save dialog → exportNotes → where it went. */
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import type { ExportFormat, ExportReport } from '@core/contract';
import { Dialog } from '../app/Dialog';
import { gloss, messageOf } from '../gloss';
import { plural } from '../ui/format';
import { RadioGroup, type RadioOption } from '../ui/RadioGroup';
import { settingsStore } from '../reader/settingsStore';
import { useStore } from '../store';

const PreferencesDialog = lazy(() =>
  import('../preferences/PreferencesDialog').then((m) => ({ default: m.PreferencesDialog })),
);

const FORMATS: RadioOption<ExportFormat>[] = [
  { value: 'md', label: 'Markdown' },
  { value: 'json', label: 'JSON (W3C Web Annotation)' },
  { value: 'csv', label: 'CSV (spreadsheet)' },
  { value: 'readwise', label: 'Readwise CSV (to import into Readwise)' },
];

/** A file name from a title: lower-case words joined by dashes. */
export function defaultExportName(title: string | undefined, format: ExportFormat): string {
  const base =
    (title ?? 'gloss-library')
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'notes';
  // Readwise's import is a CSV too.
  return format === 'readwise' ? `${base}-readwise.csv` : `${base}-notes.${format}`;
}

type Scope = 'article' | 'library' | 'passages' | 'articles';

type State =
  | { kind: 'idle' }
  | { kind: 'busy' }
  | { kind: 'done'; report: ExportReport }
  | { kind: 'error'; message: string };

/**
 * `passages`: the passages chosen in the notebook; `articles`: the articles chosen in the library;
 * either is offered as the scope (and chosen first).
 */
export function ExportDialog({
  article,
  passages,
  articles,
  onClose,
}: {
  article?: { id: string; title: string };
  passages?: string[];
  articles?: string[];
  onClose: () => void;
}) {
  const [format, setFormat] = useState<ExportFormat>('md');
  const [scope, setScope] = useState<Scope>(
    passages?.length ? 'passages' : articles?.length ? 'articles' : article ? 'article' : 'library',
  );
  // A selection is offered only when there is one.
  const scopes = (
    [
      {
        value: 'article',
        label: `This article${article ? ` (“${article.title}”)` : ''}`,
        disabled: !article,
      },
      passages?.length
        ? {
            value: 'passages',
            label: `The ${passages.length === 1 ? 'passage' : `${passages.length} passages`} selected`,
          }
        : null,
      articles?.length
        ? {
            value: 'articles',
            label: `The ${articles.length === 1 ? 'article' : `${articles.length} articles`} selected`,
          }
        : null,
      { value: 'library', label: 'Whole library' },
    ] satisfies (RadioOption<Scope> | null)[]
  ).filter((o) => o !== null);
  const [state, setState] = useState<State>({ kind: 'idle' });
  // The W3C export names the user as the highlights' creator: without a name it names nobody.
  const unnamed = useStore(settingsStore, (s) => !s.settings.userName?.trim());
  const [preferences, setPreferences] = useState(false);
  const exportButton = useRef<HTMLButtonElement>(null);
  // Back from Preferences with the name set, the button that opened them is gone: focus stays in this dialog.
  useEffect(() => {
    if (!preferences && document.activeElement === document.body) exportButton.current?.focus();
  }, [preferences]);

  const run = async () => {
    setState({ kind: 'busy' });
    try {
      const one = scope === 'article' && article;
      const some = scope === 'passages' && passages?.length ? passages : undefined;
      const several = scope === 'articles' && articles?.length ? articles : undefined;
      const name = one ? article.title : some ? 'gloss-passages' : several ? 'gloss-articles' : undefined;
      const chosen = await gloss().chooseExportPath({ defaultName: defaultExportName(name, format), format });
      if (!chosen) return setState({ kind: 'idle' });
      const report = await gloss().exportNotes({
        articleId: one ? article.id : undefined,
        annotationIds: some,
        articleIds: several,
        format,
        grant: chosen.grant,
      });
      setState({ kind: 'done', report });
    } catch (err) {
      setState({ kind: 'error', message: messageOf(err) });
    }
  };

  return (
    <>
      <Dialog title="Export notes" onClose={onClose} className="export">
        <RadioGroup legend="Format" name="format" options={FORMATS} value={format} onChange={setFormat} />
        {format === 'json' && unnamed && (
          <p className="export-unnamed">
            Your name is not set, so this export names no one as the author of your highlights.{' '}
            <button type="button" className="link" onClick={() => setPreferences(true)}>
              Set your name in Preferences…
            </button>
          </p>
        )}
        <RadioGroup legend="Scope" name="scope" options={scopes} value={scope} onChange={setScope} />
        {state.kind === 'done' && (
          <p className="export-result" role="status">
            Exported {plural(state.report.annotations, 'annotation')} from{' '}
            {plural(state.report.articles, 'article')} to <code>{state.report.path}</code>
          </p>
        )}
        {state.kind === 'done' && state.report.warnings?.length ? (
          <ul className="export-result warning" aria-label="Export warnings">
            {state.report.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        ) : null}
        {state.kind === 'error' && (
          <p className="export-result error" role="alert">
            Export failed: {state.message}
          </p>
        )}
        <div className="modal-actions">
          <button type="button" onClick={onClose}>
            {state.kind === 'done' ? 'Close' : 'Cancel'}
          </button>
          <button
            ref={exportButton}
            type="button"
            className="primary"
            disabled={state.kind === 'busy'}
            onClick={() => void run()}
          >
            {state.kind === 'busy' ? 'Exporting…' : 'Export…'}
          </button>
        </div>
      </Dialog>
      {preferences && (
        <Suspense fallback={null}>
          <PreferencesDialog onClose={() => setPreferences(false)} />
        </Suspense>
      )}
    </>
  );
}
