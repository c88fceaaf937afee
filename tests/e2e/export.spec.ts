/** Exporting notes through the export dialog, answered by the harness's save dialog. */
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { launchApp, type GlossApp } from '../harness/launchApp';
import { dragSelect, editor, marks, openSeed, toolbar } from './helpers';

let app: GlossApp;
let out: string;
test.beforeEach(async () => {
  app = await launchApp();
  out = await mkdtemp(join(tmpdir(), 'gloss-export-'));
  await openSeed(app.page);
  const { page } = app;
  await dragSelect(page, 'The prison holds 3,500 suspected ISIS members', 'hundreds of foreigners.');
  await toolbar(page).getByRole('button', { name: 'Highlight yellow' }).click();
  await marks(page).first().click();
  await editor(page).getByRole('combobox', { name: 'Add tag' }).fill('claim');
  await editor(page).getByRole('combobox', { name: 'Add tag' }).press('Enter');
  await expect(editor(page).getByRole('list', { name: 'Tags' })).toContainText('#claim');
  await editor(page).getByRole('textbox', { name: 'Note' }).fill('Check the number against other reports.');
  await editor(page).getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('complementary', { name: 'Annotations' })).toContainText(
    'Check the number against other reports.',
  );
});
test.afterEach(async () => {
  await app.close();
});

test('Markdown export of this article writes the quote as a blockquote, its tag and note, and names the file', async () => {
  const path = join(out, 'notes.md');
  app.setDialogs({ exportPath: path });
  const { page } = app;
  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export notes' });
  await expect(dialog.getByRole('radio', { name: 'Markdown' })).toBeChecked();
  await expect(dialog.getByRole('radio', { name: /This article/ })).toBeChecked();
  await dialog.getByRole('button', { name: 'Export…' }).click();

  await expect(dialog.getByRole('status')).toContainText(path);
  await expect(dialog.getByRole('status')).toContainText('1 annotation');
  expect(app.exportRequests[0]).toMatchObject({ format: 'md' });
  expect(app.exportRequests[0].defaultName).toMatch(/\.md$/);
  const md = await readFile(path, 'utf8');
  expect(md).toMatch(
    /^> .*The prison holds 3,500 suspected ISIS members, including hundreds of foreigners\./m,
  );
  expect(md).toContain('#claim');
  expect(md).toContain('Check the number against other reports.');
});

test('the export menu command opens the dialog; CSV of the whole library', async () => {
  const path = join(out, 'all.csv');
  app.setDialogs({ exportPath: path });
  const { page } = app;
  await app.emit({ type: 'command', command: 'export' });
  const dialog = page.getByRole('dialog', { name: 'Export notes' });
  await dialog.getByRole('radio', { name: 'CSV (spreadsheet)' }).check();
  await dialog.getByRole('radio', { name: 'Whole library' }).check();
  await dialog.getByRole('button', { name: 'Export…' }).click();
  await expect(dialog.getByRole('status')).toContainText(path);
  expect(app.exportRequests.at(-1)).toMatchObject({ format: 'csv' });
  const csv = await readFile(path, 'utf8');
  expect(csv).toContain('The prison holds 3,500 suspected ISIS members');
  expect(csv).toContain('claim');
});

test('a cancelled save dialog writes nothing and says nothing', async () => {
  app.setDialogs({ exportPath: null });
  const { page } = app;
  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export notes' });
  await dialog.getByRole('button', { name: 'Export…' }).click();
  await expect(dialog.getByRole('button', { name: 'Export…' })).toBeEnabled();
  await expect(dialog.getByRole('status')).toHaveCount(0);
  await expect(dialog.getByRole('alert')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

test('an export that cannot be written says what went wrong', async () => {
  const blocker = join(out, 'not-a-folder');
  await writeFile(blocker, 'a file where a folder should be');
  app.setDialogs({ exportPath: join(blocker, 'notes.md') });
  const { page } = app;
  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export notes' });
  await dialog.getByRole('button', { name: 'Export…' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Export failed');
  await expect(dialog.getByRole('status')).toHaveCount(0);
});

test('notes of an article whose saved copy is damaged are still exported, and the dialog says why', async () => {
  const { dataDir } = app;
  const [contentFile] = (await readdir(join(dataDir, 'articles'))).filter((n) => n.endsWith('.json'));
  await app.close();
  await writeFile(join(dataDir, 'articles', contentFile), '{ damaged');
  app = await launchApp({ dataDir });
  const path = join(out, 'all.md');
  app.setDialogs({ exportPath: path });
  await app.emit({ type: 'command', command: 'export' });
  const dialog = app.page.getByRole('dialog', { name: 'Export notes' });
  await dialog.getByRole('radio', { name: 'Whole library' }).check();
  await dialog.getByRole('button', { name: 'Export…' }).click();
  await expect(dialog.getByRole('status')).toContainText('1 annotation');
  await expect(dialog.getByRole('list', { name: 'Export warnings' })).toContainText(
    /The saved copy of “.+” is damaged, so its 1 highlight was exported from the saved quote/,
  );
  expect(await readFile(path, 'utf8')).toContain('Check the number against other reports.');
});
