import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Annotation } from '@core/annotations/types';
import { annotationAt } from '../../helpers/export-fixtures';
import type { Article } from '@core/document/types';
import { toMarkdown } from '@core/export/markdown';
import { passageLines } from '@core/export/passage-markdown';
import { importFixturePage } from '../../helpers/fixture-pages';
import { importSource } from '@core/import/index';
import { linkedEpub } from '../../helpers/linked-epub';

function annotate(
  article: Article,
  from: string,
  to: string = from,
  extra: Partial<Annotation> = {},
): Annotation {
  const start = article.text.indexOf(from);
  const end = article.text.indexOf(to, start) + to.length;
  assert.ok(start >= 0 && end > start, `test setup: “${from}” … “${to}”`);
  return annotationAt(article, start, end, { id: `a${start}-0000-4000-8000-000000000000`, ...extra });
}

describe('Markdown export of passages with links and tables', () => {
  it('writes an in-book link (a note reference, a chapter) as its words alone: outside Gloss it leads nowhere', async () => {
    const { article } = await importSource({ bytes: linkedEpub(), fileName: 'delta.epub' });
    const a = annotate(article, 'The boatmen said the great levee', 'too early.');
    const b = annotate(article, 'A survey of the channels', 'kept at the archive.');
    const md = toMarkdown([{ article, annotations: [a, b] }]);
    assert.match(
      md,
      /^> The boatmen said the great levee was built too late, and the mill too early\. \^gloss-/m,
    );
    assert.match(md, /\[kept at the archive\]\(https:\/\/archive\.example\.org\/delta\/survey\)/);
    assert.doesNotMatch(md, /\]\(#/);
  });

  it('writes a link inside the quote as [text](url)', async () => {
    const { article } = await importFixturePage('harbour-courier.html');
    const a = annotate(article, 'leaving about four thousand passengers without a crossing');
    const md = toMarkdown([{ article, annotations: [a] }]);
    assert.match(
      md,
      /^> leaving about \[four thousand passengers\]\(https:\/\/www\.harbourcourier\.example\/news\/2024\/03\/stranded-passengers\) without a crossing \^gloss-/m,
    );
  });

  it('writes a passage across a table’s cells as a Markdown table, its links kept, cells escaped', async () => {
    const { article } = await importFixturePage('harbour-courier.html');
    const a = annotate(article, 'North Sound', '£71.50');
    const md = toMarkdown([{ article, annotations: [a] }]);
    const quote = md
      .split('\n')
      .filter((l) => l.startsWith('>'))
      .join('\n');
    assert.equal(
      quote,
      [
        '> | [North Sound](https://www.harbourcourier.example/routes/north) | £18.40 | £96.00 |',
        '> | --- | --- | --- |',
        '> | South Channel | £12.10 | £71.50 |',
        `> ^gloss-${a.id.replace(/[^a-z0-9]/g, '').slice(0, 8)}`,
      ].join('\n'),
    );
  });

  it('writes a passage across spanning cells once, in the first slot each covers, the slots it spans over left empty (Markdown tables cannot span)', async () => {
    const { article } = await importFixturePage('harbour-courier.html');
    const a = annotate(article, 'North Sound\tPassenger', '17');
    const md = toMarkdown([{ article, annotations: [a] }]);
    const quote = md
      .split('\n')
      .filter((l) => l.startsWith('> |'))
      .join('\n');
    assert.equal(
      quote,
      [
        '> | North Sound | Passenger | 6 | 8 |',
        '> | --- | --- | --- | --- |',
        '> |  | Freight | 2 | 4 |',
        '> | South Channel | Passenger | 4 | 5 |',
        '> | All crossings |  | 12 | 17 |',
      ].join('\n'),
    );
  });

  it('writes a passage within one cell as plain words, and a pipe in a cell escaped', () => {
    const text = 'A | B\tC';
    const article = {
      text,
      blocks: [
        {
          kind: 'table' as const,
          id: 't',
          text,
          start: 0,
          end: text.length,
          headerRows: 0,
          rows: [
            [
              { start: 0, end: 5 },
              { start: 6, end: 7 },
            ],
          ],
        },
      ],
    };
    assert.deepEqual(passageLines(article, 0, 3, 'A |'), ['A \\|']);
    assert.deepEqual(passageLines(article, 0, 7, text), ['| A \\| B | C |', '| --- | --- |']);
  });

  it('falls back to the plain quote when the article no longer holds the passage there', async () => {
    const { article } = await importFixturePage('harbour-courier.html');
    assert.deepEqual(passageLines(article, 0, 5, 'not the text'), ['not the text']);
  });
});
