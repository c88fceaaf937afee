import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  encodeDirectivePart,
  formatTextDirective,
  textDirectiveParts,
  textFragmentLink,
} from '@core/export/text-fragment';

/** Parts for the first occurrence of `phrase` in `text`. */
function partsFor(text: string, phrase: string, from = 0) {
  const start = text.indexOf(phrase, from);
  assert.notEqual(start, -1, `test setup: "${phrase}" not in the text`);
  return textDirectiveParts(text, start, start + phrase.length);
}

const ARTICLE = [
  'Parliament raises the oil levy',
  'ERBIL – Parliament met on Monday to debate the budget, and the levy rose.',
  'The levy rises by 5 percent. Critics call it a tax grab & worse.',
  'Members said the levy rises were needed; others said the levy rises were not.',
].join('\n\n');

describe('Text fragment directives (WICG Text Fragments)', () => {
  it('percent-encodes the directive syntax characters "-", "&" and ",", spaces and non-ASCII letters', () => {
    assert.equal(encodeDirectivePart('well-known'), 'well%2Dknown');
    assert.equal(encodeDirectivePart('tax & grab'), 'tax%20%26%20grab');
    assert.equal(encodeDirectivePart('one, two'), 'one%2C%20two');
    assert.equal(encodeDirectivePart('Erbil – café'), 'Erbil%20%E2%80%93%20caf%C3%A9');
    // Every encoded part decodes back to the words.
    assert.equal(decodeURIComponent(encodeDirectivePart('a-b, c & d – é')), 'a-b, c & d – é');
  });

  it('sends a short passage found once as its exact words, with no prefix or suffix', () => {
    assert.deepEqual(partsFor(ARTICLE, 'Critics call it a tax grab'), {
      textStart: 'Critics call it a tax grab',
    });
  });

  it('widens a selection that starts or ends inside a word to whole words (a browser matches whole words only)', () => {
    assert.deepEqual(partsFor(ARTICLE, 'ritics call it a tax gr'), {
      textStart: 'Critics call it a tax grab',
    });
  });

  it('collapses white space and trims it from the ends', () => {
    const text = 'Before.\n\n  The   levy\trises  here.  ';
    assert.deepEqual(partsFor(text, '  The   levy\trises  '), { textStart: 'The levy rises' });
  });

  it('adds the words just before it as a prefix when the passage occurs more than once', () => {
    // "the levy rises" occurs three times (case-insensitively); "said the levy rises were" twice.
    const second = ARTICLE.indexOf('the levy rises were needed');
    const parts = textDirectiveParts(ARTICLE, second, second + 'the levy rises'.length);
    assert.deepEqual(parts, { prefix: 'Members said', textStart: 'the levy rises' });
  });

  it('adds a suffix when the words before are not enough, never taking context from another paragraph', () => {
    const text = 'Intro.\n\nthe vote passed.\n\nthe vote passed again.';
    const first = textDirectiveParts(text, text.indexOf('the vote'), text.indexOf('the vote') + 8);
    // Nothing before it in its paragraph: the suffix tells them apart.
    assert.deepEqual(first, { textStart: 'the vote', suffix: 'passed.' });
    const last = text.lastIndexOf('the vote passed');
    assert.deepEqual(textDirectiveParts(text, last, last + 15), {
      textStart: 'the vote passed',
      suffix: 'again.',
    });
  });

  it('sends a passage that spans paragraphs as textStart,textEnd (a browser never matches across blocks)', () => {
    const start = ARTICLE.indexOf('Parliament met');
    const end = ARTICLE.indexOf('tax grab') + 'tax grab'.length;
    assert.deepEqual(textDirectiveParts(ARTICLE, start, end), {
      textStart: 'Parliament met on Monday to',
      textEnd: 'call it a tax grab',
    });
  });

  it('sends a long passage as its first and last words', () => {
    const words = Array.from({ length: 80 }, (_, i) => `word${i}`).join(' ');
    const parts = textDirectiveParts(words, 0, words.length);
    assert.deepEqual(parts, {
      textStart: 'word0 word1 word2 word3 word4',
      textEnd: 'word75 word76 word77 word78 word79',
    });
  });

  it('writes prefix-, and ,-suffix around the encoded parts', () => {
    assert.equal(
      formatTextDirective({ prefix: 'a-b', textStart: 'c, d', textEnd: 'e & f', suffix: 'g' }),
      'text=a%2Db-,c%2C%20d,e%20%26%20f,-g',
    );
  });

  it('gives nothing for a range with no words', () => {
    assert.equal(textDirectiveParts('a   b', 1, 4), undefined);
  });
});

describe('Text fragment links', () => {
  const start = ARTICLE.indexOf('Critics call it a tax grab & worse.');
  const end = start + 'Critics call it a tax grab & worse.'.length;

  it('appends the directive to the page address after ":~:"', () => {
    assert.equal(
      textFragmentLink('https://example.org/levy', ARTICLE, start, end),
      'https://example.org/levy#:~:text=Critics%20call%20it%20a%20tax%20grab%20%26%20worse.',
    );
  });

  it('keeps a fragment the address already has, and replaces a directive it had', () => {
    assert.match(
      textFragmentLink('https://example.org/levy#section-2', ARTICLE, start, end)!,
      /^https:\/\/example\.org\/levy#section-2:~:text=Critics/,
    );
    assert.match(
      textFragmentLink('https://example.org/levy#:~:text=old', ARTICLE, start, end)!,
      /^https:\/\/example\.org\/levy#:~:text=Critics[^~]*$/,
    );
  });

  it('makes no link for an address a browser would not open', () => {
    assert.equal(textFragmentLink('urn:gloss:article:abc', ARTICLE, start, end), undefined);
    assert.equal(textFragmentLink('file:///home/a/levy.html', ARTICLE, start, end), undefined);
  });
});
