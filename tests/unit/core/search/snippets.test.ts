import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { firstMatch, firstMatchByTerms, markedRanges, markedRangesByTerms } from '@core/search/snippets';
import { findRun, fold, placedTerms } from '@core/search/fold';

/** The first match as a scan of every folded term finds it (what firstMatch must answer, faster). */
function reference(
  text: string,
  words: string[],
  phrases: string[][],
): { start: number; end: number } | null {
  const placed = placedTerms(text);
  if (phrases.length) {
    let best: { start: number; end: number } | null = null;
    for (const p of phrases) {
      const i = findRun(placed, p);
      if (i >= 0 && (!best || placed[i].start < best.start))
        best = { start: placed[i].start, end: placed[i + p.length - 1].end };
    }
    return best;
  }
  const t = placed.find((x) => words.includes(x.term));
  return t ? { start: t.start, end: t.end } : null;
}

const TEXTS = [
  'The Coalition met. coalition partners met again.',
  'coalitions, then coalition',
  'x-coalition and $coalition and coalition$ and coalition',
  'tab\tcoalition is one term; then coalition.',
  'Café society; the CAFE; cafe',
  'naïve NAIVE naive',
  '“Coalition” (coalition) [COALITION]',
  'no match here at all',
  '',
  'oil oil-rich oils; Oil.',
  'the top priority of the top priority',
  'Ölfeld öl OL ol',
];

describe('snippets: the first match', () => {
  it('is the first whole word, in any case, as the scan of every term finds it', () => {
    for (const text of TEXTS)
      for (const words of [
        ['coalition'],
        ['cafe', 'naive'],
        ['oil'],
        ['ol'],
        ['priority', 'top'],
        ['missing'],
      ])
        assert.deepEqual(
          firstMatch(text, { words: new Set(words), phrases: [] }),
          reference(text, words, []),
          `${words.join(' ')} in “${text}”`,
        );
  });

  it('of a phrase is its earliest place, the words in order with only separators between', () => {
    const phrases = [
      ['top', 'priority'],
      ['coalition', 'partners'],
      ['oil', 'rich'],
      ['the', 'coalition'],
      ['naive'],
    ];
    for (const text of TEXTS)
      for (const p of phrases)
        assert.deepEqual(
          firstMatch(text, { words: new Set(), phrases: [p] }),
          reference(text, [], [p]),
          `“${p.join(' ')}” in “${text}”`,
        );
    const both = [
      ['top', 'priority'],
      ['the', 'top'],
    ];
    const text = TEXTS[10];
    assert.deepEqual(firstMatch(text, { words: new Set(), phrases: both }), reference(text, [], both));
    assert.equal(fold('ÖL'), 'ol');
  });
});

describe('snippets: the first match in an ASCII text', () => {
  it('is where folding every term finds it, for words and phrases, in random text', () => {
    const alphabet = 'aAbBoOlLiI0 ._-,;:!?"\'()[]{}$+<=>^`|~#%&*/@\\\t\n\r';
    let seed = 11;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const matches = [
      { words: new Set(['a', 'oil', 'b0', '$a']), phrases: [] },
      { words: new Set<string>(), phrases: [['a', 'b']] },
      {
        words: new Set<string>(),
        phrases: [
          ['a', 'a', 'b'],
          ['b', 'a'],
        ],
      },
      { words: new Set<string>(), phrases: [['bo', 'li'], ['i']] },
      { words: new Set<string>(), phrases: [['a b', 'a']] },
    ];
    for (let k = 0; k < 3000; k++) {
      const text = Array.from({ length: rand(60) }, () => alphabet[rand(alphabet.length)]).join('');
      for (const match of matches)
        assert.deepEqual(
          firstMatch(text, match),
          firstMatchByTerms(text, match),
          JSON.stringify([text, match.phrases]),
        );
    }
  });

  it('of a phrase spans a line break and punctuation, in any case', () => {
    const text = 'Nothing here. The Top\n— PRIORITY, then.';
    assert.deepEqual(firstMatch(text, { words: new Set(), phrases: [['top', 'priority']] }), {
      start: 18,
      end: 32,
    });
  });
});

describe('snippets: the marked words', () => {
  const WORDS = [['coalition'], ['cafe', 'naive'], ['oil', 'rich'], ['ol'], ['priority', 'top'], ['missing']];

  it('are every whole word in any case, as placing every term finds them', () => {
    for (const text of [
      ...TEXTS,
      'a\tcoalition b',
      'coalition\ncoalition\rcoalition',
      'oil_rich oil~rich oil|rich',
    ])
      for (const words of WORDS) {
        const match = { words: new Set(words), phrases: [] };
        assert.deepEqual(
          markedRanges(text, match),
          markedRangesByTerms(text, match),
          `${words} in “${text}”`,
        );
      }
  });

  it('are found alike in random ASCII text of letters, digits, spaces, punctuation and symbols', () => {
    const alphabet = 'aAbBoOlLiI0 ._-,;:!?"\'()[]{}$+<=>^`|~#%&*/@\\\t\n\r';
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let k = 0; k < 2000; k++) {
      const text = Array.from({ length: rand(60) }, () => alphabet[rand(alphabet.length)]).join('');
      const words = new Set(['a', 'ab', 'oil', 'b0', 'lol', 'i', '$a', 'a b']);
      const match = { words, phrases: [] };
      assert.deepEqual(markedRanges(text, match), markedRangesByTerms(text, match), JSON.stringify(text));
    }
  });

  it('of a phrase mark it whole; a word is marked alone', () => {
    const text = 'The top priority, then the TOP — priority.';
    const match = { words: new Set(['then']), phrases: [['top', 'priority']] };
    assert.deepEqual(markedRanges(text, match), [
      [4, 16],
      [18, 22],
      [27, 41],
    ]);
  });
});
