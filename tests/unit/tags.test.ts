import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { countTags, normalizeTags, sameTag } from '../../main/core/annotations/tags';
import type { TagCount } from '../../main/core/annotations/types';

describe('normalizeTags', () => {
  it('trims, collapses inner whitespace and drops empty tags', () => {
    assert.deepEqual(normalizeTags(['  oil   exports ', '', '   ', 'budget\tvote']), ['oil exports', 'budget vote']);
  });

  it('keeps the first spelling when the same tag is written again in another case', () => {
    assert.deepEqual(normalizeTags(['Kirkuk', 'kirkuk', 'KIRKUK ', 'Oil', 'oil']), ['Kirkuk', 'Oil']);
  });

  it('treats composed and decomposed accents as the same tag', () => {
    assert.deepEqual(normalizeTags(['caf\u00e9', 'cafe\u0301']), ['caf\u00e9']);
  });

  it('takes "#claim" as typed for the tag "claim", in the app and on the command line alike', () => {
    assert.deepEqual(normalizeTags(['#claim', 'claim', ' ## Oil exports ', '#']), ['claim', 'Oil exports']);
  });

  it('does not change the list it is given', () => {
    const tags = [' a ', 'A'];
    normalizeTags(tags);
    assert.deepEqual(tags, [' a ', 'A']);
  });
});

describe('sameTag', () => {
  it('ignores case and spacing', () => {
    assert.equal(sameTag('Oil  Exports', ' oil exports'), true);
    assert.equal(sameTag('oil', 'oils'), false);
  });
});

describe('countTags', () => {
  const notes = [
    { tags: ['Oil', 'budget'] },
    { tags: ['oil', 'Kirkuk'] },
    { tags: ['OIL', 'Budget', 'oil'] }, // the repeat within one annotation counts once
    { tags: [] },
  ];

  it('counts each tag once per annotation, case-insensitively, shown as first written', () => {
    assert.deepEqual(countTags(notes), [
      { tag: 'Oil', count: 3 },
      { tag: 'budget', count: 2 },
      { tag: 'Kirkuk', count: 1 },
    ]);
  });

  it('orders equal counts by name, ignoring case', () => {
    assert.deepEqual(
      countTags([{ tags: ['zebra', 'Apple', 'mango'] }]).map((t) => t.tag),
      ['Apple', 'mango', 'zebra'],
    );
  });

  it('accumulates across calls into the same map, e.g. over several articles', () => {
    const into = new Map<string, TagCount>();
    countTags([{ tags: ['Oil'] }], into);
    const total = countTags([{ tags: ['oil', 'salaries'] }], into);
    assert.deepEqual(total, [
      { tag: 'Oil', count: 2 },
      { tag: 'salaries', count: 1 },
    ]);
  });

  it('accepts any iterable, such as a generator', () => {
    function* gen() {
      yield { tags: ['a'] };
      yield { tags: ['A'] };
    }
    assert.deepEqual(countTags(gen()), [{ tag: 'a', count: 2 }]);
  });
});
