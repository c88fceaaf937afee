/**
 * The tag codebook in the Markdown and CSV exports: Markdown closes with a
 * "Codebook" list of every tag it holds that has a colour or description
 * (parents by '/' included), after the passages so Sync reads the file back
 * as before; CSV gives each passage's row the descriptions of its tags in a
 * last `codebook` column.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import type { TagCode } from '@core/annotations/codebook';
import { buildArticle } from '@core/document/build';
import type { Article } from '@core/document/types';
import { CSV_COLUMNS, toCsv } from '@core/export/csv';
import { renderExport } from '@core/export/index';
import { toMarkdown } from '@core/export/markdown';
import { readMarkdownPassages } from '@core/interop/markdown-passages';
import { annotator } from '../../helpers/export-fixtures';

const parseCsv = (csv: string): string[][] => parse(csv, { bom: true, relax_column_count: true });

const articleOf = (id: string, title: string, paragraphs: string[]): Article =>
  buildArticle(
    [{ kind: 'title', text: title }, ...paragraphs.map((text) => ({ kind: 'paragraph' as const, text }))],
    { title, source: 'Kurdistan 24', published: '2024-03-05', format: 'text' },
    id,
  );

const prison = articleOf('prison', 'The prison question', [
  'Officials said the prison was secure. Witnesses saw the gates open at night.',
  'A spokesman promised an inquiry.',
]);
const budget = articleOf('budget', 'The budget vote', ['The council voted on the budget on Monday.']);

const annotate = annotator((_phrase, start) => ({ id: `id-${start}` }));
const passages = {
  prison: [
    annotate(prison, 'the prison was secure', {
      tags: ['claim/official'],
      note: 'Check against the report.',
    }),
    annotate(prison, 'saw the gates open', { tags: ['evidence', 'claim'] }),
    annotate(prison, 'promised an inquiry', { tags: ['=SUM(A1)', '!!'] }),
  ],
  budget: [annotate(budget, 'voted on the budget', { tags: ['procedure'] })],
};

const CODEBOOK: TagCode[] = [
  { tag: 'claim', color: 'pink', description: 'What an official asserts.\nNot yet checked.' },
  { tag: 'evidence', color: 'green' },
  { tag: '=SUM(A1)', description: '=1+1 is not run' },
  { tag: 'rumour', description: 'Held by no passage here.' },
  { tag: '!!', description: 'Loud.' },
];

const library = [
  { article: prison, annotations: passages.prison, articleNote: { text: 'Why it matters.', modified: 'x' } },
  { article: budget, annotations: passages.budget },
];

describe('the codebook in the Markdown export', () => {
  const md = renderExport('md', library, { codebook: CODEBOOK });

  it('closes a whole-library export with a Codebook section: each tag held, its colour and its description', () => {
    const section = md.slice(md.indexOf('\n## Codebook\n'));
    assert.ok(md.endsWith('\n'), 'the file ends in a newline');
    assert.ok(md.lastIndexOf('— ') < md.indexOf('## Codebook'), 'after the last passage');
    assert.equal(
      section.trim(),
      [
        '## Codebook',
        '',
        // As its passages write it (what Obsidian keeps of it), or as text when Obsidian keeps nothing.
        '- **!!**: Loud.',
        '- #SUMA1: =1+1 is not run',
        '- #claim (pink): What an official asserts.',
        '  Not yet checked.',
        '- #evidence (green)',
      ].join('\n'),
    );
  });

  it('lists a parent whose child alone is used (claim/official brings claim), and no tag the export does not hold', () => {
    const one = toMarkdown([{ article: prison, annotations: [passages.prison[0]] }], { codebook: CODEBOOK });
    assert.match(
      one,
      /\n## Codebook\n\n- #claim \(pink\): What an official asserts\.\n {2}Not yet checked\.\n$/,
    );
    assert.doesNotMatch(one, /evidence|rumour/);
  });

  it('writes no section when no tag held has a colour or description', () => {
    const plain = renderExport('md', [{ article: budget, annotations: passages.budget }], {
      codebook: CODEBOOK,
    });
    assert.doesNotMatch(plain, /Codebook/);
    assert.equal(plain, renderExport('md', [{ article: budget, annotations: passages.budget }]));
  });

  it('leaves what Sync reads back as it was: every passage, its tags, note and citation, and the article note', () => {
    for (const entries of [library, library.slice(0, 1)]) {
      const without = readMarkdownPassages(renderExport('md', entries));
      const withCodebook = readMarkdownPassages(renderExport('md', entries, { codebook: CODEBOOK }));
      assert.deepEqual(
        withCodebook.passages.map(({ line: _line, ...p }) => p),
        without.passages.map(({ line: _line, ...p }) => p),
      );
      assert.equal(
        withCodebook.passages.length,
        entries.reduce((n, e) => n + e.annotations.length, 0),
      );
    }
  });
});

describe('the codebook in the CSV export', () => {
  const rows = parseCsv(renderExport('csv', library, { codebook: CODEBOOK }));
  const [header, ...body] = rows;
  const cell = (row: string[], name: (typeof CSV_COLUMNS)[number]) => row[header.indexOf(name)];
  const rowOf = (quote: string) => body.find((r) => cell(r, 'quote') === quote)!;

  it('adds a last column, codebook, after the columns that were there', () => {
    assert.deepEqual(header, [...CSV_COLUMNS]);
    assert.equal(header.at(-1), 'codebook');
    assert.equal(header.indexOf('version'), CSV_COLUMNS.length - 2);
  });

  it("gives each passage its tags' descriptions as tag: description, one per line; a child takes its parent's", () => {
    assert.equal(
      cell(rowOf('the prison was secure'), 'codebook'),
      'claim: What an official asserts.\nNot yet checked.',
    );
    // evidence has a colour but no description: only claim's is written.
    assert.equal(
      cell(rowOf('saw the gates open'), 'codebook'),
      'claim: What an official asserts.\nNot yet checked.',
    );
    assert.equal(cell(rowOf('voted on the budget'), 'codebook'), '');
  });

  it('keeps a description that looks like a formula from being run', () => {
    assert.equal(cell(rowOf('promised an inquiry'), 'codebook'), "'=SUM(A1): =1+1 is not run\n!!: Loud.");
  });

  it('leaves the article note row and an export without a codebook empty in that column', () => {
    const note = body.find((r) => cell(r, 'location') === 'article')!;
    assert.equal(cell(note, 'codebook'), '');
    const bare = parseCsv(toCsv(library));
    assert.ok(bare.slice(1).every((r) => r.length === CSV_COLUMNS.length && r.at(-1) === ''));
  });
});
