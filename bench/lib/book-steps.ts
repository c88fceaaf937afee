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
