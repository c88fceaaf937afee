import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { firstMatch } from '@core/search/snippets';
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
