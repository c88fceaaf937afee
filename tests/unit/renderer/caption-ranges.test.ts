/**
 * Selections across figures: a selection from one body paragraph to the next
 * across a photo highlights the body text only (one highlight per side),
 * unless it starts or ends inside the caption; the Markdown export marks a
 * caption that a passage runs through.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bodyRanges } from '../../../renderer/src/reader/captionRanges';
import { buildArticle } from '@core/document/build';
import { passageLines } from '@core/export/passage-markdown';

const article = async () =>
  buildArticle(
    [
      { kind: 'paragraph', text: 'The first paragraph ends here.' },
      { kind: 'caption', text: 'Soldiers at the airfield. (Photo: A. Person)', creditOffset: 26 },
      { kind: 'paragraph', text: 'The second paragraph starts here.' },
    ],
    { title: 'Figures', format: 'text' },
    'figures',
  );

describe('a selection across a photo caption', () => {
  it('becomes one range per side of the caption, trimmed to the words', async () => {
    const a = await article();
    const start = a.text.indexOf('ends here');
    const end = a.text.indexOf('second paragraph') + 'second paragraph'.length;
    const ranges = bodyRanges(a.blocks, a.text, start, end);
    assert.deepEqual(
      ranges.map((r) => a.text.slice(r.start, r.end)),
      ['ends here.', 'The second paragraph'],
    );
  });

  it('is kept whole when it starts inside the caption', async () => {
    const a = await article();
    const start = a.text.indexOf('airfield');
    const end = a.text.indexOf('second');
    assert.deepEqual(bodyRanges(a.blocks, a.text, start, end), [{ start, end }]);
  });

  it('is kept whole when it ends inside the caption (its credit too)', async () => {
    const a = await article();
    const start = a.text.indexOf('first');
    const end = a.text.indexOf('A. Person') + 3;
    assert.deepEqual(bodyRanges(a.blocks, a.text, start, end), [{ start, end }]);
  });

  it('leaves a selection that crosses no caption alone', () => {
    const blocks = [
      { kind: 'paragraph', start: 0, end: 5 },
      { kind: 'paragraph', start: 7, end: 12 },
    ];
    assert.deepEqual(bodyRanges(blocks, 'aaaaa\n\nbbbbb', 2, 10), [{ start: 2, end: 10 }]);
  });
});

describe('the Markdown export of a passage running through a caption', () => {
  it('marks the caption as one, so it is never read as the article body', async () => {
    const a = await article();
    const start = a.text.indexOf('ends here');
    const end = a.text.indexOf('second paragraph') + 'second paragraph'.length;
    const lines = passageLines(a, start, end, a.text.slice(start, end));
    assert.deepEqual(lines, [
      'ends here.',
      '',
      '*(Photo caption)* Soldiers at the airfield. (Photo: A. Person)',
      '',
      'The second paragraph',
    ]);
  });

  it('leaves a passage wholly inside a caption unmarked (it is a quote of the caption)', async () => {
    const a = await article();
    const start = a.text.indexOf('Soldiers');
    const end = a.text.indexOf('airfield') + 'airfield'.length;
    assert.deepEqual(passageLines(a, start, end, a.text.slice(start, end)), ['Soldiers at the airfield']);
  });
});
