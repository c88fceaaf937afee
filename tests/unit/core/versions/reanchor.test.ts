/**
 * Re-anchoring on a new version: every band with its own test, and nothing
 * ever dropped.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Annotation } from '@core/annotations/types';
import { describeRange } from '@core/anchoring/describe';
import { offsetMap, reanchorOnVersion, sameWords } from '@core/versions/reanchor';
import { versionHash } from '@core/versions/version-list';

const OLD = [
  'Ceasefire talks resume in Doha',
  'Negotiators met on Tuesday. The mediator said the ceasefire holds across the north for now.',
  'The minister said 40 people died in the strike on the market, according to hospital records.',
  'Aid convoys crossed at dawn. Officials called it "a fragile but real opening" for relief.',
  'A spokesman declined to comment on the prisoner exchange that was announced last week.',
].join('\n\n');

function annotationOn(text: string, words: string, n: number): Annotation {
  const start = text.indexOf(words);
  assert.ok(start >= 0, `the test text holds “${words}”`);
  const { quote, position } = describeRange(text, start, start + words.length);
  return {
    id: `a${n}`,
    articleId: 'art',
    target: { source: 'art', quote, position },
    color: 'yellow',
    tags: ['t'],
    note: `note ${n}`,
    created: '2026-01-01T00:00:00.000Z',
    modified: '2026-01-01T00:00:00.000Z',
    versionHash: versionHash(text),
  };
}

function reanchor(newText: string, annotations: Annotation[]) {
  return reanchorOnVersion(annotations, {
    oldText: OLD,
    newText,
    fromVersion: versionHash(OLD),
    toVersion: versionHash(newText),
  });
}

describe('re-anchoring on a new version', () => {
  it('moves an exact quote in the same context silently, confirmed on the new version', () => {
    const newText = OLD.replace(
      'Ceasefire talks resume in Doha',
      'Ceasefire talks resume in Doha\n\nUpdated at 14:00 with new figures from the ministry.',
    );
    const a = annotationOn(OLD, 'the ceasefire holds across the north', 1);
    const [r] = reanchor(newText, [a]);
    assert.equal(r.band, 'silent');
    const { start, end } = r.annotation.target.position;
    assert.equal(newText.slice(start, end), 'the ceasefire holds across the north');
    assert.ok(start > a.target.position.start, 'it moved down with the inserted paragraph');
    assert.equal(r.annotation.versionHash, versionHash(newText));
    assert.equal(r.annotation.versionChange, undefined);
    assert.equal(r.annotation.note, 'note 1');
  });

  it('marks "moved" an exact quote whose surroundings changed', () => {
    const newText = OLD.replace(
      'Negotiators met on Tuesday. The mediator said the ceasefire holds across the north for now.',
      'After a week of shuttle diplomacy, a senior official insisted that the ceasefire holds across the north, despite reports.',
    );
    const [r] = reanchor(newText, [annotationOn(OLD, 'the ceasefire holds across the north', 1)]);
    assert.equal(r.band, 'moved');
    assert.equal(r.annotation.versionChange?.band, 'moved');
    assert.equal(r.annotation.versionHash, versionHash(newText));
    assert.equal(r.annotation.target.quote.exact, 'the ceasefire holds across the north');
  });

  it('marks "moved" a quote found only by the fuzzy search whose words are unchanged (typography, spacing)', () => {
    const newText = OLD.replace('"a fragile but real opening"', '“a fragile but  real opening”');
    const [r] = reanchor(newText, [
      annotationOn(OLD, 'called it "a fragile but real opening" for relief', 1),
    ]);
    assert.equal(r.band, 'moved');
    const { start, end } = r.annotation.target.position;
    assert.equal(newText.slice(start, end), r.annotation.target.quote.exact);
    assert.ok(
      sameWords(r.annotation.target.quote.exact, 'called it "a fragile but real opening" for relief'),
    );
    assert.equal(r.annotation.versionHash, versionHash(newText));
  });

  it('moves a quote whose words changed to the new wording and sends it to review with the old wording kept', () => {
    const newText = OLD.replace('40 people died', '45 people died');
    const a = annotationOn(OLD, 'The minister said 40 people died in the strike on the market', 1);
    const [r] = reanchor(newText, [a]);
    assert.equal(r.band, 'changed');
    assert.equal(
      r.annotation.target.quote.exact,
      'The minister said 45 people died in the strike on the market',
    );
    assert.equal(r.annotation.versionChange?.previous.exact, a.target.quote.exact);
    assert.equal(r.annotation.versionChange?.fromVersion, versionHash(OLD));
    assert.equal(
      r.annotation.versionHash,
      versionHash(OLD),
      'not confirmed on the new version until accepted',
    );
    assert.equal(r.annotation.orphan, undefined);
  });

  it('keeps a quote that is gone as an orphan on the old version, in review, its place unchanged', () => {
    const newText = OLD.replace(
      '\n\nA spokesman declined to comment on the prisoner exchange that was announced last week.',
      '',
    );
    const a = annotationOn(OLD, 'declined to comment on the prisoner exchange', 1);
    const [r] = reanchor(newText, [a]);
    assert.equal(r.band, 'not-found');
    assert.equal(r.annotation.orphan, true);
    assert.deepEqual(r.annotation.target, a.target);
    assert.equal(r.annotation.versionHash, versionHash(OLD));
    assert.equal(r.annotation.versionChange?.band, 'not-found');
  });

  it('answers every annotation given, in order, with its note and tags: nothing is dropped', () => {
    const newText = 'Something else entirely, with none of the words.';
    const given = ['Ceasefire talks', 'The minister said', 'Aid convoys crossed'].map((w, i) =>
      annotationOn(OLD, w, i),
    );
    const out = reanchor(newText, given);
    assert.deepEqual(
      out.map((r) => [r.annotation.id, r.annotation.note, r.annotation.tags]),
      given.map((a) => [a.id, a.note, a.tags]),
    );
  });
});

describe('offsetMap', () => {
  it('maps an offset in an unchanged paragraph exactly, past inserted and removed paragraphs', () => {
    const oldText = 'one\n\ntwo two\n\nthree three three';
    const newText = 'zero\n\none\n\nthree three three';
    const map = offsetMap(oldText, newText);
    assert.equal(newText.slice(map(oldText.indexOf('three')), map(oldText.indexOf('three')) + 5), 'three');
    assert.equal(map(0), newText.indexOf('one'));
  });
});
