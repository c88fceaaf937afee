/**
 * An opened article's blocks take their text from the article's one canonical
 * text (a view into it, not a second copy): what each block says never changes.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildArticle } from '@core/document/build';
import { withSharedBlockTexts } from '../../../renderer/src/reader/sharedText';

const article = () =>
  // As the renderer gets it: a copy through IPC (JSON here), every block's text a string of its own.
  JSON.parse(
    JSON.stringify(
      buildArticle(
        [
          { kind: 'title', text: 'A title' },
          { kind: 'paragraph', text: 'The first paragraph, long enough to be sliced.' },
          { kind: 'paragraph', text: 'Ünïcödé — “quoted” words, and more of them.' },
        ],
        { title: 'A title', format: 'text', importedAt: '2026-01-01T00:00:00.000Z' },
        'shared-text',
      ),
    ),
  );

describe('withSharedBlockTexts: one copy of the words', () => {
  it('leaves every block saying exactly what it said, and the rest of the article as it was', () => {
    const before = article();
    const after = withSharedBlockTexts(article());
    assert.deepEqual(after, before);
    for (const b of after.blocks) assert.equal(b.text, after.text.slice(b.start, b.end));
  });

  it('keeps a block whose text is not its range of the canonical text as it came', () => {
    const a = article();
    a.blocks[1] = { ...a.blocks[1], text: 'Something else entirely.' };
    assert.equal(withSharedBlockTexts(a).blocks[1].text, 'Something else entirely.');
  });
});
