import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CaptionBlock } from '@core/document/types';
import { createGloss } from '@core/service';
import { startLocalServer, type LocalServer } from '../../helpers/local-server';
import { png } from '../../helpers/png';
import { glossInProcess } from '../../helpers/run-gloss';

const PICTURE = png(80, 60);
let server: LocalServer;
let requests = 0;
before(async () => {
  server = await startLocalServer((req, res) => {
    requests++;
    if (req.url === '/quay.png') return void res.writeHead(200, { 'content-type': 'image/png' }).end(PICTURE);
    if (req.url === '/story')
      return void res
        .writeHead(200, { 'content-type': 'text/html' })
        .end(pageHtml(`${server.base}/quay.png`, 'Boats return to the slipway'));
    res.writeHead(404).end();
  });
});
after(() => server.close());

/** Temp folders this file makes, removed when it ends. */
const made: string[] = [];
const tempDir = (prefix: string): string => {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
};
after(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const pageHtml = (src: string, title = 'The quay'): string =>
  `<!DOCTYPE html><html><head><title>${title}</title></head><body><article><h1>${title}</h1>${`<p>${title}: the north quay was rebuilt over the winter, and the first boats tied up there again on Monday morning.</p>`.repeat(3)}<figure><img src="${src}"><figcaption>The rebuilt quay.</figcaption></figure></article></body></html>`;

function savedPage(): string {
  const dir = tempDir('gloss-saved-');
  const file = path.join(dir, 'quay.html');
  writeFileSync(file, pageHtml(`${server.base}/quay.png`));
  return file;
}

const figureOf = async (gloss: Awaited<ReturnType<typeof createGloss>>, id: string) =>
  (await gloss.getArticle({ id })).blocks.find((b): b is CaptionBlock => b.kind === 'caption')!;

/** The service as the app opens it: a saved page's web pictures are downloaded at import. */
const downloading = (dir: string) =>
  createGloss({ dataDir: dir, seedsDir: path.join(dir, 'no-seeds'), savedPageImages: {} });

describe('A saved page’s web pictures, imported through the service', () => {
  it('are downloaded once at import when the service is set to (as the app is), and served from the library', async () => {
    const dir = tempDir('gloss-svc-');
    const gloss = await downloading(dir);
    try {
      const report = await gloss.importFiles({ paths: [savedPage()] });
      assert.equal(report.imported.length, 1);
      const article = await gloss.getArticle({ id: report.imported[0].id });
      const cap = article.blocks.find((b): b is CaptionBlock => b.kind === 'caption')!;
      assert.ok(cap.image, 'the picture is stored');
      assert.deepEqual(
        [cap.image.width, cap.image.height],
        [80, 60],
        'with its size, from the downloaded file',
      );
      assert.deepEqual(Buffer.from((await gloss.readAsset(article.id, cap.image.asset)).data), PICTURE);
      assert.equal(report.warnings, undefined);
    } finally {
      await gloss.close();
    }
  });

  it('are placeholders with their address, and a warning, when the service is not set to download', async () => {
    const dir = tempDir('gloss-svc-');
    const gloss = await createGloss({ dataDir: dir, seedsDir: path.join(dir, 'no-seeds') });
    requests = 0;
    try {
      const report = await gloss.importFiles({ paths: [savedPage()] });
      const article = await gloss.getArticle({ id: report.imported[0].id });
      const cap = article.blocks.find((b): b is CaptionBlock => b.kind === 'caption')!;
      assert.equal(cap.image, undefined);
      assert.equal(cap.imageUrl, `${server.base}/quay.png`);
      assert.match(
        report.warnings?.[0]?.message ?? '',
        /1 picture of the page is on the web and was not downloaded/,
      );
      assert.equal(requests, 0);
    } finally {
      await gloss.close();
    }
  });

  it('are downloaded by gloss import --download-images, and left as placeholders without it', async () => {
    const dir = tempDir('gloss-cli-');
    const plain = await glossInProcess('import', savedPage(), '--data-dir', path.join(dir, 'a'));
    assert.equal(plain.code, 0);
    assert.match(plain.stderr, /was not downloaded: shown by caption and address only/);
    const asked = await glossInProcess(
      'import',
      savedPage(),
      '--data-dir',
      path.join(dir, 'b'),
      '--download-images',
    );
    assert.equal(asked.code, 0);
    assert.equal(asked.stderr, '', 'no warning: the picture was downloaded');
    const shown = await glossInProcess(
      'show',
      asked.stdout.split(/\s+/)[1],
      '--data-dir',
      path.join(dir, 'b'),
      '--json',
    );
    const { article } = JSON.parse(shown.stdout) as { article: { blocks: CaptionBlock[] } };
    assert.ok(article.blocks.find((b) => b.kind === 'caption')?.image);
  });

  it('are not downloaded, from a saved page or a URL, once the user turns picture downloads off; turned on again, they are', async () => {
    const dir = tempDir('gloss-svc-');
    const gloss = await downloading(dir);
    requests = 0;
    try {
      await gloss.updateSettings({ downloadImages: false });
      const saved = await gloss.importFiles({ paths: [savedPage()] });
      const fetched = await gloss.importUrl({ url: `${server.base}/story` });
      assert.equal(requests, 1, 'only the page itself was fetched');
      for (const report of [saved, fetched]) {
        assert.equal(report.imported.length + report.existing.length, 1, JSON.stringify(report));
        assert.match(
          report.warnings?.[0]?.message ?? '',
          /1 picture of the page is on the web and was not downloaded, as picture downloads are turned off: shown by caption and address only/,
        );
      }
      const id = saved.imported[0].id;
      const placeholder = await figureOf(gloss, id);
      assert.equal(placeholder.image, undefined);
      assert.equal(placeholder.imageUrl, `${server.base}/quay.png`);
      assert.equal(placeholder.text, 'The rebuilt quay.');

      await gloss.updateSettings({ downloadImages: true });
      await gloss.removeArticle({ id });
      const again = await gloss.importFiles({ paths: [savedPage()] });
      assert.ok((await figureOf(gloss, again.imported[0].id)).image, 'downloaded once turned on again');
      assert.equal(requests, 2);
    } finally {
      await gloss.close();
    }
  });

  it('are never downloaded by gloss import --no-images, not even a URL’s', async () => {
    const dir = tempDir('gloss-cli-');
    requests = 0;
    const run = await glossInProcess(
      'import',
      `${server.base}/story`,
      savedPage(),
      '--download-images',
      '--no-images',
      '--data-dir',
      dir,
    );
    assert.equal(run.code, 0, run.stderr);
    assert.equal(requests, 1, 'only the page itself was fetched');
    assert.equal(run.stderr.match(/as picture downloads are turned off/g)?.length, 2, run.stderr);
  });

  it('bad input: a setting that is not true or false is refused, and one damaged on disk counts as unset (downloads on)', async () => {
    const dir = tempDir('gloss-svc-');
    const gloss = await downloading(dir);
    try {
      for (const bad of ['no', 0, null, { off: true }])
        await assert.rejects(
          gloss.updateSettings({ downloadImages: bad } as unknown as { downloadImages: boolean }),
          { code: 'INVALID_REQUEST' },
        );
      assert.equal((await gloss.getSettings()).downloadImages, undefined);
    } finally {
      await gloss.close();
    }
    const settings = path.join(dir, 'settings.json');
    writeFileSync(
      settings,
      JSON.stringify({ theme: 'dark', fontSize: 19, scroll: {}, downloadImages: 'no' }),
    );
    const reopened = await downloading(dir);
    requests = 0;
    try {
      assert.equal((await reopened.getSettings()).theme, 'dark', 'the valid values are kept');
      const report = await reopened.importFiles({ paths: [savedPage()] });
      assert.ok(
        (await figureOf(reopened, report.imported[0].id)).image,
        'downloaded: the damaged value counts as unset',
      );
      assert.equal(requests, 1);
    } finally {
      await reopened.close();
    }
  });
});
