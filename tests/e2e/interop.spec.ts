/**
 * File › Import Highlights… and File › Sync from Markdown…, driven as a user
 * does: the menu command, the shell's open dialog (answered by the harness),
 * the report, and for a sync the yes to its changes and the undo after.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { launchApp, ROOT, type GlossApp } from '../harness/launchApp';
import { createGloss } from '@core/service';
import { openSeed } from './helpers';

const FIXTURES = join(ROOT, 'tests', 'fixtures', 'highlights');
let app: GlossApp | undefined;
test.afterEach(async () => {
  await app?.close();
  app = undefined;
});

test('Import Highlights reports each document: matched and anchored, uncertain, or kept as a new article; a wrong file fails alone', async () => {
  const out = await mkdtemp(join(tmpdir(), 'gloss-interop-e2e-'));
  const wrong = join(out, 'shopping.txt');
  await writeFile(wrong, 'eggs\nmilk\n');
  app = await launchApp();
  const { page } = app;
  app.setDialogs({
    importFiles: [
      join(FIXTURES, 'readwise-export-10-columns.csv'),
      join(FIXTURES, 'kindle-my-clippings.txt'),
      wrong,
    ],
  });
  await app.emit({ type: 'command', command: 'import-highlights' });
  const dialog = page.getByRole('dialog', { name: 'Import highlights' });
  const report = dialog.getByRole('status', { name: 'Import report' });
  await expect(report).toContainText('readwise-export-10-columns.csv (Readwise CSV)');
  // The seed article is in the library: the Readwise row with its title is anchored there, matched by title alone.
  await expect(report).toContainText(
    'found by title alone — check it is the same work: 1 passage highlighted',
  );
  await expect(report).toContainText('Der Process');
  await expect(report).toContainText('6 bookmarks skipped (no words to import).');
  await expect(dialog.getByRole('alert')).toContainText(
    'shopping.txt: “shopping.txt” is not a highlights file Gloss knows',
  );
  await page.screenshot({ path: join(tmpdir(), 'gloss-import-highlights.png') });
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('吾輩は猫である')).toBeVisible();
});

test('Import Highlights is one change: Ctrl+Z in the library takes back its passages and the articles it made, Shift+Ctrl+Z imports it again', async () => {
  app = await launchApp({ viewport: { width: 1280, height: 900 } });
  const { page } = app;
  const rows = page.getByRole('list', { name: 'Articles' }).getByRole('button', { name: /^Open / });
  const seedRow = rows.filter({ hasText: 'The enduring defeat' });
  await expect(rows).toHaveCount(1);
  await expect(seedRow).toContainText('0 highlights');
  app.setDialogs({
    importFiles: [
      join(FIXTURES, 'readwise-export-10-columns.csv'),
      join(FIXTURES, 'kindle-my-clippings.txt'),
    ],
  });
  await app.emit({ type: 'command', command: 'import-highlights' });
  const dialog = page.getByRole('dialog', { name: 'Import highlights' });
  await expect(dialog.getByRole('status', { name: 'Import report' })).toContainText('Der Process');
  await page.screenshot({ path: test.info().outputPath('report.png') });
  // Close is in reach at once: the report scrolls under it, and the toast waits under the dialog.
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  const imported = page.locator('.toast').filter({
    hasText:
      /^Imported from readwise-export-10-columns\.csv, kindle-my-clippings\.txt: \d+ highlights, \d+ new articles/,
  });
  await expect(imported).toBeVisible();
  await expect(seedRow).toContainText('1 highlight');
  const made = 10; // the sample and the nine articles made for books the library lacks
  await expect(rows).toHaveCount(made);
  await page.screenshot({ path: test.info().outputPath('imported.png') });

  await page.getByRole('heading', { name: 'Library' }).click();
  await page.keyboard.press('ControlOrMeta+z');
  await expect(page.locator('.toast').filter({ hasText: /^Undone: Imported from/ })).toBeVisible();
  await expect(rows).toHaveCount(1);
  await expect(seedRow).toContainText('0 highlights');
  expect(await page.evaluate(async () => (await window.gloss.listPassages({ limit: 1000 })).total)).toBe(0);
  await page.screenshot({ path: test.info().outputPath('undone.png') });

  await page.keyboard.press('ControlOrMeta+Shift+z');
  await expect(rows).toHaveCount(made);
  await expect(seedRow).toContainText('1 highlight');
});

test('Sync from Markdown lists the edits (the article note too), asks before deleting, applies them as one change, and Undo puts them back', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'gloss-sync-e2e-'));
  const dataDir = join(dir, 'library');
  const file = join(dir, 'notes.md');
  const gloss = await createGloss({ dataDir });
  const [seed] = await gloss.listArticles();
  const article = await gloss.getArticle({ id: seed.id });
  const mark = (words: string, tags: string[], note: string) => {
    const start = article.text.indexOf(words);
    return gloss.createAnnotation({
      articleId: seed.id,
      start,
      end: start + words.length,
      color: 'yellow',
      tags,
      note,
    });
  };
  await mark('remains firmly committed', ['claim'], 'First note.');
  await mark('degrading ISIS leadership', [], '');
  await gloss.setArticleNote({ articleId: seed.id, text: 'Why it matters.' });
  await gloss.exportNotes({ articleId: seed.id, format: 'md', path: file });
  await gloss.close();
  const md = await readFile(file, 'utf8');
  const edited = md
    .replace('First note.', 'First note, rewritten in Obsidian.')
    .replace('Why it matters.', 'Why it matters, seen from Erbil.')
    .replace(/> degrading ISIS leadership \^gloss-\w+\n\n— [^\n]*\n?/, '');
  expect(edited).not.toContain('degrading ISIS leadership');
  await writeFile(file, edited);

  app = await launchApp({ dataDir });
  const { page } = app;
  app.setDialogs({ importFiles: [file] });
  await app.emit({ type: 'command', command: 'sync-markdown' });
  const dialog = page.getByRole('dialog', { name: 'Sync from Markdown' });
  const report = dialog.getByRole('status', { name: 'Sync report' });
  await expect(report).toContainText('notes.md: 1 passage of the library found. 3 changes to apply:');
  await expect(report.getByRole('listitem').first()).toContainText(/^Article note of “.+”changed/);
  await expect(report).toContainText('Why it matters, seen from Erbil.');
  await expect(report).toContainText('First note, rewritten in Obsidian.');
  await expect(report).toContainText('deleted in the file');
  const alsoDelete = dialog.getByRole('checkbox', {
    name: 'Also delete the 1 passage removed from the file',
  });
  await expect(alsoDelete).not.toBeChecked();
  await alsoDelete.check();
  await page.screenshot({ path: join(tmpdir(), 'gloss-sync-markdown.png') });
  await dialog.getByRole('button', { name: 'Apply changes' }).click();
  await expect(report).toContainText('3 changes applied.');
  const toast = page.getByText('Synced notes.md: 2 passages and 1 article note changed');
  await expect(toast).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();

  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByText('Undone: Synced notes.md')).toBeVisible();
  await app.close();
  app = undefined;
  const after = await createGloss({ dataDir });
  try {
    const list = await after.listAnnotations({ articleId: seed.id });
    expect(list.map((a) => [a.target.quote.exact, a.note])).toEqual([
      ['remains firmly committed', 'First note.'],
      ['degrading ISIS leadership', ''],
    ]);
    expect((await after.getArticleNote({ articleId: seed.id }))?.text).toBe('Why it matters.');
  } finally {
    await after.close();
  }
});

test('an article note synced while its article is open shows in the panel at once, and Undo puts it back there', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'gloss-sync-note-e2e-'));
  const dataDir = join(dir, 'library');
  const file = join(dir, 'notes.md');
  const gloss = await createGloss({ dataDir });
  const [seed] = await gloss.listArticles();
  const article = await gloss.getArticle({ id: seed.id });
  const start = article.text.indexOf('remains firmly committed');
  await gloss.createAnnotation({ articleId: seed.id, start, end: start + 24, color: 'yellow' });
  await gloss.setArticleNote({ articleId: seed.id, text: 'Why it matters.' });
  await gloss.exportNotes({ articleId: seed.id, format: 'md', path: file });
  await gloss.close();
  await writeFile(
    file,
    (await readFile(file, 'utf8')).replace('Why it matters.', 'Why it matters, checked.'),
  );

  app = await launchApp({ dataDir });
  const { page } = app;
  await openSeed(page);
  const field = page.getByRole('textbox', { name: 'Note on this article' });
  await expect(field).toHaveValue('Why it matters.');
  app.setDialogs({ importFiles: [file] });
  await app.emit({ type: 'command', command: 'sync-markdown' });
  const dialog = page.getByRole('dialog', { name: 'Sync from Markdown' });
  await dialog.getByRole('button', { name: 'Apply changes' }).click();
  await expect(dialog.getByRole('status', { name: 'Sync report' })).toContainText('1 change applied.');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(field).toHaveValue('Why it matters, checked.');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(field).toHaveValue('Why it matters.');
  await app.close();
  app = undefined;
  const after = await createGloss({ dataDir });
  try {
    expect((await after.getArticleNote({ articleId: seed.id }))?.text).toBe('Why it matters.');
  } finally {
    await after.close();
  }
});
