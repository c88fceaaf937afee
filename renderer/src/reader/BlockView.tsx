/**
 * One block of the article, rendered from data: its text cut into runs (see
 * runs.ts), each run a <span> or, under highlights, a <mark>. Every block
 * element carries data-block-start and every run data-offset, which is all
 * selection.ts needs to map the DOM back to canonical offsets.
 */
import { memo, type ReactNode } from 'react';
import type { Block } from '@core/contract';
import type { TableBlock } from '@core/document/types';
import { runsByPart, topMark, type Run, type Span } from './runs';
import { BLOCK_ATTR, RUN_ATTR } from './selection';
import { FOCUS_KEY_ATTR } from './focusKey';

export interface BlockViewProps {
  block: Block;
  articleId: string;
  /** This block's highlights only; a new array means they changed (see spanBuckets.ts). */
  spans: readonly Span[];
  /** Keys of the highlights that render selected or flashing (only those within this block matter). */
  selectedKey: string | null;
  flashKey: string | null;
  onMarkClick: (key: string, e: React.MouseEvent) => void;
  onOpenLink?: (href: string) => void;
}

/** A link's words: opened in the browser through the shell, or (an in-article link) scrolled to — never navigated here — unless the click ended a selection. */
function LinkText({
  href,
  text,
  onOpenLink,
}: {
  href: string;
  text: string;
  onOpenLink?: (href: string) => void;
}) {
  return (
    <a
      className="b-link"
      href={href}
      // An in-article link's address is a block id: nothing a reader needs to see.
      title={href.startsWith('#') ? undefined : href}
      onClick={(e) => {
        e.preventDefault();
        e.stopPropagation();
        if (!document.getSelection()?.isCollapsed) return;
        onOpenLink?.(href);
      }}
    >
      {text}
    </a>
  );
}

/** Marks a highlight can be focused on (Tab steps through them in reading order), named for a screen reader. */
const focusable = (s: Span) => ({
  tabIndex: 0,
  role: 'button',
  'aria-label': s.label,
  [FOCUS_KEY_ATTR]: s.id,
});

function RunView({
  run,
  blockStart,
  selectedKey,
  flashKey,
  onMarkClick,
  onOpenLink,
}: { run: Run; blockStart: number } & Pick<
  BlockViewProps,
  'selectedKey' | 'flashKey' | 'onMarkClick' | 'onOpenLink'
>) {
  const attrs = { [RUN_ATTR]: run.start };
  const top = topMark(run);
  const content = run.href ? <LinkText href={run.href} text={run.text} onOpenLink={onOpenLink} /> : run.text;
  if (!top) return <span {...attrs}>{content}</span>;
  // A highlight is focused where it starts: on this mark when it is the innermost here, else on an
  // empty anchor just before it (an outer highlight starting at the same character, or a link's
  // words: a button must not hold a link).
  const starting = run.marks.filter((m) => m.start >= blockStart && m.start - blockStart === run.start);
  const markFocus = starting.includes(top) && !run.href;
  const anchors = starting
    .filter((m) => m !== top || !markFocus)
    .map((m) => <span key={`focus-${m.id}`} className="hl-anchor" {...focusable(m)} />);
  const keys = run.marks.map((m) => m.id);
  const under = run.marks.length > 1 ? run.marks[run.marks.length - 2] : undefined;
  const cls = [
    'hl',
    `hl-${top.color}`,
    under && `hl-under-${under.color}`,
    selectedKey && keys.includes(selectedKey) && 'is-selected',
    flashKey && keys.includes(flashKey) && 'flash',
  ]
    .filter(Boolean)
    .join(' ');
  const mark = (
    <mark
      {...attrs}
      {...(markFocus ? focusable(top) : {})}
      className={cls}
      data-keys={keys.join(' ')}
      data-key={top.id}
      data-count={run.marks.length}
      onClick={(e) => onMarkClick(top.id, e)}
    >
      {content}
    </mark>
  );
  return anchors.length ? (
    <>
      {anchors}
      {mark}
    </>
  ) : (
    mark
  );
}

/** A table block: each cell shows its own runs, spanning as imported; the tabs and line breaks between cells are not drawn. */
function TableView({
  block,
  runs,
  render,
}: {
  block: TableBlock;
  runs: Run[];
  render: (r: Run) => ReactNode;
}) {
  const row = (cells: TableBlock['rows'][number], r: number, header: boolean) => (
    <tr key={r}>
      {cells.map((c, i) => {
        const Cell = header ? 'th' : 'td';
        return (
          <Cell key={i} colSpan={c.colSpan} rowSpan={c.rowSpan}>
            {runs.filter((x) => x.start >= c.start && x.end <= c.end).map(render)}
          </Cell>
        );
      })}
    </tr>
  );
  const head = block.rows.slice(0, block.headerRows);
  const body = block.rows.slice(block.headerRows);
  return (
    <div className="b-table-wrap">
      <table className="b-table" {...{ [BLOCK_ATTR]: block.start, 'data-block-id': block.id }}>
        {head.length > 0 && <thead>{head.map((cells, r) => row(cells, r, true))}</thead>}
        <tbody>{body.map((cells, r) => row(cells, r + head.length, false))}</tbody>
      </table>
    </div>
  );
}

function BlockViewImpl(props: BlockViewProps) {
  const { block } = props;
  const render = (r: Run) => (
    <RunView
      key={r.start}
      run={r}
      blockStart={block.start}
      selectedKey={props.selectedKey}
      flashKey={props.flashKey}
      onMarkClick={props.onMarkClick}
      onOpenLink={props.onOpenLink}
    />
  );
  const byPart = runsByPart(block, props.spans);
  if (block.kind === 'table')
    return <TableView block={block} runs={byPart.flatMap((p) => p.runs)} render={render} />;
  const parts = byPart.map(({ part, runs }) => {
    const inner = runs.map(render);
    if (part.role === 'body') return inner;
    return (
      <span key={`part-${part.start}`} className={part.role}>
        {inner}
      </span>
    );
  });
  const blockAttrs = { [BLOCK_ATTR]: block.start, 'data-block-id': block.id };
  const text: ReactNode = parts;

  switch (block.kind) {
    case 'title':
      return (
        <h1 className="b-title" {...blockAttrs}>
          {text}
        </h1>
      );
    case 'standfirst':
      return (
        <p className="b-standfirst" {...blockAttrs}>
          {text}
        </p>
      );
    case 'heading': {
      const level = Math.min(6, block.level + 1);
      const H = `h${level}` as 'h2';
      return (
        <H className="b-heading" {...blockAttrs}>
          {text}
        </H>
      );
    }
    case 'paragraph':
      return (
        <p className={block.dateline ? 'b-paragraph has-dateline' : 'b-paragraph'} {...blockAttrs}>
          {text}
        </p>
      );
    case 'quote':
      return (
        <blockquote className="b-quote">
          <p {...blockAttrs}>{text}</p>
        </blockquote>
      );
    case 'list-item':
      return (
        <li className={`b-list-item depth-${Math.min(block.depth, 4)}`} {...blockAttrs}>
          {text}
        </li>
      );
    case 'caption':
      return (
        <figure className="b-caption">
          {block.image && (
            <img
              src={`gloss-asset://${props.articleId}/${encodeURIComponent(block.image.asset)}`}
              alt={block.image.alt ?? ''}
              // Its size as imported: the browser reserves the picture's box before it loads, so the text never jumps.
              width={block.image.width}
              height={block.image.height}
            />
          )}
          {!block.image && block.imageUrl && (
            <div className="b-figure-missing">
              <span>Picture not downloaded</span>
              <span className="b-figure-address">{block.imageUrl}</span>
              {props.onOpenLink && (
                <button type="button" className="link" onClick={() => props.onOpenLink?.(block.imageUrl!)}>
                  Open in browser
                </button>
              )}
            </div>
          )}
          <figcaption {...blockAttrs} className={block.text ? undefined : 'is-empty'}>
            {text}
            {/* A credit alone is not part of the text (nothing to highlight), only shown. */}
            {!block.text && block.credit && <span className="credit">{block.credit}</span>}
          </figcaption>
        </figure>
      );
    case 'related':
      return (
        <aside className="b-related" aria-label={block.label}>
          <p {...blockAttrs}>{text}</p>
          {block.href && props.onOpenLink && (
            <button type="button" className="link" onClick={() => props.onOpenLink?.(block.href!)}>
              Open in browser
            </button>
          )}
        </aside>
      );
  }
}

/** Re-render a block only when its own highlights (or their selection/flash) change. */
export const BlockView = memo(BlockViewImpl, (a, b) => {
  if (
    a.block !== b.block ||
    a.articleId !== b.articleId ||
    a.onMarkClick !== b.onMarkClick ||
    a.onOpenLink !== b.onOpenLink ||
    a.spans !== b.spans
  )
    return false;
  const touches = (id: string | null, spans: readonly Span[]) => !!id && spans.some((s) => s.id === id);
  if (a.selectedKey !== b.selectedKey && (touches(a.selectedKey, a.spans) || touches(b.selectedKey, b.spans)))
    return false;
  if (a.flashKey !== b.flashKey && (touches(a.flashKey, a.spans) || touches(b.flashKey, b.spans)))
    return false;
  return true;
});
