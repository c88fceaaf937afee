import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildArticle } from '@core/document/build';
import type { Article } from '@core/document/types';
import { citationLine, splitAuthors } from '@core/export/citation';
import { citeAnnotation, joinCitations } from '@core/export/cite';
import { annotator } from '../../helpers/export-fixtures';

function makeArticle(meta: Partial<Article['meta']> = {}): Article {
  return buildArticle(
    [
      { kind: 'title', text: 'Parliament raises the oil levy' },
      { kind: 'paragraph', text: 'Parliament met on Monday to debate the budget.' },
      { kind: 'paragraph', text: 'The levy rises by 5 percent & more, critics say.' },
      { kind: 'paragraph', text: 'The finance committee welcomed the vote.' },
    ],
    {
      title: 'Parliament raises the oil levy',
      byline: 'Kosar Nawzad, Jane Doe',
      source: 'Kurdistan 24',
      published: '2024-03-05T08:00:00Z',
      url: 'https://example.org/levy',
      format: 'html',
      ...meta,
    },
    JSON.stringify(meta),
  );
}

const annotate = annotator(() => ({ id: 'a1' }));

const article = makeArticle();
const levy = annotate(article, 'The levy rises by 5 percent & more');

describe('Copy with citation', () => {
  const cited = citeAnnotation(article, levy);

  it('gives plain text: the quote, then — Author, "Title", Source, Date, ¶N, then the link to the words', () => {
    assert.equal(
      cited.text,
      [
        '“The levy rises by 5 percent & more”',
        '— Kosar Nawzad and Jane Doe, "Parliament raises the oil levy", Kurdistan 24, 2024-03-05, ¶2',
        'https://example.org/levy#:~:text=The%20levy%20rises%20by%205%20percent%20%26%20more',
      ].join('\n'),
    );
    assert.equal(cited.link, cited.text.split('\n')[2]);
  });

  it('gives HTML: a blockquote, then the citation with the title linking to the words', () => {
    assert.equal(
      cited.html,
      '<blockquote><p>The levy rises by 5 percent &#38; more</p></blockquote>' +
        '<p>— Kosar Nawzad and Jane Doe, "<a href="https://example.org/levy#:~:text=The%20levy%20rises%20by%205%20percent%20%26%20more">' +
        'Parliament raises the oil levy</a>", Kurdistan 24, 2024-03-05, ¶2</p>',
    );
  });

  it('gives Markdown: a quote block, then the citation with the title as a link', () => {
    assert.equal(
      cited.md,
      '> The levy rises by 5 percent & more\n\n— Kosar Nawzad and Jane Doe, "[Parliament raises the oil levy](<https://example.org/levy#:~:text=The%20levy%20rises%20by%205%20percent%20%26%20more>)", Kurdistan 24, 2024-03-05, ¶2',
    );
  });

  it('has no link, and no title link, when the article has no web address', () => {
    const offline = makeArticle({ url: undefined });
    const c = citeAnnotation(offline, annotate(offline, 'welcomed the vote'));
    assert.equal(c.link, undefined);
    assert.equal(c.text.split('\n').length, 2);
    assert.doesNotMatch(c.html, /<a /);
    assert.match(c.text, /, ¶3$/);
  });

  it('leaves out what the article does not know', () => {
    const bare = makeArticle({ byline: undefined, source: undefined, published: undefined, url: undefined });
    assert.equal(
      citeAnnotation(bare, annotate(bare, 'Parliament met')).text.split('\n')[1],
      '— "Parliament raises the oil levy", ¶1',
    );
  });

  it('escapes markup in the quote and the title', () => {
    const odd = makeArticle({ title: '<b>Bold</b> & "quoted"', url: undefined });
    const c = citeAnnotation(odd, annotate(odd, 'Parliament met'));
    assert.match(c.html, /&#60;b&#62;Bold&#60;\/b&#62; &#38; &#34;quoted&#34;/);
    assert.doesNotMatch(c.html, /<b>/);
    assert.match(c.md, /"\\<b\\>Bold\\<\/b\\> & "quoted""/);
  });

  it('keeps a passage across paragraphs as paragraphs, and links its first and last words', () => {
    const across = annotate(article, 'debate the budget.\n\nThe levy rises');
    const c = citeAnnotation(article, across);
    assert.match(c.text, /^“debate the budget\.\n\nThe levy rises”\n/);
    assert.match(c.html, /^<blockquote><p>debate the budget\.<\/p><p>The levy rises<\/p><\/blockquote>/);
    assert.match(c.link!, /#:~:text=debate%20the%20budget\.,The%20levy%20rises$/);
  });

  it('cites a passage no longer in the text without a locator, its link made from the quote alone', () => {
    const lost = {
      ...levy,
      orphan: true as const,
      target: { ...levy.target, position: { ...levy.target.position, start: 0, end: 3 } },
    };
    const c = citeAnnotation(article, lost);
    assert.match(c.text.split('\n')[1], /2024-03-05$/);
    assert.match(c.link!, /#:~:text=The%20levy%20rises/);
  });

  it('joins several passages with a blank line between them', () => {
    const two = joinCitations([cited, citeAnnotation(article, annotate(article, 'welcomed the vote'))]);
    assert.equal(two.text.split('\n\n').length, 2);
    assert.match(two.html, /<\/p>\n<blockquote>/);
  });
});

describe('Citation fields', () => {
  it('splits a byline into authors however it joins them', () => {
    assert.deepEqual(splitAuthors('Kosar Nawzad, Jane Doe'), ['Kosar Nawzad', 'Jane Doe']);
    assert.deepEqual(splitAuthors('By Kosar Nawzad and Jane Doe'), ['Kosar Nawzad', 'Jane Doe']);
    assert.deepEqual(splitAuthors('A; B & C'), ['A', 'B', 'C']);
    assert.deepEqual(splitAuthors(undefined), []);
  });

  it('names three or more authors as "A, B and C"', () => {
    assert.equal(citationLine({ authors: ['A', 'B', 'C'], title: 'T' }), '— A, B and C, "T"');
  });

  it('takes the locator "p. N" from a block that knows its page', () => {
    const paged = makeArticle();
    (paged.blocks[2] as { page?: number }).page = 12;
    assert.match(citeAnnotation(paged, annotate(paged, 'The levy rises')).text, /, p\. 12\n/);
  });
});
