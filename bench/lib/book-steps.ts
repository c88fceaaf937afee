/**
 * Steps in the book's pages, shared by the add-highlight scenario (book-session.ts) and its profile
 * (profile-add-highlight.ts). Each runs in the page: pass it to `page.evaluate`, so it refers to nothing
 * outside itself. Neither is timed: the caller settles the page, then times its own step.
 */

/**
 * Gloss: selects 20 characters (3 to 23) of a plain run of text in view, the i-th of those visible (round),
 * and waits for the reader to take the selection (its toolbar shows). Where: the run's block and the
 * selection's start within it (the new mark's data-offset).
 */
export async function selectPlainRun(i: number): Promise<{ blockStart: string; rel: number }> {
  const view = document.querySelector('.reader-scroll')!.getBoundingClientRect();
  const spans = [...document.querySelectorAll('article p.b-paragraph > span[data-offset]')] as HTMLElement[];
  const visible = spans.filter((s) => {
    const r = s.getBoundingClientRect();
    return r.top > view.top + 80 && r.bottom < view.bottom - 40 && (s.textContent ?? '').length > 40;
  });
  const span = visible[i % visible.length] ?? visible[0];
  if (!span) throw new Error('no plain run in view');
  const block = span.closest('[data-block-start]') as HTMLElement;
  const range = document.createRange();
  range.setStart(span.firstChild!, 3);
  range.setEnd(span.firstChild!, 23);
  const sel = document.getSelection()!;
  sel.removeAllRanges();
  sel.addRange(range);
  await new Promise<void>((ok) => {
    const poll = () => (document.querySelector('[role="toolbar"]') ? ok() : requestAnimationFrame(poll));
    poll();
  });
  return { blockStart: block.dataset.blockStart!, rel: Number(span.dataset.offset) + 3 };
}

/**
 * The static book: the paragraph of plain text nearest the middle of the view, skipping the i nearest (of 5)
 * to vary the spot; its index among `article p.b-paragraph`.
 */
export function plainParagraphNearMiddle(i: number): number {
  const view = document.querySelector('.reader-scroll')!.getBoundingClientRect();
  const mid = (view.top + view.bottom) / 2;
  const ps = [...document.querySelectorAll('article p.b-paragraph')];
  const near = ps
    .map((p, index) => ({ p, index, d: Math.abs(p.getBoundingClientRect().top - mid) }))
    .filter(({ p }) => p.firstChild?.nodeType === 3 && (p.firstChild.textContent ?? '').length > 40)
    .sort((a, b) => a.d - b.d);
  return (near[i % 5] ?? near[0]).index;
}

/** What one jump of the reader's scroll cost, as a reader sees it (`jumpTo`). */
export interface JumpTiming {
  /** scrollTop set → the first frame that showed text at the view's middle, produced (ms). */
  ms: number;
  /** Frames begun from scrollTop set to that one: 1 when the first frame after the scroll showed the text. */
  frames: number;
}

/**
 * Both pages: waits until `phase` ms after a frame began (a jump comes at any moment of the display's
 * interval; both pages get the same spread), sets the reader's scrollTop to `fraction` of its range, then
 * checks in each frame's requestAnimationFrame callback whether text is at the middle of the view (hit
 * testing five points a few px apart, so a gap between paragraphs is not taken for a blank view; a
 * windowed reader shows its spacer there until the chunks are rendered). The frame that shows text is
 * timed to its end (a message-channel task after its callback, as `__afterPaint` does).
 */
export function jumpTo([fraction, phase]: readonly [number, number]): Promise<JumpTiming> {
  const el = document.querySelector('.reader-scroll') as HTMLElement;
  const shows = (): boolean => {
    const r = el.getBoundingClientRect();
    const x = r.left + r.width / 2;
    const mid = r.top + r.height / 2;
    return [-24, -12, 0, 12, 24].some((dy) => {
      const hit = document.elementFromPoint(x, mid + dy);
      const article = hit?.closest('article');
      return !!hit && !!article && hit !== article && !hit.classList.contains('chunk-spacer');
    });
  };
  return new Promise((resolve) => {
    requestAnimationFrame(() =>
      setTimeout(() => {
        let frames = 0;
        const tick = () => {
          frames++;
          if (!shows()) return void requestAnimationFrame(tick);
          const ch = new MessageChannel();
          ch.port1.onmessage = () => resolve({ ms: performance.now() - t0, frames });
          ch.port2.postMessage(0);
        };
        performance.mark('scroll'); // where bench/profile-book-scroll.ts's traces start
        const t0 = performance.now();
        el.scrollTop = (el.scrollHeight - el.clientHeight) * fraction;
        requestAnimationFrame(tick);
      }, 50 + phase),
    );
  });
}
