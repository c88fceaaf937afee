import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { annotator } from '../../helpers/export-fixtures';
import { buildArticle } from '@core/document/build';
import type { Article } from '@core/document/types';
import { toCsv } from '@core/export/csv';
import { toMarkdown } from '@core/export/markdown';
import { toWebAnnotations } from '@core/export/web-annotation';

const RUNS_ON = 'The levy was debated for a week before the vote, which came on a Friday.';
/** A PDF article: its blocks know their pages; the second paragraph turns from page 7 to page 8 at "which". */
const pdf: Article = buildArticle(
  [
    { kind: 'title', text: 'Water Agreements', page: 1 },
    { kind: 'paragraph', text: 'The committee met in spring.', page: 6 },
    { kind: 'paragraph', text: RUNS_ON, page: 7, pageBreaks: [RUNS_ON.indexOf('which')] },
    { kind: 'caption', text: 'Figure 2: Votes by party.', page: 8 },
  ],
  { title: 'Water Agreements', byline: 'Ana Lima', format: 'pdf' },
  'pdf article',
);
const web: Article = buildArticle(
  [
    { kind: 'title', text: 'A web page' },
    { kind: 'paragraph', text: 'First paragraph.' },
    { kind: 'paragraph', text: 'Second paragraph.' },
  ],
  { title: 'A web page', format: 'html' },
  'web article',
);

/** Ids by the article and the phrase's start. */
const annotate = annotator((_, start, article) => ({ id: `id-${article.id}-${start}` }));

const onPage7 = annotate(pdf, 'debated for a week');
const onPage8 = annotate(pdf, 'came on a Friday');
const caption = annotate(pdf, 'Votes by party');
const onWeb = annotate(web, 'Second paragraph');

describe('Exports of a PDF article cite pages', () => {
  it('Markdown cites “p. N” instead of a paragraph number, the page where the passage starts', () => {
    const md = toMarkdown([{ article: pdf, annotations: [onPage8, caption, onPage7] }]);
    assert.match(md, /> debated for a week \^gloss-[\w-]+\n\n— Ana Lima, "Water Agreements", p\. 7\n/);
    assert.match(md, /> came on a Friday \^gloss-[\w-]+\n\n— Ana Lima, "Water Agreements", p\. 8\n/);
    assert.match(md, /> Votes by party \^gloss-[\w-]+\n\n— Ana Lima, "Water Agreements", p\. 8\n/);
    assert.ok(!md.includes('¶'));
  });

  it('CSV says where each passage starts in a last column: “p. N” for a PDF, “¶N” elsewhere', () => {
    const rows = parse(
      toCsv([
        { article: pdf, annotations: [onPage7, onPage8] },
        { article: web, annotations: [onWeb] },
      ]).replace(/^\uFEFF/, ''),
      { columns: true },
    ) as Array<Record<string, string>>;
    assert.deepEqual(
      rows.map((r) => [r.quote, r.location]),
      [
        ['debated for a week', 'p. 7'],
        ['came on a Friday', 'p. 8'],
        ['Second paragraph', '¶2'],
      ],
    );
  });

  it('W3C JSON gives a PDF passage "gloss:location": "p. N", and a web passage its paragraph', () => {
    const items = toWebAnnotations([
      { article: pdf, annotations: [onPage7, onPage8] },
      { article: web, annotations: [onWeb] },
    ]).first.items;
    assert.deepEqual(
      items.map((i) => i['gloss:location']),
      ['p. 7', 'p. 8', '¶2'],
    );
  });

  it('an orphan of a PDF article has no page: its words are no longer there', () => {
    const orphan = { ...onPage7, orphan: true };
    const [item] = toWebAnnotations([{ article: pdf, annotations: [orphan] }]).first.items;
    assert.equal(item['gloss:location'], undefined);
    assert.match(
      toMarkdown([{ article: pdf, annotations: [orphan] }]),
      /"Water Agreements", no longer found in the text/,
    );
  });
});
