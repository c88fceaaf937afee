import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Block } from '@core/document/types';
import { GlossError } from '@core/errors';
import { detectFormat } from '@core/import/detect';
import { importSource } from '@core/import/index';
import { annotationAt } from '../../helpers/export-fixtures';
import { toMarkdown } from '@core/export/markdown';
import { locationLabel } from '@core/export/reading-order';
import { parsePdfFile } from '@core/import/pdf';
import { citablePageLabels } from '@core/import/pdf-document';
import {
  buildPdf,
  paperParts,
  paragraphText,
  rawPdf,
  samplePaper,
  typesetPaper,
  type PaperSpec,
} from '../../helpers/pdf-builder';

const SPEC = samplePaper(24);

function pdfOf(spec: Partial<PaperSpec> = {}, info: Parameters<typeof buildPdf>[1] = {}): Uint8Array {
  return buildPdf(typesetPaper({ ...SPEC, ...spec }).pages, info);
}

async function importPdf(bytes: Uint8Array, fileName = 'paper.pdf') {
  return importSource({ bytes, fileName });
}

const bodyParagraphs = (blocks: readonly Block[]): Block[] => {
  const notes = blocks.findIndex((b) => b.kind === 'heading' && b.text === 'Notes');
  return (notes < 0 ? blocks : blocks.slice(0, notes)).filter((b) => b.kind === 'paragraph');
};

async function rejection(promise: Promise<unknown>): Promise<GlossError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof GlossError, `expected a GlossError, got ${String(err)}`);
    return err;
  }
  assert.fail('the import succeeded');
}

describe('PDF import', () => {
  it('is detected from the bytes, whatever the file is called', () => {
    const bytes = pdfOf();
    assert.equal(detectFormat({ bytes, fileName: 'notes.txt' }), 'pdf');
    assert.equal(detectFormat({ bytes }), 'pdf');
    const mention = new TextEncoder().encode('A note about files that start with %PDF-1.7 and more.');
    assert.equal(detectFormat({ bytes: mention, fileName: 'note.txt' }), 'text');
  });

  it('reads a two-column paper column by column, every paragraph once and whole, in order', async () => {
    const { article } = await importPdf(pdfOf());
    assert.equal(article.meta.format, 'pdf');
    const paragraphs = bodyParagraphs(article.blocks).map((b) => b.text);
    assert.deepEqual(
      paragraphs,
      Array.from({ length: 24 }, (_, i) => paragraphText(i + 1)),
    );
  });

  it('drops the running header and the page numbers', async () => {
    const { article } = await importPdf(pdfOf());
    assert.ok(!article.text.includes('Journal of River Studies'), 'running header kept');
    assert.ok(!article.blocks.some((b) => /^\d+$/.test(b.text)), 'a page number kept as a block');
    assert.ok(article.blocks.every((b) => !/\s\d{1,2}$/.test(b.text) || b.kind === 'heading'));
  });

  it('joins words hyphenated at line ends', async () => {
    const { pages } = typesetPaper(SPEC);
    const hyphenated = pages.flatMap((p) => p.texts).filter((t) => /[a-z]-$/.test(t.text));
    assert.ok(hyphenated.length > 10, 'the paper has words broken at line ends');
    const { article } = await importPdf(pdfOf());
    for (const t of hyphenated) {
      const stem = /(\w+)-$/.exec(t.text)![1];
      assert.ok(!article.text.includes(`${stem}- `) && !article.text.includes(`${stem}-\n`), `${stem}- kept`);
    }
  });

  it('rebuilds paragraphs from first-line indents when there is no space between them', async () => {
    const { article } = await importPdf(pdfOf({ paragraphGap: 0, columns: 1, parts: paperParts(8) }));
    assert.deepEqual(
      bodyParagraphs(article.blocks).map((b) => b.text),
      Array.from({ length: 8 }, (_, i) => paragraphText(i + 1)),
    );
  });

  it('makes headings of larger type, and the title of the largest on page 1', async () => {
    const { article } = await importPdf(pdfOf());
    assert.deepEqual(article.blocks[0], { ...article.blocks[0], kind: 'title', text: SPEC.title, page: 1 });
    const headings = article.blocks.filter((b) => b.kind === 'heading' && b.text !== 'Notes');
    assert.deepEqual(
      headings.map((h) => h.text),
      ['1. Section 1', '2. Section 2', '3. Section 3', '4. Section 4', '5. Section 5'],
    );
    assert.ok(headings.every((h) => h.kind === 'heading' && h.level === 2));
  });

  it('keeps a figure caption as a caption, in its place', async () => {
    const { article } = await importPdf(pdfOf());
    const i = article.blocks.findIndex((b) => b.kind === 'caption');
    assert.equal(article.blocks[i].text, 'Figure 1: Water extracted per municipality, 2010–2020.');
    assert.equal(article.blocks[i - 1].text, paragraphText(7));
  });

  it('keeps footnotes apart, under Notes at the end, and the paragraph they interrupt whole', async () => {
    const { article } = await importPdf(pdfOf());
    const notes = article.blocks.findIndex((b) => b.kind === 'heading' && b.text === 'Notes');
    assert.ok(notes > 0);
    assert.deepEqual(
      article.blocks.slice(notes + 1).map((b) => [b.kind, b.text, b.page]),
      [['paragraph', '1 Field notes are kept in the municipal archive.', 1]],
    );
    assert.ok(!article.blocks.slice(0, notes).some((b) => b.text.includes('municipal archive')));
  });

  it('gives every block its page, and a paragraph running over a page turn the offset where the next page starts', async () => {
    const { pages, partPages } = typesetPaper(SPEC);
    assert.ok(pages.length >= 3);
    const { article } = await importPdf(pdfOf());
    const paragraphs = bodyParagraphs(article.blocks);
    const expected = SPEC.parts
      .map((p, i) => ({ p, page: partPages[i] }))
      .filter(({ p }) => p.kind === 'paragraph')
      .map(({ page }) => page);
    assert.deepEqual(
      paragraphs.map((b) => b.page),
      expected,
    );
    assert.ok(article.blocks.filter((b) => b.text !== 'Notes').every((b) => typeof b.page === 'number'));
    const turning = paragraphs.filter((b) => b.pageBreaks);
    assert.ok(turning.length > 0, 'some paragraph runs over a page turn');
    for (const b of turning) {
      const [at] = b.pageBreaks!;
      const nextPage = pages[b.page!].texts.filter((t) => t.size === 10).sort((x, y) => y.y - x.y)[0];
      assert.ok(
        b.text.slice(at).startsWith(nextPage.text.replace(/-$/, '')),
        'the break is where page text starts',
      );
    }
  });

  it('numbers pages as the file labels them (a journal article printed from p. 233), else by their place', async () => {
    const { partPages } = typesetPaper(SPEC);
    const firstParagraph = partPages[SPEC.parts.findIndex((p) => p.kind === 'paragraph')];
    const lastParagraph = partPages[SPEC.parts.length - 1];
    const labelled = (await importPdf(pdfOf({}, { firstPageNumber: 233 }))).article;
    assert.equal(bodyParagraphs(labelled.blocks)[0].page, 232 + firstParagraph);
    assert.equal(bodyParagraphs(labelled.blocks).at(-1)!.page, 232 + lastParagraph);
    const roman = (await importPdf(pdfOf({}, { romanPages: 1 }))).article;
    assert.equal(bodyParagraphs(roman.blocks).at(-1)!.page, lastParagraph, 'a roman label: pages by place');
  });

  it('cites pages by the labels printed on them when they are not all numbers: roman numerals for the front matter (p. i), then 1, 2…', async () => {
    const { partPages } = typesetPaper(SPEC);
    const pageCount = Math.max(...partPages);
    const { article } = await importPdf(pdfOf({}, { romanPages: 1 }));
    assert.deepEqual(article.pageLabels, [
      'i',
      ...Array.from({ length: pageCount - 1 }, (_, i) => String(i + 1)),
    ]);
    const first = bodyParagraphs(article.blocks)[0];
    const last = bodyParagraphs(article.blocks).at(-1)!;
    assert.equal(first.page, 1, 'blocks keep the page’s place');
    assert.equal(locationLabel(article, first.start), 'p. i');
    assert.equal(locationLabel(article, last.start), `p. ${partPages[SPEC.parts.length - 1] - 1}`);
    const md = toMarkdown([
      {
        article,
        annotations: [
          annotationAt(article, first.start, first.start + 40, {
            id: 'a1000000-0000-4000-8000-000000000000',
          }),
        ],
      },
    ]);
    assert.match(md, /, p\. i\b/);
  });

  it('hostile: page labels holding markup, control characters or pages of text are not cited (pages by place)', () => {
    assert.equal(citablePageLabels(['i', '<script>alert(1)</script>'], 2), undefined);
    assert.equal(citablePageLabels(['i', 'x'.repeat(10_000)], 2), undefined);
    assert.equal(citablePageLabels(['i', 'ii\u0000'], 2), undefined);
    assert.equal(citablePageLabels(['i', 'ii'], 3), undefined, 'one label a page, or none');
    assert.equal(
      citablePageLabels(['1', '2', '3'], 3),
      undefined,
      'labels that are the pages’ places say nothing',
    );
    assert.deepEqual(citablePageLabels(['i', 'ii', 'A-1', ' 2 '], 4), ['i', 'ii', 'A-1', '2']);
  });

  it('makes a short bold line of body size a heading (a report’s sections set in bold), but not a bold paragraph', async () => {
    const full = (n: number) =>
      `Line ${n} of the running text fills its column from the left margin to the right margin here.`;
    let y = 720;
    const at = (text: string, opts: { bold?: boolean; gap?: number } = {}) => {
      y -= opts.gap ?? 13;
      return { x: 72, y, size: 10, text, ...(opts.bold ? { bold: true } : {}) };
    };
    const texts = [
      at('Key findings', { bold: true }),
      at(full(1), { gap: 16 }),
      at(full(2)),
      at('and ends short here.'),
      at('Water use by the two towns', { bold: true, gap: 24 }),
      at('over the last decade', { bold: true }),
      at(full(3), { gap: 16 }),
      at(full(7)),
      at(full(8)),
      at(full(9)),
      at(full(10)),
      at('and ends short again.'),
      at(full(4), { bold: true, gap: 24 }),
      at(full(5), { bold: true }),
      at(full(6), { bold: true }),
      at('the whole of it bold.', { bold: true }),
    ];
    const { article } = await importPdf(buildPdf([{ texts }], { info: { Title: 'Bold Sections Report' } }));
    const headings = article.blocks.filter((b) => b.kind === 'heading');
    assert.deepEqual(
      headings.map((h) => h.text),
      ['Key findings', 'Water use by the two towns over the last decade'],
    );
    assert.ok(headings.every((h) => h.kind === 'heading' && h.level === 2));
    const bold = article.blocks.find((b) => b.text.startsWith('Line 4'));
    assert.equal(bold?.kind, 'paragraph', 'four bold lines are a bold paragraph');
    assert.ok(bold?.text.endsWith('the whole of it bold.'));
  });

  it('hostile: a document set all in bold has no bold headings, and a picture too large to decode costs only the hint', async () => {
    const lines = (bold: boolean) =>
      Array.from({ length: 12 }, (_, n) => ({
        x: 72,
        y: 700 - n * (n % 3 === 0 ? 26 : 13),
        size: 10,
        text:
          n % 3 === 2
            ? 'A short closing line.'
            : `Line ${n} of bold running text runs on across the page width here.`,
        bold,
      }));
    const allBold = (await importPdf(buildPdf([{ texts: lines(true) }], { info: { Title: 'All in Bold' } })))
      .article;
    assert.equal(allBold.blocks.filter((b) => b.kind === 'heading').length, 0);

    // A page of text under an image declared 100,000 × 100,000 pixels: never decoded, the text imported.
    const content =
      'q 612 0 0 792 0 0 cm /Im1 Do Q BT /F1 10 Tf 72 700 Td (The text beside a huge picture.) Tj ET';
    const { article } = await importPdf(
      rawPdf([
        '<< /Type /Catalog /Pages 2 0 R >>',
        '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
        '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> /XObject << /Im1 6 0 R >> >> >>',
        `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
        '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold >>',
        '<< /Type /XObject /Subtype /Image /Width 100000 /Height 100000 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 4 >>\nstream\nabcd\nendstream',
      ]),
      'huge-picture.pdf',
    );
    assert.ok(article.text.includes('The text beside a huge picture.'));
  });

  it('takes the authors printed large under the title on page 1 when the metadata names none', async () => {
    const body = (n: number) => ({
      x: 72,
      y: 560 - n * 13,
      size: 10,
      text: `Body line ${n} of the report runs on across the whole width of the page here.`,
    });
    const texts = [
      { x: 72, y: 700, size: 24, text: 'Sharing the Upper River', bold: true },
      { x: 72, y: 670, size: 16, text: 'Ana Lima, Bo Chen and Carla M. Ruiz' },
      { x: 72, y: 640, size: 10, text: 'March 2024' },
      ...Array.from({ length: 8 }, (_, n) => body(n)),
    ];
    const { article } = await importPdf(buildPdf([{ texts }]));
    assert.equal(article.meta.title, 'Sharing the Upper River');
    assert.equal(article.meta.byline, 'Ana Lima, Bo Chen and Carla M. Ruiz');
    assert.equal(article.meta.published, '2024-03');
    assert.ok(!article.blocks.some((b) => b.text.includes('Bo Chen')), 'the names are not a heading');

    // A subtitle set as large is no author: it stays in the text.
    texts[1] = { ...texts[1], text: 'Lessons from Two River Basins' };
    const subtitled = (await importPdf(buildPdf([{ texts }]))).article;
    assert.equal(subtitled.meta.byline, undefined);
    assert.ok(subtitled.blocks.some((b) => b.text === 'Lessons from Two River Basins'));
  });

  it('takes title, author and date from the PDF metadata when they are real', async () => {
    const { article } = await importPdf(
      pdfOf(
        { dateLine: undefined, authors: 'Department of Hydrology' },
        {
          info: {
            Title: 'Municipal Water Agreements',
            Author: 'Ana Lima',
            CreationDate: "D:20230105093000+01'00'",
          },
        },
      ),
    );
    assert.equal(article.meta.title, 'Municipal Water Agreements');
    assert.equal(article.meta.byline, 'Ana Lima');
    assert.equal(article.meta.published, '2023-01-05');
  });

  it('takes title, authors and date from the first page when the metadata is a word processor’s', async () => {
    const { article } = await importPdf(
      pdfOf(
        {},
        { info: { Title: 'Microsoft Word - draft_v3.docx', Author: 'Ana Lima', CreationDate: 'D:20230105' } },
      ),
    );
    assert.equal(article.meta.title, SPEC.title);
    assert.equal(
      article.meta.byline,
      'Ana Lima and Bo Chen',
      'the printed names include the metadata author',
    );
    assert.equal(article.meta.published, '2024-03', 'the printed date wins over the file’s creation');
    assert.ok(!article.text.includes('Ana Lima and Bo Chen'), 'the byline is metadata, not body text');
  });

  it('falls back to the file name when neither the metadata nor page 1 has a title', async () => {
    const pages = [{ texts: [{ x: 72, y: 700, size: 10, text: 'Just one plain line of text.' }] }];
    const { article } = await importPdf(buildPdf(pages, { info: { Title: 'untitled' } }), 'field-report.pdf');
    assert.equal(article.meta.title, 'field-report');
    assert.deepEqual(
      article.blocks.map((b) => [b.kind, b.text, b.page]),
      [
        ['title', 'field-report', 1],
        ['paragraph', 'Just one plain line of text.', 1],
      ],
    );
  });

  it('refuses a password-protected PDF with a sentence that says so', async () => {
    const bytes = pdfOf({}, { encrypt: { userPassword: 'secret', ownerPassword: 'owner' } });
    const err = await rejection(importPdf(bytes, 'locked.pdf'));
    assert.equal(err.code, 'UNSUPPORTED_FORMAT');
    assert.match(err.message, /^“locked\.pdf” is protected by a password/);
  });

  it('opens a PDF encrypted with only an owner password, as any reader does', async () => {
    const bytes = pdfOf({}, { encrypt: { userPassword: '', ownerPassword: 'owner' } });
    const { article } = await importPdf(bytes);
    assert.equal(bodyParagraphs(article.blocks)[0].text, paragraphText(1));
  });

  it('refuses a scanned PDF (images, no text layer), saying there is no OCR', async () => {
    const bytes = buildPdf([
      { texts: [], image: true },
      { texts: [], image: true },
    ]);
    const err = await rejection(importPdf(bytes, 'scan.pdf'));
    assert.equal(err.code, 'EMPTY');
    assert.match(err.message, /^“scan\.pdf” has no text layer/);
    assert.match(err.message, /no OCR/);
  });

  it('imports the text pages of a partly scanned PDF and names the pages left out', async () => {
    const bytes = buildPdf([
      { texts: [{ x: 72, y: 700, size: 10, text: 'The typed cover letter.' }] },
      { texts: [], image: true },
    ]);
    const { article, warnings } = await importPdf(bytes, 'mixed.pdf');
    assert.ok(article.text.includes('The typed cover letter.'));
    assert.deepEqual(warnings, [
      'Page 2 of “mixed.pdf” has no text (images only, no OCR), so it is not in the article.',
    ]);
  });

  it('refuses a damaged PDF as damaged, importing nothing', async () => {
    const garbage = new TextEncoder().encode(`%PDF-1.4\n${'\u0001\u0002 not a PDF body '.repeat(50)}`);
    const err = await rejection(importPdf(garbage, 'broken.pdf'));
    assert.equal(err.code, 'CORRUPT');
    assert.match(err.message, /^“broken\.pdf” is damaged/);
  });

  it('refuses a PDF cut short in the middle of its pages', async () => {
    const whole = pdfOf();
    const err = await rejection(importPdf(whole.subarray(0, Math.floor(whole.length * 0.4)), 'cut.pdf'));
    assert.equal(err.code, 'CORRUPT');
    assert.match(err.message, /^“cut\.pdf” is damaged/);
  });

  it('refuses a PDF whose page tree contains itself (a loop), rather than reading forever', async () => {
    const loop = rawPdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [2 0 R] /Count 1 >>']);
    const err = await rejection(importPdf(loop, 'loop.pdf'));
    assert.equal(err.code, 'CORRUPT');
  });

  it('reads no script: a PDF whose open action is JavaScript imports as its text alone', async () => {
    const scripted = rawPdf([
      '<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >> >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
      '<< /Length 52 >>\nstream\nBT /F1 10 Tf 72 700 Td (Only this sentence.) Tj ET\nendstream',
      '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    ]);
    const { article } = await importPdf(scripted, 'scripted.pdf');
    assert.deepEqual(
      article.blocks.map((b) => b.text),
      ['scripted', 'Only this sentence.'],
    );
  });

  it('refuses a PDF with more pages than the limit, and one that takes too long', async () => {
    const bytes = pdfOf();
    const many = await rejection(parsePdfFile({ bytes, fileName: 'long.pdf' }, { maxPages: 2 }));
    assert.equal(many.code, 'TOO_LARGE');
    assert.match(many.message, /^“long\.pdf” has \d+ pages; Gloss imports PDFs of up to 2 pages\./);
    const slow = await rejection(parsePdfFile({ bytes, fileName: 'slow.pdf' }, { timeLimitMs: 0 }));
    assert.equal(slow.code, 'TOO_LARGE');
    assert.match(slow.message, /took longer than/);
  });

  it('leaves the caller’s bytes intact (the article id is their hash)', async () => {
    const bytes = pdfOf();
    const copy = bytes.slice();
    const { article } = await importPdf(bytes);
    assert.deepEqual(bytes, copy);
    assert.equal(article.id, (await importPdf(copy)).article.id);
  });
});
