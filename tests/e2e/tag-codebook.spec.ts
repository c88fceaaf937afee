/**
 * The tag codebook in the tag manager: a tag given a colour and a description
 * (one undoable step), shown on its row, on its chips in the notebook and the
 * reader's panel (the description as tooltip and accessible description; a
 * child without a colour of its own in its parent's), and kept when the tag is
 * renamed.
 */
import { test, expect } from '@playwright/test';
import { launchApp, type GlossApp } from '../harness/launchApp';
import { arrangePassages, notebook, passageRow, tagManager, tagRow, toast, viewTab } from './workspace';

let app: GlossApp;
test.beforeEach(async () => {
  app = await launchApp({ viewport: { width: 1280, height: 900 } });
  const { page } = app;
  await page.getByRole('list', { name: 'Articles' }).waitFor();
  await arrangePassages(page, [
    {
      article: "'The enduring defeat",
      quote: 'The prison holds 3,500 suspected ISIS members',
      color: 'yellow',
      tags: ['claim', 'evidence'],
    },
    {
      article: "'The enduring defeat",
      quote: 'the important role played by the Kurdistan Region',
      color: 'blue',
      tags: ['claim/disputed'],
    },
  ]);
  await viewTab(page, 'Tags').click();
  await expect(tagRow(page, 'claim')).toContainText('1 passage');
});
test.afterEach(async () => {
  expect(app.errors).toEqual([]);
  await app.close();
});

const DESCRIPTION = 'What an official asserts, not yet checked.';

test('a tag described in the tag manager shows its colour and description on its row; one Ctrl+Z takes it back', async () => {
  const { page } = app;
  await tagRow(page, 'claim').getByRole('button', { name: 'Describe claim' }).click();
  const dialog = page.getByRole('dialog', { name: 'Describe #claim' });
  await dialog.getByRole('radio', { name: 'Pink' }).check();
  await dialog.getByRole('textbox', { name: 'Description' }).fill(DESCRIPTION);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(toast(page, 'Described #claim')).toBeVisible();
  await expect(tagRow(page, 'claim').locator('.tag-description')).toHaveText(DESCRIPTION);
  await expect(tagRow(page, 'claim').getByRole('img', { name: 'Colour pink' })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('tag-manager-codebook.png') });

  await tagManager(page).getByRole('heading', { name: 'Tags' }).click();
  await page.keyboard.press('Control+z');
  await expect(tagRow(page, 'claim').locator('.tag-description')).toHaveCount(0);
  await expect(tagRow(page, 'claim').getByRole('img', { name: 'Colour pink' })).toHaveCount(0);
  await page.keyboard.press('Control+Shift+z');
  await expect(tagRow(page, 'claim').locator('.tag-description')).toHaveText(DESCRIPTION);

  // Opened again, the dialog holds what was saved; clearing both removes the entry.
  await tagRow(page, 'claim').getByRole('button', { name: 'Describe claim' }).click();
  await expect(dialog.getByRole('radio', { name: 'Pink' })).toBeChecked();
  await expect(dialog.getByRole('textbox', { name: 'Description' })).toHaveValue(DESCRIPTION);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  const stored = await page.evaluate(() => window.gloss.listTags());
  expect(stored.find((t) => t.tag === 'claim')).toEqual({
    tag: 'claim',
    count: 1,
    color: 'pink',
    description: DESCRIPTION,
  });
});

test('chips in the notebook and the reader panel wear the colour, with the description as their accessible description; a rename keeps it', async () => {
  const { page } = app;
  await tagRow(page, 'claim').getByRole('button', { name: 'Describe claim' }).click();
  const dialog = page.getByRole('dialog', { name: 'Describe #claim' });
  await dialog.getByRole('radio', { name: 'Green' }).check();
  await dialog.getByRole('textbox', { name: 'Description' }).fill(DESCRIPTION);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(toast(page, 'Described #claim')).toBeVisible();

  await viewTab(page, 'Notebook').click();
  const chip = passageRow(page, 'The prison holds').locator('li.tag', { hasText: '#claim' });
  await expect(chip).toHaveAttribute('data-color', 'green');
  await expect(chip).toHaveAttribute('title', DESCRIPTION);
  await expect(chip).toHaveAccessibleDescription(DESCRIPTION);
  // A child with no colour of its own is drawn in its parent's; the other tag is plain.
  await expect(
    passageRow(page, 'the important role').locator('li.tag', { hasText: '#claim/disputed' }),
  ).toHaveAttribute('data-color', 'green');
  await expect(
    passageRow(page, 'The prison holds').locator('li.tag', { hasText: '#evidence' }),
  ).not.toHaveAttribute('data-color', /./);
  await expect(notebook(page)).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('notebook-codebook.png') });

  // Renamed: the entry goes with the tag.
  await viewTab(page, 'Tags').click();
  await tagRow(page, 'claim').getByRole('button', { name: 'Rename claim' }).click();
  const rename = page.getByRole('dialog', { name: 'Rename #claim' });
  await rename.getByRole('textbox', { name: 'New name' }).fill('assertion');
  await rename.getByRole('button', { name: 'Rename' }).click();
  await expect(tagRow(page, 'assertion').locator('.tag-description')).toHaveText(DESCRIPTION);

  await viewTab(page, 'Library').click();
  await page.getByRole('button', { name: /^Open 'The enduring defeat/ }).click();
  const panelChip = page.locator('.panel li.tag', { hasText: /^#assertion$/ });
  await expect(panelChip).toHaveAttribute('data-color', 'green');
  await expect(panelChip).toHaveAccessibleDescription(DESCRIPTION);
  await page.screenshot({ path: test.info().outputPath('panel-codebook.png') });
});

test('merging into a described tag says the target keeps its own description', async () => {
  const { page } = app;
  await page.evaluate(() => window.gloss.describeTag({ tag: 'evidence', description: 'A document.' }));
  await page.evaluate(() => window.gloss.describeTag({ tag: 'claim', description: 'Asserted.' }));
  await page.reload();
  await viewTab(page, 'Tags').click();
  await tagRow(page, 'claim').getByRole('button', { name: 'Rename claim' }).click();
  const dialog = page.getByRole('dialog', { name: 'Rename #claim' });
  await dialog.getByRole('textbox', { name: 'New name' }).fill('evidence');
  await dialog.getByRole('button', { name: 'Merge…' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Merge #claim into #evidence?' });
  await expect(confirm).toContainText('#evidence keeps its own colour and description.');
  await confirm.getByRole('button', { name: 'Merge' }).click();
  await expect(tagRow(page, 'evidence').locator('.tag-description')).toHaveText('A document.');
});
