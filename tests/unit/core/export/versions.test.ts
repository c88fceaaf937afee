/**
 * Every export carries the version an annotation was made or confirmed on:
 * Markdown as a hidden comment per passage, Web Annotation JSON as
 * `gloss:version` with the version's TimeState, CSV as a `version` column —
 * and gloss verify reads the Markdown comment back.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildArticle } from '@core/document/build';
import type { Annotation } from '@core/annotations/types';
import { describeRange } from '@core/anchoring/describe';
import { toMarkdown } from '@core/export/markdown';
import { toWebAnnotations } from '@core/export/web-annotation';
import { toCsv } from '@core/export/csv';
import { quotesFromMarkdown } from '@core/versions/exported-quotes';
import { versionHash, versionRecord } from '@core/versions/version-list';

const article = buildArticle(
  [
    { kind: 'title', text: 'Ceasefire talks resume' },
    { kind: 'paragraph', text: 'The mediator said the ceasefire holds across the north for now.' },
  ],
  {
    title: 'Ceasefire talks resume',
    source: 'Harbour Herald',
    format: 'text',
    importedAt: '2026-11-20T08:00:00.000Z',
  },
  'v1',
);
const hash = versionHash(article.text);
const versioned = { ...article, versions: [versionRecord(article, article.id)] };
const words = 'the ceasefire holds across the north';
const start = article.text.indexOf(words);
const annotation: Annotation = {
  id: 'a1b2c3d4-0000',
  articleId: article.id,
  target: { source: article.id, ...describeRange(article.text, start, start + words.length) },
  color: 'yellow',
  tags: [],
  note: '',
  created: '2026-11-20T09:00:00.000Z',
  modified: '2026-11-20T09:00:00.000Z',
  versionHash: hash,
};
const entries = [{ article: versioned, annotations: [annotation] }];

describe('exports carry the version', () => {
  it('Markdown: a hidden comment per passage naming article and version, read back by verify', () => {
    const md = toMarkdown(entries);
    assert.match(md, new RegExp(`\\n<!-- gloss article=${article.id} version=${hash} -->`));
    const [q] = quotesFromMarkdown(md);
    assert.deepEqual(
      [q.exact, q.articleId, q.version, q.title],
      [words, article.id, hash, 'Ceasefire talks resume'],
    );
  });

  it('Web Annotation JSON: gloss:version, and the version’s import time as the target’s TimeState', () => {
    const [item] = toWebAnnotations(entries).first.items;
    assert.equal(item['gloss:version'], hash);
    assert.ok('selector' in item.target, 'a passage, not the article note');
    assert.deepEqual(item.target.state, { type: 'TimeState', sourceDate: '2026-11-20T08:00:00.000Z' });
  });

  it('CSV: a version column', () => {
    const [header, row] = toCsv(entries)
      .replace(/^\uFEFF/, '')
      .split('\r\n');
    const at = header.split(',').indexOf('version');
    assert.ok(at > 0, 'a version column');
    assert.equal(row.split(',')[at], hash);
  });
});
