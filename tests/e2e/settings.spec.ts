/** Reading settings, restoring where the reader was, help, menu commands, recovery warnings. */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { launchApp, type GlossApp } from '../harness/launchApp';
import { createGloss } from '@core/service';
import { openSeed } from './helpers';

let app: GlossApp;
test.afterEach(async () => {
  await app?.close();
});

const theme = (app: GlossApp) => app.page.evaluate(() => document.documentElement.dataset.theme);
const fontSize = (app: GlossApp) =>
  app.page.evaluate(() => getComputedStyle(document.querySelector('article')!).fontSize);

test('theme and text size are remembered across a relaunch, and the last article reopens where it was', async () => {
  app = await launchApp({ viewport: { width: 1100, height: 600 } });
  const { page } = app;
  await openSeed(page);
  await page.getByRole('radio', { name: 'Dark' }).click();
  await page.getByRole('button', { name: 'Larger text' }).click();
  await page.getByRole('button', { name: 'Larger text' }).click();
  expect(await theme(app)).toBe('dark');
  await expect.poll(() => fontSize(app)).toBe('21px');

  await page.locator('.reader-scroll').evaluate((el) => {
    el.scrollTop = (el.scrollHeight - el.clientHeight) / 2;
  });
  // Wait until main has the position (saved shortly after scrolling stops).
  await expect
    .poll(() => page.evaluate(() => window.gloss.getSettings().then((s) => Object.values(s.scroll)[0] ?? 0)))
    .toBeGreaterThan(0.4);
  await app.close();

  app = await launchApp({ dataDir: app.dataDir, viewport: { width: 1100, height: 600 } });
  await expect(app.page.getByRole('article')).toBeVisible();
  expect(await theme(app)).toBe('dark');
  await expect(app.page.getByRole('radio', { name: 'Dark' })).toHaveAttribute('aria-checked', 'true');
  await expect.poll(() => fontSize(app)).toBe('21px');
  const fraction = await app.page
    .locator('.reader-scroll')
    .evaluate((el) => el.scrollTop / (el.scrollHeight - el.clientHeight));
  expect(fraction).toBeGreaterThan(0.4);
  expect(fraction).toBeLessThan(0.6);
});

test('? opens the keyboard shortcuts; Escape closes them', async () => {
  app = await launchApp();
  const { page } = app;
  await openSeed(page);
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  for (const action of [
    'Highlight the selection',
    'Undo',
    'Redo',
    'Delete the selected highlight',
    'write a note',
    'tag it',
  ])
    await expect(help).toContainText(action);
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
});

test('menu commands from main: themes, text size, help, undo', async () => {
  app = await launchApp();
  const { page } = app;
  await openSeed(page);
  await app.emit({ type: 'command', command: 'theme-sepia' });
  await expect.poll(() => theme(app)).toBe('sepia');
  await app.emit({ type: 'command', command: 'zoom-in' });
  await expect.poll(() => fontSize(app)).toBe('20px');
  await app.emit({ type: 'command', command: 'zoom-out' });
  await app.emit({ type: 'command', command: 'zoom-out' });
  await expect.poll(() => fontSize(app)).toBe('18px');
  await app.emit({ type: 'command', command: 'zoom-reset' });
  await expect.poll(() => fontSize(app)).toBe('19px');
  await app.emit({ type: 'command', command: 'help' });
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await page.keyboard.press('Escape');
  await app.emit({ type: 'command', command: 'import-url' });
  await expect(page.getByRole('dialog', { name: 'Import from URL' })).toBeVisible();
  expect(app.errors).toEqual([]);
});

test('a damaged settings file is recovered and the user is told once, in a dismissible banner', async () => {
  app = await launchApp();
  const dataDir = app.dataDir;
  await app.close();
  await writeFile(join(dataDir, 'settings.json'), '{"theme": "dark", "fontSi');

  app = await launchApp({ dataDir });
  const banner = app.page.getByRole('alert', { name: 'Library recovery' });
  await expect(banner).toBeVisible();
  await banner.getByRole('button', { name: 'Dismiss' }).click();
  await expect(banner).toBeHidden();
  await expect(app.page.getByRole('heading', { name: 'Library' })).toBeVisible();
});

test('damage found while the app runs (a notes file cut in half) is shown in the banner too', async () => {
  app = await launchApp();
  const dataDir = app.dataDir;
  await app.close();
  const gloss = await createGloss({ dataDir });
  const [seed] = await gloss.listArticles();
  for (const start of [0, 10])
    await gloss.createAnnotation({
      articleId: seed.id,
      start,
      end: start + 5,
      color: 'yellow',
      tags: [],
      note: '',
    });
  await gloss.close();

  // Damage found at start-up is shown and dismissed first: what follows can only come from the running app.
  await writeFile(join(dataDir, 'settings.json'), '{"theme": "dark", "fontSi');
  app = await launchApp({ dataDir });
  const banner = app.page.getByRole('alert', { name: 'Library recovery' });
  await expect(banner).toContainText('settings.json was damaged');
  await banner.getByRole('button', { name: 'Dismiss' }).click();
  await expect(banner).toBeHidden();
  const notes = join(dataDir, 'notes', `${seed.id}.json`);
  const bytes = await readFile(notes);
  await writeFile(notes, bytes.subarray(0, bytes.length >> 1));
  await openSeed(app.page);
  await expect(banner).toContainText(`notes/${seed.id}.json was damaged`);
  await expect(banner).not.toContainText('settings.json');
  expect(app.errors).toEqual([]);
});
