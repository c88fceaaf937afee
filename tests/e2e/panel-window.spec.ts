/**
 * The side panel beside an article with hundreds of highlights: only the items
 * near its view are in the page (each saying where it is in the list), more
 * as it is scrolled; a new highlight far down is brought into its view,
 * selected; and the panel follows a new highlight only after the frame that
 * paints it in the text.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { launchApp, type GlossApp } from '../harness/launchApp';
import { dragSelect, marks, panel, panelItems } from './helpers';

const PARAGRAPHS = 300;
const HIGHLIGHTS = 2 * PARAGRAPHS;

let app: GlossApp;
test.beforeEach(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'gloss-panel-'));
  const file = join(dir, 'long-record.txt');
  const paragraphs = Array.from(
    { length: PARAGRAPHS },
    (_, i) =>
      `Entry ${i + 1} begins the day. The observers noted the wind, the tide and the boats that left the harbour before noon, entry ${i + 1} ends here.`,
  );
  await writeFile(file, `The Long Record\n\n${paragraphs.join('\n\n')}\n`);
  app = await launchApp({ viewport: { width: 1200, height: 700 } });
  const { page } = app;
  app.setDialogs({ importFiles: [file] });
  await page.getByRole('button', { name: 'Import files…' }).click();
  await page.getByRole('button', { name: /^Open .*The Long Record/ }).click();
  await expect(page.getByRole('article')).toBeVisible();
  // Two highlights per paragraph, put in at once as an undo would (one batch), then read back.
  await page.evaluate(async () => {
    const [summary] = (await window.gloss.listArticles()).filter((a) => a.title === 'The Long Record');
    const article = await window.gloss.getArticle({ id: summary.id });
    const at = new Date().toISOString();
    const annotations = article.blocks
      .filter((b) => b.kind === 'paragraph')
      .flatMap((b, i) =>
        [
          [0, 'begins the day'.length + b.text.indexOf('begins the day')],
          [b.text.indexOf('the tide'), b.text.indexOf('the tide') + 'the tide'.length],
        ].map(([s, e], k) => ({
          id: `p${i}-${k}`,
          articleId: article.id,
          target: {
            source: article.id,
            quote: { type: 'TextQuoteSelector' as const, exact: b.text.slice(s, e), prefix: '', suffix: '' },
            position: { type: 'TextPositionSelector' as const, start: b.start + s, end: b.start + e },
          },
          color: k === 0 ? ('yellow' as const) : ('blue' as const),
          tags: [],
          note: '',
          created: at,
          modified: at,
        })),
      );
    await window.gloss.restoreAnnotations({ annotations });
  });
  await page.reload();
  await expect(panel(page).locator('.panel-count')).toHaveText(`${HIGHLIGHTS} highlights`);
});
test.afterEach(async () => {
  await app.close();
});

test('only the items near the view are in the page, each saying its place; scrolling shows more', async () => {
  const { page } = app;
  const items = panelItems(page);
  await expect(items.first()).toContainText('Entry 1 begins the day');
  await expect(items.first()).toHaveAttribute('aria-posinset', '1');
  await expect(items.first()).toHaveAttribute('aria-setsize', String(HIGHLIGHTS));
  expect(await items.count()).toBeLessThan(60);

  // Scrolled to the end of the list: the last highlights are there, and still only a window of them.
  const scroller = panel(page).locator('.panel-scroll');
  await scroller.evaluate((el) => {
    el.scrollTop = el.scrollHeight;
  });
  const last = items.last();
  await expect(last).toHaveAttribute('aria-posinset', String(HIGHLIGHTS));
  await expect(last).toContainText('the tide');
  await expect(last).toBeInViewport();
  await expect(items.filter({ hasText: 'Entry 1 begins the day' })).toHaveCount(0);
  expect(await items.count()).toBeLessThan(60);
  expect(app.errors).toEqual([]);
});

test('a new highlight far down the list is brought into the panel, selected, after the frame that paints it', async () => {
  const { page } = app;
  const count = panel(page).locator('.panel-count');
  // Far down the article (the panel shows its top): what the panel says in the frame the new mark is painted in.
  await page.locator('.reader-scroll').evaluate((el) => {
    el.scrollTop = el.scrollHeight;
  });
  const words = `harbour before noon, entry ${PARAGRAPHS - 1}`;
  await dragSelect(page, words);
  await page.evaluate((words) => {
    const w = window as unknown as { panelAtMarkFrame?: string };
    const article = document.querySelector('article')!;
    const mo = new MutationObserver(() => {
      const mark = [...article.querySelectorAll('mark.hl')].find((m) => m.textContent === words);
      if (!mark) return;
      mo.disconnect();
      requestAnimationFrame(() => {
        w.panelAtMarkFrame = document.querySelector('.panel-count')?.textContent ?? '';
      });
    });
    mo.observe(article, { childList: true, subtree: true });
  }, words);
  await page.keyboard.press('h');

  await expect(marks(page).filter({ hasText: words })).toHaveCount(1);
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { panelAtMarkFrame?: string }).panelAtMarkFrame))
    .toBe(`${HIGHLIGHTS} highlights`);
  await expect(count).toHaveText(`${HIGHLIGHTS + 1} highlights`);
  const item = panelItems(page).filter({ hasText: words });
  await expect(item).toHaveClass(/is-selected/);
  await expect(item).toBeInViewport();
  await expect(item).toHaveAttribute('aria-setsize', String(HIGHLIGHTS + 1));
  expect(await panelItems(page).count()).toBeLessThan(60);
  expect(app.errors).toEqual([]);
});

test('a new highlight among those in the panel’s view puts its own item in, and mounts no item it then takes out', async () => {
  const { page } = app;
  // A highlight in the middle, selected: the panel shows it and its neighbours.
  const middle = marks(page).filter({ hasText: 'Entry 150 begins the day' });
  await page.getByRole('article').getByText('entry 150 ends here').scrollIntoViewIfNeeded();
  await middle.click();
  const selected = panelItems(page).filter({ hasText: 'Entry 150 begins the day' });
  await expect(selected).toHaveClass(/is-selected/);
  await expect(selected).toBeInViewport();
  await afterFrames(page);

  // Every item the list mounts or unmounts from here on, by key.
  await page.evaluate(() => {
    const list = document.querySelector('.panel-list')!;
    const w = window as unknown as { mounted: string[]; unmounted: string[]; before: string[] };
    const keys = (nodes: NodeList) =>
      [...nodes].filter((n) => n instanceof HTMLLIElement).map((n) => (n as HTMLElement).dataset.key!);
    w.before = keys(list.childNodes);
    w.mounted = [];
    w.unmounted = [];
    new MutationObserver((records) => {
      for (const r of records) {
        w.mounted.push(...keys(r.addedNodes));
        w.unmounted.push(...keys(r.removedNodes));
      }
    }).observe(list, { childList: true });
  });
  // A whole sentence: an item taller than those around it.
  const words =
    'The observers noted the wind, the tide and the boats that left the harbour before noon, entry 150 ends here';
  await dragSelect(page, words);
  await page.keyboard.press('h');
  const item = panelItems(page).filter({ hasText: words });
  await expect(item).toHaveClass(/is-selected/);
  await expect(item.getByRole('button', { name: 'Copy with citation' })).toBeEnabled();
  await afterFrames(page);

  const { before, mounted, unmounted, after } = await page.evaluate(() => {
    const w = window as unknown as { mounted: string[]; unmounted: string[]; before: string[] };
    const after = [...document.querySelectorAll<HTMLElement>('.panel-list > li')].map(
      (li) => li.dataset.key!,
    );
    return { before: w.before, mounted: w.mounted, unmounted: w.unmounted, after };
  });
  // Mounted and gone again, or gone and mounted again: rendered for nothing. One item at the window's far
  // edge (480 px beyond the view) may come and go as the new item's measured height replaces its guess.
  expect(mounted.filter((k) => !after.includes(k)).length).toBeLessThanOrEqual(1);
  expect(unmounted.filter((k) => after.includes(k) && before.includes(k))).toEqual([]);
  expect(mounted.filter((k) => !before.includes(k)).length).toBeGreaterThan(0);
  expect(app.errors).toEqual([]);
});

/** Two frames painted and the tasks after them run: the panel has followed what changed. */
function afterFrames(page: Page): Promise<void> {
  return page.evaluate(async () => {
    for (let i = 0; i < 2; i++) await new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0)));
  });
}
