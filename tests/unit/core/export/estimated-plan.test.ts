/**
 * An export planned from the counts index (an estimated plan: the library's
 * export, so its notes need not all be held before the first byte) is written
 * exactly as one planned from the notes themselves, in every format, however
 * far the index was off: JSON's total and codebook, Markdown's closing
 * codebook and CSV's codebook column follow what was written.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { TagCode } from '@core/annotations/codebook';
import { buildArticle } from '@core/document/build';
import type { Article } from '@core/document/types';
import { exportWriting, renderExport, type ExportEntry, type ExportPlan } from '@core/export/index';
import { writeExport } from '@core/export/write';
import { annotator } from '../../helpers/export-fixtures';

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

const entries: ExportEntry[] = [
  {
    article: prison,
    annotations: [
      annotate(prison, 'the prison was secure', { tags: ['claim/official'], note: 'Check the report.' }),
      annotate(prison, 'saw the gates open', { tags: ['evidence'] }),
    ],
    articleNote: { text: 'Why it matters.', modified: '2026-01-01T00:00:00.000Z' },
  },
  { article: budget, annotations: [annotate(budget, 'voted on the budget', { tags: ['procedure'] })] },
];

const CODEBOOK: TagCode[] = [
  { tag: 'claim', color: 'pink', description: 'What an official asserts.' },
  { tag: 'evidence', color: 'green', description: 'Seen, not said.' },
  { tag: 'rumour', description: 'Held by no passage here.' },
];
const options = { userName: 'Ana Reyes', codebook: CODEBOOK };

/** Plans as the counts index might have them: too few or too many items, a tag too many, a tag missing. */
const estimates: Array<[string, ExportPlan]> = [
  ['as the notes have it', { articles: 2, items: 4, codebook: CODEBOOK.slice(0, 2), estimated: true }],
  ['a passage short (the article note)', { articles: 2, items: 3, estimated: true }],
  [
    'a digit longer, with a tag no passage holds',
    { articles: 2, items: 12, codebook: CODEBOOK.slice(), estimated: true },
  ],
  ['nothing at all', { articles: 2, items: 0, estimated: true }],
];

describe('an export written from an estimated plan', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gloss-estimated-plan-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  for (const format of ['json', 'md', 'csv', 'readwise'] as const)
    for (const [how, plan] of estimates)
      it(`writes ${format} as if the plan were exact, when it was ${how}`, async () => {
        const path = join(dir, `notes.${format}`);
        const { content, finalHead } = exportWriting(format, plan, entries, options);
        await writeExport(path, content, { ...(finalHead && { finalHead }) });
        assert.equal(await readFile(path, 'utf8'), renderExport(format, entries, options));
      });
});
