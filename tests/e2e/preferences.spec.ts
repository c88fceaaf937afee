/** Preferences: the user's name, set in the dialog, named as the creator of what the W3C export writes. */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { createGloss } from '@core/service';
import { launchApp, type GlossApp } from '../harness/launchApp';
import {
  ANNOTATION_ASSERTIONS,
  COLLECTION_ASSERTIONS,
  failures,
} from '../unit/helpers/web-annotation-assertions';

let app: GlossApp | undefined;
test.afterEach(async () => {
  await app?.close();
  app = undefined;
});

test('a name set in Preferences is saved, and the W3C JSON export names that person as creator with no MUST or SHOULD failing', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'gloss-preferences-e2e-'));
  const dataDir = join(dir, 'library');
  const gloss = await createGloss({ dataDir });
  const [seed] = await gloss.listArticles();
  const article = await gloss.getArticle({ id: seed.id });
  const start = article.text.indexOf('remains firmly committed');
  await gloss.createAnnotation({ articleId: seed.id, start, end: start + 24, color: 'yellow' });
  await gloss.close();

  app = await launchApp({ dataDir });
  const { page } = app;
  await expect(page.getByRole('list', { name: 'Articles' })).toBeVisible();
  await page.keyboard.press('Control+,');
  const dialog = page.getByRole('dialog', { name: 'Preferences' });
  const name = dialog.getByRole('textbox', { name: 'Your name' });
  await expect(name).toBeFocused();
  await expect(name).toHaveValue('');
  await name.fill('  Ana Reyes ');
  await page.screenshot({ path: join(tmpdir(), 'gloss-preferences.png') });
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  const settings = JSON.parse(await readFile(join(dataDir, 'settings.json'), 'utf8'));
  expect(settings.userName).toBe('Ana Reyes');

  // Reopened from the menu: the saved name; a change cancelled with Escape is not kept.
  await app.emit({ type: 'command', command: 'preferences' });
  await expect(name).toHaveValue('Ana Reyes');
  await name.fill('Someone Else');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await app.emit({ type: 'command', command: 'preferences' });
  await expect(name).toHaveValue('Ana Reyes');
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  const path = join(dir, 'notes.json');
  app.setDialogs({ exportPath: path });
  await app.emit({ type: 'command', command: 'export' });
  const exportDialog = page.getByRole('dialog', { name: 'Export notes' });
  await exportDialog.getByRole('radio', { name: 'JSON (W3C Web Annotation)' }).check();
  await exportDialog.getByRole('radio', { name: 'Whole library' }).check();
  await exportDialog.getByRole('button', { name: 'Export…' }).click();
  await expect(exportDialog.getByRole('status')).toContainText('1 annotation');
  const exported = JSON.parse(await readFile(path, 'utf8'));
  const [item] = exported.first.items;
  expect(item.creator).toMatchObject({ type: 'Person', name: 'Ana Reyes' });
  expect(failures(exported, COLLECTION_ASSERTIONS)).toEqual([]);
  for (const each of exported.first.items) expect(failures(each, ANNOTATION_ASSERTIONS)).toEqual([]);
  expect(app.errors).toEqual([]);
});

test('with no name set, the Export dialog says so for the W3C JSON export and opens Preferences to set it, then exports with that name', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'gloss-export-unnamed-e2e-'));
  const dataDir = join(dir, 'library');
  const gloss = await createGloss({ dataDir });
  const [seed] = await gloss.listArticles();
  const article = await gloss.getArticle({ id: seed.id });
  const start = article.text.indexOf('remains firmly committed');
  await gloss.createAnnotation({ articleId: seed.id, start, end: start + 24, color: 'yellow' });
  await gloss.close();

  app = await launchApp({ dataDir });
  const { page } = app;
  await expect(page.getByRole('list', { name: 'Articles' })).toBeVisible();
  await app.emit({ type: 'command', command: 'export' });
  const exportDialog = page.getByRole('dialog', { name: 'Export notes' });
  const unnamed = exportDialog.getByText('Your name is not set');
  // Markdown and CSV name no creator: nothing to say there.
  await expect(exportDialog.getByRole('radio', { name: 'Markdown' })).toBeChecked();
  await expect(unnamed).toBeHidden();
  await exportDialog.getByRole('radio', { name: 'JSON (W3C Web Annotation)' }).check();
  await expect(unnamed).toBeVisible();
  await page.screenshot({ path: join(tmpdir(), 'gloss-export-unnamed.png') });

  await exportDialog.getByRole('button', { name: 'Set your name in Preferences…' }).click();
  const preferences = page.getByRole('dialog', { name: 'Preferences' });
  const name = preferences.getByRole('textbox', { name: 'Your name' });
  await expect(name).toBeFocused();
  // Escape closes Preferences only: the export dialog stays, still saying the name is not set.
  await page.keyboard.press('Escape');
  await expect(preferences).toBeHidden();
  await expect(exportDialog).toBeVisible();
  await expect(unnamed).toBeVisible();

  await exportDialog.getByRole('button', { name: 'Set your name in Preferences…' }).click();
  await name.fill('Ana Reyes');
  await preferences.getByRole('button', { name: 'Save' }).click();
  await expect(preferences).toBeHidden();
  await expect(unnamed).toBeHidden();
  const exportButton = exportDialog.getByRole('button', { name: 'Export…' });
  await expect(exportButton).toBeFocused();

  const path = join(dir, 'notes.json');
  app.setDialogs({ exportPath: path });
  await exportDialog.getByRole('radio', { name: 'Whole library' }).check();
  await exportButton.click();
  await expect(exportDialog.getByRole('status')).toContainText('1 annotation');
  const exported = JSON.parse(await readFile(path, 'utf8'));
  expect(exported.first.items[0].creator).toMatchObject({ type: 'Person', name: 'Ana Reyes' });
  expect(app.errors).toEqual([]);
});
