import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { authorNames, blocksFromLines, dateIn, joinLine } from '@core/import/pdf-blocks';
import type { PdfLine } from '@core/import/pdf-lines';
import { isJunkAuthor, isJunkTitle, pdfDate } from '@core/import/pdf-document';

/** One-column lines, top down, 12 pt apart unless a line says otherwise. */
function page(
  spec: Array<{ text: string; size?: number; gap?: number; x?: number; right?: number }>,
  n = 1,
): PdfLine[] {
  let y = 700;
  return spec.map((s) => {
    y -= s.gap ?? 12;
    return {
      page: n,
      text: s.text,
      x: s.x ?? 60,
      right: s.right ?? 540,
      y,
      size: s.size ?? 10,
      colLeft: 60,
      colRight: 540,
      column: 0,
      pageHeight: 792,
    };
  });
}

describe('PDF blocks', () => {
  it('reads a line of persons’ names as authors, without "By" or affiliation marks, and nothing else', () => {
    assert.equal(
      authorNames('Ana Lima¹, Bo Chen² and Carla Ruiz*'.replace(/[¹²]/g, (c) => (c === '¹' ? '1' : '2'))),
      'Ana Lima, Bo Chen and Carla Ruiz',
    );
    assert.equal(
      authorNames('By Jean-Paul de la Fontaine & Ö. Yılmaz'),
      'Jean-Paul de la Fontaine & Ö. Yılmaz',
    );
    assert.equal(authorNames('A. B. Okafor'), 'A. B. Okafor');
    for (const not of [
      'Executive Summary',
      'Lessons from Two River Basins',
      'Department of Hydrology',
      'United Nations Development Programme',
      '1. Introduction',
      'Madonna',
      'x'.repeat(300),
      `${'Ana Lima, '.repeat(20)}Bo Chen`,
    ])
      assert.equal(authorNames(not), undefined, not);
  });

  it('mends a word hyphenated at a line end, and keeps a hyphen before a capital or a number', () => {
    assert.equal(joinLine('extra-', 'ordinary claims'), 'extraordinary claims');
    assert.equal(joinLine('soft\u00ad', 'hyphen'), 'softhyphen');
    assert.equal(joinLine('anti-', 'American'), 'anti-American');
    assert.equal(joinLine('COVID-', '19 cases'), 'COVID-19 cases');
    assert.equal(joinLine('ends here', 'next'), 'ends here next');
  });

  it('reads printed dates as ISO dates', () => {
    assert.equal(dateIn('March 2024'), '2024-03');
    assert.equal(dateIn('Published 5 March 2024'), '2024-03-05');
    assert.equal(dateIn('Sept. 9, 2021'), '2021-09-09');
    assert.equal(dateIn('2019-11-30'), '2019-11-30');
    assert.equal(dateIn('Chapter 2024'), undefined);
  });

  it('ranks headings by size: the larger, the higher', () => {
    const { blocks } = blocksFromLines(
      page(
        [
          { text: 'Part One', size: 16, gap: 20 },
          { text: 'Body text that fills the line and' },
          { text: 'ends on this one.', right: 150 },
          { text: 'A smaller heading', size: 12, gap: 20 },
          { text: 'More body text to read here and' },
          { text: 'the last body line of all.', right: 160 },
        ],
        2,
      ),
    );
    assert.deepEqual(
      blocks.map((b) => [b.kind, b.kind === 'heading' ? b.level : undefined, b.text]),
      [
        ['heading', 2, 'Part One'],
        ['paragraph', undefined, 'Body text that fills the line and ends on this one.'],
        ['heading', 3, 'A smaller heading'],
        ['paragraph', undefined, 'More body text to read here and the last body line of all.'],
      ],
    );
  });

  it('starts a new paragraph where the line spacing opens up, and not where it does not', () => {
    const { blocks } = blocksFromLines(
      page([
        { text: 'The first paragraph runs' },
        { text: 'over two lines.', right: 140 },
        { text: 'The second one starts after a gap', gap: 22 },
        { text: 'and goes on' },
        { text: 'over three.', right: 120 },
      ]),
    );
    assert.deepEqual(
      blocks.map((b) => b.text),
      [
        'The first paragraph runs over two lines.',
        'The second one starts after a gap and goes on over three.',
      ],
    );
  });

  it('makes captions of "Table 2." lines and list items of bulleted lines', () => {
    const { blocks } = blocksFromLines(
      page([
        { text: 'Table 2. Budget by year', size: 9 },
        { text: 'Plain running text of the body here.' },
        { text: '• first point' },
        { text: '• second point' },
      ]),
    );
    assert.deepEqual(
      blocks.map((b) => [b.kind, b.text]),
      [
        ['caption', 'Table 2. Budget by year'],
        ['paragraph', 'Plain running text of the body here.'],
        ['list-item', 'first point'],
        ['list-item', 'second point'],
      ],
    );
  });

  it('makes list items of a table of contents, whatever its type size, not headings', () => {
    const { blocks } = blocksFromLines(
      page(
        [
          { text: 'Contents', size: 14, gap: 20 },
          { text: '1 Introduction . . . . . . . . . . . . 1', size: 12 },
          { text: '2.1 Methods. . . . . . . . . . . . . . . 7' },
        ],
        2,
      ),
    );
    assert.deepEqual(
      blocks.map((b) => [b.kind, b.text]),
      [
        ['heading', 'Contents'],
        ['list-item', '1 Introduction … 1'],
        ['list-item', '2.1 Methods … 7'],
      ],
    );
  });

  it('carries a paragraph over a page turn, recording where the new page starts', () => {
    const lines = [
      ...page([{ text: 'A sentence that does not end at the foot of the' }]),
      ...page([{ text: 'page but on the next one.', right: 200 }, { text: 'Another paragraph.' }], 2),
    ];
    const { blocks } = blocksFromLines(lines);
    assert.equal(blocks[0].text, 'A sentence that does not end at the foot of the page but on the next one.');
    assert.equal(blocks[0].page, 1);
    assert.deepEqual(blocks[0].pageBreaks, [blocks[0].text.indexOf('page but')]);
    assert.equal(blocks[1].page, 2);
  });

  it('tells a word processor’s title and a login from a real title and author', () => {
    for (const t of [
      'Microsoft Word - report.docx',
      'untitled',
      'Untitled-1',
      'final_v2.pdf',
      'report_2024',
      '',
    ]) {
      assert.ok(isJunkTitle(t), t);
    }
    assert.ok(isJunkTitle('annual-report', 'annual-report.pdf'));
    assert.ok(isJunkTitle('<b>Electronegativity<b><br><p class=manual>User Manual</p>'), 'markup');
    assert.equal(isJunkTitle('Sharing a River: Municipal Water Agreements'), false);
    for (const a of ['Administrator', 'jsmith', 'Windows User', '']) assert.ok(isJunkAuthor(a), a);
    assert.equal(isJunkAuthor('Ana Lima'), false);
  });

  it('reads the PDF date format', () => {
    assert.equal(pdfDate("D:20230105093000+01'00'"), '2023-01-05');
    assert.equal(pdfDate('D:2023'), '2023');
    assert.equal(pdfDate('yesterday'), undefined);
  });
});
