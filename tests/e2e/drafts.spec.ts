/**
 * Nothing typed is lost: a note or tag typed into the editor and never
 * committed (no blur, no Done) is there after a reload, after the window is
 * closed the way the desktop shell closes it, and after a crash that came once
 * the typing had paused.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { launchApp, type GlossApp } from '../harness/launchApp';
import { dragSelect, editor, openSeed, panel, panelItems, toolbar } from './helpers';

let app: GlossApp;
test.beforeEach(async () => {
  app = await launchApp();
  await openSeed(app.page);
});
test.afterEach(async () => {
  await app.close();
});

/** Highlight a passage and open its editor on the note (or tag) field, once main has saved it. */
async function startTyping(page: Page, field: 'Note' | 'Tag'): Promise<void> {
  await dragSelect(page, 'The prison holds 3,500 suspected ISIS members', 'hundreds of foreigners.');
  await toolbar(page).getByRole('button', { name: field, exact: true }).click();
  await expect(panelItems(page)).toHaveCount(1);
  await expect.poll(() => savedAnnotations(page).then((a) => a.length)).toBe(1);
}

function savedAnnotations(page: Page) {
  return page.evaluate(async () => {
    const [article] = (await window.gloss.listArticles()).filter((a) => a.title.includes('enduring defeat'));
    return window.gloss.listAnnotations({ articleId: article.id });
  });
}

function savedDraftNotes(page: Page) {
  return page.evaluate(async () => {
    const [article] = (await window.gloss.listArticles()).filter((a) => a.title.includes('enduring defeat'));
    return (await window.gloss.listDrafts({ articleId: article.id })).map((d) => d.note);
  });
}

const noteField = (page: Page) => editor(page).getByRole('textbox', { name: 'Note' });
const tagField = (page: Page) => editor(page).getByRole('combobox', { name: 'Add tag' });

async function expectRestored(page: Page, expected: { note?: string; tags?: string[] }): Promise<void> {
  await expect(
    page.getByRole('status').filter({ hasText: 'Restored what you were typing in 1 highlight.' }),
  ).toBeVisible();
  if (expected.note) await expect(panel(page)).toContainText(expected.note);
  await expect
    .poll(() => savedAnnotations(page).then((a) => a.map((x) => ({ note: x.note, tags: x.tags }))))
    .toEqual([{ note: expected.note ?? '', tags: expected.tags ?? [] }]);
}

test('a note being typed survives a reload (Ctrl+R) at once, before any pause or blur; undo takes it back', async () => {
  const { page } = app;
  await startTyping(page, 'Note');
  await expect(noteField(page)).toBeFocused();
  await page.keyboard.type('Compare with the 2021 statement');
  await page.reload();
  await expectRestored(page, { note: 'Compare with the 2021 statement' });

  await page.keyboard.press('ControlOrMeta+z');
  await expect.poll(() => savedAnnotations(page).then((a) => a.map((x) => x.note))).toEqual(['']);
});

/** The types of the window's event listeners, read through the DevTools protocol. */
async function windowListeners(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { result } = await cdp.send('Runtime.evaluate', { expression: 'window' });
    const { listeners } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId! });
    return listeners.map((l) => l.type);
  } finally {
    await cdp.detach();
  }
}

// While typing is unsent the page does listen (the reloads "at once" above need it).
test('the page listens for beforeunload only while something typed is unsent, so a reload otherwise leaves at once', async () => {
  const { page } = app;
  // A beforeunload listener makes each navigation wait for a round trip to the page before its request leaves.
  expect(await windowListeners(page)).toContain('pagehide');
  expect(await windowListeners(page)).not.toContain('beforeunload');

  await startTyping(page, 'Note');
  await page.keyboard.type('Compare');
  // Sent a moment after the last keystroke: nothing left to guard.
  await expect.poll(() => windowListeners(page)).not.toContain('beforeunload');
  await expect.poll(() => savedDraftNotes(page)).toEqual(['Compare']);

  await panel(page).getByRole('textbox', { name: 'Note on this article' }).fill('Why it matters');
  await expect.poll(() => windowListeners(page)).not.toContain('beforeunload');
});

test('a tag typed but not yet added survives a reload', async () => {
  const { page } = app;
  await startTyping(page, 'Tag');
  await expect(tagField(page)).toBeFocused();
  await page.keyboard.type('claim');
  await page.reload();
  await expectRestored(page, { tags: ['claim'] });
});

test('closing the window (or quitting) waits for the renderer to save what is typed', async () => {
  const { page, dataDir } = app;
  await startTyping(page, 'Note');
  await page.keyboard.type('Typed just before quitting');
  expect(await app.closeWindow()).toBe('flushed');

  app = await launchApp({ dataDir });
  await expectRestored(app.page, { note: 'Typed just before quitting' });
});

test('after a crash, what was typed before the last pause is there', async () => {
  const { page, dataDir } = app;
  await startTyping(page, 'Note');
  await page.keyboard.type('Saved as I paused');
  // The draft reaches the disk while the user pauses, with no blur and no close.
  await expect
    .poll(() => readFile(join(dataDir, 'drafts.json'), 'utf8').catch(() => ''))
    .toContain('Saved as I paused');
  await app.close(); // the browser is killed: no beforeunload, no flush

  app = await launchApp({ dataDir });
  await expectRestored(app.page, { note: 'Saved as I paused' });
});

test('a committed note leaves no draft behind, and nothing is restored twice', async () => {
  const { page, dataDir } = app;
  await startTyping(page, 'Note');
  await page.keyboard.type('Kept');
  await editor(page).getByRole('button', { name: 'Done' }).click();
  await expect(panel(page)).toContainText('Kept');
  await expect
    .poll(() => readFile(join(dataDir, 'drafts.json'), 'utf8').catch(() => ''))
    .not.toContain('Kept');
  await page.reload();
  await expect(panel(page)).toContainText('Kept');
  await expect(page.getByRole('status').filter({ hasText: 'Restored' })).toHaveCount(0);
});

test('the note on the whole article is saved as it is typed, and survives a reload at once', async () => {
  const { page } = app;
  const field = panel(page).getByRole('textbox', { name: 'Note on this article' });
  await expect(field).toBeEnabled();
  await field.click();
  await page.keyboard.type('Why it matters: the first official number.');
  await page.reload();
  await expect(panel(page).getByRole('textbox', { name: 'Note on this article' })).toHaveValue(
    'Why it matters: the first official number.',
  );
});
