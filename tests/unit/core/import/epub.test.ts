import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Zip, ZipDeflate, ZipPassThrough, strToU8, zipSync, type Zippable } from 'fflate';
import type { BlockInput } from '@core/document/types';
import { GlossError } from '@core/errors';
import { parseEpubFile } from '@core/import/epub';
import { importSource } from '@core/import/index';
import type { Article } from '@core/document/types';
import { linkedEpub } from '../../helpers/linked-epub';

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

const linkedBook = (ch1: string, ch2 = CH2): Uint8Array =>
  epub({
    'META-INF/container.xml': strToU8(CONTAINER),
    'OEBPS/content.opf': strToU8(OPF),
    'OEBPS/nav.xhtml': strToU8(NAV),
    'OEBPS/text/ch1.xhtml': strToU8(chapter(ch1)),
    'OEBPS/text/ch2.xhtml': strToU8(ch2),
  });

describe('Links in an EPUB book', () => {
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

  it('keeps a link to another place in the book as an in-article link to the block holding that place', async () => {
    const { article } = await importSource({
      bytes: linkedBook(
        '<p>As the <a href="ch2.xhtml#start">next chapter</a> tells, the flood came.<a href="#note1" epub:type="noteref">1</a></p><aside id="note1"><p>1. The river rose <a href="ch1.xhtml">back</a>.</p></aside>',
      ),
      fileName: 'river.epub',
    });
    const to = (words: string) => {
      const b = article.blocks.find((x) => x.links?.some((l) => x.text.slice(l.start, l.end) === words));
      const href = b?.links?.find((l) => b.text.slice(l.start, l.end) === words)?.href;
      assert.match(href ?? '', /^#/, `“${words}” is an in-article link`);
      return article.blocks.find((x) => `#${x.id}` === href)?.text;
    };
    assert.equal(
      to('next chapter'),
      'Then the water came.',
      'a chapter and an id in it: the block with that id',
    );
    assert.equal(to('1'), '1. The river rose back.', 'a note reference: its note');
    assert.equal(to('back'), 'One: The Ferry', 'a chapter without an id: its heading');
    assert.ok(
      article.blocks.every((b) => !('anchors' in b)),
      'anchors are import-only, never stored',
    );
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

  it('huge: a chapter of 20,000 links keeps every link on its words (a place the chapter lacks: the chapter)', async () => {
    const links = Array.from(
      { length: 20_000 },
      (_, i) => `<a href="${i % 2 ? `https://river.example/${i}` : `ch2.xhtml#n${i}`}">w${i}</a>`,
    ).join(' ');
    const doc = await parseEpubFile({ bytes: linkedBook(`<p>${links}</p>`), fileName: 'river.epub' });
    const kept = linksOf(doc.blocks);
    assert.equal(kept.filter(([, href]) => href.startsWith('https:')).length, 10_000);
    assert.deepEqual(kept[1], ['w1', 'https://river.example/1']);
    assert.equal(kept.filter(([, href]) => href === '#OEBPS/text/ch2.xhtml').length, 10_000);
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

describe('In-book links of a real-shaped book (chapters, note references, endnotes)', () => {
  /** The text of the block the link on `words` leads to (asserting it is an in-article link). */
  const target = (article: Article, words: string, inBlock?: string): string | undefined => {
    for (const b of article.blocks) {
      if (inBlock && !b.text.startsWith(inBlock)) continue;
      const link = b.links?.find((l) => b.text.slice(l.start, l.end) === words);
      if (!link) continue;
      assert.match(link.href, /^#/, `“${words}” is an in-article link`);
      return article.blocks.find((x) => `#${x.id}` === link.href)?.text;
    }
    assert.fail(`no link on “${words}”`);
  };

  it('a note reference leads to its note, and the note’s number back to the reference', async () => {
    const { article } = await importSource({ bytes: linkedEpub(), fileName: 'delta.epub' });
    assert.equal(
      target(article, '1', 'The ferry crossed'),
      '1. The ferry ran until 1954, when the bridge opened.',
    );
    assert.equal(target(article, '2', "The mill's wheel"), 'The wheel is kept at the county museum. ↩');
    assert.equal(
      target(article, '1.'),
      'The ferry crossed the delta every morning1 before the mill opened.',
      'an endnote links back to the paragraph holding its reference',
    );
    assert.equal(target(article, '↩'), "The mill's wheel turned for forty years2 until the channel silted.");
  });

  it('a link to another chapter leads to the heading or paragraph its id names, or to the chapter’s heading', async () => {
    const { article } = await importSource({ bytes: linkedEpub(), fileName: 'delta.epub' });
    assert.equal(target(article, 'great levee'), 'The great levee', 'an id on a section heading');
    assert.equal(target(article, 'the mill'), 'Two: The Mill', 'a chapter file without an id');
    assert.equal(
      target(article, 'the ferry'),
      'The ferry crossed the delta every morning1 before the mill opened.',
    );
    assert.equal(
      target(article, 'with the lower levee'),
      'The lower levee guarded the ford.',
      'a percent-encoded fragment names the id as written (é), on an inline element',
    );
  });

  it('keeps the link to the web as it is, and stores no anchors in the article', async () => {
    const { article } = await importSource({ bytes: linkedEpub(), fileName: 'delta.epub' });
    const survey = article.blocks.find((b) => b.text.startsWith('A survey'));
    assert.deepEqual(
      survey?.links?.map((l) => l.href),
      ['https://archive.example.org/delta/survey'],
    );
    assert.ok(article.blocks.every((b) => !('anchors' in b)));
    const hrefs = article.blocks.flatMap((b) => (b.links ?? []).map((l) => l.href));
    assert.ok(
      hrefs.every((h) => /^https:\/\//.test(h) || article.blocks.some((b) => h === `#${b.id}`)),
      'every in-article link names a block of the article',
    );
  });

  it('an old-style <a name> is a place too; a place the chapter lacks leads to the chapter; a file outside the spine leads nowhere', async () => {
    const ch1 = `<p>See <a href="ch2.xhtml#lower">the lower ford</a>, <a href="ch2.xhtml#gone">a lost page</a> and <a href="../cover.xhtml">the cover</a>.</p>`;
    const ch2 = chapter('<h2>The Ford</h2><p>Above it.</p><p><a name="lower"></a>The ford was shallow.</p>');
    const { article } = await importSource({
      bytes: epub({
        'META-INF/container.xml': strToU8(CONTAINER),
        'OEBPS/content.opf': strToU8(OPF),
        'OEBPS/nav.xhtml': strToU8(NAV),
        'OEBPS/text/ch1.xhtml': strToU8(chapter(ch1)),
        'OEBPS/text/ch2.xhtml': strToU8(ch2),
        'OEBPS/cover.xhtml': strToU8(chapter('<p>Cover</p>')),
      }),
      fileName: 'river.epub',
    });
    assert.equal(target(article, 'the lower ford'), 'The ford was shallow.');
    assert.equal(target(article, 'a lost page'), 'Two: The Flood');
    const para = article.blocks.find((b) => b.text.startsWith('See the lower ford'))!;
    assert.deepEqual(
      para.links?.map((l) => para.text.slice(l.start, l.end)),
      ['the lower ford', 'a lost page'],
      'the cover is not in the book’s reading order: its words stay, with no link',
    );
  });

  it('huge: a chapter whose 20,000 elements each carry an id imports, and keeps only the anchors links use', async () => {
    const spans = Array.from({ length: 20_000 }, (_, i) => `<span id="w${i}">w${i}</span>`).join(' ');
    const { article } = await importSource({
      bytes: linkedBook(`<p><a href="ch1.xhtml#w19999">last word</a> ${spans}</p>`),
      fileName: 'river.epub',
    });
    const para = article.blocks.find((b) => b.text.startsWith('last word'))!;
    assert.equal(target(article, 'last word'), para.text, 'an id inside the same paragraph: that paragraph');
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
