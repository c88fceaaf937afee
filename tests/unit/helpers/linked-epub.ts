/**
 * A real-shaped EPUB 3 book whose chapters link to each other, built with
 * fflate as an EPUB is packed (mimetype first and stored): three chapters and
 * an endnotes file in the spine, a nav document, note references
 * (`epub:type="noteref"`, inside <sup>) to notes that link back, a
 * chapter-to-chapter link to a section heading, an EPUB 2-style `<a name>`,
 * a percent-encoded fragment, and a link to the web. Chapters are long enough
 * that a link's target is off screen; `paragraphs` more per chapter make a book
 * the reader renders in windows.
 */
import { strToU8, zipSync } from 'fflate';

export const LINKED_BOOK_TITLE = 'Letters from the Delta';

const CONTAINER = `<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>`;

const OPF = `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="id">urn:uuid:7c1a0b52-delta</dc:identifier>
    <dc:title>${LINKED_BOOK_TITLE}</dc:title>
    <dc:creator>Ines Baptiste</dc:creator>
    <dc:language>en</dc:language>
  </metadata>
  <manifest>
    <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
    <item id="c1" href="text/ch1.xhtml" media-type="application/xhtml+xml"/>
    <item id="c2" href="text/ch2.xhtml" media-type="application/xhtml+xml"/>
    <item id="c3" href="text/ch3.xhtml" media-type="application/xhtml+xml"/>
    <item id="notes" href="text/notes.xhtml" media-type="application/xhtml+xml"/>
  </manifest>
  <spine><itemref idref="c1"/><itemref idref="c2"/><itemref idref="c3"/><itemref idref="notes"/></spine>
</package>`;

const NAV = `<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><head><title>Contents</title></head>
<body><nav epub:type="toc"><ol>
<li><a href="text/ch1.xhtml">One: The Crossing</a></li>
<li><a href="text/ch2.xhtml">Two: The Mill</a></li>
<li><a href="text/ch3.xhtml">Three: The Floods</a></li>
<li><a href="text/notes.xhtml">Notes</a></li>
</ol></nav></body></html>`;

const page = (title: string, body: string): string => `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="en">
<head><title>${title}</title><link rel="stylesheet" href="../style.css"/></head>
<body epub:type="bodymatter">${body}</body></html>`;

const filler = (chapter: number, count: number): string =>
  Array.from(
    { length: count },
    (_, i) =>
      `<p>Chapter ${chapter}, paragraph ${i + 1}: the boatmen kept their ledgers by lamplight, and the river kept its own account of every crossing.</p>`,
  ).join('\n');

const ch1 = (n: number) =>
  page(
    'One: The Crossing',
    `<section epub:type="chapter" id="ch1">
<h1>One: The Crossing</h1>
<p id="p-ferry">The ferry crossed the delta every morning<sup><a epub:type="noteref" id="ref1" href="notes.xhtml#n1">1</a></sup> before the mill opened.</p>
<p>The boatmen said the <a href="ch3.xhtml#levee">great levee</a> was built too late, and <a href="ch2.xhtml">the mill</a> too early.</p>
<p>A survey of the channels is <a href="https://archive.example.org/delta/survey">kept at the archive</a>.</p>
<p>The lower ford is described <a href="ch3.xhtml#lev%C3%A9e-basse">with the lower levee</a>.</p>
${filler(1, n)}
</section>`,
  );

const ch2 = (n: number) =>
  page(
    'Two: The Mill',
    `<section epub:type="chapter">
<h1>Two: The Mill</h1>
<p>The mill's wheel turned for forty years<sup><a epub:type="noteref" id="ref2" href="notes.xhtml#n2">2</a></sup> until the channel silted.</p>
<p>Its story began at <a href="ch1.xhtml#p-ferry">the ferry</a>, as the ledgers tell.</p>
${filler(2, n)}
</section>`,
  );

const ch3 = (n: number) =>
  page(
    'Three: The Floods',
    `<section epub:type="chapter">
<h1>Three: The Floods</h1>
${filler(3, n)}
<h2 id="levee">The great levee</h2>
<p>The great levee was finished in the spring of 1931, a year after the worst flood.</p>
<p><a name="lower"></a><span id="levée-basse">The lower levee</span> guarded the ford.</p>
</section>`,
  );

const NOTES = page(
  'Notes',
  `<section epub:type="endnotes">
<h1>Notes</h1>
<aside epub:type="endnote" id="n1"><p><a href="ch1.xhtml#ref1">1.</a> The ferry ran until 1954, when the bridge opened.</p></aside>
<ol>
<li id="n2" epub:type="endnote"><p>The wheel is kept at the county museum. <a href="ch2.xhtml#ref2" epub:type="backlink">↩</a></p></li>
</ol>
</section>`,
);

export function linkedEpub(paragraphs = 30): Uint8Array {
  return zipSync({
    mimetype: [strToU8('application/epub+zip'), { level: 0 }],
    'META-INF/container.xml': strToU8(CONTAINER),
    'OEBPS/content.opf': strToU8(OPF),
    'OEBPS/nav.xhtml': strToU8(NAV),
    'OEBPS/text/ch1.xhtml': strToU8(ch1(paragraphs)),
    'OEBPS/text/ch2.xhtml': strToU8(ch2(paragraphs)),
    'OEBPS/text/ch3.xhtml': strToU8(ch3(paragraphs)),
    'OEBPS/text/notes.xhtml': strToU8(NOTES),
  });
}
