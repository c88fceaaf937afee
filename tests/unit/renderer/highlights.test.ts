/**
 * The reader's pure pieces: cutting a block into highlight runs, mapping a DOM
 * selection back to canonical offsets (in a real DOM, jsdom), and undo history.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import { partsOf, runsByPart, splitRuns, topMark, type Span } from '../../../renderer/src/reader/runs';
import { offsetsToRange, rangeToOffsets } from '../../../renderer/src/reader/selection';
import {
  EMPTY_HISTORY,
  inverse,
  record,
  takeRedo,
  takeUndo,
} from '../../../renderer/src/annotations/history';
import type { Annotation } from '@core/annotations/types';

const block = (start: number, text: string) => ({ start, end: start + text.length, text });
const span = (id: string, start: number, end: number, color: Span['color'] = 'yellow'): Span => ({
  id,
  start,
  end,
  color,
});

describe('splitRuns: a block cut at highlight boundaries', () => {
  it('leaves an unhighlighted block as one run', () => {
    assert.deepEqual(splitRuns(block(10, 'Hello world'), []), [
      { start: 0, end: 11, text: 'Hello world', marks: [] },
    ]);
  });

  it('cuts at a highlight inside the block, using offsets relative to the block', () => {
    const runs = splitRuns(block(10, 'Hello world'), [span('a', 16, 21)]);
    assert.deepEqual(
      runs.map((r) => [r.text, r.marks.map((m) => m.id)]),
      [
        ['Hello ', []],
        ['world', ['a']],
      ],
    );
    assert.equal(runs[1].start, 6);
  });

  it('clips a highlight that starts in an earlier block and ends in this one', () => {
    const runs = splitRuns(block(100, 'second paragraph'), [span('a', 50, 106)]);
    assert.deepEqual(
      runs.map((r) => [r.text, r.marks.length]),
      [
        ['second', 1],
        [' paragraph', 0],
      ],
    );
  });

  it('ignores highlights that end where the block starts or start where it ends', () => {
    assert.equal(splitRuns(block(10, 'abc'), [span('a', 0, 10), span('b', 13, 20)])[0].marks.length, 0);
  });

  it('keeps both overlapping highlights on the shared run, outermost first, and the innermost on top', () => {
    const runs = splitRuns(block(0, 'abcdefghij'), [
      span('outer', 0, 10, 'green'),
      span('inner', 3, 6, 'blue'),
    ]);
    assert.deepEqual(
      runs.map((r) => r.text),
      ['abc', 'def', 'ghij'],
    );
    assert.deepEqual(
      runs[1].marks.map((m) => m.id),
      ['outer', 'inner'],
    );
    assert.equal(topMark(runs[1])?.color, 'blue');
    assert.equal(topMark(runs[2])?.id, 'outer');
  });

  it('covers the block exactly: runs are contiguous and rebuild the text', () => {
    const text = 'The quick brown fox jumps over the lazy dog';
    const runs = splitRuns(block(5, text), [span('a', 7, 20), span('b', 15, 30), span('c', 40, 60)], [4]);
    assert.equal(runs.map((r) => r.text).join(''), text);
    for (let i = 1; i < runs.length; i++) assert.equal(runs[i].start, runs[i - 1].end);
  });
});

describe('partsOf: styled parts of a block', () => {
  it('sets a paragraph’s dateline apart from its body', () => {
    const text = 'ERBIL (Kurdistan 24) – The Global Coalition said';
    assert.deepEqual(
      partsOf({ kind: 'paragraph', text, dateline: 'ERBIL (Kurdistan 24) – ' }).map((p) => [
        p.role,
        text.slice(p.start, p.end),
      ]),
      [
        ['dateline', 'ERBIL (Kurdistan 24) – '],
        ['body', 'The Global Coalition said'],
      ],
    );
  });

  it('sets a caption’s photo credit apart, and a highlight over both is cut at the credit', () => {
    const text = 'Syrians gather at the scene. (Photo: Aaref Watad/AFP)';
    const creditOffset = text.indexOf('(Photo');
    const parts = runsByPart({ kind: 'caption', creditOffset, ...block(0, text) }, [
      span('a', 20, text.length),
    ]);
    assert.deepEqual(
      parts.map((p) => [p.part.role, p.runs.map((r) => r.text)]),
      [
        ['body', [text.slice(0, 20), text.slice(20, creditOffset)]],
        ['credit', ['(Photo: Aaref Watad/AFP)']],
      ],
    );
  });

  it('sets a related block’s "Read More:" label apart', () => {
    const text = 'Read More: Biden hails Kurdish forces';
    assert.deepEqual(
      partsOf({ kind: 'related', text, label: 'Read More' }).map((p) => [p.role, text.slice(p.start, p.end)]),
      [
        ['label', 'Read More:'],
        ['body', ' Biden hails Kurdish forces'],
      ],
    );
  });
});

describe('rangeToOffsets: a DOM selection back to canonical offsets', () => {
  // Two blocks as the reader renders them: canonical text "Hello brave world\n\nSecond block".
  const html = `<article>
    <p data-block-start="0"><span class="dateline"><span data-offset="0">Hello </span></span><mark data-offset="6">brave</mark><span data-offset="11"> world</span></p>
    <figure><figcaption data-block-start="19"><span data-offset="0">Second </span><span class="credit"><span data-offset="7">block</span></span></figcaption></figure>
  </article>`;
  const setup = () => {
    const { window } = new JSDOM(`<!doctype html><body>${html}</body>`);
    const doc = window.document;
    const root = doc.querySelector('article')!;
    const text = (sel: string) => doc.querySelector(sel)!.firstChild!;
    return { doc, root, text };
  };

  it('maps points inside text runs, through marks and wrappers', () => {
    const { doc, root, text } = setup();
    const r = doc.createRange();
    r.setStart(text('[data-offset="0"]'), 2);
    r.setEnd(text('mark'), 3);
    assert.deepEqual(rangeToOffsets(r, root), { start: 2, end: 9 });
  });

  it('maps a selection across two blocks (into a caption’s credit)', () => {
    const { doc, root, text } = setup();
    const r = doc.createRange();
    r.setStart(text('[data-offset="11"]'), 1);
    r.setEnd(text('.credit [data-offset="7"]'), 5);
    assert.deepEqual(rangeToOffsets(r, root), { start: 12, end: 31 });
  });

  it('snaps endpoints that fall on elements (between blocks) to the nearest text inside the range', () => {
    const { doc, root } = setup();
    const r = doc.createRange();
    r.setStart(root, 0);
    r.setEnd(root, root.childNodes.length);
    assert.deepEqual(rangeToOffsets(r, root), { start: 0, end: 31 });
  });

  it('handles an endpoint given as (run element, child index)', () => {
    const { doc, root } = setup();
    const mark = doc.querySelector('mark')!;
    const r = doc.createRange();
    r.setStart(mark, 0);
    r.setEnd(mark, 1);
    assert.deepEqual(rangeToOffsets(r, root), { start: 6, end: 11 });
  });

  it('answers null for a collapsed selection or one outside the article’s text', () => {
    const { doc, root, text } = setup();
    const r = doc.createRange();
    r.setStart(text('mark'), 2);
    r.setEnd(text('mark'), 2);
    assert.equal(rangeToOffsets(r, root), null);
    const outside = doc.createRange();
    outside.selectNodeContents(
      doc.body.appendChild(doc.createElement('div')).appendChild(doc.createTextNode('toolbar')).parentNode!,
    );
    assert.equal(rangeToOffsets(outside, root), null);
  });

  it('round-trips with offsetsToRange', () => {
    const { root } = setup();
    for (const [start, end] of [
      [0, 5],
      [6, 11],
      [3, 24],
      [19, 31],
    ]) {
      const r = offsetsToRange(root, start, end)!;
      assert.ok(r, `no range for ${start}-${end}`);
      assert.deepEqual(rangeToOffsets(r, root), { start, end });
    }
  });
});

describe('undo history', () => {
  const a = { id: 'a1', color: 'yellow', tags: [], note: '' } as unknown as Annotation;
  const b = { ...a, color: 'green' } as Annotation;

  it('undoes the latest change first and can redo it', () => {
    let h = record(EMPTY_HISTORY, { kind: 'create', annotation: a });
    h = record(h, { kind: 'update', before: a, after: b });
    const u = takeUndo(h)!;
    assert.equal(u.change.kind, 'update');
    const r = takeRedo(u.next)!;
    assert.equal(r.change.kind, 'update');
    assert.deepEqual(r.next, h);
  });

  it('forgets redo once a new change is recorded', () => {
    const h = takeUndo(record(EMPTY_HISTORY, { kind: 'create', annotation: a }))!.next;
    assert.equal(h.redo.length, 1);
    assert.equal(record(h, { kind: 'delete', annotation: a }).redo.length, 0);
  });

  it('has nothing to undo or redo when empty', () => {
    assert.equal(takeUndo(EMPTY_HISTORY), null);
    assert.equal(takeRedo(EMPTY_HISTORY), null);
  });

  it('inverts: create ↔ delete, and an update swaps before and after', () => {
    assert.deepEqual(inverse({ kind: 'create', annotation: a }), { kind: 'delete', annotation: a });
    assert.deepEqual(inverse({ kind: 'delete', annotation: a }), { kind: 'create', annotation: a });
    assert.deepEqual(inverse({ kind: 'update', before: a, after: b }), {
      kind: 'update',
      before: b,
      after: a,
    });
  });
});
