import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { CaptionBlock } from '@core/document/types';
import { importSource, type Imported } from '@core/import/index';
import { type FetchOptions, importUrlBytes } from '@core/import/url';
import { startLocalServer, type LocalServer } from '../../helpers/local-server';
import { png } from '../../helpers/png';

/** A photo-sized picture (a 1×1 one would be a tracking pixel, not a figure). */
const PNG = png(64, 48);
const pixel = png(1, 1);
/** A PNG signature and header followed by padding: passes the magic-byte check, sized at will. */
const bigPng = (bytes: number): Buffer => Buffer.concat([PNG.subarray(0, 33), Buffer.alloc(bytes - 33, 7)]);

const prose =
  '<p>The ferry at Millbrook kept running through the storm, carrying commuters, schoolchildren and a very patient dog across the swollen river.</p>'.repeat(
    4,
  );
const figure = (src: string, caption: string): string =>
  `<figure><img src="${src}" alt=""><figcaption>${caption}</figcaption></figure>`;
const page = (figures: string): string =>
  `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Ferry news</title></head><body><article><h1>Ferry news</h1>${prose}${figures}</article></body></html>`;

/** Pages by path; everything else the server answers is below. */
const pages = new Map<string, string>();
/** Every request the server saw, by path. */
let requests: string[] = [];
let server: LocalServer;
let base: string;

before(async () => {
  server = await startLocalServer((req, res) => {
    const p = req.url ?? '/';
    requests.push(p);
    const send = (body: Buffer | string, type: string): void =>
      void res.writeHead(200, { 'content-type': type }).end(body);
    if (pages.has(p)) return send(pages.get(p)!, 'text/html; charset=utf-8');
    if (p === '/pic.png' || p === '/other.png') return send(PNG, 'image/png');
    if (p === '/pixel.png') return send(pixel, 'image/png');
    if (p === '/big.png') return send(bigPng(2 * 1048576), 'image/png');
    if (p.startsWith('/part')) return send(bigPng(600 * 1024 + Number(p.slice(5, 6))), 'image/png');
    if (p === '/endless.png') {
      // No Content-Length: only the streamed count can stop this one.
      res.writeHead(200, { 'content-type': 'image/png' });
      res.write(PNG.subarray(0, 16));
      const chunk = Buffer.alloc(64 * 1024, 7);
      const pump = (): void => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once('drain', pump);
      };
      res.on('close', () => res.destroy());
      return pump();
    }
    if (p === '/fake.png') return send('<html><body>Not a picture</body></html>', 'image/png');
    if (p === '/vector.svg')
      return send('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', 'image/svg+xml');
    if (p === '/moved.png') return void res.writeHead(302, { location: '/pic.png' }).end();
    if (p === '/to-file.png') return void res.writeHead(302, { location: 'file:///etc/passwd' }).end();
    if (p === '/slow.png') return; // never answers
    res.writeHead(404).end();
  });
  base = server.base;
});

after(() => server.close());

beforeEach(() => {
  requests = [];
});

const captions = (imported: Imported): CaptionBlock[] =>
  imported.article.blocks.filter((b): b is CaptionBlock => b.kind === 'caption');
const captionFor = (imported: Imported, text: string): CaptionBlock => {
  const cap = captions(imported).find((c) => c.text === text);
  assert.ok(cap, `a caption “${text}”`);
  return cap;
};

async function importPage(name: string, figures: string, images?: FetchOptions['images']): Promise<Imported> {
  pages.set(`/${name}`, page(figures));
  return importSource(await importUrlBytes(`${base}/${name}`, images === undefined ? {} : { images }));
}

describe('Images of a page imported from a URL', () => {
  it('are downloaded once at import and stored with the article, relative or absolute', async () => {
    const imported = await importPage(
      'story',
      figure('/pic.png', 'The ferry on Monday.') +
        figure(`${base}/pic.png#again`, 'The same ferry again.') +
        figure('other.png', 'The landing.'),
    );
    const monday = captionFor(imported, 'The ferry on Monday.');
    assert.ok(monday.image, 'the caption has its picture');
    assert.match(monday.image.asset, /^img-[0-9a-f]+\.png$/);
    assert.deepEqual(Buffer.from(imported.assets.get(monday.image.asset)!.data), PNG);
    assert.equal(imported.assets.get(monday.image.asset)!.mime, 'image/png');
    assert.equal(captionFor(imported, 'The same ferry again.').image?.asset, monday.image.asset);
    assert.ok(captionFor(imported, 'The landing.').image);
    assert.equal(requests.filter((r) => r === '/pic.png').length, 1, 'one URL is fetched once');
    assert.ok(
      captions(imported).every((c) => imported.assets.has(c.image!.asset)),
      'no placeholder reaches the article',
    );
    assert.deepEqual(imported.warnings, []);
  });

  it('follow http redirects to the picture', async () => {
    const imported = await importPage('moved', figure('/moved.png', 'Moved picture.'));
    const cap = captionFor(imported, 'Moved picture.');
    assert.deepEqual(Buffer.from(imported.assets.get(cap.image!.asset)!.data), PNG);
  });

  it('are dropped past the per-image size limit, declared or streamed, keeping the caption and saying so', async () => {
    const imported = await importPage(
      'big',
      figure('/big.png', 'A huge picture.') +
        figure('/endless.png', 'An endless picture.') +
        figure('/pic.png', 'A small picture.'),
      {
        maxBytesEach: 1048576,
      },
    );
    assert.equal(captionFor(imported, 'A huge picture.').image, undefined);
    assert.equal(captionFor(imported, 'An endless picture.').image, undefined);
    assert.ok(captionFor(imported, 'A small picture.').image, 'the others are still kept');
    assert.equal(imported.assets.size, 1);
    const warning = imported.warnings.find((w) => /could not be downloaded/.test(w));
    assert.ok(warning, imported.warnings.join('\n'));
    assert.match(warning, /^2 images could not be downloaded/);
    assert.match(warning, /big\.png \(larger than 1 MB\)/);
    assert.match(warning, /endless\.png \(larger than 1 MB\)/);
  });

  it('are dropped when the bytes are not a still image, whatever the server declares — SVG included', async () => {
    const imported = await importPage(
      'fake',
      figure('/fake.png', 'A page posing as a picture.') + figure('/vector.svg', 'A vector drawing.'),
    );
    assert.equal(captionFor(imported, 'A page posing as a picture.').image, undefined);
    assert.equal(captionFor(imported, 'A vector drawing.').image, undefined);
    assert.equal(imported.assets.size, 0);
    assert.match(imported.warnings.join('\n'), /fake\.png \(not a PNG, JPEG, GIF, WebP, AVIF or BMP image\)/);
  });

  it('are dropped when the server does not answer in time', async () => {
    const imported = await importPage(
      'slow',
      figure('/slow.png', 'A slow picture.') + figure('/pic.png', 'A quick picture.'),
      { timeoutMs: 300 },
    );
    assert.equal(captionFor(imported, 'A slow picture.').image, undefined);
    assert.ok(captionFor(imported, 'A quick picture.').image);
    assert.match(
      imported.warnings.join('\n'),
      /^1 image could not be downloaded .*slow\.png \(no complete answer within 0\.3 s\)/m,
    );
  });

  it('are dropped when missing or redirected away from http(s)', async () => {
    const imported = await importPage(
      'bad',
      figure('/missing.png', 'Gone.') + figure('/to-file.png', 'Sneaky.'),
    );
    assert.equal(captionFor(imported, 'Gone.').image, undefined);
    assert.equal(captionFor(imported, 'Sneaky.').image, undefined);
    assert.equal(
      captionFor(imported, 'Gone.').imageUrl,
      `${base}/missing.png`,
      'a placeholder keeps the address',
    );
    const warnings = imported.warnings.join('\n');
    assert.match(warnings, /missing\.png \(the server answered 404\)/);
    assert.match(warnings, /to-file\.png \(redirected to a “file:” address\)/);
  });

  it('stop at the limit on their number, and on their total size', async () => {
    const many = await importPage(
      'many',
      figure('/pic.png', 'One.') + figure('/other.png', 'Two.') + figure('/part1.png', 'Three.'),
      { maxImages: 2 },
    );
    assert.ok(captionFor(many, 'One.').image);
    assert.ok(captionFor(many, 'Two.').image);
    assert.equal(captionFor(many, 'Three.').image, undefined);
    assert.ok(!requests.includes('/part1.png'), 'images past the limit are not requested');
    assert.match(
      many.warnings.join('\n'),
      /The page has 3 images; Gloss downloaded the first 2, and the other 1 are shown by caption and address only\./,
    );

    const heavy = await importPage(
      'heavy',
      figure('/part1.png', 'Part one.') +
        figure('/part2.png', 'Part two.') +
        figure('/part3.png', 'Part three.'),
      {
        maxTotalBytes: 1048576,
      },
    );
    const kept = captions(heavy).filter((c) => c.image);
    assert.ok(kept.length >= 1 && kept.length < 3, `kept ${kept.length}`);
    const total = [...heavy.assets.values()].reduce((n, a) => n + a.data.byteLength, 0);
    assert.ok(total <= 1048576, `stored ${total} bytes`);
    assert.match(heavy.warnings.join('\n'), /together exceed 1 MB/);
  });

  it('are not fetched when the caller turns them off', async () => {
    const imported = await importPage('off', figure('/pic.png', 'Caption only.'), false);
    assert.equal(captionFor(imported, 'Caption only.').image, undefined);
    assert.deepEqual(requests, ['/off']);
  });

  it('are no figures when they prove to be a tracking pixel or an icon', async () => {
    const imported = await importPage('pixel', figure('/pixel.png', '') + figure('/pic.png', 'The ferry.'));
    assert.deepEqual(
      captions(imported).map((c) => c.text),
      ['The ferry.'],
      'the 1×1 picture with no caption is no block at all',
    );
    assert.equal(imported.assets.size, 1);
    assert.deepEqual(imported.warnings, []);
  });
});

describe('Remote images of a page imported from a file', () => {
  it('are not requested unless the import asks: a placeholder figure keeps the caption and the address, and a warning says so', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'gloss-remote-'));
    const filePath = path.join(dir, 'story.html');
    const html = page(figure(`${base}/pic.png`, 'A picture on the web.') + figure('/other.png', ''));
    writeFileSync(filePath, html);
    const fromFile = await importSource({
      bytes: Buffer.from(html.replace('<head>', `<head><link rel="canonical" href="${base}/story">`)),
      filePath,
      fileName: 'story.html',
    });
    const cap = captionFor(fromFile, 'A picture on the web.');
    assert.equal(cap.image, undefined);
    assert.equal(cap.imageUrl, `${base}/pic.png`);
    const uncaptioned = captions(fromFile).find((c) => c.text === '');
    assert.equal(
      uncaptioned?.imageUrl,
      `${base}/other.png`,
      'a relative picture resolved against the canonical address',
    );
    assert.equal(fromFile.assets.size, 0);
    assert.match(
      fromFile.warnings.join('\n'),
      /2 pictures of the page are on the web and were not downloaded/,
    );
    assert.deepEqual(requests, [], 'no request reached the server');
  });

  it('are downloaded once, within the same limits, when the import asks', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'gloss-remote-'));
    const filePath = path.join(dir, 'story.html');
    const html = page(
      figure(`${base}/pic.png`, 'A picture on the web.') + figure(`${base}/slow.png`, 'Slow.'),
    );
    writeFileSync(filePath, html);
    const fromFile = await importSource({
      bytes: Buffer.from(html),
      filePath,
      fileName: 'story.html',
      fetchImages: { timeoutMs: 300 },
    });
    const cap = captionFor(fromFile, 'A picture on the web.');
    assert.deepEqual(Buffer.from(fromFile.assets.get(cap.image!.asset)!.data), PNG);
    assert.equal(captionFor(fromFile, 'Slow.').imageUrl, `${base}/slow.png`);
    assert.match(fromFile.warnings.join('\n'), /slow\.png \(no complete answer within 0\.3 s\)/);
  });
});
