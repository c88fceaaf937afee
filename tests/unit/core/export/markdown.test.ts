import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { buildArticle } from '@core/document/build';
import type { Article } from '@core/document/types';
import { toMarkdown } from '@core/export/markdown';
import { toObsidianTag } from '@core/export/markdown-escape';
import { annotator } from '../../helpers/export-fixtures';

function makeArticle(title = 'Parliament raises the oil levy'): Article {
  return buildArticle(
    [
      { kind: 'title', text: title },
      { kind: 'standfirst', text: 'Lawmakers back a five percent rise.' },
      { kind: 'paragraph', text: 'ERBIL (Kurdistan 24) – Parliament met on Monday to debate the budget.' },
      { kind: 'caption', text: 'Members vote in Erbil. (Photo: Kurdistan 24)' },
      { kind: 'paragraph', text: 'The levy rises by 5 percent. Critics call it #unfair and a "tax grab".' },
      { kind: 'paragraph', text: '- first, salaries\n1. then, roads\n> and *nothing* for [farmers]' },
      { kind: 'paragraph', text: 'The finance committee welcomed the vote.' },
    ],
    {
      title,
      source: 'Kurdistan 24',
      place: 'ERBIL',
      published: '2024-03-05T08:00:00Z',
      url: 'https://example.org/levy',
      format: 'text',
    },
    title,
  );
}

let serial = 0;
const annotate = annotator(() => {
  serial++;
  return { id: `a${serial}b2c3d4-0000-4000-8000-00000000000${serial % 10}` };
});

/** The front matter block's YAML, or undefined. */
function frontMatterOf(md: string): string | undefined {
  return /^---\n([\s\S]*?)\n---\n/.exec(md)?.[1];
}

/** The blockquote that ends with the given block id, as its raw lines. */
function quoteBlock(md: string, blockIdPart: string): string[] {
  const lines = md.split('\n');
  const last = lines.findIndex((l) => l.startsWith('>') && l.includes(`^gloss-${blockIdPart}`));
  assert.notEqual(last, -1, `no blockquote ending in ^gloss-${blockIdPart}`);
  let first = last;
  while (first > 0 && lines[first - 1].startsWith('>')) first--;
  return lines.slice(first, last + 1);
}

describe('Markdown export of one article', () => {
  const article = makeArticle();
  const crossing = annotate(article, 'debate the budget.\n\nMembers vote in Erbil.');
  const later = annotate(article, 'The finance committee welcomed the vote.', {
    tags: ['Finance committee', 'budget 2024'],
    note: 'They wrote the bill.',
  });
  const hashed = annotate(article, 'Critics call it #unfair', { tags: ['1984', 'oil & gas', 'Oil & Gas'] });
  const listy = annotate(article, '- first, salaries\n1. then, roads\n> and *nothing* for [farmers]');
  const inCaption = annotate(article, 'Members vote in Erbil.');
  const orphan = annotate(article, 'Parliament met on Monday', {
    orphan: true,
    note: 'Gone after the update.',
  });
  const md = toMarkdown([{ article, annotations: [later, orphan, hashed, listy, crossing, inCaption] }]);

  it('opens with YAML front matter that parses back to the article metadata and tag union', () => {
    const yaml = frontMatterOf(md);
    assert.ok(yaml, 'front matter present');
    const meta = parse(yaml);
    assert.equal(meta.title, 'Parliament raises the oil levy');
    assert.equal(meta.source, 'Kurdistan 24');
    assert.equal(meta.place, 'ERBIL');
    assert.equal(meta.date, '2024-03-05T08:00:00Z');
    assert.equal(meta.url, 'https://example.org/levy');
    assert.deepEqual(meta.tags, ['Finance-committee', 'budget-2024', '_1984', 'oil-gas']);
  });

  it('quotes titles that YAML would misread (colons, quotes, leading symbols)', () => {
    const tricky = makeArticle('Budget: "yes" — #2 & @home: [draft]');
    const out = toMarkdown([{ article: tricky, annotations: [] }]);
    assert.equal(parse(frontMatterOf(out)!).title, 'Budget: "yes" — #2 & @home: [draft]');
  });

  it('then the title as a level-one heading', () => {
    assert.match(md, /\n---\n\n# Parliament raises the oil levy\n/);
  });

  it('lists passages in reading order, whatever order they were made in', () => {
    const order = [crossing, inCaption, hashed, listy, later].map((a) =>
      md.indexOf(a.id.replace(/[^a-z0-9]/g, '').slice(0, 8)),
    );
    assert.ok(order.every((pos) => pos > 0));
    assert.deepEqual(
      [...order].sort((x, y) => x - y),
      order,
    );
  });

  it('puts ">" on every line of a multi-paragraph passage, blank lines included; a caption in it is marked', () => {
    const lines = quoteBlock(md, crossing.id.slice(0, 8));
    assert.deepEqual(lines, [
      '> debate the budget.',
      '>',
      `> *(Photo caption)* Members vote in Erbil. ^gloss-${crossing.id.slice(0, 8)}`,
    ]);
  });

  it('ends the quote with a block id Obsidian can link to, unique in the file', () => {
    const ids = [...md.matchAll(/ \^(gloss-[a-z0-9-]+)$/gm)].map((m) => m[1]);
    assert.equal(ids.length, 6);
    assert.equal(new Set(ids).size, 6);
  });

  it('escapes "#" in quoted text so it never becomes a tag', () => {
    const [line] = quoteBlock(md, hashed.id.slice(0, 8));
    assert.match(line, /Critics call it \\#unfair/);
    assert.doesNotMatch(line, /[^\\]#unfair/);
  });

  it('escapes list, quote and emphasis marks at the start of quoted lines', () => {
    const lines = quoteBlock(md, listy.id.slice(0, 8));
    assert.equal(lines[0], '> \\- first, salaries');
    assert.equal(lines[1], '> 1\\. then, roads');
    assert.match(lines[2], /^> \\> and \\\*nothing\\\* for \\\[farmers\\\] \^gloss-/);
  });

  it('writes tags as Obsidian tags: spaces become dashes, forbidden characters go, all-digit tags get a letter-free prefix, duplicates once', () => {
    const tagLine = md.split('\n').find((l) => l.startsWith('#_1984'));
    assert.equal(tagLine, '#_1984 #oil-gas');
    assert.match(md, /\n#Finance-committee #budget-2024\n/);
  });

  it('puts the note beneath the tags and ends with a citation naming the paragraph', () => {
    const block = md.slice(md.indexOf('> The finance committee welcomed'));
    assert.match(
      block,
      /^> The finance committee welcomed the vote\. \^gloss-\w+\n\n#Finance-committee #budget-2024\n\nThey wrote the bill\.\n\n— "Parliament raises the oil levy", Kurdistan 24, 2024-03-05, ¶4\n/,
    );
  });

  it('cites a passage that starts in a caption as "caption"', () => {
    const block = md.slice(md.indexOf(`> Members vote in Erbil. ^gloss-${inCaption.id.slice(0, 8)}`));
    assert.match(block.split('\n\n')[1], /, caption$/);
  });

  it('lists orphaned passages at the end, under their own heading, with their quote and note', () => {
    const heading = md.indexOf('## Passages no longer found in the text');
    assert.ok(heading > md.indexOf('The finance committee welcomed'));
    const tail = md.slice(heading);
    assert.match(tail, /> Parliament met on Monday \^gloss-/);
    assert.match(tail, /Gone after the update\./);
    assert.match(tail, /no longer found in the text\n$/);
  });
});

describe('Markdown export of several articles', () => {
  const one = { ...makeArticle('First story') };
  one.meta = { ...one.meta, byline: 'Kosar Nawzad' };
  const two = makeArticle('Second story');
  const md = toMarkdown([
    { article: one, annotations: [annotate(one, 'debate the budget', { tags: ['budget'] })] },
    {
      article: two,
      annotations: [annotate(two, 'welcomed the vote')],
      articleNote: { text: 'Compare with the first.', modified: '2024-03-08T10:00:00.000Z' },
    },
  ]);

  it('has no front matter (Obsidian reads it only at the top) but a heading per article', () => {
    assert.equal(frontMatterOf(md), undefined);
    assert.match(md, /^# Notes from Gloss\n\n## First story\n\n```yaml\n/);
    assert.ok(md.indexOf('## Second story') > md.indexOf('## First story'));
  });

  it('opens each article with its properties — title, author, source, date, url, tags — in a YAML block', () => {
    const blocks = [...md.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => parse(m[1]));
    assert.deepEqual(blocks[0], {
      title: 'First story',
      author: 'Kosar Nawzad',
      source: 'Kurdistan 24',
      place: 'ERBIL',
      date: '2024-03-05T08:00:00Z',
      url: 'https://example.org/levy',
      tags: ['budget'],
    });
    assert.equal(blocks[1].title, 'Second story');
    assert.equal(blocks[1].author, undefined);
  });

  it('cites the author in each passage', () => {
    assert.match(md, /\n— Kosar Nawzad, "First story", Kurdistan 24, 2024-03-05, ¶1\n/);
  });

  it('puts an article’s note under its properties, before its passages', () => {
    const section = md.slice(md.indexOf('## Second story'));
    assert.ok(section.indexOf('Compare with the first.') > section.indexOf('```\n'));
    assert.ok(section.indexOf('Compare with the first.') < section.indexOf('> welcomed the vote'));
  });

  it('keeps a value with backticks inside its YAML block', () => {
    const odd = makeArticle('Code ``` in a title');
    const out = toMarkdown([
      { article: odd, annotations: [] },
      { article: two, annotations: [] },
    ]);
    const fence = /\n(`{4,})yaml\n([\s\S]*?)\n?\1\n/.exec(out);
    assert.ok(fence, 'a fence longer than the backticks inside');
    assert.equal(parse(fence[2]).title, 'Code ``` in a title');
  });
});

describe('toObsidianTag', () => {
  it('turns free text into a valid tag or nothing', () => {
    assert.equal(toObsidianTag('oil exports'), '#oil-exports');
    assert.equal(toObsidianTag('Kurdistan/Erbil'), '#Kurdistan/Erbil');
    assert.equal(toObsidianTag('2024'), '#_2024');
    assert.equal(toObsidianTag('2024 elections'), '#2024-elections');
    assert.equal(toObsidianTag('café'), '#café');
    assert.equal(toObsidianTag('?!'), null);
  });
});
