/** Imports that worked but carry something the user should know: the warnings are shown with the result. */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { launchApp, type GlossApp } from '../harness/launchApp';

let app: GlossApp;
test.beforeEach(async () => {
  app = await launchApp();
});
test.afterEach(async () => {
  await app.close();
});

test('a file that imported with a warning says so in the import result, naming the article', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'gloss-warn-'));
  const latin1 = join(dir, 'cafe.txt');
  await writeFile(latin1, Buffer.from('Caf\xe9 notes\n\nA cr\xe8me br\xfbl\xe9e, served cold.\n', 'latin1'));
  const clean = join(dir, 'clean.txt');
  await writeFile(clean, 'Clean notes\n\nPlain ASCII text, nothing to report.\n');
  app.setDialogs({ importFiles: [latin1, clean] });

  await app.page.getByRole('button', { name: 'Import files…' }).click();
  const result = app.page.getByRole('region', { name: 'Import result' });
  await expect(result.getByRole('status')).toHaveText('Imported 2 articles; 1 warning.');
  const warnings = result.getByRole('list', { name: 'Import warnings' }).getByRole('listitem');
  await expect(warnings).toHaveCount(1);
  await expect(warnings.first()).toContainText('Café notes:');
  await expect(warnings.first()).toContainText(/not valid UTF-8/);
  await expect(result.getByRole('list', { name: 'Import failures' })).toHaveCount(0);

  await result.getByRole('button', { name: 'Dismiss import result' }).click();
  await expect(result).toHaveCount(0);
});

test('an import without warnings lists none', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'gloss-nowarn-'));
  const clean = join(dir, 'clean.txt');
  await writeFile(clean, 'Clean notes\n\nPlain ASCII text, nothing to report.\n');
  app.setDialogs({ importFiles: [clean] });
  await app.page.getByRole('button', { name: 'Import files…' }).click();
  const result = app.page.getByRole('region', { name: 'Import result' });
  await expect(result.getByRole('status')).toHaveText('Imported 1 article.');
  await expect(result.getByRole('list', { name: 'Import warnings' })).toHaveCount(0);
});
