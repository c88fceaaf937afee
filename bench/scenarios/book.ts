/**
 * 2. A 500,000-word book with 5,000 highlights: first paint (navigation → the
 * first highlight painted) and the first scroll to the middle.
 * 3. Adding one highlight on that page: from the H key (with a selection) to
 * the new <mark> painted; the save is reported beside it.
 * Baselines: a static HTML page of the same blocks with the same <mark>s and
 * CSS; for 3, wrapping the same number of characters in a <mark> by hand.
 */
import { summarize } from '../lib/stats';
import { bookResults } from '../lib/book-session';
import type { Scenario } from '../lib/scenario';

export const openBook: Scenario = {
  name: 'open-book',
  gloss: 'reader: navigation → 500k-word book with 5k highlights painted (first mark)',
  baseline: 'static HTML of the same blocks and <mark>s (first mark painted)',
  target: { ratio: 1.5 },
  browser: true,
  async run() {
    const r = await bookResults();
    return {
      ...r.firstPaint,
      extra: {
        'gloss live reader painted': summarize(r.livePaint).median,
        'static fully loaded': summarize(r.staticLoaded).median,
      },
      note: r.note,
    };
  },
};

export const bookScroll: Scenario = {
  name: 'book-scroll',
  gloss:
    'jumps of the scroll far into the book (scrollTop set → first frame showing text at the middle of the view, produced)',
  baseline: 'the same jumps in the static page (after load)',
  target: { ratio: 1.5 },
  browser: true,
  async run() {
    const r = await bookResults();
    const median = (xs: number[]) => summarize(xs).median;
    const firstFrame = (xs: number[]) => xs.filter((n) => n === 1).length;
    return {
      ...r.scroll,
      extra: {
        'gloss jumps showing text in the first frame (count)': firstFrame(r.scrollFrames.gloss),
        'static jumps showing text in the first frame (count)': firstFrame(r.scrollFrames.baseline),
        'gloss frames to text, most (count)': Math.max(...r.scrollFrames.gloss),
        'static frames to text, most (count)': Math.max(...r.scrollFrames.baseline),
        'gloss first jump after open (warm-up)': median(r.firstScroll.gloss),
        'static first jump after open (warm-up)': median(r.firstScroll.baseline),
      },
      note: `${r.scroll.gloss.length} jumps each`,
    };
  },
};

export const addHighlight: Scenario = {
  name: 'add-highlight',
  gloss: 'select 20 chars, press H → new <mark> painted, with 5k highlights on the page',
  baseline: 'wrap the same 20 chars in a <mark> by hand in the static page',
  target: { glossMs: 16 },
  browser: true,
  async run() {
    const r = await bookResults();
    return {
      ...r.highlightPainted,
      extra: {
        'saved (promise resolved)': summarize(r.highlightSaved).median,
        // The mark in the frame right after the key: "within one frame", whatever the phase.
        'marks in the first frame after the key (count)': r.highlightFrames.filter((n) => n <= 1).length,
      },
    };
  },
};

export const bookHeap: Scenario = {
  name: 'book-heap',
  gloss: 'renderer V8 + Blink heaps after the 500k-word book with 5k highlights is painted (after GC)',
  baseline: 'the static page of the same blocks and <mark>s, same measure',
  target: { ratio: 2 },
  unit: 'MB',
  browser: true,
  async run() {
    const r = await bookResults();
    const median = (xs: number[]) => summarize(xs).median;
    return {
      ...r.heapMB,
      extra: {
        'gloss JS heap (MB)': median(r.memory.gloss.map((m) => m.js)),
        'gloss Blink heap (MB)': median(r.memory.gloss.map((m) => m.blink)),
        'gloss DOM nodes (count)': median(r.memory.gloss.map((m) => m.nodes)),
        'static JS heap (MB)': median(r.memory.baseline.map((m) => m.js)),
        'static Blink heap (MB)': median(r.memory.baseline.map((m) => m.blink)),
        'static DOM nodes (count)': median(r.memory.baseline.map((m) => m.nodes)),
      },
    };
  },
};
