import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { finishText } from '@core/import/html-blocks';
import { parseHtmlString, parsePastedHtml } from '@core/import/html';
import type { ParsedDocument } from '@core/import/types';
import { blockOf, importFixturePage, linked } from '../../helpers/fixture-pages';

const prose =
  '<p>The harbour board met on Thursday and agreed, after a long and at times bitter debate, to spend the reserve on the north quay.</p>'.repeat(
    3,
  );
const page = (body: string, head = ''): string =>
  `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Quay</title>${head}</head><body><article>${prose}${body}</article></body></html>`;
const paragraph = (doc: ParsedDocument, start: string) => {
  const b = doc.blocks.find((x) => x.text.startsWith(start));
  assert.ok(b, `a block starting “${start}”`);
  return b;
};
const links = (doc: ParsedDocument, start: string) =>
  (paragraph(doc, start).links ?? []).map((l) => [paragraph(doc, start).text.slice(l.start, l.end), l.href]);

describe('Links in imported pages', () => {
  it('are kept as ranges of their block’s text, relative ones resolved against a saved page’s canonical address', async () => {
    const imported = await importFixturePage('harbour-courier.html');
    const first = blockOf(imported, 'paragraph', 'Crews on the island ferries');
    assert.deepEqual(linked(first), [
      ['four thousand passengers', 'https://www.harbourcourier.example/news/2024/03/stranded-passengers'],
    ]);
    assert.deepEqual(linked(blockOf(imported, 'paragraph', 'Passengers were told')), [
      ['service status page', 'https://ferries.example/status?route=north#today'],
    ]);
    // The canonical text is the words alone: annotations never see a link.
    assert.ok(imported.article.text.includes('leaving about four thousand passengers without a crossing'));
    assert.doesNotMatch(imported.article.text, /[\uE000\uE001]|href|https?:/);
  });

  it('drop javascript:, mailto: and other schemes, keeping their words', async () => {
    const imported = await importFixturePage('harbour-courier.html');
    const b = blockOf(imported, 'paragraph', 'The union said');
    assert.deepEqual(linked(b), [
      ['a statement', 'https://www.harbourcourier.example/news/2024/03/union-statement.pdf'],
    ]);
    assert.match(b.text, /called the strike “regrettable” and said it had written to the union/);
  });

  it('resolve against <base href> first, then the page’s own address, then canonical, then og:url', () => {
    const body =
      '<p>Read <a href="minutes.html">the minutes</a> of the meeting, which ran late into the night.</p>';
    const withBase = parseHtmlString(page(body, '<base href="https://archive.example/2024/">'), {
      url: 'https://quay.example/news/story',
    });
    assert.deepEqual(links(withBase, 'Read'), [['the minutes', 'https://archive.example/2024/minutes.html']]);
    const fetched = parseHtmlString(page(body, '<link rel="canonical" href="https://elsewhere.example/x">'), {
      url: 'https://quay.example/news/story',
    });
    assert.deepEqual(links(fetched, 'Read'), [['the minutes', 'https://quay.example/news/minutes.html']]);
    const ogOnly = parseHtmlString(page(body, '<meta property="og:url" content="https://og.example/a/b">'), {
      fileName: 'saved.html',
    });
    assert.deepEqual(links(ogOnly, 'Read'), [['the minutes', 'https://og.example/a/minutes.html']]);
    const nowhere = parseHtmlString(page(body), { fileName: 'saved.html' });
    assert.deepEqual(
      links(nowhere, 'Read'),
      [],
      'a saved page that never says its address keeps no relative link',
    );
    assert.match(paragraph(nowhere, 'Read').text, /Read the minutes of the meeting/);
  });

  it('keep Wikipedia’s reference marks as links to their notes, and its [edit] links not at all', async () => {
    const imported = await importFixturePage('wiki-lighthouse.html');
    const lead = blockOf(imported, 'paragraph', 'Skerry Point Lighthouse is an active');
    assert.deepEqual(linked(lead), [
      ['lighthouse', 'https://en.wikipedia.example/wiki/Lighthouse'],
      ['North Sound', 'https://en.wikipedia.example/wiki/North_Sound'],
      ['[1]', 'https://en.wikipedia.example/wiki/Skerry_Point_Lighthouse#cite_note-1'],
      ['[2]', 'https://en.wikipedia.example/wiki/Skerry_Point_Lighthouse#cite_note-nlb-2'],
    ]);
    const headings = imported.article.blocks.filter((b) => b.kind === 'heading').map((b) => b.text);
    assert.deepEqual(headings, ['History', 'Keepers', 'References']);
    assert.doesNotMatch(imported.article.text, /\[edit\]|\bedit\b/);
  });

  it('are kept in headings, list items, quotes and captions too, and in pasted HTML only when absolute', () => {
    const doc = parsePastedHtml(
      '<p>Notes on the plan.</p><h2>See <a href="https://a.example/h">the plan</a></h2><ul><li>Item <a href="https://a.example/l">one</a></li></ul>' +
        '<blockquote>Said <a href="https://a.example/q">here</a></blockquote><p>Relative <a href="/x">link</a> and <a href="#top">anchor</a>.</p>',
    );
    assert.deepEqual(
      doc.blocks.map((b) => (b.links ?? []).map((l) => [b.text.slice(l.start, l.end), l.href])),
      [
        [],
        [['the plan', 'https://a.example/h']],
        [['one', 'https://a.example/l']],
        [['here', 'https://a.example/q']],
        [],
      ],
    );
  });

  it('cannot be forged by the page’s own private-use characters', () => {
    const doc = parsePastedHtml(
      '<p>Plain \uE000words\uE001 here, and <a href="https://a.example/">a real one</a>.</p>',
    );
    const b = doc.blocks.find((x) => x.text.startsWith('Plain'))!;
    assert.equal(b.text, 'Plain words here, and a real one.');
    assert.deepEqual(
      (b.links ?? []).map((l) => b.text.slice(l.start, l.end)),
      ['a real one'],
    );
  });
});

describe('finishText', () => {
  it('collapses whitespace as a browser does and moves link edges with it', () => {
    const { text, links } = finishText('  Go \uE000  to  the \n quay \uE001 now \n\n later ', [
      'https://q.example/',
    ]);
    assert.equal(text, 'Go to the\nquay now\nlater');
    assert.deepEqual(links, [{ start: 3, end: 14, href: 'https://q.example/' }]);
    assert.equal(text.slice(3, 14), 'to the\nquay');
  });

  it('drops a link with no words', () => {
    assert.deepEqual(finishText('a \uE000 \uE001 b', ['https://q.example/']), { text: 'a b', links: [] });
  });
});
