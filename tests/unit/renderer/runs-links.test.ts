import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runsByPart } from '../../../renderer/src/reader/runs';

describe('runsByPart: links and table cells', () => {
  const text = 'Read the minutes of the meeting.';
  const block = { kind: 'paragraph', start: 100, end: 100 + text.length, text };

  it('cuts runs at a link’s edges and marks its runs with the address, under a highlight too', () => {
    const links = [{ start: 5, end: 31, href: 'https://q.example/minutes' }];
    const runs = runsByPart({ ...block, links }, [
      { id: 'a', start: 109, end: 120, color: 'yellow' },
    ]).flatMap((p) => p.runs);
    assert.deepEqual(
      runs.map((r) => [r.text, r.href ?? null, r.marks.length]),
      [
        ['Read ', null, 0],
        ['the ', 'https://q.example/minutes', 0],
        ['minutes of ', 'https://q.example/minutes', 1],
        ['the meeting', 'https://q.example/minutes', 0],
        ['.', null, 0],
      ],
    );
  });

  it('cuts a table’s runs at every cell edge, so each cell draws only its own text', () => {
    const t = 'Route\tAdult\nNorth\t£18';
    const rows = [
      [
        { start: 0, end: 5 },
        { start: 6, end: 11 },
      ],
      [
        { start: 12, end: 17 },
        { start: 18, end: 21 },
      ],
    ];
    const runs = runsByPart({ kind: 'table', start: 0, end: t.length, text: t, rows }, [
      { id: 'a', start: 3, end: 15, color: 'blue' },
    ]).flatMap((p) => p.runs);
    for (const row of rows)
      for (const c of row)
        assert.equal(
          runs
            .filter((r) => r.start >= c.start && r.end <= c.end)
            .map((r) => r.text)
            .join(''),
          t.slice(c.start, c.end),
        );
  });
});
