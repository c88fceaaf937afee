/**
 * The reader: the article's blocks with highlights as derived runs, the
 * selection toolbar, the highlight editor, and the annotations panel.
 * Remembers the scroll position per article through settings.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, type ReactNode } from 'react';
import type { Article, Block } from '../../../main/core/contract';
import { useStore } from '../store';
import { gloss } from '../gloss';
import { showError } from '../app/toasts';
import { formatDate } from '../library/format';
import { annotationsStore, openEditor } from '../annotations/annotationsStore';
import { AnnotationEditor } from '../annotations/AnnotationEditor';
import { AnnotationPanel } from '../annotations/AnnotationPanel';
import { SelectionToolbar } from '../annotations/SelectionToolbar';
import { BlockView } from './BlockView';
import { readerStore, setSelection } from './readerStore';
import { selectionToOffsets } from './selection';
import { settingsStore, updateSettings } from './settingsStore';
import type { Span } from './runs';
import { ReaderBar } from './ReaderBar';
import { extendSelectionByKey } from './keyboardSelection';

export function ReaderView({ article, onBack, onExport, onHelp }: { article: Article; onBack: () => void; onExport: () => void; onHelp: () => void }) {
  const items = useStore(annotationsStore, (s) => s.items);
  const selectedId = useStore(annotationsStore, (s) => s.selectedId);
  const flash = useStore(annotationsStore, (s) => s.flash);
  const editor = useStore(annotationsStore, (s) => s.editor);
  const selection = useStore(readerStore, (s) => s.selection);
  const scrollRef = useRef<HTMLDivElement>(null);
  const contentRef = useRef<HTMLDivElement>(null);
  const articleRef = useRef<HTMLElement>(null);
  const dragging = useRef(false);

  const spansByBlock = useMemo(() => {
    const spans: Span[] = items.filter((a) => !a.orphan).map((a) => ({ id: a.id, start: a.target.position.start, end: a.target.position.end, color: a.color }));
    const map = new Map<string, Span[]>();
    for (const b of article.blocks) map.set(b.id, spans.filter((s) => s.start < b.end && s.end > b.start));
    return map;
  }, [items, article]);

  // ---- selection → toolbar
  const readSelection = useCallback(() => {
    const sel = document.getSelection();
    const root = articleRef.current;
    const content = contentRef.current;
    const offsets = root ? selectionToOffsets(sel, root) : null;
    if (!offsets || !sel || !content) return setSelection(null);
    const range = sel.getRangeAt(0);
    const rects = Array.from(range.getClientRects()).filter((r) => r.width > 0);
    const box = content.getBoundingClientRect();
    const first = rects[0] ?? range.getBoundingClientRect();
    const last = rects[rects.length - 1] ?? first;
    const view = scrollRef.current?.getBoundingClientRect();
    const below = !!view && first.top - view.top < 64;
    const anchor = below ? last : first;
    setSelection({
      ...offsets,
      x: Math.max(150, Math.min(box.width - 150, anchor.left + anchor.width / 2 - box.left)),
      y: below ? anchor.bottom - box.top : anchor.top - box.top,
      below,
    });
  }, []);

  useEffect(() => {
    const onChange = () => {
      if (!dragging.current) readSelection();
    };
    const onUp = () => {
      if (!dragging.current) return;
      dragging.current = false;
      readSelection();
    };
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as Element | null;
      if (t?.closest?.('input, textarea, select, [contenteditable="true"], [aria-modal="true"], .popover')) return;
      if (articleRef.current && scrollRef.current) extendSelectionByKey(e, articleRef.current, scrollRef.current);
    };
    document.addEventListener('selectionchange', onChange);
    document.addEventListener('mouseup', onUp);
    window.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('selectionchange', onChange);
      document.removeEventListener('mouseup', onUp);
      window.removeEventListener('keydown', onKey);
      setSelection(null);
    };
  }, [readSelection]);

  const onMarkClick = useCallback((id: string, e: React.MouseEvent) => {
    if (!document.getSelection()?.isCollapsed) return; // the end of a drag, not a click
    e.stopPropagation();
    openEditor(id);
  }, []);

  const onOpenLink = useCallback((href: string) => {
    gloss().openExternal({ url: href }).catch(showError);
  }, []);

  // ---- scroll: restore once per article, then remember (debounced)
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const f = settingsStore.get().settings.scroll[article.id] ?? 0;
    el.scrollTop = f * Math.max(0, el.scrollHeight - el.clientHeight);
  }, [article.id]);

  const scrollTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const onScroll = () => {
    clearTimeout(scrollTimer.current);
    scrollTimer.current = setTimeout(() => {
      const el = scrollRef.current;
      if (!el) return;
      const max = el.scrollHeight - el.clientHeight;
      const f = max > 0 ? Math.round((el.scrollTop / max) * 1000) / 1000 : 0;
      const scroll = settingsStore.get().settings.scroll;
      if (scroll[article.id] !== f) void updateSettings({ scroll: { ...scroll, [article.id]: f } }, { quiet: true });
    }, 400);
    if (readerStore.get().selection) readSelection();
  };
  useEffect(() => () => clearTimeout(scrollTimer.current), []);

  // ---- reveal from the panel
  useEffect(() => {
    if (!flash) return;
    const el = articleRef.current?.querySelector(`[data-ids~="${CSS.escape(flash.id)}"]`);
    el?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, [flash]);

  const editing = editor ? items.find((a) => a.id === editor.id) : undefined;

  return (
    <div className="reader-layout">
      <ReaderBar title={article.meta.title} onBack={onBack} onExport={onExport} onHelp={onHelp} />
      <div className="reader-body">
        <div className="reader-scroll" ref={scrollRef} onScroll={onScroll}>
          <div className="reader-content" ref={contentRef}>
            <article
              ref={articleRef}
              className="article"
              aria-label={article.meta.title}
              tabIndex={-1}
              onMouseDown={(e) => {
                if (e.button === 0) dragging.current = true;
              }}
            >
              {renderBlocks(article, (b) => (
                <BlockView
                  key={b.id}
                  block={b}
                  articleId={article.id}
                  spans={spansByBlock.get(b.id) ?? []}
                  selectedId={selectedId}
                  flashId={flash?.id ?? null}
                  onMarkClick={onMarkClick}
                  onOpenLink={onOpenLink}
                />
              ))}
            </article>
            {selection && <SelectionToolbar selection={selection} />}
            {editor && editing && (
              <AnnotationEditor key={editing.id} annotation={editing} focus={editor.focus} articleEl={articleRef.current} contentEl={contentRef.current} />
            )}
          </div>
        </div>
        <AnnotationPanel />
      </div>
    </div>
  );
}

/** Blocks in order, list items grouped into lists, the byline after the title and standfirst. */
function renderBlocks(article: Article, render: (b: Block) => ReactNode): ReactNode[] {
  const out: ReactNode[] = [];
  const blocks = article.blocks;
  const hasTitle = blocks.some((b) => b.kind === 'title');
  if (!hasTitle) out.push(<h1 key="meta-title" className="b-title">{article.meta.title}</h1>);
  let bylineDone = false;
  const byline = <Byline key="byline" article={article} />;
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    if (!bylineDone && b.kind !== 'title' && b.kind !== 'standfirst') {
      out.push(byline);
      bylineDone = true;
    }
    if (b.kind === 'list-item') {
      const group: Block[] = [];
      while (i < blocks.length && blocks[i].kind === 'list-item') group.push(blocks[i++]);
      i--;
      const ordered = b.ordered;
      out.push(ordered ? <ol key={`list-${b.id}`} className="b-list">{group.map(render)}</ol> : <ul key={`list-${b.id}`} className="b-list">{group.map(render)}</ul>);
      continue;
    }
    out.push(render(b));
  }
  if (!bylineDone) out.push(byline);
  return out;
}

function Byline({ article }: { article: Article }) {
  const m = article.meta;
  const bits = [m.byline, m.source, m.published ? formatDate(m.published) : undefined].filter(Boolean);
  if (bits.length === 0 && !m.wordCount) return null;
  const minutes = Math.max(1, Math.round(m.wordCount / 230));
  return (
    <p className="byline">
      {bits.map((b, i) => (
        <span key={i}>{b}</span>
      ))}
      <span>{minutes} min read</span>
    </p>
  );
}
