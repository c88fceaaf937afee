/** What a user does, as test steps: open the sample, drag across text, read the panel. */
import { expect, type Page } from '@playwright/test';
import { createPassages, type PassageSpec } from '../harness/passages';

export const SEED_TITLE = /The enduring defeat of ISIS in Syria and Iraq/;

export async function openSeed(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^Open .*The enduring defeat of ISIS/ }).click();
  await expect(page.getByRole('article')).toBeVisible();
}

interface Point {
  x: number;
  y: number;
}

/**
 * Screen points just inside the first character of `from` and the last
 * character of `to` (searched after `from`), within the article's text —
 * found across runs and blocks, as the user sees the text. Scrolls the
 * start into the middle of the reader first.
 */
export async function textPoints(
  page: Page,
  from: string,
  to: string = from,
): Promise<{ start: Point; end: Point }> {
  const found = await page.evaluate(
    ([from, to]) => {
      const article = document.querySelector('article');
      if (!article) return null;
      const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
      const nodes: { node: Text; at: number }[] = [];
      let all = '';
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        nodes.push({ node: n as Text, at: all.length });
        all += n.textContent ?? '';
      }
      const a = all.indexOf(from);
      const b = a < 0 ? -1 : all.indexOf(to, a);
      if (a < 0 || b < 0) return null;
      const nodeAt = (pos: number) =>
        nodes.findLast((x) => x.at <= pos && pos < x.at + (x.node.textContent ?? '').length)!;
      nodeAt(a).node.parentElement?.scrollIntoView({ block: 'center' });
      const charRect = (pos: number) => {
        const hit = nodeAt(pos);
        const r = document.createRange();
        r.setStart(hit.node, pos - hit.at);
        r.setEnd(hit.node, pos - hit.at + 1);
        const rect = r.getClientRects()[0] ?? r.getBoundingClientRect();
        return { left: rect.left, right: rect.right, y: rect.top + rect.height / 2 };
      };
      const s = charRect(a);
      const e = charRect(b + to.length - 1);
      return { start: { x: s.left + 1, y: s.y }, end: { x: e.right - 1, y: e.y } };
    },
    [from, to] as const,
  );
  if (!found) throw new Error(`Text not found in the article: “${from}” … “${to}”`);
  return found;
}

/** Press the mouse on the first character of `from`, drag to the last of `to`, release. */
export async function dragSelect(page: Page, from: string, to: string = from): Promise<void> {
  const { start, end } = await textPoints(page, from, to);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move((start.x + end.x) / 2, (start.y + end.y) / 2, { steps: 4 });
  await page.mouse.move(end.x, end.y, { steps: 6 });
  await page.mouse.up();
}

/** Scroll the reader so that `text` is in view (the article scrolls, not the page). */
export async function scrollToText(page: Page, text: string): Promise<void> {
  await page.getByRole('article').getByText(text, { exact: false }).first().scrollIntoViewIfNeeded();
}

export const toolbar = (page: Page) => page.getByRole('toolbar', { name: 'Highlight' });
export const panel = (page: Page) => page.getByRole('complementary', { name: 'Annotations' });
export const panelItems = (page: Page) =>
  panel(page).getByRole('list', { name: 'Highlights' }).locator(':scope > li');
/** The sample open with these passages on it, made through the bridge and read back after a reload (the app reopens it). */
export async function openSeedWith(page: Page, passages: Omit<PassageSpec, 'article'>[]): Promise<void> {
  await openSeed(page);
  await createPassages(
    page,
    passages.map((p) => ({ article: "'The enduring defeat of ISIS", ...p })),
  );
  await page.reload();
  await expect(panelItems(page)).toHaveCount(passages.length);
}

/**
 * Holds every createAnnotation on its way to main until the returned `release` is called: the save stays
 * in flight for as long as the test needs, however slow the machine.
 */
export async function holdSaves(page: Page): Promise<() => Promise<void>> {
  await page.evaluate(() => {
    const w = window as unknown as {
      __glossInvoke: (c: string, r: unknown) => Promise<unknown>;
      __releaseSaves: () => void;
    };
    const invoke = w.__glossInvoke;
    const released = new Promise<void>((ok) => (w.__releaseSaves = ok));
    w.__glossInvoke = async (c, r) => {
      if (c === 'createAnnotation') await released;
      return invoke(c, r);
    };
  });
  return () => page.evaluate(() => (window as unknown as { __releaseSaves: () => void }).__releaseSaves());
}

export const editor = (page: Page) => page.getByRole('dialog', { name: 'Edit highlight' });
export const marks = (page: Page) => page.locator('article mark.hl');

/** The text of every highlight's marks, joined per highlight (its local key), in document order. */
export async function markedTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const byKey = new Map<string, string>();
    for (const m of document.querySelectorAll<HTMLElement>('article mark.hl')) {
      for (const key of (m.dataset.keys ?? '').split(' '))
        byKey.set(key, (byKey.get(key) ?? '') + (m.textContent ?? ''));
    }
    return [...byKey.values()];
  });
}
