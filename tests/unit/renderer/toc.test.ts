/**
 * The reader's table of contents: which headings it lists, how deep they are
 * indented, and which section a place in the text belongs to; and the reading
 * position kept as a place in the text.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sectionAt, tableOfContents, TOC_MAX_DEPTH } from '../../../renderer/src/reader/toc';
import { blockIndexAt, offsetOfFraction, textFraction } from '../../../renderer/src/reader/readingPosition';

let at = 0;
function block(kind: string, text: string, level?: number) {
  const b = { id: `b${at}`, kind, text, start: at, end: at + text.length, level };
  at = b.end + 2;
  return b;
}

describe('tableOfContents: the headings a reader can jump to', () => {
  it("lists an EPUB's chapters (level-1 headings) in reading order, at the top level", () => {
    at = 0;
    const blocks = [
      block('title', 'A Book'),
      block('heading', 'Chapter One', 1),
      block('paragraph', 'It began.'),
      block('heading', 'Chapter Two', 1),
      block('paragraph', 'It went on.'),
      block('heading', 'Chapter Three', 1),
    ];
    assert.deepEqual(
      tableOfContents(blocks).map((e) => [e.text, e.depth, e.id, e.start]),
      [
        ['Chapter One', 1, blocks[1].id, blocks[1].start],
        ['Chapter Two', 1, blocks[3].id, blocks[3].start],
        ['Chapter Three', 1, blocks[5].id, blocks[5].start],
      ],
    );
  });

  it("indents by level relative to the article's highest heading, so an article starting at h2 starts at depth 1", () => {
    at = 0;
    const blocks = [
      block('heading', 'Background', 2),
      block('heading', 'Earlier work', 3),
      block('heading', 'Method', 2),
    ];
    assert.deepEqual(
      tableOfContents(blocks).map((e) => e.depth),
      [1, 2, 1],
    );
  });

  it(`leaves out headings deeper than ${TOC_MAX_DEPTH} levels below the top`, () => {
    at = 0;
    const blocks = [1, 2, 3, 4, 5].map((level) => block('heading', `Level ${level}`, level));
    assert.deepEqual(
      tableOfContents(blocks).map((e) => e.text),
      ['Level 1', 'Level 2', 'Level 3'],
    );
  });

  it('is empty when there is nothing to navigate: no headings, or only one', () => {
    at = 0;
    assert.deepEqual(tableOfContents([block('title', 'Note'), block('paragraph', 'Text.')]), []);
    assert.deepEqual(tableOfContents([block('heading', 'Only', 2), block('paragraph', 'Text.')]), []);
  });

  it('skips headings with no text and trims the rest', () => {
    at = 0;
    const blocks = [
      block('heading', '  Spaced  ', 2),
      block('heading', '   ', 2),
      block('heading', 'Next', 2),
    ];
    assert.deepEqual(
      tableOfContents(blocks).map((e) => e.text),
      ['Spaced', 'Next'],
    );
  });

  it('lists only headings: not the title or the standfirst', () => {
    at = 0;
    const blocks = [
      block('title', 'Title'),
      block('standfirst', 'Summary'),
      block('heading', 'A', 2),
      block('heading', 'B', 2),
    ];
    assert.deepEqual(
      tableOfContents(blocks).map((e) => e.text),
      ['A', 'B'],
    );
  });
});

describe('sectionAt: the section a place in the text belongs to', () => {
  at = 0;
  const blocks = [
    block('paragraph', 'Preface text.'),
    block('heading', 'One', 1),
    block('paragraph', 'First.'),
    block('heading', 'Two', 1),
    block('paragraph', 'Second.'),
  ];
  const toc = tableOfContents(blocks);

  it('is -1 before the first heading', () => {
    assert.equal(sectionAt(toc, 0), -1);
  });
  it('is the heading itself from its first character', () => {
    assert.equal(sectionAt(toc, blocks[1].start), 0);
    assert.equal(sectionAt(toc, blocks[3].start), 1);
  });
  it('is the last heading before a paragraph', () => {
    assert.equal(sectionAt(toc, blocks[2].start + 2), 0);
    assert.equal(sectionAt(toc, blocks[4].end), 1);
  });
});

describe('reading position as a place in the text', () => {
  at = 0;
  const blocks = [block('paragraph', 'aaaa'), block('paragraph', 'bbbb'), block('paragraph', 'cccc')];
  const length = blocks[2].end;

  it('finds the block holding an offset, the next one in the gap between two, the last past the end', () => {
    assert.equal(blockIndexAt(blocks, 0), 0);
    assert.equal(blockIndexAt(blocks, 3), 0);
    assert.equal(blockIndexAt(blocks, 4), 1); // the separator after block 0
    assert.equal(blockIndexAt(blocks, blocks[1].start), 1);
    assert.equal(blockIndexAt(blocks, 999), 2);
  });

  it('turns a block start into a fraction and back to the same block, even in a book-length text', () => {
    const big = 3_000_000;
    for (const start of [0, 1, 12_345, 2_999_990]) {
      assert.equal(offsetOfFraction(textFraction(start, big), big), start);
    }
    assert.equal(blockIndexAt(blocks, offsetOfFraction(textFraction(blocks[1].start, length), length)), 1);
  });

  it('keeps fractions within 0..1', () => {
    assert.equal(textFraction(-5, 10), 0);
    assert.equal(textFraction(50, 10), 1);
    assert.equal(textFraction(3, 0), 0);
  });
});
