/** buildArticle turns an importer's in-article links (`#name`, to a block's anchor) into links to block ids. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildArticle } from '@core/document/build';
import type { BlockInput } from '@core/document/types';

const meta = { title: 'Book', format: 'epub' as const };

describe('In-article links, as buildArticle settles them', () => {
  it('points `#name` at the id of the block holding that anchor, and stores no anchors', () => {
    const inputs: BlockInput[] = [
      { kind: 'paragraph', text: 'See the note.', links: [{ start: 8, end: 12, href: '#notes#n1' }] },
      { kind: 'paragraph', text: '1. A note.', anchors: ['notes#n1'] },
    ];
    const article = buildArticle(inputs, meta, 'x');
    assert.equal(article.blocks[0].links?.[0].href, `#${article.blocks[1].id}`);
    assert.ok(article.blocks.every((b) => !('anchors' in b)));
  });

  it('an anchor on a block that is dropped (no text) goes to the next block', () => {
    const inputs: BlockInput[] = [
      { kind: 'paragraph', text: 'Go on.', links: [{ start: 0, end: 2, href: '#here' }] },
      { kind: 'paragraph', text: '', anchors: ['here'] },
      { kind: 'heading', text: 'Next part', level: 2 },
    ];
    const article = buildArticle(inputs, meta, 'y');
    assert.equal(article.blocks[0].links?.[0].href, `#${article.blocks[1].id}`);
    assert.equal(article.blocks[1].text, 'Next part');
  });

  it('a link to an anchor no block holds is dropped, its words kept; web links stay as they are', () => {
    const inputs: BlockInput[] = [
      {
        kind: 'paragraph',
        text: 'Nowhere and the web.',
        links: [
          { start: 0, end: 7, href: '#missing' },
          { start: 16, end: 19, href: 'https://example.org/' },
        ],
      },
    ];
    const article = buildArticle(inputs, meta, 'z');
    assert.equal(article.text, 'Nowhere and the web.');
    assert.deepEqual(article.blocks[0].links, [{ start: 16, end: 19, href: 'https://example.org/' }]);
  });
});
