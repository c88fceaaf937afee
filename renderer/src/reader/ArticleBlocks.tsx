/**
 * An article's blocks as the reader shows them (the current text, or an older
 * version read only): in order, list items grouped into lists, the byline and
 * PDF page marks placed; windowed (VirtualBlocks) past VIRTUAL_MIN_BLOCKS,
 * else whole. Each block is drawn by the caller's `render`.
 */
import type { ReactNode } from 'react';
import type { Article, Block } from '@core/contract';
import { formatDate } from '../ui/format';
import { VirtualBlocks, type VirtualBlocksProps } from './VirtualBlocks';

export function ArticleBlocks({
  article,
  render,
  ...windowing
}: { article: Article; render: (b: Block) => ReactNode } & Omit<
  VirtualBlocksProps,
  'blocks' | 'renderRange'
>) {
  if (article.blocks.length < VIRTUAL_MIN_BLOCKS)
    return renderBlocks(article, 0, article.blocks.length, render);
  return (
    <VirtualBlocks
      {...windowing}
      blocks={article.blocks}
      renderRange={(from, to) => renderBlocks(article, from, to, render)}
    />
  );
}

/** Articles with this many blocks are windowed (see VirtualBlocks); shorter ones render whole, so browser find sees all of them. */
export const VIRTUAL_MIN_BLOCKS = 1500;

/**
 * Blocks [from, to) in order, list items grouped into lists, the byline after
 * the title and standfirst (a title from the metadata when there is no title block).
 */
function renderBlocks(
  article: Article,
  from: number,
  to: number,
  render: (b: Block) => ReactNode,
): ReactNode[] {
  const out: ReactNode[] = [];
  const blocks = article.blocks;
  if (from === 0 && !blocks.some((b) => b.kind === 'title'))
    out.push(
      <h1 key="meta-title" className="b-title">
        {article.meta.title}
      </h1>,
    );
  let bylineAt = blocks.findIndex((b) => b.kind !== 'title' && b.kind !== 'standfirst');
  if (bylineAt < 0) bylineAt = blocks.length;
  const byline = <Byline key="byline" article={article} />;
  for (let i = from; i < to; i++) {
    const b = blocks[i];
    if (i === bylineAt) out.push(byline);
    // A PDF's page number in the margin, beside the first block on each page.
    if (b.page !== undefined && b.page !== blocks[i - 1]?.page)
      // As printed ("iv") where the file labels its pages, as document/pages.ts's pageLabel cites it.
      out.push(<PageMark key={`page-${b.id}`} page={article.pageLabels?.[b.page - 1] ?? String(b.page)} />);
    if (b.kind === 'list-item') {
      const group: Block[] = [];
      while (i < to && blocks[i].kind === 'list-item') group.push(blocks[i++]);
      i--;
      const ordered = b.ordered;
      out.push(
        ordered ? (
          <ol key={`list-${b.id}`} className="b-list">
            {group.map(render)}
          </ol>
        ) : (
          <ul key={`list-${b.id}`} className="b-list">
            {group.map(render)}
          </ul>
        ),
      );
      continue;
    }
    out.push(render(b));
  }
  if (bylineAt === blocks.length && to === blocks.length) out.push(byline);
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

/** Outside the text (no offsets, not selectable), so highlights and copies never include it. */
function PageMark({ page }: { page: string }) {
  return (
    <div className="page-mark" role="note" aria-label={`Page ${page}`}>
      <span aria-hidden="true">p. {page}</span>
    </div>
  );
}
