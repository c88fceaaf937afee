/**
 * Annotating the sample article as a reader would: drag with the mouse, use
 * the toolbar, tag and note, captions, passages across paragraphs, overlaps,
 * the keyboard, undo/redo — and everything is still there after a relaunch.
 */
import { test, expect } from '@playwright/test';
import { launchApp, type GlossApp } from '../harness/launchApp';
import {
  dragSelect,
  editor,
  markedTexts,
  marks,
  openSeed,
  panel,
  panelItems,
  textPoints,
  toolbar,
} from './helpers';

test.describe.configure({ mode: 'serial' });

let app: GlossApp;
let dataDir: string;

test.beforeAll(async () => {
  app = await launchApp();
  dataDir = app.dataDir;
  await openSeed(app.page);
});
test.afterAll(async () => {
  await app?.close();
});

const FIRST =
  "reaffirmed in a statement on Wednesday that the enduring defeat of ISIS in Syria and Iraq remains the Coalition's top priority.";

test('a passage dragged with the mouse is highlighted green, then tagged and annotated', async () => {
  const { page } = app;
  await dragSelect(page, 'reaffirmed in a statement', 'top priority.');
  await expect(toolbar(page)).toBeVisible();
  await toolbar(page).getByRole('button', { name: 'Highlight green' }).click();

  await expect(toolbar(page)).toBeHidden();
  await expect(marks(page).filter({ hasText: 'reaffirmed in a statement' })).toHaveClass(/hl-green/);
  expect(await markedTexts(page)).toEqual([FIRST]);

  await marks(page).filter({ hasText: 'reaffirmed' }).click();
  await expect(editor(page)).toBeVisible();
  await editor(page).getByRole('combobox', { name: 'Add tag' }).fill('claim');
  await editor(page).getByRole('combobox', { name: 'Add tag' }).press('Enter');
  await expect(editor(page).getByRole('list', { name: 'Tags' })).toContainText('#claim');
  await editor(page).getByRole('textbox', { name: 'Note' }).fill("The coalition's priority has not changed.");
  await editor(page).getByRole('button', { name: 'Done' }).click();
  await expect(editor(page)).toBeHidden();

  const item = panelItems(page).first();
  await expect(item).toContainText('reaffirmed in a statement');
  await expect(item).toContainText('#claim');
  await expect(item).toContainText("The coalition's priority has not changed.");
});

test('text inside a photo caption is highlighted, with the Tag button, and the credit stays set apart', async () => {
  const { page } = app;
  await dragSelect(page, 'Syrians gather on Feb. 3, 2022', 'province of Idlib.');
  await toolbar(page).getByRole('button', { name: 'Tag' }).click();
  await expect(editor(page).getByRole('combobox', { name: 'Add tag' })).toBeFocused();
  await page.keyboard.type('photo');
  await page.keyboard.press('Enter');
  await expect(editor(page).getByRole('list', { name: 'Tags' })).toContainText('#photo');
  await page.keyboard.press('Escape');
  await expect(editor(page)).toBeHidden();

  const caption = page.locator('figure figcaption').filter({ hasText: 'Syrians gather' });
  await expect(caption.locator('mark.hl')).toHaveText(
    /^Syrians gather on Feb\. 3, 2022 .* province of Idlib\.$/,
  );
  await expect(caption.locator('.credit')).toHaveText('(Photo: Aaref Watad/AFP)');
  await expect(caption.locator('.credit mark')).toHaveCount(0);
});

test('a passage across two paragraphs is one highlight', async () => {
  const { page } = app;
  await dragSelect(page, 'It added that recent events', 'another significant blow');
  await toolbar(page).getByRole('button', { name: 'Highlight pink' }).click();

  const pink = page.locator('article mark.hl-pink');
  await expect(pink).toHaveCount(2); // one run in each paragraph
  const keys = await pink.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.keys));
  expect(new Set(keys).size).toBe(1);
  await expect(panel(page)).toContainText('It added that recent events');
  expect(
    (await markedTexts(page)).some(
      (t) => t.startsWith('It added that recent events') && t.endsWith('another significant blow'),
    ),
  ).toBe(true);
});

test('an overlapping highlight shows both: the inner colour over the outer', async () => {
  const { page } = app;
  await dragSelect(page, 'the enduring defeat of ISIS in Syria');
  await toolbar(page).getByRole('button', { name: 'Highlight blue' }).click();

  const both = page.locator('article mark.hl[data-count="2"]');
  await expect(both).toHaveText('the enduring defeat of ISIS in Syria');
  await expect(both).toHaveClass(/hl-blue/);
  await expect(both).toHaveClass(/hl-under-green/);
  // The green highlight still covers its whole passage around the blue one.
  expect(await markedTexts(page)).toContain(FIRST);
  await expect(panelItems(page)).toHaveCount(4);
});

test('shift+arrow selects with the keyboard and H highlights in the last colour', async () => {
  const { page } = app;
  const { start } = await textPoints(page, 'International media reported');
  await page.mouse.click(start.x, start.y);
  for (let i = 0; i < 'International media'.length; i++) await page.keyboard.press('Shift+ArrowRight');
  await expect(toolbar(page)).toBeVisible();
  await page.keyboard.press('h');

  const mark = marks(page).filter({ hasText: 'International media' });
  await expect(mark).toHaveText('International media');
  await expect(mark).toHaveClass(/hl-blue/);
  await expect(panelItems(page)).toHaveCount(5);
});

test('undo and redo a new highlight (Ctrl+Z, Ctrl+Shift+Z, Ctrl+Y)', async () => {
  const { page } = app;
  const mark = marks(page).filter({ hasText: 'International media' });
  await page.keyboard.press('Control+z');
  await expect(mark).toHaveCount(0);
  await expect(panelItems(page)).toHaveCount(4);
  await page.keyboard.press('Control+Shift+z');
  await expect(mark).toHaveCount(1);
  await page.keyboard.press('Control+z');
  await expect(mark).toHaveCount(0);
  await page.keyboard.press('Control+y');
  await expect(mark).toHaveCount(1);
  await expect(panelItems(page)).toHaveCount(5);
});

test('Delete removes the selected highlight without asking, and undo brings it back with its tags', async () => {
  const { page } = app;
  const caption = page.locator('figcaption mark.hl');
  await caption.click();
  await expect(editor(page)).toBeVisible();
  await page.keyboard.press('Delete');
  await expect(caption).toHaveCount(0);
  await expect(panelItems(page)).toHaveCount(4);

  await page.keyboard.press('Control+z');
  await expect(caption).toHaveCount(1);
  await expect(panelItems(page).filter({ hasText: 'Syrians gather' })).toContainText('#photo');
});

test('undo reverts a colour change', async () => {
  const { page } = app;
  await page.locator('article mark.hl-pink').first().click();
  await editor(page).getByRole('button', { name: 'Purple' }).click();
  await expect(page.locator('article mark.hl-purple')).toHaveCount(2);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+z');
  await expect(page.locator('article mark.hl-pink')).toHaveCount(2);
  await expect(page.locator('article mark.hl-purple')).toHaveCount(0);
});

test('after closing and relaunching on the same data folder, every highlight, tag and note is there', async () => {
  await app.close();
  app = await launchApp({ dataDir });
  const { page } = app;
  // The last article opens by itself.
  await expect(page.getByRole('article')).toBeVisible();
  await expect(panelItems(page)).toHaveCount(5);
  await expect(panelItems(page).first()).toContainText('reaffirmed in a statement');
  await expect(panel(page)).toContainText('#claim');
  await expect(panel(page)).toContainText("The coalition's priority has not changed.");
  await expect(panel(page)).toContainText('#photo');

  const texts = await markedTexts(page);
  expect(texts).toContain(FIRST);
  expect(texts).toContain('the enduring defeat of ISIS in Syria');
  expect(texts).toContain('International media');
  await expect(page.locator('article mark.hl[data-count="2"]')).toHaveText(
    'the enduring defeat of ISIS in Syria',
  );
  await expect(page.locator('figcaption mark.hl')).toHaveCount(1);
  await expect(page.locator('article mark.hl-pink')).toHaveCount(2);
  expect(app.errors).toEqual([]);
});
