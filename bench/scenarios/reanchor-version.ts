/**
 * Re-anchoring 1,000 annotations on a new version of a 20,000-word article
 * (versions/reanchor.ts: paragraphs matched first, each quote confirmed at its
 * mapped place, the few others searched near it), against a whole-text fuzzy
 * match of every quote (approx-string-match over the new text, the same error
 * budget as re-anchoring allows) — what re-anchoring would cost without
 * searching near the old position first.
 */
import approxSearch from 'approx-string-match';
import type { Article } from '@core/document/types';
import { buildArticle } from '@core/document/build';
import { reanchorOnVersion } from '@core/versions/reanchor';
import { versionHash } from '@core/versions/version-list';
import { RandomText } from '../lib/random-text';
import { interleave } from '../lib/stats';
import { syntheticAnnotations, syntheticArticle } from '../lib/synthetic';
import type { Scenario } from '../lib/scenario';

const WORDS = 20_000;
const ANNOTATIONS = 1_000;
const REPS = 3;

/** The article as edited: one paragraph in 20 reworded, one in 40 removed, a paragraph added every 30. */
function edited(rt: RandomText, article: Article): Article {
  const blocks = article.blocks.flatMap((b, i) => {
    const { id: _id, start: _s, end: _e, ...input } = b;
    if (b.kind !== 'paragraph') return [input];
    if (i % 40 === 7) return [];
    const text = i % 20 === 3 ? b.text.replace(/\b(\w+) (\w+)\b/, '$2 $1 indeed') : b.text;
    return i % 30 === 5
      ? [
          { ...input, text: rt.paragraph(60) },
          { ...input, text },
        ]
      : [{ ...input, text }];
  });
  return buildArticle(blocks as never, { ...article.meta }, `${article.id}-v2`);
}

export const scenario: Scenario = {
  name: 'reanchor-version',
  gloss: `reanchorOnVersion: ${ANNOTATIONS.toLocaleString('en')} annotations on a changed ${WORDS.toLocaleString('en')}-word article`,
  baseline: 'whole-text fuzzy match (approx-string-match, ≤25 % errors) of every quote in the new text',
  target: { ratio: 0.1 },
  async run() {
    const rt = new RandomText(1313);
    const before = syntheticArticle(rt, 1, WORDS);
    const annotations = syntheticAnnotations(rt, before, ANNOTATIONS);
    const after = edited(rt, before);
    const texts = {
      oldText: before.text,
      newText: after.text,
      fromVersion: versionHash(before.text),
      toVersion: versionHash(after.text),
    };
    const bands: Record<string, number> = {};
    const result = await interleave(
      REPS,
      async () => {
        const t0 = performance.now();
        const out = reanchorOnVersion(annotations, texts);
        const ms = performance.now() - t0;
        for (const k of Object.keys(bands)) bands[k] = 0;
        for (const r of out) bands[r.band] = (bands[r.band] ?? 0) + 1;
        return ms;
      },
      async () => {
        const t0 = performance.now();
        let found = 0;
        for (const a of annotations) {
          const exact = a.target.quote.exact;
          const matches = approxSearch(after.text, exact, Math.min(256, Math.floor(exact.length * 0.25)));
          if (matches.length) found++;
        }
        const ms = performance.now() - t0;
        if (found === 0) throw new Error('the baseline found nothing');
        return ms;
      },
    );
    return {
      ...result,
      extra: {
        'silent (count)': bands.silent ?? 0,
        'moved (count)': bands.moved ?? 0,
        'changed (count)': bands.changed ?? 0,
        'not-found (count)': bands['not-found'] ?? 0,
      },
    };
  },
};
