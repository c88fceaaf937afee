/**
 * One block of the article, rendered from data: its text cut into runs (see
 * runs.ts), each run a <span> or, under highlights, a <mark>. Every block
 * element carries data-block-start and every run data-offset, which is all
 * selection.ts needs to map the DOM back to canonical offsets.
 */
import { memo, type ReactNode } from 'react';
import type { Block } from '../../../main/core/contract';
import { runsByPart, topMark, type Run, type Span } from './runs';
import { BLOCK_ATTR, RUN_ATTR } from './selection';

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

function RunView({
  run,
  selectedKey,
  flashKey,
  onMarkClick,
}: { run: Run } & Pick<BlockViewProps, 'selectedKey' | 'flashKey' | 'onMarkClick'>) {
  const attrs = { [RUN_ATTR]: run.start };
  const top = topMark(run);
  if (!top) return <span {...attrs}>{run.text}</span>;
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
  return (
    <mark
      {...attrs}
      className={cls}
      data-keys={keys.join(' ')}
      data-key={top.id}
      data-count={run.marks.length}
      onClick={(e) => onMarkClick(top.id, e)}
    >
      {run.text}
    </mark>
  );
}

function BlockViewImpl(props: BlockViewProps) {
  const { block } = props;
  const parts = runsByPart(block, props.spans).map(({ part, runs }) => {
    const inner = runs.map((r) => (
      <RunView
        key={r.start}
        run={r}
        selectedKey={props.selectedKey}
        flashKey={props.flashKey}
        onMarkClick={props.onMarkClick}
      />
    ));
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
            />
          )}
          <figcaption {...blockAttrs}>{text}</figcaption>
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
