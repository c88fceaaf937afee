import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { BlockInput } from '@core/document/types';
import { cleanBlocks } from '@core/import/html-cleanup';
import { parsePastedHtml } from '@core/import/html';
import { importFixturePage, PAGES_DIR } from '../../helpers/fixture-pages';

const pic = { asset: 'img-0000000000000000.png' };

describe('Clean content', () => {
  it('no imported text anywhere holds markup: every fixture page, every block and every metadata field', async () => {
    const pages = readdirSync(PAGES_DIR).filter((f) => f.endsWith('.html'));
    assert.ok(pages.length >= 6);
    for (const name of pages) {
      const { article } = await importFixturePage(name);
      const texts = [
        ...article.blocks.flatMap((b) => [
          b.text,
          ...(b.kind === 'caption' ? [b.credit ?? '', b.image?.alt ?? ''] : []),
        ]),
        ...Object.values(article.meta).filter((v): v is string => typeof v === 'string'),
      ];
      for (const t of texts) assert.doesNotMatch(t, /<\s*\/?\s*[a-z][a-z0-9-]*[\s>/]/i, `${name}: ${t}`);
    }
  });

  it('drops a CMS’s markup that reached a caption as text', async () => {
    const { article } = await importFixturePage('harbour-courier.html');
    assert.ok(article.blocks.some((b) => b.text === 'The winter timetable as it stood before the strike.'));
    // A page that prints a bare tag as words keeps it: only attributed tags are a CMS's leak.
    const about = parsePastedHtml('<p>Intro.</p><p>Wrap the text in a &lt;p&gt; element.</p>');
    assert.equal(about.blocks[1].text, 'Wrap the text in a <p> element.');
  });

  it('drops slideshow counters, alone or at a caption’s edge', () => {
    const out = cleanBlocks([
      { kind: 'paragraph', text: '1 / 5' },
      { kind: 'caption', text: '2 of 12 Cars queue at the terminal', image: pic },
      {
        kind: 'caption',
        text: 'Boats in the harbour (Image 3 of 12)',
        image: pic,
        creditOffset: 22,
        credit: 'x',
      },
      { kind: 'paragraph', text: 'Photo 4/12' },
      { kind: 'paragraph', text: 'In 2024, 1 of 5 sailings was late.' },
    ] as BlockInput[]);
    assert.deepEqual(
      out.map((b) => b.text),
      ['Cars queue at the terminal', 'Boats in the harbour', 'In 2024, 1 of 5 sailings was late.'],
    );
  });

  it('keeps a caption once when the page repeats it beside its figure, as a heading, a paragraph or a bare caption', () => {
    const text = 'Cars queue at the terminal on Tuesday morning';
    const out = cleanBlocks([
      { kind: 'heading', text, level: 3 },
      { kind: 'caption', text, image: pic },
      { kind: 'caption', text },
      { kind: 'paragraph', text: 'By mid-morning the queue reached the roundabout.' },
      { kind: 'paragraph', text },
    ] as BlockInput[]);
    assert.deepEqual(
      out.map((b) => [b.kind, b.text]),
      [
        ['caption', text],
        ['paragraph', 'By mid-morning the queue reached the roundabout.'],
      ],
    );
    const slideshow = cleanBlocks([
      { kind: 'caption', text: 'The quay', image: pic },
      { kind: 'caption', text: 'The quay', image: { asset: 'img-1111111111111111.png' } },
    ] as BlockInput[]);
    assert.equal(slideshow.length, 2, 'two pictures with one caption are both kept');
  });

  it('keeps a page’s text inside a <form> (ASP.NET wraps whole pages in one), dropping its controls', () => {
    const doc = parsePastedHtml(
      '<form action="/x"><input type="hidden" value="VIEWSTATE"><p>The clinic study covered forty practices.</p><button>Subscribe</button></form>',
    );
    assert.deepEqual(
      doc.blocks.map((b) => b.text),
      ['The clinic study covered forty practices.'],
    );
  });
});

describe('Never boilerplate instead of the article', () => {
  it('reads the article again from Readability when the walk kept much less of it, and says so', async () => {
    const { article, warnings } = await importFixturePage('dialog-article.html');
    assert.ok(article.meta.wordCount > 120, `${article.meta.wordCount} words`);
    assert.ok(article.blocks.some((b) => b.text.startsWith('Not everyone is pleased.')));
    assert.ok(!article.text.includes('This page was printed from'));
    assert.match(warnings.join('\n'), /layout hid most of the article/);
  });

  it('leaves a page whose walk kept the article alone', async () => {
    const { warnings } = await importFixturePage('printed-form.html');
    assert.deepEqual(warnings, []);
  });
});

describe('The Readability fallback', () => {
  it('does not count words no reader reads as text (a chart’s SVG labels) against the walk, nor bring them back', async () => {
    const { parseHtmlString } = await import('@core/import/html');
    const labels = Array.from(
      { length: 300 },
      (_, i) => `<text x="${i}" y="10">Ward ${i} turnout</text>`,
    ).join('');
    const doc = parseHtmlString(
      `<html><head><title>Vote</title></head><body><article><h1>Vote</h1>${'<p>The council will vote on the harbour plan next week, after months of argument about its cost.</p>'.repeat(3)}<p>Turnout by ward: <svg viewBox="0 0 300 20">${labels}</svg></p></article></body></html>`,
    );
    assert.deepEqual(doc.warnings, []);
    assert.ok(!doc.blocks.some((b) => /Ward \d+ turnout/.test(b.text)));
  });
});
