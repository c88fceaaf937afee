/**
 * The packaged shell, launched for real: secure defaults, the bridge, and the
 * core path — open the sample, highlight with the mouse, relaunch, find it.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, _electron as electron, type ElectronApplication, type Page } from '@playwright/test';
import { electronBinary, ROOT } from './electron-binary';
import { dragSelect, marks, openSeed, panelItems, toolbar } from '../e2e/helpers';

const binary = electronBinary();
test.skip(!binary.path, binary.reason);
test.describe.configure({ mode: 'serial' });

let dataDir: string;
let app: ElectronApplication;
let page: Page;

async function launch(): Promise<void> {
  app = await electron.launch({
    executablePath: binary.path,
    args: [join(ROOT, 'out', 'main', 'index.js'), `--data-dir=${dataDir}`, '--no-sandbox'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
}

test.beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'gloss-electron-'));
  await launch();
});
test.afterAll(async () => {
  await app?.close();
});

test('the page has no Node.js: only window.gloss is exposed, and window.open is refused', async () => {
  const globals = await page.evaluate(() => ({
    require: typeof (window as unknown as { require?: unknown }).require,
    process: typeof (window as unknown as { process?: unknown }).process,
    gloss: typeof window.gloss?.listArticles,
  }));
  expect(globals).toEqual({ require: 'undefined', process: 'undefined', gloss: 'function' });
  expect(await page.evaluate(() => window.open('https://example.com'))).toBeNull();
});

test('an invalid request is refused by main', async () => {
  const error = await page.evaluate(() =>
    window.gloss.createAnnotation({ articleId: 'x', start: -1, end: 2, color: 'yellow' }).then(
      () => null,
      (e: Error & { code?: string }) => e.code,
    ),
  );
  expect(error).toBe('INVALID_REQUEST');
});

test('the sample article opens, and a passage dragged with the mouse is highlighted', async () => {
  await openSeed(page);
  await dragSelect(page, 'reaffirmed in a statement', 'top priority.');
  await toolbar(page).getByRole('button', { name: 'Highlight green' }).click();
  await expect(marks(page).filter({ hasText: 'reaffirmed in a statement' })).toHaveClass(/hl-green/);
  await expect(panelItems(page)).toHaveCount(1);
});

test('after quitting and relaunching, the highlight is still there', async () => {
  await app.close();
  await launch();
  await expect(page.getByRole('article')).toBeVisible();
  await expect(marks(page).filter({ hasText: 'reaffirmed in a statement' })).toHaveClass(/hl-green/);
});
