import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { findAll, foldText } from '../../../renderer/src/reader/findInText';

const find = (text: string, q: string) => findAll(foldText(text), q).map(([s, e]) => text.slice(s, e));

describe('find in the article', () => {
  it('finds every occurrence, ignoring case', () => {
    assert.deepEqual(find('The Coalition said the coalition would stay.', 'coalition'), [
      'Coalition',
      'coalition',
    ]);
  });
  it('ignores diacritics both ways, and maps offsets back to the original text', () => {
    assert.deepEqual(find('Un café à Erbil; a cafe in Duhok.', 'cafe'), ['café', 'cafe']);
    assert.deepEqual(find('Un cafe\u0301 noir', 'café'), ['cafe\u0301']);
  });
  it('counts characters outside the BMP correctly (emoji before the match)', () => {
    const text = '🇮🇶 flags over Mosul';
    const [[s, e]] = findAll(foldText(text), 'mosul');
    assert.equal(text.slice(s, e), 'Mosul');
  });
  it('a space in the query matches a line break in the text', () => {
    assert.deepEqual(find('top\npriority', 'top priority'), ['top\npriority']);
  });
  it('finds nothing for an empty query, and stops at the limit', () => {
    assert.deepEqual(find('abc', '   '), []);
    assert.equal(findAll(foldText('a '.repeat(100)), 'a', 10).length, 10);
  });
});
