import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Zip, ZipDeflate, ZipPassThrough, strToU8, zipSync, type Zippable } from 'fflate';
import type { BlockInput } from '@core/document/types';
import { GlossError } from '@core/errors';
import { parseEpubFile } from '@core/import/epub';
import { importSource } from '@core/import/index';

const PNG_1x1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

const CONTAINER = `<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>`;

const OPF = `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="id">urn:uuid:1234</dc:identifier>
    <dc:title>The River Book</dc:title>
    <dc:creator>Maria Okafor</dc:creator>
    <dc:date>2023-11-02</dc:date>
    <dc:language>en</dc:language>
    <dc:publisher>Millbrook Press</dc:publisher>
  </metadata>
  <manifest>
    <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
    <item id="c2" href="text/ch2.xhtml" media-type="application/xhtml+xml"/>
    <item id="c1" href="text/ch1.xhtml" media-type="application/xhtml+xml"/>
    <item id="pic" href="images/ferry.png" media-type="image/png"/>
  </manifest>
  <spine><itemref idref="c1"/><itemref idref="c2"/></spine>
</package>`;

const NAV = `<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><head><title/></head><body>
<nav epub:type="toc"><ol><li><a href="text/ch1.xhtml">One: The Ferry</a></li><li><a href="text/ch2.xhtml#start">Two: The Flood</a></li></ol></nav>
</body></html>`;

const chapter = (body: string): string => `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml"><head><title/><script>alert('head')</script></head><body>${body}</body></html>`;

const CH1 = chapter(`<h1>One: The Ferry</h1><p>The ferry crossed the river every day.</p><div/>
<figure><img src="../images/ferry.png" alt="The ferry"/><figcaption>The ferry in 1920. (Photo: Town Archive)</figcaption></figure>
<h2>Its boatmen</h2><p onclick="alert(1)">Three families ran it.<script>alert('body')</script></p>`);
const CH2 = chapter(
  `<section id="start"><p>Then the water came.</p><p>It did not stop for a week.</p></section>`,
);

function epub(files: Zippable): Uint8Array {
  // mimetype first and stored, as the EPUB specification requires.
  return zipSync({ mimetype: [strToU8('application/epub+zip'), { level: 0 }], ...files });
}

const book = (): Uint8Array =>
  epub({
    'META-INF/container.xml': strToU8(CONTAINER),
    'OEBPS/content.opf': strToU8(OPF),
    'OEBPS/nav.xhtml': strToU8(NAV),
    'OEBPS/text/ch1.xhtml': strToU8(CH1),
    'OEBPS/text/ch2.xhtml': strToU8(CH2),
    'OEBPS/images/ferry.png': PNG_1x1,
  });

describe('Importing an EPUB book', () => {
  it('reads chapters in spine order, each opening with a level-1 heading titled from the table of contents', async () => {
    const doc = await parseEpubFile({ bytes: book(), fileName: 'river.epub' });
    const h1 = doc.blocks.filter((b) => b.kind === 'heading' && b.level === 1).map((b) => b.text);
    assert.deepEqual(h1, ['One: The Ferry', 'Two: The Flood']);
    assert.deepEqual(
      doc.blocks.map((b) => [b.kind, b.text]),
      [
        ['title', 'The River Book'],
        ['heading', 'One: The Ferry'],
        ['paragraph', 'The ferry crossed the river every day.'],
        ['caption', 'The ferry in 1920. (Photo: Town Archive)'],
        ['heading', 'Its boatmen'],
        ['paragraph', 'Three families ran it.'],
        ['heading', 'Two: The Flood'],
        ['paragraph', 'Then the water came.'],
        ['paragraph', 'It did not stop for a week.'],
      ],
    );
    const sub = doc.blocks.find((b) => b.text === 'Its boatmen') as Extract<BlockInput, { kind: 'heading' }>;
    assert.equal(sub.level, 3, 'headings inside a chapter sit below the chapter heading');
  });

  it('takes title, creator, date, language and publisher from the OPF metadata', async () => {
    const doc = await parseEpubFile({ bytes: book(), fileName: 'river.epub' });
    assert.deepEqual(doc.meta, {
      title: 'The River Book',
      byline: 'Maria Okafor',
      published: '2023-11-02',
      language: 'en',
      source: 'Millbrook Press',
    });
  });

  it('keeps pictures from inside the book with their captions and credits', async () => {
    const doc = await parseEpubFile({ bytes: book(), fileName: 'river.epub' });
    const cap = doc.blocks.find((b) => b.kind === 'caption') as Extract<BlockInput, { kind: 'caption' }>;
    assert.equal(cap.credit, 'Town Archive');
    assert.equal(cap.image?.alt, 'The ferry');
    assert.deepEqual(Buffer.from(doc.assets!.get(cap.image!.asset)!.data), PNG_1x1);
  });

  it('titles chapters from an EPUB 2 NCX, or from their first heading when the TOC is silent', async () => {
    const opf = OPF.replace(
      '<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>',
      '<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>',
    ).replace('<spine>', '<spine toc="ncx">');
    const ncx = `<?xml version="1.0"?><ncx xmlns="http://www.daisy.org/z3986/2005/ncx/"><navMap>
      <navPoint id="p2"><navLabel><text>Chapter Two</text></navLabel><content src="text/ch2.xhtml"/></navPoint></navMap></ncx>`;
    const doc = await parseEpubFile({
      bytes: epub({
        'META-INF/container.xml': strToU8(CONTAINER),
        'OEBPS/content.opf': strToU8(opf),
        'OEBPS/toc.ncx': strToU8(ncx),
        'OEBPS/text/ch1.xhtml': strToU8(CH1),
        'OEBPS/text/ch2.xhtml': strToU8(CH2),
      }),
      fileName: 'ncx.epub',
    });
    assert.deepEqual(
      doc.blocks.filter((b) => b.kind === 'heading' && b.level === 1).map((b) => b.text),
      ['One: The Ferry', 'Chapter Two'],
    );
  });

  it('is detected by its content and routed through importSource, even with the wrong name', async () => {
    const { article, assets } = await importSource({ bytes: book(), fileName: 'download.bin' });
    assert.equal(article.meta.format, 'epub');
    assert.equal(assets.size, 1);
    assert.ok(!article.text.includes('alert'));
  });

  it('says clearly when the archive has no container.xml', async () => {
    await assert.rejects(
      parseEpubFile({ bytes: epub({ 'x.txt': strToU8('hello') }), fileName: 'odd.epub' }),
      (e: GlossError) => e.code === 'CORRUPT' && /container\.xml/.test(e.message),
    );
  });
});

describe('Links in an EPUB book', () => {
  const linkedBook = (ch1: string, ch2 = CH2): Uint8Array =>
    epub({
      'META-INF/container.xml': strToU8(CONTAINER),
      'OEBPS/content.opf': strToU8(OPF),
      'OEBPS/nav.xhtml': strToU8(NAV),
      'OEBPS/text/ch1.xhtml': strToU8(chapter(ch1)),
      'OEBPS/text/ch2.xhtml': strToU8(ch2),
    });
  const linksOf = (blocks: BlockInput[]) =>
    blocks.flatMap((b) => (b.links ?? []).map((l) => [b.text.slice(l.start, l.end), l.href]));

  it('keeps a link to the web on its words, as a web page’s links are kept', async () => {
    const doc = await parseEpubFile({
      bytes: linkedBook(
        '<p>The <a href="https://archive.example.org/ferry?year=1920#log">ferry log</a> survives in the town archive.</p>',
      ),
      fileName: 'river.epub',
    });
    assert.deepEqual(linksOf(doc.blocks), [['ferry log', 'https://archive.example.org/ferry?year=1920#log']]);
  });

  it('drops a link to another place in the book (a chapter, a note), keeping its words as plain text', async () => {
    const doc = await parseEpubFile({
      bytes: linkedBook(
        '<p>As the <a href="ch2.xhtml#start">next chapter</a> tells, the flood came.<a href="#note1" epub:type="noteref">1</a></p><aside id="note1"><p>1. <a href="ch1.xhtml">Back</a></p></aside>',
      ),
      fileName: 'river.epub',
    });
    assert.deepEqual(linksOf(doc.blocks), []);
    const para = doc.blocks.find((b) => b.text.startsWith('As the next chapter tells'));
    assert.ok(para, 'the words stay');
  });

  it('hostile: javascript:, data:, file: and mailto: links, and addresses that climb out of the book, are no links', async () => {
    const doc = await parseEpubFile({
      bytes: linkedBook(
        [
          '<a href="javascript:alert(1)">run</a>',
          '<a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">data</a>',
          '<a href="file:///etc/passwd">file</a>',
          '<a href="mailto:author@example.org">mail</a>',
          '<a href="../../../../etc/passwd">climb</a>',
          '<a href="//evil.example/x">scheme-less</a>',
          `<a href="https://${'a'.repeat(5000)}.example/">long</a>`,
        ]
          .map((a) => `<p>A ${a} link in a paragraph of the book.</p>`)
          .join(''),
      ),
      fileName: 'river.epub',
    });
    const kept = linksOf(doc.blocks);
    assert.ok(
      kept.every(([, href]) => /^https:\/\//.test(href)),
      JSON.stringify(kept),
    );
    assert.ok(doc.blocks.some((b) => b.text.includes('A run link')));
  });

  it('huge: a chapter of 20,000 links keeps every web link on its words', async () => {
    const links = Array.from(
      { length: 20_000 },
      (_, i) => `<a href="${i % 2 ? `https://river.example/${i}` : `ch2.xhtml#n${i}`}">w${i}</a>`,
    ).join(' ');
    const doc = await parseEpubFile({ bytes: linkedBook(`<p>${links}</p>`), fileName: 'river.epub' });
    const kept = linksOf(doc.blocks);
    assert.equal(kept.length, 10_000);
    assert.deepEqual(kept[0], ['w1', 'https://river.example/1']);
  });

  it('damaged: an unclosed link in a chapter that is not well-formed still keeps the web link and the text', async () => {
    const doc = await parseEpubFile({
      bytes: linkedBook('<p>See <a href="https://river.example/map">the map<p>and then the next paragraph.'),
      fileName: 'river.epub',
    });
    assert.ok(linksOf(doc.blocks).some(([, href]) => href === 'https://river.example/map'));
    assert.ok(doc.blocks.some((b) => b.text.includes('and then the next paragraph')));
  });
});

describe('Zip bombs posing as EPUB', () => {
  /** A valid-looking book whose second chapter is `size` bytes of zeros, deflated at level 9 in 1 MB pieces. */
  function bomb(size: number): Uint8Array {
    const parts: Uint8Array[] = [];
    const zip = new Zip((err, chunk) => {
      if (err) throw err;
      parts.push(chunk);
    });
    const add = (name: string, data: Uint8Array, stored = false): void => {
      const f = stored ? new ZipPassThrough(name) : new ZipDeflate(name, { level: 9 });
      zip.add(f);
      f.push(data, true);
    };
    add('mimetype', strToU8('application/epub+zip'), true);
    add('META-INF/container.xml', strToU8(CONTAINER));
    add('OEBPS/content.opf', strToU8(OPF));
    add('OEBPS/nav.xhtml', strToU8(NAV));
    add('OEBPS/text/ch1.xhtml', strToU8(CH1));
    const big = new ZipDeflate('OEBPS/text/ch2.xhtml', { level: 9 });
    zip.add(big);
    const zeros = new Uint8Array(1048576);
    for (let left = size; left > 0; left -= zeros.length)
      big.push(left > zeros.length ? zeros : zeros.subarray(0, left), left <= zeros.length);
    zip.end();
    return Buffer.concat(parts);
  }

  it('rejects a small file that declares a 300 MB chapter, before inflating it', async () => {
    const bytes = bomb(300 * 1048576);
    assert.ok(bytes.length < 2 * 1048576, `the bomb itself is small (${bytes.length} bytes)`);
    await assert.rejects(
      parseEpubFile({ bytes, fileName: 'bomb.epub' }),
      (e: GlossError) =>
        e.code === 'TOO_LARGE' &&
        /^“bomb\.epub” expands to more than \d+ MB — it may be a zip bomb; not imported\.$/.test(e.message),
    );
  });

  it('stops inflating an entry whose header lies about its size', async () => {
    const bytes = bomb(60 * 1048576);
    // Rewrite the central directory's uncompressed size of the big chapter to 1 KB.
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const name = Buffer.from('OEBPS/text/ch2.xhtml');
    let patched = 0;
    for (let i = 0; i < bytes.length - 46; i++) {
      if (
        view.getUint32(i, true) === 0x02014b50 &&
        Buffer.from(bytes.subarray(i + 46, i + 46 + name.length)).equals(name)
      ) {
        view.setUint32(i + 24, 1024, true);
        patched++;
      }
    }
    assert.equal(patched, 1);
    await assert.rejects(
      parseEpubFile({ bytes, fileName: 'liar.epub' }),
      (e: GlossError) => e.code === 'TOO_LARGE' && /zip bomb/.test(e.message),
    );
  });
});
