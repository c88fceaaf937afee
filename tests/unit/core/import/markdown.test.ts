import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { BlockInput } from '@core/document/types';
import { importSource } from '@core/import/index';
import { parseMarkdownFile } from '@core/import/markdown';
import type { ParsedDocument } from '@core/import/types';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const PNG_1x1 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const md = (text: string, fileName = 'note.md') => parseMarkdownFile({ bytes: enc(text), fileName });
const brief = (doc: ParsedDocument) => doc.blocks.map((b) => [b.kind, b.text]);

const ARTICLE = `---
title: The Ferry at Millbrook
author: [Maria Okafor, Tom Reyes]
date: 2024-03-05
source: The Daily Ledger
url: https://ledger.example/ferry
lang: en
---

# A different first heading

The ferry has crossed the river *every* day since **1881**, said [the council](https://example.org/council).
It stopped only twice.

## History

> The water was over the jetty.
> We kept going anyway.

1. Spring floods
2. Autumn storms
   - the 1953 storm
   - the 2009 storm

![Sandbags in the rain](pics/sandbags.png "Volunteers stack sandbags. Photo: Jane Doe")

\`\`\`
timetable: 06:00 08:00
\`\`\`

Fish &amp; chips &copy; the café, \`code\` and a \\*literal star\\*.
`;

describe('Importing Markdown', () => {
  it('takes title, author, date, source, URL and language from the front matter', async () => {
    const doc = await md(ARTICLE);
    assert.deepEqual(doc.meta, {
      title: 'The Ferry at Millbrook',
      byline: 'Maria Okafor, Tom Reyes',
      published: '2024-03-05',
      source: 'The Daily Ledger',
      url: 'https://ledger.example/ferry',
      language: 'en',
    });
    assert.deepEqual(doc.blocks[0], { kind: 'title', text: 'The Ferry at Millbrook' });
    assert.deepEqual(doc.blocks[1], { kind: 'heading', text: 'A different first heading', level: 1 });
  });

  it('turns headings, paragraphs, quotes, nested lists, images and code into plain-text blocks', async () => {
    const doc = await md(ARTICLE);
    assert.deepEqual(brief(doc).slice(2), [
      [
        'paragraph',
        'The ferry has crossed the river every day since 1881, said the council. It stopped only twice.',
      ],
      ['heading', 'History'],
      ['quote', 'The water was over the jetty. We kept going anyway.'],
      ['list-item', 'Spring floods'],
      ['list-item', 'Autumn storms'],
      ['list-item', 'the 1953 storm'],
      ['list-item', 'the 2009 storm'],
      ['caption', 'Volunteers stack sandbags. Photo: Jane Doe'],
      ['paragraph', 'timetable: 06:00 08:00'],
      ['paragraph', 'Fish & chips © the café, code and a *literal star*.'],
    ]);
    const items = doc.blocks.filter(
      (b): b is Extract<BlockInput, { kind: 'list-item' }> => b.kind === 'list-item',
    );
    assert.deepEqual(
      items.map((b) => [b.ordered, b.depth]),
      [
        [true, 0],
        [true, 0],
        [false, 1],
        [false, 1],
      ],
    );
  });

  it('uses the first h1 as the title when there is no front matter, else the file name', async () => {
    const a = await md('Intro line.\n\n# Real Title\n\nBody.');
    assert.equal(a.meta.title, 'Real Title');
    assert.deepEqual(brief(a), [
      ['title', 'Real Title'],
      ['paragraph', 'Intro line.'],
      ['paragraph', 'Body.'],
    ]);
    const b = await md('## Only a subheading\n\nBody.', 'field-notes.md');
    assert.equal(b.meta.title, 'field-notes');
  });

  it('stores an image from a relative path beside the file or a data URL, never from the network or above the folder', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'gloss-md-'));
    const dir = path.join(root, 'notes');
    mkdirSync(path.join(dir, 'pics'), { recursive: true });
    writeFileSync(path.join(dir, 'pics', 'sandbags.png'), Buffer.from(PNG_1x1, 'base64'));
    writeFileSync(path.join(root, 'outside.png'), Buffer.from(PNG_1x1, 'base64'));
    const text = [
      '![Local](pics/sandbags.png)',
      `![Inline](data:image/png;base64,${PNG_1x1})`,
      '![Remote](https://example.org/x.png)',
      '![Above](../outside.png)',
    ].join('\n\n');
    const filePath = path.join(dir, 'post.md');
    writeFileSync(filePath, text);
    const doc = await parseMarkdownFile({ bytes: enc(text), fileName: 'post.md', filePath });
    const caps = doc.blocks.filter(
      (b): b is Extract<BlockInput, { kind: 'caption' }> => b.kind === 'caption',
    );
    assert.deepEqual(
      caps.map((c) => [c.text, !!c.image]),
      [
        ['Local', true],
        ['Inline', true],
        ['Remote', false],
        ['Above', false],
      ],
    );
    assert.equal(doc.assets?.size, 1, 'the same picture is stored once');
    assert.equal(doc.assets?.get(caps[0].image!.asset)?.mime, 'image/png');
  });

  it('sanitizes raw HTML: its text is kept, nothing executable is', async () => {
    const doc = await md(
      '# T\n\n<div onclick="alert(1)">Raw <b>block</b><script>alert(2)</script></div>\n\nInline <span onmouseover="x">span</span> and <script>alert(3)</script> done.\n\n<img src=x onerror=alert(4)>',
    );
    assert.deepEqual(brief(doc), [
      ['title', 'T'],
      ['paragraph', 'Raw block'],
      ['paragraph', 'Inline span and done.'],
    ]);
  });

  it('warns about broken front matter and still imports the body', async () => {
    const doc = await md('---\ntitle: [unclosed\n---\n\nBody text.');
    assert.equal(doc.warnings?.length, 1);
    assert.match(doc.warnings![0], /front matter is not valid YAML/);
    assert.ok(brief(doc).some(([, t]) => t === 'Body text.'));
  });

  it('is recognised by its front matter when the file has no extension, but a .txt file stays text', async () => {
    assert.equal(
      (await importSource({ bytes: enc(ARTICLE), fileName: 'ferry' })).article.meta.format,
      'markdown',
    );
    assert.equal(
      (await importSource({ bytes: enc(ARTICLE), fileName: 'ferry.txt' })).article.meta.format,
      'text',
    );
  });

  it('is routed to the Markdown importer by importSource', async () => {
    const { article } = await importSource({ bytes: enc(ARTICLE), fileName: 'ferry.md' });
    assert.equal(article.meta.format, 'markdown');
    assert.equal(article.meta.title, 'The Ferry at Millbrook');
    for (const b of article.blocks) assert.equal(article.text.slice(b.start, b.end), b.text);
  });
});
