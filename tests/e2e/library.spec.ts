/** The library: the sample, opening, importing (dialog, paste, drop), removing. */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { launchApp, type GlossApp } from '../harness/launchApp';
import { SEED_TITLE } from './helpers';

let app: GlossApp;
test.beforeEach(async () => {
  app = await launchApp();
});
test.afterEach(async () => {
  await app.close();
});

const articles = (app: GlossApp) => app.page.getByRole('list', { name: 'Articles' }).locator(':scope > li');

test('a new library lists the sample article with its title, source and highlight count', async () => {
  const row = articles(app).filter({ hasText: SEED_TITLE });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Kurdistan 24');
  await expect(row).toContainText('0 highlights');
  expect(app.errors).toEqual([]);
});

test('an article opens from the keyboard with Enter', async () => {
  const { page } = app;
  await page.getByRole('button', { name: /^Open .*The enduring defeat/ }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: SEED_TITLE })).toBeVisible();
  await expect(page.locator('.dateline')).toHaveText('ERBIL (Kurdistan 24) – ');
  await expect(page.getByRole('complementary', { name: 'Read More' }).first()).toContainText(
    'Biden hails Kurdish forces',
  );
  await page.getByRole('button', { name: '← Library' }).click();
  await expect(page.getByRole('heading', { name: 'Library' })).toBeVisible();
});

test('importing chosen files keeps the ones that worked and lists the failures with reasons', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'gloss-import-'));
  const good = join(dir, 'reading-notes.txt');
  const empty = join(dir, 'empty.txt');
  await writeFile(good, 'On reading slowly\n\nA paragraph worth keeping, about reading closely and well.\n');
  await writeFile(empty, '');
  app.setDialogs({ importFiles: [good, empty] });

  await app.page.getByRole('button', { name: 'Import files…' }).click();
  const result = app.page.getByRole('region', { name: 'Import result' });
  await expect(result.getByRole('status')).toContainText('Imported 1 article');
  await expect(result.getByRole('status')).toContainText('1 failed');
  await expect(result.getByRole('list', { name: 'Import failures' })).toContainText('empty.txt');
  await expect(articles(app).filter({ hasText: 'On reading slowly' })).toHaveCount(1);
  await expect(articles(app)).toHaveCount(2);
});

test('choosing no files imports nothing', async () => {
  app.setDialogs({ importFiles: [] });
  await app.page.getByRole('button', { name: 'Import files…' }).click();
  await expect(app.page.getByRole('region', { name: 'Import result' })).toHaveCount(0);
  await expect(articles(app)).toHaveCount(1);
});

test('removing an article asks first; Cancel keeps it, Remove removes it', async () => {
  const { page } = app;
  await page.getByRole('button', { name: /^Remove .*The enduring defeat/ }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Remove article?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(articles(app)).toHaveCount(1);

  await page.getByRole('button', { name: /^Remove .*The enduring defeat/ }).click();
  await dialog.getByRole('button', { name: 'Remove' }).click();
  await expect(page.getByText('Your library is empty')).toBeVisible();
  await app.close();

  app = await launchApp({ dataDir: app.dataDir });
  await expect(app.page.getByText('Your library is empty')).toBeVisible();
});

test('Ctrl+Shift+V imports the clipboard as an article', async () => {
  const { page } = app;
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.evaluate(() =>
    navigator.clipboard.writeText(
      'Notes from the margin\n\nClose reading rewards patience; the second pass finds what the first missed.',
    ),
  );
  await page.keyboard.press('Control+Shift+V');
  await expect(page.getByRole('region', { name: 'Import result' }).getByRole('status')).toContainText(
    'Imported 1 article',
  );
  await expect(articles(app).filter({ hasText: 'Notes from the margin' })).toHaveCount(1);
});

test('files dropped on the window are imported', async () => {
  const { page } = app;
  await expect(articles(app)).toHaveCount(1); // the window is showing the library
  await page.evaluate(() => {
    const dt = new DataTransfer();
    dt.items.add(
      new File(
        ['A dropped essay\n\nIt arrived by drag and drop, and it reads well enough.'],
        'dropped-essay.txt',
        { type: 'text/plain' },
      ),
    );
    document.body.dispatchEvent(
      new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }),
    );
    document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  });
  await expect(page.getByRole('region', { name: 'Import result' }).getByRole('status')).toContainText(
    'Imported 1 article',
  );
  await expect(articles(app)).toHaveCount(2);
});

test('several chosen files are imported together, and stray progress events after an import are ignored', async () => {
  const { page } = app;
  const dir = await mkdtemp(join(tmpdir(), 'gloss-progress-'));
  const paths = await Promise.all(
    Array.from({ length: 3 }, async (_, i) => {
      const p = join(dir, `note-${i}.txt`);
      await writeFile(p, `Note ${i}\n\nParagraph number ${i}, with enough words to count as text.`);
      return p;
    }),
  );
  app.setDialogs({ importFiles: paths });
  await page.getByRole('button', { name: 'Import files…' }).click();
  await expect(page.getByRole('region', { name: 'Import result' }).getByRole('status')).toContainText(
    'Imported 3 articles',
  );
  // A late progress event must not bring back a finished import's progress bar.
  await app.emit({ type: 'import-progress', done: 1, total: 3 });
  await expect(page.getByText(/Importing \d of 3/)).toHaveCount(0);
});
