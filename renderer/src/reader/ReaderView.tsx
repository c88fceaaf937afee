/**
 * The reader: the article's blocks with highlights as derived runs, the
 * selection toolbar, the highlight editor, the annotations panel, and a
 * table of contents. Remembers the reading position per article through
 * settings: the scrolled fraction of the page, or for a windowed article the
 * place in its text (see readingPosition.ts).
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Article, Block } from '@core/contract';
import { useStore } from '../store';
import { gloss } from '../gloss';
import { showError, showInfo } from '../app/toasts';
import {
  annotationsStore,
  deleteAnnotation,
  openEditor,
  selectAnnotation,
} from '../annotations/annotationsStore';
import { AnnotationEditor } from '../annotations/AnnotationEditor';
import { byPosition, findByKey, type LocalAnnotation } from '../annotations/localAnnotations';
import { AnnotationPanel } from '../annotations/AnnotationPanel';
import { SelectionToolbar } from '../annotations/SelectionToolbar';
import { BlockView } from './BlockView';
import { readerStore, setSelection } from './readerStore';
import { BLOCK_ATTR, selectionToOffsets } from './selection';
import { settingsStore, updateSettings } from './settingsStore';
import {
  bucketSpans,
  listChanges,
  mergeLayers,
  NO_SPANS,
  rebucketSpans,
  shouldMergeLayers,
  toSpan,
  type SpanBuckets,
} from './spanBuckets';
import { afterNextPaint } from '../ui/afterPaint';
import type { VirtualControl } from './VirtualBlocks';
import { ArticleBlocks, VIRTUAL_MIN_BLOCKS } from './ArticleBlocks';
import { ReaderBar } from './ReaderBar';
import { ArticleDetailsDialog } from './ArticleDetailsDialog';
import { centerRange, clearRanges, paintRanges } from './textMarks';
import { FindBar } from './FindBar';
import { moveCaretByKey } from './caret';
import { ReadingCaret } from './ReadingCaret';
import { ContentsMenu } from './ContentsMenu';
import { headingFrom, sectionAt, tableOfContents, type TocEntry } from './toc';
import { shortcutOf, type ShortcutId } from '../app/shortcuts';
import { FOCUS_KEY_ATTR } from './focusKey';
import { blockIndexAt, offsetOfFraction, textFraction } from './readingPosition';
import { firstIndex } from '@core/util/first-index';

/**
 * A link clicked in an article: main opens it in the system browser (http and https only). An
 * in-article link (`#<block id>`, a book's note reference) scrolls to its block instead: it never
 * navigates the window nor leaves the app.
 */
export function openArticleLink(href: string): void {
  if (href.startsWith('#')) {
    document
      .querySelector(`[data-block-id="${CSS.escape(href.slice(1))}"]`)
      ?.scrollIntoView({ block: 'start' });
    return;
  }
  gloss().openExternal({ url: href }).catch(showError);
}

export function ReaderView({
  article,
  onBack,
  onExport,
  onHelp,
}: {
  article: Article;
  onBack: () => void;
  onExport: () => void;
  onHelp: () => void;
}) {
  const [details, setDetails] = useState(false);
  const finding = useStore(readerStore, (s) => s.finding);
  const setFinding = (on: boolean) => readerStore.set({ finding: on });
  const items = useStore(annotationsStore, (s) => s.items);
  const selectedKey = useStore(annotationsStore, (s) => s.selectedKey);
  const flash = useStore(annotationsStore, (s) => s.flash);
  const editor = useStore(annotationsStore, (s) => s.editor);
  const selection = useStore(readerStore, (s) => s.selection);
  const scrollRef = useRef<HTMLElement>(null);
  const contentRef = useRef<HTMLDivElement>(null);
  const articleRef = useRef<HTMLElement>(null);
  const dragging = useRef(false);

  const fontSize = useStore(settingsStore, (s) => s.settings.fontSize);
  const panelHidden = useStore(settingsStore, (s) => !!s.settings.panelHidden);
  const caretOn = useStore(readerStore, (s) => s.caret);
  const virtual = article.blocks.length >= VIRTUAL_MIN_BLOCKS;
  const virtualControl = useRef<VirtualControl | null>(null);

  // Bucketed once per change; unchanged blocks keep their array (see spanBuckets.ts). A change
  // of a few highlights (a new one among thousands) rebuilds only their blocks.
  const lastBuckets = useRef<{ article: Article; items: LocalAnnotation[]; buckets: SpanBuckets } | null>(
    null,
  );
  const spansByBlock = useMemo(() => {
    const last = lastBuckets.current?.article === article ? lastBuckets.current : null;
    const change = last && listChanges(last.items, items, byPosition);
    const spansOf = (list: readonly LocalAnnotation[]) => list.filter((a) => !a.orphan).map(toSpan);
    let buckets =
      last &&
      change &&
      rebucketSpans(article.blocks, last.buckets, spansOf(change.removed), spansOf(change.added));
    if (!buckets) buckets = bucketSpans(article.blocks, spansOf(items), last?.buckets);
    lastBuckets.current = { article, items, buckets };
    return buckets;
  }, [items, article]);
  // A change's buckets are layered over the last ones; merged once its frame is painted, never in it.
  useEffect(() => {
    const last = lastBuckets.current;
    if (!last || !shouldMergeLayers(last.buckets)) return;
    return afterNextPaint(() => {
      if (lastBuckets.current === last) lastBuckets.current = { ...last, buckets: mergeLayers(last.buckets) };
    });
  }, [spansByBlock]);

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
      // A key sent to the window itself (no element focused) has the window as its target.
      const t = e.target instanceof Element ? e.target : null;
      if (t?.closest('input, textarea, select, [contenteditable="true"], [aria-modal="true"], .popover'))
        return;
      const article = articleRef.current;
      const scroller = scrollRef.current;
      if (!article || !scroller) return;
      // Reading keys act in the article (or with nothing focused), never on a toolbar's buttons.
      if (t && t !== document.body && t !== document.documentElement && !scroller.contains(t)) return;
      if (moveCaretByKey(e, article, scroller, readerStore.get().caret)) {
        e.stopPropagation();
        return;
      }
      const id = shortcutOf(e, READING_KEYS);
      if (id) {
        readingKey.current(id, e);
        if (e.defaultPrevented) return;
      }
      // H, N, T (and Enter, while re-selecting a passage's words) act on the selection: read it
      // now rather than trust the last selectionchange, which the browser may not have delivered
      // yet (Shift+arrows then Enter at once used the words from before the arrows).
      if (
        !e.shiftKey &&
        !e.ctrlKey &&
        !e.metaKey &&
        !e.altKey &&
        /^([hnt]|Enter)$/i.test(e.key) &&
        !dragging.current
      )
        readSelection();
    };
    document.addEventListener('selectionchange', onChange);
    document.addEventListener('mouseup', onUp);
    // Capture phase: the selection is current before the app's shortcuts (bubble phase) act on it.
    window.addEventListener('keydown', onKey, true);
    return () => {
      document.removeEventListener('selectionchange', onChange);
      document.removeEventListener('mouseup', onUp);
      window.removeEventListener('keydown', onKey, true);
      setSelection(null);
    };
  }, [readSelection]);

  const onMarkClick = useCallback((key: string, e: React.MouseEvent) => {
    if (!document.getSelection()?.isCollapsed) return; // the end of a drag, not a click
    e.stopPropagation();
    openEditor(key);
  }, []);

  // ---- going to a block, rendered or not
  /** Scroll block `id` (starting at canonical `start`) into view; a windowed article renders its part first. */
  const scrollToBlock = useCallback((id: string, start: number, block: ScrollLogicalPosition) => {
    const find = () => articleRef.current?.querySelector<HTMLElement>(`[data-block-id="${CSS.escape(id)}"]`);
    const land = () => {
      find()?.scrollIntoView({ block });
      // Chunks rendered by that scroll are measured next frame, which can move
      // the estimated space above: land again once the layout has settled.
      if (virtualControl.current)
        requestAnimationFrame(() => requestAnimationFrame(() => find()?.scrollIntoView({ block })));
    };
    if (find() || !virtualControl.current) land();
    else virtualControl.current.reveal(start, land);
  }, []);

  /** Canonical offset where the block at the top of the view starts (null when no block is rendered). */
  const topOffset = useCallback((): number | null => {
    const el = scrollRef.current;
    const root = articleRef.current;
    if (!el || !root) return null;
    const viewTop = el.getBoundingClientRect().top + 8;
    const blocks = root.querySelectorAll<HTMLElement>(`[${BLOCK_ATTR}]`);
    if (blocks.length === 0) return null;
    // Blocks are in document order, so their bottoms only grow: the first one reaching below the top.
    const first = firstIndex(blocks.length - 1, (i) => blocks[i].getBoundingClientRect().bottom > viewTop);
    return Number(blocks[first].getAttribute(BLOCK_ATTR));
  }, []);

  // ---- scroll: restore once per article, then remember (debounced)
  const textLength = article.blocks.length ? article.blocks[article.blocks.length - 1].end : 0;
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const f = settingsStore.get().settings.scroll[article.id] ?? 0;
    if (!virtual) {
      el.scrollTop = f * Math.max(0, el.scrollHeight - el.clientHeight);
      return;
    }
    if (f <= 0) return;
    const b = article.blocks[blockIndexAt(article.blocks, offsetOfFraction(f, textLength))];
    if (b) scrollToBlock(b.id, b.start, 'start');
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per article
  }, [article.id]);

  const scrollTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const onScroll = () => {
    clearTimeout(scrollTimer.current);
    scrollTimer.current = setTimeout(() => {
      const el = scrollRef.current;
      if (!el) return;
      let f: number;
      if (virtual) {
        const offset = el.scrollTop > 0 ? topOffset() : 0;
        if (offset === null) return;
        f = textFraction(offset, textLength);
      } else {
        const max = el.scrollHeight - el.clientHeight;
        f = max > 0 ? Math.round((el.scrollTop / max) * 1000) / 1000 : 0;
      }
      const scroll = settingsStore.get().settings.scroll;
      if (scroll[article.id] !== f)
        void updateSettings({ scroll: { ...scroll, [article.id]: f } }, { quiet: true });
    }, 400);
    if (readerStore.get().selection) readSelection();
  };
  useEffect(() => () => clearTimeout(scrollTimer.current), []);

  // ---- reveal a stretch of text (a search hit, a Find match)
  const reveal = useStore(readerStore, (s) => s.reveal);
  const showText = useCallback(
    (start: number, end: number, then?: () => void) => {
      const land = () => {
        centerRange(scrollRef.current, articleRef.current, start, end);
        then?.();
      };
      const block = article.blocks[blockIndexAt(article.blocks, start)];
      const rendered = () =>
        articleRef.current?.querySelector(`[data-block-id="${CSS.escape(block?.id ?? '')}"]`);
      if (!block || rendered() || !virtualControl.current) return land();
      virtualControl.current.reveal(start, () => requestAnimationFrame(() => requestAnimationFrame(land)));
    },
    [article.blocks],
  );
  useEffect(() => {
    if (!reveal) return;
    showText(reveal.start, reveal.end, () =>
      paintRanges('gloss-hit', articleRef.current, [[reveal.start, reveal.end]]),
    );
    const timer = setTimeout(() => clearRanges('gloss-hit'), 2500);
    return () => {
      clearTimeout(timer);
      clearRanges('gloss-hit');
    };
  }, [reveal, showText]);

  // ---- reveal from the panel
  useEffect(() => {
    if (!flash) return;
    const find = () => articleRef.current?.querySelector(`[data-keys~="${CSS.escape(flash.key)}"]`);
    const el = find();
    if (el) {
      // Not `return el.scrollIntoView(…)`: newer Chromium returns a Promise there, which React would take for a cleanup.
      const still = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
      el.scrollIntoView({ block: 'center', behavior: still ? 'auto' : 'smooth' });
      return;
    }
    // Windowed: render the highlight's part of the article first, then scroll to it.
    const a = findByKey(annotationsStore.get().items, flash.key);
    if (a && virtualControl.current)
      virtualControl.current.reveal(a.target.position.start, () =>
        find()?.scrollIntoView({ block: 'center' }),
      );
  }, [flash]);

  // ---- reading by keyboard: the article has focus as soon as it opens
  useEffect(() => {
    if (!document.activeElement?.closest('[aria-modal="true"]'))
      articleRef.current?.focus({ preventScroll: true });
  }, [article.id]);

  const readingKey = useRef<(id: ShortcutId, e: KeyboardEvent) => void>(() => undefined);
  readingKey.current = (id, e) => {
    const el = scrollRef.current;
    const root = articleRef.current;
    if (!el || !root) return;
    const focusKey = document.activeElement?.getAttribute(FOCUS_KEY_ATTR) ?? null;
    switch (id) {
      case 'page-down':
      case 'page-up':
        el.scrollBy({ top: (id === 'page-down' ? 1 : -1) * Math.max(40, el.clientHeight - 60) });
        break;
      case 'line-down':
      case 'line-up':
        el.scrollBy({ top: (id === 'line-down' ? 1 : -1) * 64 });
        break;
      case 'top':
        el.scrollTop = 0;
        break;
      case 'bottom':
        el.scrollTop = el.scrollHeight;
        break;
      case 'next-heading':
      case 'previous-heading': {
        const heading = headingFrom(article.blocks, topOffset() ?? 0, id === 'next-heading' ? 1 : -1);
        if (heading) scrollToBlock(heading.id, heading.start, 'start');
        break;
      }
      case 'toggle-caret': {
        const caret = !readerStore.get().caret;
        readerStore.set({ caret });
        showInfo(caret ? 'Reading caret on: arrows move it, Shift+arrows select.' : 'Reading caret off.');
        break;
      }
      case 'open-highlight':
        if (!focusKey) return;
        openEditor(focusKey);
        break;
      case 'delete-highlight':
        if (!focusKey) return;
        void deleteAnnotation(focusKey, { undoable: true });
        root.focus({ preventScroll: true });
        break;
      default:
        return;
    }
    e.preventDefault();
    e.stopPropagation();
  };

  // ---- table of contents
  const toc = useMemo(() => tableOfContents(article.blocks), [article.blocks]);
  const currentSection = useCallback(() => {
    const offset = topOffset();
    return offset === null ? -1 : sectionAt(toc, offset);
  }, [toc, topOffset]);
  const scrollEl = useCallback(() => scrollRef.current, []);
  const onJump = useCallback(
    (entry: TocEntry) => {
      scrollToBlock(entry.id, entry.start, 'start');
      articleRef.current?.focus({ preventScroll: true });
    },
    [scrollToBlock],
  );

  // An in-article link goes to its block, rendered or not (a long book is windowed).
  const blocks = article.blocks;
  const onOpenLink = useCallback(
    (href: string) => {
      const target = href.startsWith('#') ? blocks.find((b) => b.id === href.slice(1)) : undefined;
      if (!target) return openArticleLink(href);
      scrollToBlock(target.id, target.start, 'start');
      articleRef.current?.focus({ preventScroll: true });
    },
    [blocks, scrollToBlock],
  );

  const renderBlock = (b: Block) => (
    <BlockView
      key={b.id}
      block={b}
      articleId={article.id}
      spans={spansByBlock.get(b.id) ?? NO_SPANS}
      selectedKey={selectedKey}
      flashKey={flash?.key ?? null}
      onMarkClick={onMarkClick}
      onOpenLink={onOpenLink}
    />
  );

  const editing = findByKey(items, editor?.key);

  return (
    <div className={panelHidden ? 'reader-layout panel-hidden' : 'reader-layout'}>
      <ReaderBar
        title={article.meta.title}
        contents={
          toc.length > 0 ? (
            <ContentsMenu entries={toc} currentSection={currentSection} scrollEl={scrollEl} onJump={onJump} />
          ) : undefined
        }
        onBack={onBack}
        onExport={onExport}
        onHelp={onHelp}
        onDetails={() => setDetails(true)}
      />
      {details && <ArticleDetailsDialog article={article} onClose={() => setDetails(false)} />}
      {finding && (
        <FindBar
          text={article.text}
          articleEl={articleRef}
          show={showText}
          onClose={() => setFinding(false)}
        />
      )}
      <div className="reader-body">
        <main className="reader-scroll" ref={scrollRef} onScroll={onScroll} aria-label="Reader">
          <div className="reader-content" ref={contentRef}>
            <article
              ref={articleRef}
              className="article"
              aria-label={article.meta.title}
              tabIndex={-1}
              onMouseDown={(e) => {
                if (e.button === 0) dragging.current = true;
              }}
              onFocus={(e) => {
                // A highlight reached with Tab is the selected one (T, N, Delete act on it).
                const key = (e.target as Element).getAttribute(FOCUS_KEY_ATTR);
                if (key) selectAnnotation(key);
              }}
            >
              <ArticleBlocks
                article={article}
                render={renderBlock}
                scrollRef={scrollRef}
                articleRef={articleRef}
                control={virtualControl}
                layoutKey={fontSize}
              />
            </article>
            {caretOn && <ReadingCaret articleRef={articleRef} contentRef={contentRef} />}
            {selection && <SelectionToolbar selection={selection} />}
            {editor && editing && (
              <AnnotationEditor
                key={editor.session}
                annotation={editing}
                focus={editor.focus}
                articleEl={articleRef.current}
                contentEl={contentRef.current}
              />
            )}
          </div>
        </main>
        {!panelHidden && <AnnotationPanel />}
      </div>
    </div>
  );
}

/** The shortcut table's rows the reader handles while the article (or nothing) has focus. */
const READING_KEYS: readonly ShortcutId[] = [
  'page-down',
  'page-up',
  'line-down',
  'line-up',
  'top',
  'bottom',
  'next-heading',
  'previous-heading',
  'toggle-caret',
  'open-highlight',
  'delete-highlight',
];
