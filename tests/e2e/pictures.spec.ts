/**
 * A saved page's web pictures as a reader meets them: downloaded at import with
 * their size, so the reader gives each its place before it loads; and, with
 * downloads turned off in Preferences, placeholders the import result explains.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { launchApp, type GlossApp } from '../harness/launchApp';
import { startLocalServer, type LocalServer } from '../unit/helpers/local-server';
import { png } from '../unit/helpers/png';

let app: GlossApp | undefined;
let server: LocalServer;
let pictureRequests = 0;
test.beforeEach(async () => {
  pictureRequests = 0;
  server = await startLocalServer((req, res) => {
    if (req.url?.startsWith('/pictures/')) {
      pictureRequests++;
      return void res.writeHead(200, { 'content-type': 'image/png' }).end(png(640, 400));
    }
    res.writeHead(404).end();
  });
});
test.afterEach(async () => {
  await app?.close();
  app = undefined;
  await server.close();
});

async function savedPage(dir: string, title: string, picture: string): Promise<string> {
  const file = join(dir, `${picture}.html`);
  const body = `<p>The north quay was rebuilt over the winter, and the first boats tied up there again on Monday morning, ${title.toLowerCase()}.</p>`;
  await writeFile(
    file,
    `<!DOCTYPE html><html><head><title>${title}</title></head><body><article><h1>${title}</h1>${body.repeat(3)}<figure><img src="${server.base}/pictures/${picture}.png"><figcaption>The rebuilt quay at dawn.</figcaption></figure><p>Harbour staff said the work came in under budget.</p></article></body></html>`,
  );
  return file;
}

async function importFile(file: string) {
  const { page } = app!;
  app!.setDialogs({ importFiles: [file] });
  await page.getByRole('button', { name: 'Import files…' }).click();
  const result = page.getByRole('region', { name: 'Import result' });
  await expect(result.getByRole('status')).toContainText('Imported 1 article');
  return result;
}

test('a downloaded picture keeps its size, so the reader reserves its box before the picture loads; turned off in Preferences, the next import keeps a placeholder and says why', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'gloss-pictures-e2e-'));
  app = await launchApp({ dataDir: join(dir, 'library'), savedPageImages: true });
  const { page } = app;

  await importFile(await savedPage(dir, 'Quay reopens', 'quay'));
  expect(pictureRequests).toBe(1);
  await page.getByRole('button', { name: /^Open .*Quay reopens/ }).click();
  const img = page.getByRole('article').getByRole('figure').locator('img');
  await expect(img).toHaveAttribute('width', '640');
  await expect(img).toHaveAttribute('height', '400');
  // The harness serves no gloss-asset: address, so the picture never loads: its box is all the reader has.
  const box = (await img.boundingBox())!;
  expect(box.width).toBeGreaterThan(100);
  expect(Math.abs(box.height - (box.width * 400) / 640)).toBeLessThan(2);

  await page.keyboard.press('Control+,');
  const dialog = page.getByRole('dialog', { name: 'Preferences' });
  const download = dialog.getByRole('checkbox', { name: 'Download pictures when importing a web page' });
  await expect(download).toBeChecked();
  await download.uncheck();
  await page.screenshot({ path: test.info().outputPath('preferences-pictures.png') });
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  const settings = JSON.parse(await readFile(join(dir, 'library', 'settings.json'), 'utf8'));
  expect(settings.downloadImages).toBe(false);
  await page.keyboard.press('Control+1');

  const result = await importFile(await savedPage(dir, 'Slipway repaired', 'slipway'));
  await expect(result.getByRole('list', { name: 'Import warnings' })).toContainText(
    '1 picture of the page is on the web and was not downloaded, as picture downloads are turned off',
  );
  expect(pictureRequests).toBe(1);
  await page.getByRole('button', { name: /^Open .*Slipway repaired/ }).click();
  const figure = page.getByRole('article').getByRole('figure');
  await expect(figure).toContainText('Picture not downloaded');
  await expect(figure).toContainText(`${server.base}/pictures/slipway.png`);
  await expect(figure).toContainText('The rebuilt quay at dawn.');
});
