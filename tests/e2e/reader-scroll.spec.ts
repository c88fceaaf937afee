/**
 * Jumping far through a document long enough to be rendered in windows (reader/VirtualBlocks.tsx), as the
 * scrollbar or a key does: the first frame after the jump shows the text there, never the blank space held
 * for it, rendering only the part in view (the margins around it come when the page is idle), and that
 * text then stays where it was drawn while the reader measures what it rendered.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { launchApp, type GlossApp } from '../harness/launchApp';

let app: GlossApp | undefined;
test.afterEach(async () => {
  await app?.close();
  app = undefined;
});

/**
 * 3,000 paragraphs whose length changes along the document (a few words, then several lines, by turns of
 * 150), so the height a character takes differs from part to part and the reader's estimates of the parts
 * it has not rendered are off until it renders them.
 */
function unevenMarkdown(): string {
  const out = ['# An Uneven Report', ''];
  const sentence = 'The committee heard evidence on the canals, the price of coal and the roads in winter. ';
  for (let i = 1; i <= 3000; i++) {
    const long = Math.floor(i / 150) % 2 === 1;
    out.push(`Paragraph ${i}. ${long ? sentence.repeat(6) : 'Short.'}`, '');
  }
  return out.join('\n');
}

interface Jump {
  /** What was at the middle of the view in the first frame after the jump (null: nothing but space). */
  first: string | null;
  /** Chunks rendered in that frame and taken out again before it was painted, and those it painted. */
  thrownAway: number;
  kept: number;
  /** Chunks in the page in that frame lying wholly outside the view. */
  outside: number;
  /** Once the page was idle after the jump: how far (px) the rendered text reached above and below the view. */
  above: number;
  below: number;
  /** Where it was then, five frames later and once the page was idle (px from the top of the view). */
  top: number;
  later: number | null;
  idle: number | null;
}

test('a far jump shows its text in the first frame, rendering only what is in view (the rest when idle) and little for nothing, and that text stays put while the reader measures it', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'gloss-uneven-'));
  const file = join(dir, 'uneven.md');
  await writeFile(file, unevenMarkdown());
  app = await launchApp();
  const page = app.page;
  app.setDialogs({ importFiles: [file] });
  await page.getByRole('button', { name: 'Import files…' }).click();
  await page.getByRole('button', { name: /^Open .*An Uneven Report/ }).click();
  await expect(page.getByText('Paragraph 1. Short.')).toBeVisible();
  // Windowed: the far parts are not rendered.
  await expect(page.getByText(/^Paragraph 1500\./)).toHaveCount(0);

  const fractions = [0.5, 0.2, 0.8, 0.35, 0.65];
  let outside = 0;
  for (const fraction of fractions) {
    const jump = await page.evaluate(
      (fraction) =>
        new Promise<Jump>((resolve) => {
          const el = document.querySelector('.reader-scroll') as HTMLElement;
          const view = el.getBoundingClientRect();
          // Five points a few px apart, so a gap between paragraphs is not taken for a blank view.
          const middle = () => {
            for (const dy of [0, -12, 12, -24, 24]) {
              const hit = document.elementFromPoint(
                view.left + view.width / 2,
                view.top + view.height / 2 + dy,
              );
              const p = hit?.closest('article p');
              if (p) return p as HTMLElement;
            }
            return null;
          };
          // Chunks of the article rendered in the jump's frame, and those of them taken out again before it was painted.
          const added = new Set<string>();
          const thrownAway = new Set<string>();
          const count = (records: MutationRecord[]) => {
            for (const r of records) {
              for (const n of r.addedNodes)
                if (n instanceof HTMLElement && n.dataset.chunk) added.add(n.dataset.chunk);
              for (const n of r.removedNodes)
                if (n instanceof HTMLElement && n.dataset.chunk && added.has(n.dataset.chunk))
                  thrownAway.add(n.dataset.chunk);
            }
          };
          const mo = new MutationObserver(count);
          mo.observe(document.querySelector('article')!, { childList: true });
          el.scrollTop = (el.scrollHeight - el.clientHeight) * fraction;
          requestAnimationFrame(() => {
            count(mo.takeRecords());
            mo.disconnect();
            const chunks = () => [...document.querySelectorAll<HTMLElement>('article > [data-chunk]')];
            const outside = chunks().filter((c) => {
              const r = c.getBoundingClientRect();
              return r.bottom <= view.top || r.top >= view.bottom;
            }).length;
            const p = middle();
            const top = p ? p.getBoundingClientRect().top - view.top : NaN;
            let frames = 0;
            const later = () => {
              if (++frames < 5) return void requestAnimationFrame(later);
              const at = p?.isConnected ? p.getBoundingClientRect().top - view.top : null;
              requestIdleCallback(() =>
                requestAnimationFrame(() => {
                  const all = chunks();
                  resolve({
                    first: p?.textContent?.slice(0, 16) ?? null,
                    thrownAway: thrownAway.size,
                    kept: added.size - thrownAway.size,
                    outside,
                    top,
                    later: at,
                    idle: p?.isConnected ? p.getBoundingClientRect().top - view.top : null,
                    above: view.top - all[0].getBoundingClientRect().top,
                    below: all[all.length - 1].getBoundingClientRect().bottom - view.bottom,
                  });
                }),
              );
            };
            requestAnimationFrame(later);
          });
        }),
      fraction,
    );
    expect(
      jump.first ?? '(nothing but space)',
      `text at the middle of the view in the first frame after a jump to ${fraction}`,
    ).toMatch(/^Paragraph \d+\./);
    // At most one window rendered for nothing (when the estimates fell short of the view).
    expect(jump.thrownAway, `chunks rendered for nothing in the jump to ${fraction}`).toBeLessThanOrEqual(
      jump.kept,
    );
    // The frame renders what it shows; the rest of the window follows when the page is idle.
    outside += jump.outside;
    expect(jump.above, `text rendered above the view once idle (${fraction})`).toBeGreaterThan(800);
    expect(jump.below, `text rendered below the view once idle (${fraction})`).toBeGreaterThan(800);
    expect(jump.later, `where that text is five frames after the jump to ${fraction}`).toBeCloseTo(
      jump.top,
      0,
    );
    expect(jump.idle, `where that text is once the margins are rendered (${fraction})`).toBeCloseTo(
      jump.top,
      0,
    );
  }
  // Only where the estimates fell short of the view does a frame hold a chunk out of view (the margins
  // rendered in the jump's frame put 1–3 there in every jump).
  expect(outside, 'chunks out of view in the jumps’ first frames').toBeLessThan(fractions.length);
  expect(app.errors).toEqual([]);
});
