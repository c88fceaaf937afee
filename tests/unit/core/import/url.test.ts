import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { GlossError } from '@core/errors';
import { importSource } from '@core/import/index';
import { importUrlBytes } from '@core/import/url';
import { startLocalServer, type LocalServer } from '../../helpers/local-server';

const ARTICLE = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Ferry news</title>
<meta property="og:site_name" content="Local Ledger"></head><body><nav><a href="/">Home</a></nav><article><h1>Ferry news</h1>
${'<p>The ferry at Millbrook kept running through the storm, carrying commuters, schoolchildren and a very patient dog across the swollen river.</p>'.repeat(4)}
<figure><img src="/photo.png" alt="The ferry"><figcaption>The ferry on Monday. Photo: Jane Doe</figcaption></figure></article></body></html>`;
const RUSSIAN = 'Паром в Миллбруке работал всю ночь, несмотря на шторм и высокую воду.';

let server: LocalServer;
let base: string;

before(async () => {
  server = await startLocalServer((req, res) => {
    const path = req.url ?? '/';
    const html = (body: string | Uint8Array, type = 'text/html; charset=utf-8'): void => {
      res.writeHead(200, { 'content-type': type });
      res.end(body);
    };
    if (path === '/article') return html(ARTICLE);
    if (path === '/hop1') return void res.writeHead(301, { location: '/hop2' }).end();
    if (path === '/hop2') return void res.writeHead(302, { location: `${base}/article` }).end();
    if (path.startsWith('/loop')) return void res.writeHead(302, { location: `/loop${path.length}` }).end();
    if (path === '/to-file') return void res.writeHead(302, { location: 'file:///etc/passwd' }).end();
    if (path === '/missing') return void res.writeHead(404, { 'content-type': 'text/plain' }).end('nope');
    if (path === '/broken') return void res.writeHead(500).end();
    if (path === '/ru')
      return html(
        iconv.encode(
          `<html><body><article>${`<p>${RUSSIAN}</p>`.repeat(4)}</article></body></html>`,
          'windows-1251',
        ),
        'text/html; charset=windows-1251',
      );
    if (path === '/notes.md')
      return html(
        '---\ntitle: Ferry notes\n---\n\nThe ferry ran all night.\n',
        'text/markdown; charset=utf-8',
      );
    if (path === '/declared-big') {
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(30 * 1048576) });
      return void res.end();
    }
    if (path === '/endless') {
      // No Content-Length: the only way to stop this is to stop reading.
      res.writeHead(200, { 'content-type': 'text/html' });
      const chunk = Buffer.alloc(64 * 1024, 'a');
      const pump = (): void => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once('drain', pump);
      };
      res.on('close', () => res.destroy());
      return pump();
    }
    if (path === '/silent') return; // never answers
    res.writeHead(404).end();
  });
  base = server.base;
});

after(() => server.close());

const rejectsWith = (p: Promise<unknown>, code: string, pattern: RegExp) =>
  assert.rejects(p, (e: GlossError) => {
    assert.ok(e instanceof GlossError, String(e));
    assert.equal(e.code, code);
    assert.match(e.message, pattern);
    return true;
  });

describe('Importing from a URL', () => {
  it('downloads a page and imports it like a file, with its content type and URL', async () => {
    const input = await importUrlBytes(`${base}/article`);
    assert.equal(input.url, `${base}/article`);
    assert.match(input.contentType ?? '', /text\/html/);
    const { article, assets } = await importSource(input);
    assert.equal(article.meta.format, 'html');
    assert.equal(article.meta.title, 'Ferry news');
    assert.equal(article.meta.source, 'Local Ledger');
    assert.equal(article.meta.url, `${base}/article`);
    // This server has no /photo.png: the picture is dropped, the caption kept (downloads: import-remote-images.test.ts).
    assert.equal(assets.size, 0, 'a picture that fails to download is not stored');
    const caption = article.blocks.find((b) => b.kind === 'caption');
    assert.equal(caption?.text, 'The ferry on Monday. Photo: Jane Doe');
    assert.equal(
      caption?.kind === 'caption' ? caption.image : undefined,
      undefined,
      'and the caption has no broken image',
    );
  });

  it('follows redirects and reports the final address', async () => {
    const input = await importUrlBytes(`${base}/hop1`);
    assert.equal(input.url, `${base}/article`);
  });

  it('gives up after five redirects', async () => {
    await rejectsWith(importUrlBytes(`${base}/loop`), 'NETWORK', /more than 5 redirects/);
  });

  it('refuses addresses that are not http or https, also as a redirect target', async () => {
    await rejectsWith(importUrlBytes('file:///etc/passwd'), 'INVALID_REQUEST', /only opens http and https/);
    await rejectsWith(importUrlBytes('javascript:alert(1)'), 'INVALID_REQUEST', /only opens http and https/);
    await rejectsWith(importUrlBytes(`${base}/to-file`), 'INVALID_REQUEST', /only opens http and https/);
    await rejectsWith(importUrlBytes('not a url'), 'INVALID_REQUEST', /not a web address/);
  });

  it('reports a server error status as a network error naming the status', async () => {
    await rejectsWith(
      importUrlBytes(`${base}/missing`),
      'NETWORK',
      new RegExp(`^Could not fetch ${base}/missing: the server answered 404`),
    );
    await rejectsWith(importUrlBytes(`${base}/broken`), 'NETWORK', /answered 500/);
  });

  it('reports a refused connection as a network error', async () => {
    const closed = await startLocalServer(() => {});
    await closed.close();
    await rejectsWith(
      importUrlBytes(`${closed.base}/x`),
      'NETWORK',
      new RegExp(`^Could not fetch ${closed.base}/x: `),
    );
  });

  it('stops a download that grows past the size limit, declared or not', async () => {
    await rejectsWith(importUrlBytes(`${base}/declared-big`), 'TOO_LARGE', /larger than 20 MB/);
    await rejectsWith(
      importUrlBytes(`${base}/endless`, { maxBytes: 1048576 }),
      'TOO_LARGE',
      /larger than 1 MB/,
    );
  });

  it('times out a server that never answers', async () => {
    await rejectsWith(
      importUrlBytes(`${base}/silent`, { timeoutMs: 300 }),
      'NETWORK',
      /^Could not fetch .*\/silent: no complete answer within 0\.3 s\.$/,
    );
  });

  it('can be cancelled by the caller', async () => {
    const ac = new AbortController();
    const p = importUrlBytes(`${base}/silent`, { signal: ac.signal });
    ac.abort();
    await rejectsWith(p, 'CANCELLED', /cancelled/);
  });

  it('decodes by the charset in the server’s Content-Type', async () => {
    const { article } = await importSource(await importUrlBytes(`${base}/ru`));
    assert.ok(article.blocks.some((b) => b.text === RUSSIAN));
  });

  it('routes Markdown by its content type and file name', async () => {
    const { article } = await importSource(await importUrlBytes(`${base}/notes.md`));
    assert.equal(article.meta.format, 'markdown');
    assert.equal(article.meta.title, 'Ferry notes');
  });
});
