/**
 * An older version of the open article, read only, in place of the current
 * text: labelled "Version of DATE — read only", with the highlights kept on
 * that version (versionMarks.ts), and no way to add or change one — no
 * selection toolbar, and the keys that would (H, N, T, Delete, undo) stop here.
 * "Back to the current version" (or Escape) returns to the current text.
 */
import { useEffect, useMemo, useRef } from 'react';
import type { Block } from '@core/contract';
import { useStore } from '../store';
import { shortcutOf, type ShortcutId } from '../app/shortcuts';
import { annotationsStore } from '../annotations/annotationsStore';
import { BlockView } from '../reader/BlockView';
import { ArticleBlocks } from '../reader/ArticleBlocks';
import { openArticleLink } from '../reader/ReaderView';
import { bucketSpans, NO_SPANS } from '../reader/spanBuckets';
import type { VirtualControl } from '../reader/VirtualBlocks';
import { settingsStore } from '../reader/settingsStore';
import { formatDate } from '../ui/format';
import { marksOnVersion } from './versionMarks';
import { closeOldVersion, versionsStore } from './versionsStore';

/** What would change highlights: stopped while an older version is shown. */
const CHANGING_KEYS: readonly ShortcutId[] = ['highlight', 'note', 'tag', 'delete-highlight', 'undo', 'redo'];

const time = (iso: string) => new Date(iso).toTimeString().slice(0, 5);

export function OldVersionReader({ onBack }: { onBack: () => void }) {
  const viewing = useStore(versionsStore, (s) => s.viewing);
  const count = useStore(versionsStore, (s) => s.versions?.versions.length ?? 0);
  const items = useStore(annotationsStore, (s) => s.items);
  const fontSize = useStore(settingsStore, (s) => s.settings.fontSize);
  const scrollRef = useRef<HTMLElement>(null);
  const articleRef = useRef<HTMLElement>(null);
  const backRef = useRef<HTMLButtonElement>(null);
  const control = useRef<VirtualControl | null>(null);

  const article = viewing?.article;
  const spans = useMemo(
    () =>
      article && viewing
        ? bucketSpans(article.blocks, marksOnVersion(items, viewing.version, article.text))
        : null,
    [article, viewing, items],
  );

  // Nothing selected or being edited in the current text acts while this one is shown.
  useEffect(() => {
    annotationsStore.set({ selectedKey: null, editor: null });
    backRef.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (document.querySelector('[aria-modal="true"]')) return;
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        closeOldVersion();
        return;
      }
      if (shortcutOf(e, CHANGING_KEYS)) {
        e.preventDefault();
        e.stopPropagation();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [viewing?.version]);

  if (!viewing || !article || !spans) return null;
  const label = `Version of ${formatDate(viewing.importedAt)}, ${time(viewing.importedAt)} — read only`;
  const render = (b: Block) => (
    <BlockView
      key={b.id}
      block={b}
      articleId={article.id}
      spans={spans.get(b.id) ?? NO_SPANS}
      selectedKey={null}
      flashKey={null}
      onMarkClick={noop}
      onOpenLink={openArticleLink}
    />
  );
  return (
    <div className="reader-layout panel-hidden old-version">
      <header className="reader-bar">
        <button type="button" className="back" onClick={onBack}>
          ← Library
        </button>
        <button type="button" ref={backRef} onClick={closeOldVersion}>
          Back to the current version
        </button>
        <p className="old-version-label" role="status">
          <strong>{label}</strong>
          <span className="old-version-number">
            {' '}
            (version {viewing.number} of {count})
          </span>
        </p>
      </header>
      <div className="reader-body">
        <main className="reader-scroll" ref={scrollRef} aria-label="Reader">
          <div className="reader-content">
            <article
              ref={articleRef}
              className="article"
              aria-label={`${article.meta.title}: ${label}`}
              tabIndex={-1}
            >
              <ArticleBlocks
                article={article}
                render={render}
                scrollRef={scrollRef}
                articleRef={articleRef}
                control={control}
                layoutKey={fontSize}
              />
            </article>
          </div>
        </main>
      </div>
    </div>
  );
}

const noop = () => undefined;
