/**
 * The highlights an older version shows: only those kept on it, at their place
 * in its text (the place before the new version for one still in review).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Annotation } from '@core/contract';
import { marksOnVersion } from '../../../renderer/src/versions/versionMarks';

const OLD = 'The minister said 40 people died in the strike. Aid convoys crossed at dawn.';
const V1 = 'a'.repeat(64);
const V2 = 'b'.repeat(64);

function annotation(id: string, exact: string, start: number, extra: Partial<Annotation> = {}) {
  return {
    id,
    key: id,
    articleId: 'art',
    color: 'yellow',
    tags: [],
    note: '',
    created: '2026-11-29T10:00:00.000Z',
    modified: '2026-11-29T10:00:00.000Z',
    target: {
      source: 'art',
      quote: { type: 'TextQuoteSelector', exact, prefix: '', suffix: '' },
      position: { type: 'TextPositionSelector', start, end: start + exact.length },
    },
    ...extra,
  } as unknown as Annotation & { key: string };
}

describe('highlights on an older version', () => {
  it('shows those kept on it, where they are, and none confirmed on another version', () => {
    const kept = annotation('k', 'said 40 people died', 13, { versionHash: V1, orphan: true });
    const moved = annotation('m', 'Aid convoys', 0, { versionHash: V2 });
    const spans = marksOnVersion([kept, moved], V1, OLD);
    assert.deepEqual(
      spans.map((s) => [s.id, OLD.slice(s.start, s.end)]),
      [['k', 'said 40 people died']],
    );
  });

  it('puts one still waiting for review at its place before the new version', () => {
    const inReview = annotation('r', 'said 45 people died', 90, {
      versionHash: V1,
      versionChange: {
        band: 'changed',
        fromVersion: V1,
        previous: { exact: 'said 40 people died', prefix: '', suffix: '', start: 13, end: 32 },
      },
    } as Partial<Annotation>);
    const [span] = marksOnVersion([inReview], V1, OLD);
    assert.equal(OLD.slice(span.start, span.end), 'said 40 people died');
  });

  it('finds the words when the stored place does not hold them, and skips words not in the text', () => {
    const shifted = annotation('s', 'Aid convoys crossed', 3, { versionHash: V1 });
    const absent = annotation('x', 'a ceasefire', 3, { versionHash: V1 });
    const spans = marksOnVersion([shifted, absent], V1, OLD);
    assert.deepEqual(
      spans.map((s) => OLD.slice(s.start, s.end)),
      ['Aid convoys crossed'],
    );
  });
});
