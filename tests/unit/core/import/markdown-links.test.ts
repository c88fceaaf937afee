import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BlockInput, TableBlock } from '@core/document/types';
import { parseMarkdown } from '@core/import/markdown';

const linked = (b: BlockInput) => (b.links ?? []).map((l) => [b.text.slice(l.start, l.end), l.href]);

describe('Markdown links and tables', () => {
  it('keeps web links as ranges of their block’s text, in paragraphs, headings, list items and raw HTML', async () => {
    const doc = await parseMarkdown(
      [
        '# Notes',
        '',
        '## On [the plan](https://plan.example/)',
        '',
        'The board read [the *minutes*](https://q.example/minutes "Minutes") and',
        'a [relative one](minutes.md), a [mail](mailto:a@b.example) and <https://auto.example/x>.',
        '',
        '- see [the map](http://map.example/m?a=1&b=2)',
        '',
        '<p>Raw <a href="https://raw.example/">html</a> and <a href="javascript:alert(1)">script</a>.</p>',
      ].join('\n'),
    );
    const byStart = (s: string) => doc.blocks.find((b) => b.text.startsWith(s))!;
    assert.deepEqual(linked(byStart('On the plan')), [['the plan', 'https://plan.example/']]);
    assert.equal(
      byStart('The board').text,
      'The board read the minutes and a relative one, a mail and https://auto.example/x.',
    );
    assert.deepEqual(linked(byStart('The board')), [
      ['the minutes', 'https://q.example/minutes'],
      ['https://auto.example/x', 'https://auto.example/x'],
    ]);
    assert.deepEqual(linked(byStart('see')), [['the map', 'http://map.example/m?a=1&b=2']]);
    assert.deepEqual(linked(byStart('Raw')), [['html', 'https://raw.example/']]);
  });

  it('reads a GFM table as a table block with its header row', async () => {
    const doc = await parseMarkdown(
      [
        'Fares:',
        '',
        '| Route | Adult |',
        '| --- | --- |',
        '| [North](https://n.example/) | £18.40 |',
        '| South | £12.10 |',
      ].join('\n'),
    );
    const table = doc.blocks.find((b): b is Omit<TableBlock, 'id' | 'start' | 'end'> => b.kind === 'table')!;
    assert.equal(table.text, 'Route\tAdult\nNorth\t£18.40\nSouth\t£12.10');
    assert.equal(table.headerRows, 1);
    assert.deepEqual(linked(table), [['North', 'https://n.example/']]);
  });

  it('cannot be given forged link marks by the document’s own characters', async () => {
    const doc = await parseMarkdown('Plain \uE000words\uE001 here.');
    assert.deepEqual(doc.blocks.at(-1), { kind: 'paragraph', text: 'Plain words here.' });
  });
});
