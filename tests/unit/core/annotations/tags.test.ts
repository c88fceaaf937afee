import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyTagChange, countTags, normalizeTags, sameTag, tagCovers, tagKey } from '@core/annotations/tags';
import type { TagCount } from '@core/annotations/types';

describe('normalizeTags', () => {
  it('trims, collapses inner whitespace and drops empty tags', () => {
    assert.deepEqual(normalizeTags(['  oil   exports ', '', '   ', 'budget\tvote']), [
      'oil exports',
      'budget vote',
    ]);
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

  it('lower-cases every letter as the root locale does (no Turkish or Lithuanian rules), İ and final sigma included', () => {
    for (let cp = 0; cp < 0x110000; cp++) {
      if (cp >= 0xd800 && cp < 0xe000) continue;
      const c = String.fromCodePoint(cp);
      if (c.toLowerCase() === c) continue; // caseless or already lower: nothing for a locale to differ on
      assert.equal(
        tagKey(`x${c}`),
        `x${c}`.normalize('NFC').toLocaleLowerCase('und'),
        `U+${cp.toString(16)}`,
      );
    }
    assert.equal(tagKey('ΟΔΟΣ İstanbul'), 'ΟΔΟΣ İstanbul'.toLocaleLowerCase('und'));
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

describe('tagCovers: tags nest by "/"', () => {
  it('a tag covers itself and its children, in any case, but not a longer name', () => {
    assert.ok(tagCovers('coalition', 'coalition'));
    assert.ok(tagCovers('Coalition', 'coalition/strategy'));
    assert.ok(tagCovers('coalition/strategy', 'coalition/Strategy/air'));
    assert.ok(!tagCovers('coalition', 'coalitions'));
    assert.ok(!tagCovers('coalition/strategy', 'coalition'));
    assert.ok(!tagCovers('', 'anything'), 'an empty filter covers nothing');
  });
});

describe('applyTagChange', () => {
  const rename = (from: string[], to: string) => ({ kind: 'rename' as const, from, to });

  it('renames a tag, keeping the others in their place', () => {
    assert.deepEqual(applyTagChange(['oil', 'claim', 'Iraq'], rename(['claim'], 'claims/official')), [
      'oil',
      'claims/official',
      'Iraq',
    ]);
  });

  it('leaves tags it does not name untouched (null: nothing to write)', () => {
    assert.equal(applyTagChange(['oil', 'claims'], rename(['claim'], 'x')), null);
    assert.equal(applyTagChange([], { kind: 'delete', tags: ['claim'] }), null);
  });

  it('renaming into an existing tag merges them, in the new spelling', () => {
    assert.deepEqual(applyTagChange(['Claim', 'evidence', 'claims'], rename(['claim'], 'Claims')), [
      'Claims',
      'evidence',
    ]);
  });

  it('merges several tags into one', () => {
    assert.deepEqual(applyTagChange(['a', 'b', 'c', 'd'], rename(['a', 'c'], 'ac')), ['ac', 'b', 'd']);
  });

  it('moves children with their parent', () => {
    assert.deepEqual(applyTagChange(['claim/disputed', 'claim'], rename(['claim'], 'claims/official')), [
      'claims/official/disputed',
      'claims/official',
    ]);
  });

  it('deletes only the tags named, not their children and not the passage', () => {
    assert.deepEqual(
      applyTagChange(['claim', 'claim/disputed', 'oil'], { kind: 'delete', tags: ['CLAIM'] }),
      ['claim/disputed', 'oil'],
    );
    assert.deepEqual(applyTagChange(['claim'], { kind: 'delete', tags: ['claim'] }), []);
  });

  it('takes "#claim" as typed for "claim"', () => {
    assert.deepEqual(applyTagChange(['claim'], rename(['#claim'], '#assertion')), ['assertion']);
  });
});
