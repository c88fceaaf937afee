/**
 * Copy with citation, as a user does it: from the panel, the highlight's
 * editor, the selection toolbar (text not highlighted yet) and
 * Ctrl/Cmd+Shift+C — the clipboard read back holds the quote, the citation
 * with the corrected author, and a text-fragment link, as plain text and HTML.
 */
import { test, expect, type Page } from '@playwright/test';
import { launchApp, type GlossApp } from '../harness/launchApp';
import { dragSelect, openSeed, panel, panelItems, toolbar } from './helpers';

const URL = 'https://www.kurdistan24.net/en/story/372463';
const QUOTE = 'reaffirmed in a statement on Wednesday';
const LINK = `${URL}#:~:text=reaffirmed%20in%20a%20statement%20on%20Wednesday`;

let app: GlossApp;
test.beforeEach(async () => {
  app = await launchApp();
  const { page } = app;
  await page.getByRole('list', { name: 'Articles' }).waitFor();
  // The seed's author and address, corrected as a user would in Details…, and one highlight.
  await page.evaluate(
    async ({ url, quote }) => {
      const [seed] = await window.gloss.listArticles();
      await window.gloss.updateArticleMeta({ id: seed.id, byline: 'Kosar Nawzad', url });
      const { text } = await window.gloss.getArticle({ id: seed.id });
      const start = text.indexOf(quote);
      await window.gloss.createAnnotation({
        articleId: seed.id,
        start,
        end: start + quote.length,
        color: 'green',
        tags: [],
        note: '',
      });
    },
    { url: URL, quote: QUOTE },
  );
  await page.reload();
  await openSeed(page);
});
test.afterEach(async () => app.close());

/** The clipboard's plain text and HTML, as a paste would read them. */
async function clipboard(page: Page): Promise<{ text: string; html: string }> {
  return page.evaluate(async () => {
    const [item] = await navigator.clipboard.read();
    const read = async (type: string) => (item.types.includes(type) ? (await item.getType(type)).text() : '');
    return { text: await read('text/plain'), html: await read('text/html') };
  });
}
const clearClipboard = (page: Page) => page.evaluate(() => navigator.clipboard.writeText(''));

test('the panel copies the selected highlight as text and HTML, with its citation and a link to the words', async () => {
  const { page } = app;
  await panelItems(page)
    .filter({ hasText: QUOTE })
    .getByRole('button', { name: /^Go to highlight/ })
    .click();
  await panel(page).getByRole('button', { name: 'Copy with citation' }).click();
  await expect(
    page.locator('.toast').filter({ hasText: 'Copied the passage with its citation' }),
  ).toBeVisible();
  const { text, html } = await clipboard(page);
  const [quote, line, link] = text.split('\n');
  expect(quote).toBe(`“${QUOTE}”`);
  expect(line).toMatch(
    /^— Kosar Nawzad, "'The enduring defeat of ISIS in Syria and Iraq[^"]*", Kurdistan 24, ¶\d+$/,
  );
  expect(link).toBe(LINK);
  expect(html).toContain(`<blockquote><p>${QUOTE}</p></blockquote>`);
  expect(html).toContain(`<a href="${LINK}">`);
  expect(app.errors).toEqual([]);
});

test('Ctrl/Cmd+Shift+C copies the selected highlight; the editor has the same command', async () => {
  const { page } = app;
  await panelItems(page)
    .filter({ hasText: QUOTE })
    .getByRole('button', { name: /^Go to highlight/ })
    .click();
  await clearClipboard(page);
  await page.keyboard.press('ControlOrMeta+Shift+C');
  await expect.poll(async () => (await clipboard(page)).text).toContain(LINK);

  await clearClipboard(page);
  await page.getByRole('article').locator('mark').filter({ hasText: 'reaffirmed' }).first().click();
  const editor = page.getByRole('dialog', { name: 'Edit highlight' });
  await editor.getByRole('button', { name: 'Copy with citation' }).click();
  await expect
    .poll(async () => (await clipboard(page)).text)
    .toMatch(new RegExp(`^“${QUOTE}”\\n— Kosar Nawzad`));
  expect(app.errors).toEqual([]);
});

test('text not highlighted yet is copied with its citation from the selection toolbar, and stays unhighlighted', async () => {
  const { page } = app;
  await dragSelect(page, 'The Global Coalition on Countering', 'Globally');
  await clearClipboard(page);
  await toolbar(page).getByRole('button', { name: 'Cite' }).click();
  await expect
    .poll(async () => (await clipboard(page)).text)
    .toMatch(/^“The Global Coalition on Countering ISIS Globally”\n— Kosar Nawzad, /);
  const { text } = await clipboard(page);
  // The same words open a later sentence: the dash before them (the prefix) says which.
  expect(text.split('\n')[2]).toBe(
    `${URL}#:~:text=%E2%80%93-,The%20Global%20Coalition%20on%20Countering%20ISIS%20Globally`,
  );
  await expect(panelItems(page)).toHaveCount(1);
  expect(app.errors).toEqual([]);
});
