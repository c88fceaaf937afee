import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import type { BlockInput } from '@core/document/types';
import { GlossError } from '@core/errors';
import { splitCredit } from '@core/import/html-blocks';
import { parseHtmlFile, parsePastedHtml } from '@core/import/html';
import { importSource } from '@core/import/index';
import type { ImportInput, ParsedDocument } from '@core/import/types';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../..', 'fixtures');
const tmp = (): string => mkdtempSync(path.join(os.tmpdir(), 'gloss-html-'));
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

/** A copy of the saved news page (with its _files folder) in a fresh temp dir. */
function newsPage(): ImportInput {
  const dir = tmp();
  cpSync(path.join(fixtures, 'pages'), dir, { recursive: true });
  const filePath = path.join(dir, 'news-article.html');
  return { bytes: readFileSync(filePath), filePath, fileName: 'news-article.html' };
}

const texts = (doc: ParsedDocument): string[] => doc.blocks.map((b) => b.text);
const ofKind = <K extends BlockInput['kind']>(doc: ParsedDocument, kind: K) =>
  doc.blocks.filter((b): b is Extract<BlockInput, { kind: K }> => b.kind === kind);

const PNG_1x1 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

function page(body: string, head = ''): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`;
}
const prose = (n: number): string =>
  Array.from(
    { length: n },
    (_, i) =>
      `<p>Paragraph ${i + 1} of the story tells, in plain and patient sentences, what happened on the river that week and why it mattered to the town.</p>`,
  ).join('');

describe('Importing a saved news page', () => {
  it('keeps the article and drops the header, navigation, ads, comments, sidebar and footer', async () => {
    const doc = await parseHtmlFile(newsPage());
    const all = texts(doc).join('\n');
    assert.match(all, /Residents of the river towns spent the weekend/);
    assert.match(all, /Farmers upstream have moved livestock/);
    for (const junk of [
      'Advertisement',
      'first!!!',
      'Most read',
      'All rights reserved',
      'Sport',
      'Comments (2)',
    ]) {
      assert.ok(!all.includes(junk), `“${junk}” should not be imported`);
    }
  });

  it('reads title, byline, site name, publication time, canonical URL and language from the page', async () => {
    const doc = await parseHtmlFile(newsPage());
    assert.deepEqual(doc.meta, {
      title: 'River towns brace for record flood',
      byline: 'Maria Okafor',
      source: 'The Daily Ledger',
      published: '2024-03-05T07:30:00Z',
      url: 'https://ledger.example/news/river-flood',
      language: 'en-GB',
    });
    assert.deepEqual(doc.blocks[0], { kind: 'title', text: 'River towns brace for record flood' });
    assert.equal(
      doc.blocks.filter((b) => b.text === 'River towns brace for record flood').length,
      1,
      'the page’s own h1 is not repeated',
    );
  });

  it('turns each figure into a caption whose credit is split off, with the picture from the page’s _files folder', async () => {
    const doc = await parseHtmlFile(newsPage());
    const [first, second] = ofKind(doc, 'caption');
    assert.equal(first.text, 'Volunteers stack sandbags in Millbrook on Monday. Photo: Jane Doe/Reuters');
    assert.equal(first.credit, 'Jane Doe/Reuters');
    assert.equal(first.text.slice(first.creditOffset), 'Photo: Jane Doe/Reuters');
    assert.equal(second.credit, 'County Council');
    assert.equal(second.text.slice(second.creditOffset), '(Photo: County Council)');
    assert.equal(first.image?.alt, 'Sandbags stacked along a flooded street');
    const asset = doc.assets?.get(first.image!.asset);
    assert.equal(asset?.mime, 'image/png');
    assert.deepEqual(
      Buffer.from(asset!.data),
      readFileSync(path.join(fixtures, 'pages', 'news-article_files', 'flood.png')),
    );
    assert.equal(doc.assets?.size, 2);
  });

  it('gives headings, list items (ordered or not, with their depth) and block quotes blocks of their own', async () => {
    const doc = await parseHtmlFile(newsPage());
    assert.ok(ofKind(doc, 'heading').some((h) => h.text === 'Evacuation plans' && h.level === 2));
    assert.deepEqual(
      ofKind(doc, 'list-item').map((b) => [b.text, b.ordered, b.depth]),
      [
        ['Millbrook Community Hall', false, 0],
        ['St Anne’s School', false, 0],
        ['Main hall', true, 1],
        ['Gym', true, 1],
        ['The Old Corn Exchange', false, 0],
      ],
    );
    assert.deepEqual(texts({ ...doc, blocks: ofKind(doc, 'quote') }), [
      'Please check on elderly neighbours and do not drive through flood water.',
    ]);
  });

  it('keeps only the text a browser would show: whitespace collapsed, inline markup gone', async () => {
    const doc = await parseHtmlFile(newsPage());
    for (const t of texts(doc)) {
      assert.doesNotMatch(t, /<[a-z/!]/i);
      assert.doesNotMatch(t, / {2}|^\s|\s$/);
    }
    assert.ok(
      texts(doc).includes(
        '“We have never seen the river this fast,” said Tom Reyes, who has run the ferry at Millbrook for thirty years. “The water is already over the lower jetty, and the rain has not even started properly.”',
      ),
    );
  });

  it('routes through importSource and builds an article with offsets', async () => {
    const { article, assets } = await importSource(newsPage());
    assert.equal(article.meta.format, 'html');
    assert.equal(article.meta.title, 'River towns brace for record flood');
    assert.equal(assets.size, 2);
    for (const b of article.blocks) assert.equal(article.text.slice(b.start, b.end), b.text);
  });

  it('detects an HTML page by its content when the file has no extension', async () => {
    const input = newsPage();
    const { article } = await importSource({ bytes: input.bytes, fileName: 'download' });
    assert.equal(article.meta.format, 'html');
  });

  it('detects XHTML that opens with an XML declaration', async () => {
    const xhtml = `<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n<html xmlns="http://www.w3.org/1999/xhtml"><head><title>X</title></head><body><article>${prose(3)}</article></body></html>`;
    assert.equal((await importSource({ bytes: enc(xhtml), fileName: 'saved' })).article.meta.format, 'html');
  });

  it('reads a “page” that is really a PDF as a PDF (this one cut short, so damaged)', async () => {
    await assert.rejects(
      importSource({ bytes: enc('%PDF-1.7\n%âãÏÓ\n1 0 obj'), fileName: 'article.html' }),
      (e: GlossError) => e.code === 'CORRUPT' && /^“article\.html” is damaged/.test(e.message),
    );
  });
});

describe('Character sets', () => {
  const russian = 'Москва: жители готовятся к паводку, который синоптики называют самым сильным за сто лет.';
  const japanese =
    '東京では、記録的な大雨に備えて住民が土のうを積み上げています。川の水位は上がり続けています。';

  it('decodes a windows-1251 page by its <meta charset>', async () => {
    const html = page(`<article><h1>Паводок</h1>${`<p>${russian}</p>`.repeat(4)}</article>`).replace(
      'utf-8',
      'windows-1251',
    );
    const doc = await parseHtmlFile({ bytes: iconv.encode(html, 'windows-1251'), fileName: 'ru.html' });
    assert.ok(texts(doc).includes(russian));
  });

  it('decodes a Shift_JIS page by its <meta http-equiv="Content-Type">', async () => {
    const html = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS"><title>大雨</title></head><body><article>${`<p>${japanese}</p>`.repeat(4)}</article></body></html>`;
    const doc = await parseHtmlFile({ bytes: iconv.encode(html, 'Shift_JIS'), fileName: 'ja.html' });
    assert.ok(texts(doc).includes(japanese));
    assert.equal(doc.meta.title, '大雨');
  });

  it('takes the charset from the server’s Content-Type when the page declares none', async () => {
    const html = `<html><head><title>x</title></head><body><article>${`<p>${russian}</p>`.repeat(4)}</article></body></html>`;
    const doc = await parseHtmlFile({
      bytes: iconv.encode(html, 'koi8-r'),
      url: 'https://example.org/a',
      contentType: 'text/html; charset=KOI8-R',
    });
    assert.ok(texts(doc).includes(russian));
  });
});

describe('Awkward pages', () => {
  it('reads malformed HTML with unclosed tags', async () => {
    const html =
      '<html><head><title>Unclosed</title><body><article><h2>Start</h2><p>First paragraph runs on <b>bold never closes<p>Second paragraph, still readable, with <i>italics <p>Third<ul><li>one<li>two</article>';
    const doc = await parseHtmlFile({ bytes: enc(html), fileName: 'broken.html' });
    const all = texts(doc);
    assert.ok(all.includes('First paragraph runs on bold never closes'));
    assert.ok(all.some((t) => t.startsWith('Second paragraph, still readable')));
    assert.deepEqual(
      ofKind(doc, 'list-item').map((b) => b.text),
      ['one', 'two'],
    );
  });

  it('falls back to all of the page’s text when there is no article to pick out', async () => {
    const doc = await parseHtmlFile({
      bytes: enc(page('<div>Just a short note.</div><span>Back soon</span>', '<title>Note</title>')),
      fileName: 'note.html',
    });
    assert.deepEqual(texts(doc), ['Note', 'Just a short note.', 'Back soon']);
  });

  it('fails with a clear EMPTY error when the page has no text at all', async () => {
    await assert.rejects(
      parseHtmlFile({
        bytes: enc(
          page('<script>document.write("hi")</script><img src="x.png"><nav></nav>', '<title>App</title>'),
        ),
        fileName: 'app.html',
      }),
      (e: GlossError) =>
        e.code === 'EMPTY' && e.message === '“app.html” has no article text Gloss could find.',
    );
  });

  it('finishes a 20 MB page that is mostly scripts, styles and comments, keeping its article', async () => {
    const bulk = `<script>var state = "${'x'.repeat(12_000_000)}";</script><style>${'.a{color:red}'.repeat(500_000)}</style><!--${'c'.repeat(1_000_000)}-->`;
    const html = page(
      `<article><h1>Heavy page</h1>${prose(20)}</article>${bulk}`,
      '<title>Heavy page</title>',
    );
    assert.ok(html.length >= 19_000_000);
    const doc = await parseHtmlFile({ bytes: enc(html), fileName: 'heavy.html' });
    assert.equal(ofKind(doc, 'paragraph').length, 20);
    assert.ok(!texts(doc).join('').includes('xxxx'));
  });

  it('refuses a 20 MB page of dense markup with a clear TOO_LARGE error instead of hanging', async () => {
    const html = page(`<article>${prose(1).repeat(150_000)}</article>`);
    assert.ok(html.length >= 20_000_000);
    await assert.rejects(
      parseHtmlFile({ bytes: enc(html), fileName: 'huge.html' }),
      (e: GlossError) => e.code === 'TOO_LARGE' && /huge\.html.*MB/.test(e.message),
    );
  });
});

describe('Images an import may keep', () => {
  it('keeps a data: URL image (checked by its bytes) and the alt text of a picture without a figure', async () => {
    const html = page(
      `<article>${prose(4)}<img src="data:image/png;base64,${PNG_1x1}" alt="A single red pixel"></article>`,
    );
    const doc = await parseHtmlFile({ bytes: enc(html), fileName: 'data.html' });
    const [cap] = ofKind(doc, 'caption');
    assert.equal(cap.text, 'A single red pixel');
    assert.equal(doc.assets?.get(cap.image!.asset)?.mime, 'image/png');
  });

  it('never loads images from outside the page’s _files folder, from the network, or files that are not images', async () => {
    const dir = tmp();
    const png = Buffer.from(PNG_1x1, 'base64');
    mkdirSync(path.join(dir, 'story_files'));
    writeFileSync(path.join(dir, 'secret.png'), png);
    writeFileSync(path.join(dir, 'story_files', 'notes.png'), 'this is text pretending to be a PNG');
    writeFileSync(path.join(dir, 'story_files', 'ok.png'), png);
    symlinkSync(path.join(dir, 'secret.png'), path.join(dir, 'story_files', 'link.png'));
    const imgs = [
      'secret.png',
      'story_files/../secret.png',
      '/etc/passwd',
      'story_files/notes.png',
      'story_files/link.png',
      'https://example.org/remote.png',
      '//example.org/x.png',
      `file://${path.join(dir, 'secret.png')}`,
    ]
      .map((src, i) => `<figure><img src="${src}"><figcaption>Bad picture ${i}</figcaption></figure>`)
      .join('');
    const filePath = path.join(dir, 'story.html');
    writeFileSync(
      filePath,
      page(
        `<article>${prose(3)}${imgs}<figure><img src="story_files/ok.png"><figcaption>Good picture</figcaption></figure></article>`,
      ),
    );
    const doc = await parseHtmlFile({ bytes: readFileSync(filePath), filePath, fileName: 'story.html' });
    const caps = ofKind(doc, 'caption');
    assert.equal(caps.length, 9, 'every caption is kept as text');
    assert.deepEqual(
      caps.filter((c) => c.image && !c.image.asset.startsWith('remote-')).map((c) => c.text),
      ['Good picture'],
    );
    assert.equal(doc.assets?.size, 1);
    // Web pictures are only noted, for importSource to download or keep as addresses.
    assert.deepEqual(
      [...(doc.remoteImages?.values() ?? [])],
      ['https://example.org/remote.png', 'https://example.org/x.png'],
    );
  });
});

describe('Caption credits', () => {
  const cases: Array<[string, string | undefined, string | undefined]> = [
    ['Sandbags on Monday. (Photo: Jane Doe/Reuters)', 'Jane Doe/Reuters', '(Photo: Jane Doe/Reuters)'],
    ['Sandbags on Monday. Photo: Jane Doe', 'Jane Doe', 'Photo: Jane Doe'],
    ['Sandbags on Monday. Credit: AP', 'AP', 'Credit: AP'],
    ['Sandbags on Monday. © Jane Doe 2024', 'Jane Doe 2024', '© Jane Doe 2024'],
    ['Sandbags on Monday', undefined, undefined],
    ['We saw the image: a river in flood', undefined, undefined],
  ];
  for (const [text, credit, tail] of cases) {
    it(`splits “${text}”`, () => {
      const r = splitCredit(text);
      assert.equal(r.credit, credit);
      assert.equal(r.creditOffset === undefined ? undefined : text.slice(r.creditOffset), tail);
    });
  }
});

describe('Pasted HTML', () => {
  it('sanitizes and walks a fragment without Readability, making a leading heading the title', () => {
    const doc = parsePastedHtml('<h2>Quick note</h2><p>One <em>short</em> line.</p><ul><li>a</li></ul>');
    assert.deepEqual(doc.blocks, [
      { kind: 'title', text: 'Quick note' },
      { kind: 'paragraph', text: 'One short line.' },
      { kind: 'list-item', text: 'a', ordered: false, depth: 0 },
    ]);
    assert.equal(doc.meta.title, 'Quick note');
  });

  it('falls back to the plain-text flavour when the HTML holds no text', () => {
    const doc = parsePastedHtml('<img src="x.png">', 'Plain title\n\nPlain body.');
    assert.deepEqual(texts(doc), ['Plain title', 'Plain body.']);
  });
});

describe('Nothing executable survives (XSS corpus in tests/fixtures/xss)', () => {
  const BLOCK_KEYS = new Set([
    'kind',
    'text',
    'level',
    'ordered',
    'depth',
    'credit',
    'creditOffset',
    'image',
    'label',
    'href',
    'dateline',
    'links',
    'rows',
    'headerRows',
    'imageUrl',
  ]);
  const ASSET_NAME = /^img-[0-9a-f]{16}\.(png|jpg|gif|webp|avif|bmp)$/;
  const corpus = readFileSync(path.join(fixtures, 'xss', 'payloads.html'), 'utf8');
  const fragments: string[] = JSON.parse(readFileSync(path.join(fixtures, 'xss', 'fragments.json'), 'utf8'));
  /** One payload per line of the corpus article, each also pasted on its own. */
  const lines = corpus
    .slice(corpus.indexOf('<article>') + 9, corpus.indexOf('</article>'))
    .split('\n')
    .filter((l) => l.trim());

  /** What reaches the renderer: plain data, strings and numbers, and image names that are ours. */
  function assertPlainText(doc: ParsedDocument, where: string): void {
    for (const b of doc.blocks) {
      assert.equal(typeof b.text, 'string');
      for (const [k, v] of Object.entries(b)) {
        assert.ok(BLOCK_KEYS.has(k), `${where}: unexpected field ${k}`);
        if (k === 'image') assert.match((v as { asset: string }).asset, ASSET_NAME);
        else if (k === 'links')
          for (const l of v as Array<Record<string, unknown>>) {
            assert.deepEqual(Object.keys(l).sort(), ['end', 'href', 'start'], where);
            assert.match(String(l.href), /^https?:\/\//, `${where}: a link that is not http(s)`);
          }
        else if (k === 'rows')
          assert.ok(
            (v as unknown[][]).flat().every((c) => Object.values(c as object).every(Number.isInteger)),
            `${where}: table cells are not plain ranges`,
          );
        else if (k === 'imageUrl')
          assert.match(String(v), /^https?:\/\//, `${where}: a picture address that is not http(s)`);
        else assert.ok(['string', 'number', 'boolean'].includes(typeof v), `${where}: ${k} is not plain`);
      }
    }
    for (const [name, a] of doc.assets ?? []) {
      assert.match(name, ASSET_NAME);
      assert.match(a.mime, /^image\/(png|jpeg|gif|webp|avif|bmp)$/);
    }
  }
  const markup = /<\s*\/?\s*[a-z!?]/i;

  it('imports the corpus page as plain text, with no markup, no script text and no assets', async () => {
    const dir = tmp();
    const filePath = path.join(dir, 'payloads.html');
    writeFileSync(filePath, corpus);
    const doc = await parseHtmlFile({ bytes: enc(corpus), filePath, fileName: 'payloads.html' });
    assertPlainText(doc, 'page');
    assert.ok(texts(doc).some((t) => t.startsWith('This page carries payloads')));
    for (const t of texts(doc)) {
      assert.doesNotMatch(t, markup);
      assert.doesNotMatch(
        t,
        /alert\('(head script|inline script|svg script|template|css|ie)'\)|expression\(|javascript:/i,
      );
    }
    assert.equal(doc.assets, undefined);
    assert.equal(doc.meta.url, undefined, 'meta refresh and base href give no URL');
  });

  it('reads each payload line on its own, keeping its prose and dropping everything that could run', () => {
    for (const line of lines) {
      let doc: ParsedDocument;
      try {
        doc = parsePastedHtml(line);
      } catch (e) {
        assert.equal((e as GlossError).code, 'EMPTY', line);
        continue;
      }
      assertPlainText(doc, line);
      for (const t of texts(doc)) {
        // Markup that the page itself shows as text (escaped with entities) stays visible text; nothing else does.
        if (/&lt;|<listing>/.test(line)) continue;
        assert.doesNotMatch(t, markup, line);
        assert.doesNotMatch(t, /javascript:|onerror|onload/i, line);
      }
      assert.equal(doc.assets, undefined, line);
    }
  });

  it('shows entity-escaped markup as the literal characters the page printed', () => {
    const doc = parsePastedHtml(lines.find((l) => l.startsWith('<p>Entities'))!);
    assert.deepEqual(texts(doc), [`Entities: <script>alert('escaped')</script> is shown as text.`]);
  });

  it('keeps the ordinary text around pasted payloads and nothing else', () => {
    const results = fragments.map((f) => {
      try {
        return texts(parsePastedHtml(f));
      } catch (e) {
        return (e as GlossError).code;
      }
    });
    assert.deepEqual(results, [
      ['Pasted text'],
      ['Link text'],
      ['Tail'],
      'EMPTY',
      ['After'],
      ['Hover'],
      ['Frame'],
      ['Form'],
      ['Styled'],
      ['Refresh'],
      ['Based'],
      ['Templated'],
      ['Object'],
      ['fake image'],
      ['MX'],
    ]);
    for (const f of fragments) {
      try {
        const doc = parsePastedHtml(f);
        assertPlainText(doc, f);
        assert.equal(doc.assets, undefined, `${f} must not yield an asset`);
      } catch (e) {
        assert.ok(e instanceof GlossError);
      }
    }
  });
});
