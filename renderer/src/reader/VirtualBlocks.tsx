/**
 * A long article rendered in windows: only the chunks (see chunks.ts) near the
 * viewport are in the DOM, between two spacers sized from measured (or
 * estimated) heights. Browser find and selections reach only rendered text,
 * which is why the reader windows only very long documents.
 */
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useReducer,
  useRef,
  useState,
  type ReactNode,
  type RefObject,
} from 'react';
import { flushSync } from 'react-dom';
import { chunkAt, chunkBlocks, estimateHeights, type Chunk } from './chunks';
import { itemsInBand, prefixTops } from '../ui/stackedHeights';
import { useCssVars } from '../ui/useCssVars';

/** How far beyond the viewport (px) chunks stay rendered. */
const MARGIN = 900;
/** A first guess of px per character, until a chunk has been measured. */
const FALLBACK_PX_PER_CHAR = 0.45;

export interface VirtualControl {
  /** Render the chunk holding `offset`, scroll to it, then call `then` once it is in the DOM. */
  reveal(offset: number, then: () => void): void;
}

export interface VirtualBlocksProps {
  blocks: readonly { kind: string; start: number; end: number }[];
  /** Renders blocks [from, to) of the article. */
  renderRange: (from: number, to: number) => ReactNode;
  scrollRef: RefObject<HTMLElement | null>;
  articleRef: RefObject<HTMLElement | null>;
  control: RefObject<VirtualControl | null>;
  /** Measurements are dropped when this changes (text size). */
  layoutKey: string | number;
}

export function VirtualBlocks(props: VirtualBlocksProps) {
  const { blocks, scrollRef, articleRef } = props;
  const chunks = useMemo(() => chunkBlocks(blocks), [blocks]);
  const sizes = useMemo(() => {
    const heights = new Float64Array(chunks.length);
    const measured = new Uint8Array(chunks.length);
    estimateHeights(chunks, heights, measured, FALLBACK_PX_PER_CHAR);
    // Every estimate is redone at the next measure (first render, new width or text size); otherwise
    // only those below the window.
    return { heights, measured, stale: true };
  }, [chunks]);
  const [range, setRange] = useState<[number, number]>(() => {
    const tops = prefixTops(sizes.heights);
    return itemsInBand(tops, 0, window.innerHeight + MARGIN);
  });
  const [, remeasured] = useReducer((n: number) => n + 1, 0);
  const pending = useRef<(() => void) | null>(null);

  /** The chunks in the page (as of the last commit), and the idle callback that will add the margins. */
  const shown = useRef(range);
  const idleFill = useRef<number | undefined>(undefined);
  /**
   * Which chunks the current scroll position needs. `scroll`: the view and its margins, or after a jump
   * (nothing rendered near) the view alone, its margins rendered when the page is next idle (`fill`), so
   * the jump's frame renders as little as it shows. `cover` and `fill` keep the chunks rendered too when
   * they touch the new ones (after measuring or resizing, in the frame that rendered them: no chunk is
   * rendered and taken out again before it is painted; the next scroll trims them); `cover` adds only
   * what the view needs.
   */
  const update = useCallback(
    (mode: 'scroll' | 'cover' | 'fill') => {
      const el = scrollRef.current;
      const art = articleRef.current;
      if (!el || !art) return;
      const viewTop = el.getBoundingClientRect().top - art.getBoundingClientRect().top;
      const tops = prefixTops(sizes.heights);
      const band = itemsInBand(tops, viewTop - MARGIN, viewTop + el.clientHeight + MARGIN);
      const view = itemsInBand(tops, viewTop, viewTop + el.clientHeight);
      const cur = shown.current;
      const touch = band[0] <= cur[1] + 1 && cur[0] <= band[1] + 1;
      const jumped = mode === 'scroll' && !touch;
      const want = mode === 'cover' || jumped ? view : band;
      const next: [number, number] =
        mode !== 'scroll' && touch ? [Math.min(cur[0], want[0]), Math.max(cur[1], want[1])] : want;
      setRange((r) => (r[0] === next[0] && r[1] === next[1] ? r : next));
      if (jumped && idleFill.current === undefined)
        idleFill.current = requestIdleCallback(
          () => {
            idleFill.current = undefined;
            update('fill');
          },
          { timeout: 500 },
        );
    },
    [scrollRef, articleRef, sizes],
  );
  useEffect(
    () => () => {
      if (idleFill.current !== undefined) cancelIdleCallback(idleFill.current);
    },
    [],
  );

  useEffect(() => {
    const el = scrollRef.current;
    const art = articleRef.current;
    if (!el || !art) return;
    // The scroll event comes in the frame, before its layout and paint: the chunks it needs are rendered
    // then (flushSync), so a jump's first frame shows the text, not the spacer in its place.
    const onScroll = () => flushSync(() => update('scroll'));
    el.addEventListener('scroll', onScroll, { passive: true });
    let width = art.clientWidth;
    const ro = new ResizeObserver(() => {
      if (art.clientWidth !== width) {
        width = art.clientWidth;
        sizes.measured.fill(0);
        sizes.stale = true;
      }
      update('cover');
    });
    ro.observe(el);
    ro.observe(art);
    return () => {
      el.removeEventListener('scroll', onScroll);
      ro.disconnect();
    };
  }, [scrollRef, articleRef, update, sizes]);

  // A new text size makes every measurement stale.
  const firstKey = useRef(props.layoutKey);
  useEffect(() => {
    if (firstKey.current === props.layoutKey) return;
    firstKey.current = props.layoutKey;
    sizes.measured.fill(0);
    sizes.stale = true;
    remeasured();
  }, [props.layoutKey, sizes]);

  // Measure what was rendered; re-estimate the chunks below it from that. Those above keep their
  // estimates: a new one there would move the text in view out of the view (after a jump, by more than
  // the margin), and the window would be rendered again and again to catch up.
  useLayoutEffect(() => {
    shown.current = range;
    const art = articleRef.current;
    if (!art) return;
    let changed = false;
    let below = 0;
    for (const el of art.querySelectorAll<HTMLElement>(':scope > [data-chunk]')) {
      const i = Number(el.dataset.chunk);
      const h = el.getBoundingClientRect().height;
      if (!sizes.measured[i] || Math.abs(sizes.heights[i] - h) > 0.5) changed = true;
      sizes.heights[i] = h;
      sizes.measured[i] = 1;
      below = Math.max(below, i + 1);
    }
    const stale = sizes.stale;
    if (changed || stale) {
      estimateHeights(chunks, sizes.heights, sizes.measured, FALLBACK_PX_PER_CHAR, stale ? 0 : below);
      sizes.stale = false;
      remeasured();
    }
    const then = pending.current;
    if (then) {
      pending.current = null;
      then();
    }
    // Rendered from estimates, the window may fall short of the view (its chunks shorter than guessed):
    // widen it now, before this frame is painted, rather than in the frames after; from where `then` left
    // the view. Not after every estimate was redone: the space above in the page is the old one until
    // the next render, so the view's place would be read against the wrong chunks.
    if (changed && !stale) update('cover');
  });

  props.control.current = {
    reveal(offset, then) {
      const el = scrollRef.current;
      const art = articleRef.current;
      if (!el || !art) return;
      const i = chunkAt(chunks, offset);
      if (i >= range[0] && i <= range[1]) return then();
      const tops = prefixTops(sizes.heights);
      const artTop = art.getBoundingClientRect().top - el.getBoundingClientRect().top + el.scrollTop;
      pending.current = then;
      el.scrollTop = artTop + tops[i] - el.clientHeight / 3;
      const viewTop = tops[i] - el.clientHeight / 3;
      setRange(itemsInBand(tops, viewTop - MARGIN, viewTop + el.clientHeight + MARGIN));
    },
  };

  const tops = prefixTops(sizes.heights);
  const [first, last] = range;
  return (
    <>
      <Spacer height={tops[first]} />
      {chunks.slice(first, last + 1).map((c: Chunk, k) => (
        <div key={first + k} className="chunk" data-chunk={first + k}>
          {props.renderRange(c.from, c.to)}
        </div>
      ))}
      <Spacer height={tops[chunks.length] - tops[last + 1]} />
    </>
  );
}

function Spacer({ height }: { height: number }) {
  const ref = useRef<HTMLDivElement>(null);
  useCssVars(ref, { '--h': Math.round(height) });
  return <div ref={ref} className="chunk-spacer" aria-hidden="true" />;
}
