import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { anchor } from '@core/anchoring/anchor';
import { codePointCounter, codePointToUtf16, utf16ToCodePoint } from '@core/anchoring/codepoints';
import { describeRange } from '@core/anchoring/describe';
import { matchQuote } from '@core/anchoring/match-quote';
import { GlossError } from '@core/errors';

const ARTICLE = [
  'ERBIL (Kurdistan 24) – The Kurdistan Region’s parliament met on Monday to debate the budget.',
  'Lawmakers voted to raise the levy on oil exports by five percent, a measure long sought by the finance committee.',
  'Critics said the increase would hurt small producers in Kirkuk and Duhok, who already pay more for transport.',
  'The finance committee said the money would go to salaries that have been delayed since the spring.',
].join('\n\n');

function rangeOf(text: string, phrase: string, from = 0): [number, number] {
  const start = text.indexOf(phrase, from);
  assert.notEqual(start, -1, `test setup: "${phrase}" not in text`);
  return [start, start + phrase.length];
}

function isGlossError(code: string) {
  return (err: unknown) => err instanceof GlossError && err.code === code;
}

describe('describeRange', () => {
  it('records the exact text, up to 32 characters of context either side, and the position', () => {
    const [start, end] = rangeOf(ARTICLE, 'raise the levy on oil exports');
    const { quote, position } = describeRange(ARTICLE, start, end);
    assert.equal(quote.type, 'TextQuoteSelector');
    assert.equal(quote.exact, 'raise the levy on oil exports');
    assert.equal(quote.prefix, ARTICLE.slice(start - 32, start));
    assert.equal(quote.suffix, ARTICLE.slice(end, end + 32));
    assert.deepEqual(position, { type: 'TextPositionSelector', start, end });
  });

  it('gives shorter context at the very start and end of the text', () => {
    const { quote } = describeRange(ARTICLE, 0, 5);
    assert.equal(quote.prefix, '');
    const tail = describeRange(ARTICLE, ARTICLE.length - 7, ARTICLE.length);
    assert.equal(tail.quote.suffix, '');
    assert.equal(tail.quote.exact, 'spring.');
  });

  it('never cuts an emoji in half at the edge of the context', () => {
    const text = 'a😀' + 'x'.repeat(31) + 'QUOTE' + 'y'.repeat(31) + '😀b';
    const start = text.indexOf('QUOTE');
    const { quote } = describeRange(text, start, start + 5);
    assert.equal(quote.prefix, 'x'.repeat(31), 'the half emoji is left out, not kept as a lone surrogate');
    assert.equal(quote.suffix, 'y'.repeat(31));
  });

  it('leaves out the spaces and line breaks a selection by words takes at either end', () => {
    const [start, end] = rangeOf(ARTICLE, 'raise the levy on oil exports');
    const { quote, position } = describeRange(ARTICLE, start - 1, end + 1);
    assert.equal(quote.exact, 'raise the levy on oil exports');
    assert.deepEqual(position, { type: 'TextPositionSelector', start, end });
    assert.equal(quote.prefix, ARTICLE.slice(start - 32, start));
  });

  it('rejects ranges outside the text, reversed or empty with OUT_OF_RANGE', () => {
    assert.throws(() => describeRange(ARTICLE, -1, 4), isGlossError('OUT_OF_RANGE'));
    assert.throws(() => describeRange(ARTICLE, 0, ARTICLE.length + 1), isGlossError('OUT_OF_RANGE'));
    assert.throws(() => describeRange(ARTICLE, 10, 10), isGlossError('OUT_OF_RANGE'));
    assert.throws(() => describeRange(ARTICLE, 10, 5), isGlossError('OUT_OF_RANGE'));
    assert.throws(() => describeRange(ARTICLE, 1.5, 5), isGlossError('OUT_OF_RANGE'));
  });

  it('rejects a selection of only whitespace (such as the gap between paragraphs) as INVALID_REQUEST', () => {
    const gap = ARTICLE.indexOf('\n\n');
    assert.throws(() => describeRange(ARTICLE, gap, gap + 2), isGlossError('INVALID_REQUEST'));
  });
});

describe('anchor', () => {
  it('finds a passage at its stored position in unchanged text (round trip)', () => {
    const [start, end] = rangeOf(ARTICLE, 'hurt small producers in Kirkuk');
    const target = describeRange(ARTICLE, start, end);
    assert.deepEqual(anchor(ARTICLE, target), { start, end, method: 'position' });
  });

  it('round-trips a passage that crosses a paragraph break', () => {
    const [start] = rangeOf(ARTICLE, 'finance committee.');
    const [, end] = rangeOf(ARTICLE, 'Critics said');
    const target = describeRange(ARTICLE, start, end);
    assert.ok(target.quote.exact.includes('\n\n'));
    assert.deepEqual(anchor(ARTICLE, target), { start, end, method: 'position' });
  });

  it('follows the quote when text is inserted before it', () => {
    const [start, end] = rangeOf(ARTICLE, 'raise the levy on oil exports');
    const target = describeRange(ARTICLE, start, end);
    const inserted = 'Editor’s note: this story was updated on Tuesday.\n\n';
    const changed = inserted + ARTICLE;
    const found = anchor(changed, target);
    assert.deepEqual(found, { start: start + inserted.length, end: end + inserted.length, method: 'quote' });
  });

  it('finds a slightly edited quote fuzzily, covering the edited words', () => {
    const [start, end] = rangeOf(ARTICLE, 'voted to raise the levy on oil exports by five percent');
    const target = describeRange(ARTICLE, start, end);
    const changed =
      'UPDATED. ' +
      ARTICLE.replace('raise the levy on oil exports by five', 'raise the tax on oil exports by 5');
    const found = anchor(changed, target);
    assert.ok(found, 'an edited passage is still found');
    assert.equal(found.method, 'fuzzy');
    assert.equal(changed.slice(found.start, found.end), 'voted to raise the tax on oil exports by 5 percent');
  });

  it('returns null when the passage was removed, so the caller can keep it as an orphan', () => {
    const [start, end] = rangeOf(
      ARTICLE,
      'Critics said the increase would hurt small producers in Kirkuk and Duhok',
    );
    const target = describeRange(ARTICLE, start, end);
    const paragraphs = ARTICLE.split('\n\n');
    const changed = [paragraphs[0], paragraphs[1], paragraphs[3]].join('\n\n');
    assert.equal(anchor(changed, target), null);
  });

  it('does not accept a near-quote in unrelated surroundings', () => {
    const target = describeRange('before the words pay more for transport after', 17, 39);
    assert.equal(target.quote.exact, 'pay more for transport');
    const elsewhere =
      'A wholly different story in which people pay more for transit every week, says nobody.';
    assert.equal(anchor(elsewhere, target), null);
  });

  it('picks, of a repeated phrase, the occurrence whose prefix and suffix match', () => {
    // "finance committee" appears in paragraphs 2 and 4; quote the one in paragraph 2.
    const [start, end] = rangeOf(ARTICLE, 'finance committee');
    assert.notEqual(ARTICLE.indexOf('finance committee', end), -1, 'test setup: the phrase repeats');
    const target = describeRange(ARTICLE, start, end);
    // A new paragraph above adds a third occurrence and shifts every offset.
    const changed = 'A profile of the finance committee and its chair.\n\n' + ARTICLE;
    const found = anchor(changed, target);
    assert.ok(found);
    assert.equal(
      changed.slice(found.start - 'long sought by the '.length, found.end),
      'long sought by the finance committee',
    );
  });

  it('does not trust the stored position when the same words landed there by accident', () => {
    const text = 'alpha one beta. gamma one delta.';
    const target = describeRange(text, text.indexOf('one', 15), text.indexOf('one', 15) + 3, 6);
    // Shift everything so the first "one" now sits where the second one was.
    const shift = text.indexOf('one', 15) - text.indexOf('one');
    const changed = 'x'.repeat(shift) + text;
    assert.equal(
      changed.slice(target.position.start, target.position.end),
      'one',
      'the old position holds the same word',
    );
    const found = anchor(changed, target);
    assert.ok(found);
    assert.equal(found.start, changed.indexOf('one', changed.indexOf('gamma')));
    assert.equal(found.method, 'quote');
  });

  it('prefers the occurrence nearest the stored position when context cannot tell them apart', () => {
    const text = 'same words here. same words here. same words here.';
    const target = {
      quote: { type: 'TextQuoteSelector' as const, exact: 'same words', prefix: '', suffix: '' },
      position: { type: 'TextPositionSelector' as const, start: 30, end: 40 },
    };
    const found = anchor(text, target);
    assert.equal(found?.start, 34);
  });

  it('finds an edited quote far from its old position by searching the whole text', () => {
    const filler = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(200);
    const original = filler + ARTICLE;
    const [start, end] = rangeOf(original, 'hurt small producers in Kirkuk and Duhok');
    const target = describeRange(original, start, end);
    const changed = ARTICLE.replace('Kirkuk and Duhok', 'Kirkuk and Dohuk') + '\n\n' + filler;
    const found = anchor(changed, target);
    assert.ok(found);
    assert.equal(changed.slice(found.start, found.end), 'hurt small producers in Kirkuk and Dohuk');
  });
});

describe('matchQuote', () => {
  it('returns null for an empty quote or empty text', () => {
    assert.equal(matchQuote('abc', ''), null);
    assert.equal(matchQuote('', 'abc'), null);
  });

  it('scores an exact match with matching context as 1', () => {
    const m = matchQuote('aaa quote bbb', { exact: 'quote', prefix: 'aaa ', suffix: ' bbb' });
    assert.deepEqual(m, { start: 4, end: 9, errors: 0, score: 1 });
  });

  it('requires short quotes to match exactly: a few letters are too little to guess from', () => {
    assert.equal(matchQuote('the cat sat', 'cot'), null);
  });
});

describe('code points', () => {
  const text = 'Flag 🇮🇶 and smile 😀 then the passage.';

  it('converts UTF-16 offsets after emoji to fewer code points (one per surrogate pair)', () => {
    const start = text.indexOf('the passage');
    const pairs = 3; // the flag is two regional indicators, the smile one
    assert.equal(utf16ToCodePoint(text, start), start - pairs);
    assert.equal(codePointToUtf16(text, start - pairs), start);
  });

  it('is the identity on text without astral characters', () => {
    assert.equal(utf16ToCodePoint('plain', 3), 3);
    assert.equal(codePointToUtf16('plain', 5), 5);
  });

  it('round-trips every offset that does not split a character', () => {
    for (let i = 0; i <= text.length; i++) {
      const cp = utf16ToCodePoint(text, i);
      const back = codePointToUtf16(text, cp);
      const splitsPair = i > 0 && i < text.length && /[\uDC00-\uDFFF]/.test(text[i]);
      assert.equal(back, splitsPair ? i - 1 : i, `offset ${i}`);
    }
  });

  it('counts the same through a counter made once per text, for every offset, lone surrogates included', () => {
    for (const t of [text, 'plain', '', '\uD83D', 'a\uDE00b\uD83D\uD83D\uDE00c', '😀😀']) {
      const count = codePointCounter(t);
      for (let i = 0; i <= t.length; i++)
        assert.equal(count(i), utf16ToCodePoint(t, i), `${JSON.stringify(t)} at ${i}`);
      assert.throws(() => count(t.length + 1), isGlossError('OUT_OF_RANGE'));
    }
  });

  it('rejects offsets outside the text', () => {
    assert.throws(() => utf16ToCodePoint(text, text.length + 1), isGlossError('OUT_OF_RANGE'));
    assert.throws(() => codePointToUtf16('😀', 2), isGlossError('OUT_OF_RANGE'));
    assert.throws(() => codePointToUtf16('x', -1), isGlossError('OUT_OF_RANGE'));
  });
});
