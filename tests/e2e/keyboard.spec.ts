/**
 * Keyboard-first reading: every step here is a key press (no mouse call), as
 * a reader who never touches the mouse would do it — open, scroll, move the
 * reading caret, select mid-paragraph, highlight, tag, note, step to the next
 * highlight, delete it, and take it back from the message.
 */
import { test, expect, type Locator, type Page } from '@playwright/test';
import { launchApp, type GlossApp } from '../harness/launchApp';
import { editor, holdSaves, marks, panel } from './helpers';

let app: GlossApp;
test.beforeEach(async () => {
  app = await launchApp();
});
test.afterEach(async () => {
  await app.close();
});

/** Press Tab until `target` has focus (a keyboard user's way to reach it). */
async function tabTo(page: Page, target: Locator, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

const scrollTop = (page: Page) =>
  page.locator('.reader-scroll').evaluate((el) => Math.round((el as HTMLElement).scrollTop));
// The sample's text has non-breaking spaces; the tests read them as spaces.
const spaced = (s: string) => s.replace(/\u00a0/g, ' ');
const selectedText = async (page: Page) =>
  spaced(await page.evaluate(() => document.getSelection()?.toString() ?? ''));
/** The text of the run the caret is in. */
const runAtCaret = async (page: Page) =>
  spaced(await page.evaluate(() => document.getSelection()?.focusNode?.textContent ?? ''));
/** The text from the caret to the end of its text node: where the caret is, as a reader sees it. */
const textAtCaret = async (page: Page) =>
  spaced(
    await page.evaluate(() => {
      const s = document.getSelection();
      return s?.focusNode ? (s.focusNode.textContent ?? '').slice(s.focusOffset) : '';
    }),
  );

async function openSeedByKeyboard(page: Page): Promise<void> {
  await tabTo(page, page.getByRole('button', { name: /^Open .*The enduring defeat of ISIS/ }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('article')).toBeFocused();
}

test('open, scroll, caret, select mid-paragraph, highlight, tag, note, next, delete, undo — keys only', async () => {
  const { page } = app;
  // A highlight further down already exists, to step to.
  const [article] = await page.evaluate(() => window.gloss.listArticles());
  const text = (await page.evaluate((id) => window.gloss.getArticle({ id }), article.id)).text;
  const later = 'another significant blow to the terrorist organization';
  await page.evaluate(
    ([articleId, start, end]) =>
      window.gloss.createAnnotation({ articleId, start, end, color: 'green', tags: [], note: '' }),
    [article.id, text.indexOf(later), text.indexOf(later) + later.length] as [string, number, number],
  );

  await openSeedByKeyboard(page);

  // Scroll: PageDown and j go down, Home back to the top.
  await page.keyboard.press('PageDown');
  await expect.poll(() => scrollTop(page)).toBeGreaterThan(0);
  await page.keyboard.press('Home');
  await expect.poll(() => scrollTop(page)).toBe(0);
  await page.keyboard.press('j');
  await expect.poll(() => scrollTop(page)).toBeGreaterThan(0);
  await page.keyboard.press('Home');

  // The caret: the first arrow shows it at the first line in view; arrows then move it.
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('.reading-caret')).toBeVisible();
  for (let i = 0; i < 80 && !(await runAtCaret(page)).startsWith('The statement emphasized'); i++)
    await page.keyboard.press('ArrowDown');
  expect(await runAtCaret(page)).toMatch(/^The statement emphasized/);
  // Ctrl+↑: to the start of the paragraph; then word by word to "remains", mid-paragraph,
  // and three words selected with Shift.
  await page.keyboard.press('Control+ArrowUp');
  expect(await textAtCaret(page)).toMatch(/^The statement emphasized/);
  for (let i = 0; i < 80 && !(await textAtCaret(page)).trimStart().startsWith('remains firmly'); i++)
    await page.keyboard.press('Control+ArrowRight');
  // Ctrl+→ stops at the end of a word on some platforms: step over the space.
  if (!(await textAtCaret(page)).startsWith('remains')) await page.keyboard.press('ArrowRight');
  expect(await textAtCaret(page)).toMatch(/^remains firmly committed/);
  for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+Control+ArrowRight');
  expect((await selectedText(page)).trim()).toBe('remains firmly committed');

  // H highlights; T tags it, at once: the keys typed right after T land in the tag field.
  await page.keyboard.press('h');
  await expect(marks(page).filter({ hasText: 'remains firmly committed' })).toHaveCount(1);
  await page.keyboard.press('t');
  await page.keyboard.type('claim');
  await expect(editor(page).getByRole('combobox', { name: 'Add tag' })).toHaveValue('claim');
  await page.keyboard.press('Enter');
  await expect(editor(page).getByRole('list', { name: 'Tags' })).toContainText('#claim');
  // Escape closes the editor and gives focus back to the highlight.
  await page.keyboard.press('Escape');
  await expect(editor(page)).toHaveCount(0);
  const mine = page.getByRole('button', {
    name: /^Yellow highlight: “remains firmly committed”\. Tags: claim\./,
  });
  await expect(mine).toBeFocused();

  // N: a note; single letters are text in the field, and Ctrl+Z undoes typing, not highlights.
  await page.keyboard.press('n');
  await page.keyboard.type('Check the hnt wording.');
  const note = editor(page).getByRole('textbox', { name: 'Note' });
  await expect(note).toHaveValue('Check the hnt wording.');
  await page.keyboard.press('Control+z');
  await expect(note).not.toHaveValue('Check the hnt wording.');
  await expect(marks(page).filter({ hasText: 'remains firmly committed' })).toHaveCount(1);
  await page.keyboard.press('Control+a'); // the field's text, not every passage
  await page.keyboard.type('Check the wording.');
  await page.keyboard.press('Escape');
  await expect(mine).toBeFocused();
  await expect(panel(page)).toContainText('Check the wording.');

  // Tab: the next highlight in reading order, named by its colour and words.
  await page.keyboard.press('Tab');
  const next = page.getByRole('button', { name: /^Green highlight: “another significant blow/ });
  await expect(next).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(mine).toBeFocused();
  await page.keyboard.press('Tab');
  // Enter opens its editor; Escape brings focus back.
  await page.keyboard.press('Enter');
  await expect(editor(page)).toBeVisible();
  await expect(editor(page).getByRole('button', { name: 'Green' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(next).toBeFocused();

  // Delete removes it and says so, with Undo.
  await page.keyboard.press('Delete');
  await expect(marks(page).filter({ hasText: 'another significant blow' })).toHaveCount(0);
  const undo = page.getByRole('status').getByRole('button', { name: 'Undo' });
  await expect(page.getByRole('status')).toContainText('Highlight deleted.');
  await tabTo(page, undo);
  await page.keyboard.press('Enter');
  await expect(marks(page).filter({ hasText: 'another significant blow' })).toHaveCount(1);
  const saved = await page.evaluate((id) => window.gloss.listAnnotations({ articleId: id }), article.id);
  expect(saved.map((a) => [a.target.quote.exact, a.tags, a.note]).sort()).toEqual(
    [
      ['remains firmly committed', ['claim'], 'Check the wording.'],
      [later, [], ''],
    ].sort(),
  );
});

test('back to the library with Ctrl+1: focus returns to the article that was open', async () => {
  const { page } = app;
  await openSeedByKeyboard(page);
  await page.keyboard.press('Control+1');
  await expect(page.getByRole('button', { name: /^Open .*The enduring defeat of ISIS/ })).toBeFocused();
});

test('[ and ] move between headings; F7 turns the caret off and arrows scroll again', async () => {
  const { page } = app;
  const sections = Array.from(
    { length: 4 },
    (_, i) =>
      `<h2>Section ${i + 1}</h2>` + '<p>A paragraph long enough to need scrolling past. </p>'.repeat(12),
  ).join('');
  await page.evaluate(
    (html) => window.gloss.importText({ text: '', html: `<h1>Headed</h1>${html}`, title: 'Headed' }),
    sections,
  );
  await page.reload();
  await tabTo(page, page.getByRole('button', { name: /^Open .*Headed/ }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('article')).toBeFocused();
  const headingAtTop = () =>
    page.evaluate(() => {
      const top = document.querySelector('.reader-scroll')!.getBoundingClientRect().top;
      const hs = [...document.querySelectorAll('article h2, article h3')];
      // A heading lands a little below the top (its scroll-margin), never under the bar.
      return hs.find((h) => Math.abs(h.getBoundingClientRect().top - top) < 24)?.textContent ?? null;
    });
  await page.keyboard.press(']');
  await expect.poll(headingAtTop).toBe('Section 1');
  await page.keyboard.press(']');
  await expect.poll(headingAtTop).toBe('Section 2');
  await page.keyboard.press('[');
  await expect.poll(headingAtTop).toBe('Section 1');

  await page.keyboard.press('F7');
  await expect(page.getByRole('status')).toContainText('Reading caret off');
  const before = await scrollTop(page);
  await page.keyboard.press('ArrowDown');
  await expect.poll(() => scrollTop(page)).toBeGreaterThan(before);
  await expect(page.locator('.reading-caret')).toHaveCount(0);
});

test('the panel hides and shows with Ctrl+\\ and its button, and stays as it was left', async () => {
  const { page } = app;
  await openSeedByKeyboard(page);
  await expect(panel(page)).toBeVisible();
  await page.keyboard.press('Control+\\');
  await expect(panel(page)).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('article')).toBeVisible();
  await expect(panel(page)).toHaveCount(0);
  const button = page.getByRole('button', { name: 'Panel' });
  await expect(button).toHaveAttribute('aria-pressed', 'false');
  await tabTo(page, button);
  await page.keyboard.press('Enter');
  await expect(panel(page)).toBeVisible();
});

test('what is typed right after T is kept while the new highlight is still being saved', async () => {
  const { page } = app;
  await openSeedByKeyboard(page);
  const releaseSaves = await holdSaves(page);
  await page.keyboard.press('ArrowDown');
  for (let i = 0; i < 5; i++) await page.keyboard.press('Shift+Control+ArrowRight');
  await page.keyboard.press('t');
  await page.keyboard.type('fast');
  await expect(editor(page).getByRole('combobox', { name: 'Add tag' })).toHaveValue('fast');
  await releaseSaves();
  await page.keyboard.press('Enter');
  await expect(editor(page).getByRole('list', { name: 'Tags' })).toContainText('#fast');
});
