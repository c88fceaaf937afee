import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { buildArticle } from '@core/document/build';
import type { Article } from '@core/document/types';
import { renderExport } from '@core/export/index';
import { toWebAnnotations, toWebAnnotationsJson, type WebAnnotation } from '@core/export/web-annotation';
import { annotator } from '../../helpers/export-fixtures';

function makeArticle(url?: string): Article {
  return buildArticle(
    [
      { kind: 'title', text: 'Flags 🇮🇶 and faces 😀' },
      {
        kind: 'paragraph',
        text: 'Crowds waved 🇮🇶 flags as the vote passed. The levy rises by five percent.',
      },
      { kind: 'paragraph', text: 'Critics said it would hurt small producers.' },
    ],
    { title: 'Flags and faces', source: 'Kurdistan 24', format: 'text', ...(url ? { url } : {}) },
    `article ${url ?? ''}`,
  );
}

const annotate = annotator((phrase, start) => ({
  id: `id-${phrase.length}-${start}`,
  color: 'blue',
  created: '2024-03-06T12:00:00+03:00',
  modified: '2024-03-07T09:30:00.000Z',
}));

const article = makeArticle();
const withUrl = makeArticle('https://example.org/levy');
const plain = annotate(article, 'The levy rises by five percent.');
const noted = annotate(article, 'hurt small producers', {
  note: 'Which ones?',
  tags: ['Producers', 'producers', 'oil'],
  color: 'pink',
});
const tagged = annotate(withUrl, 'Crowds waved', { tags: ['crowds'] });
const orphan = annotate(article, 'Critics said', { orphan: true });
const collection = toWebAnnotations([
  { article, annotations: [noted, plain, orphan] },
  { article: withUrl, annotations: [tagged] },
]);
const items = collection.first.items;
const byId = (id: string): WebAnnotation => items.find((i) => i.id === `urn:gloss:annotation:${id}`)!;
/** A passage's target (a SpecificResource of the article), not the article note's. */
function passageTarget(item: WebAnnotation) {
  assert.ok('selector' in item.target, `${item.id} targets a passage`);
  return item.target;
}
const colourBody = (color: string) => ({
  type: 'TextualBody',
  value: color,
  purpose: 'highlighting',
  format: 'text/plain',
  language: 'en',
  creator: { id: 'urn:gloss:person:unnamed', type: 'Person' },
});

describe('Web Annotation export', () => {
  it('is an AnnotationCollection with the W3C context, a total, and one page holding every item', () => {
    assert.equal(collection['@context'], 'http://www.w3.org/ns/anno.jsonld');
    assert.equal(collection.type, 'AnnotationCollection');
    assert.equal(collection.total, 4);
    assert.equal(collection.first.type, 'AnnotationPage');
    assert.equal(items.length, 4);
  });

  it('gives every item the fields the model requires', () => {
    for (const item of items) {
      assert.ok(
        item['@context'].includes('http://www.w3.org/ns/anno.jsonld'),
        'context names the W3C vocabulary',
      );
      assert.equal(item.type, 'Annotation');
      assert.match(item.id, /^urn:gloss:annotation:/);
      assert.ok(passageTarget(item).source);
      assert.ok(passageTarget(item).selector.some((s) => s.type === 'TextQuoteSelector'));
    }
  });

  it('writes created and modified as UTC date-times that parse back to the same instant', () => {
    const item = byId(plain.id);
    assert.equal(item.created, '2024-03-06T09:00:00.000Z');
    assert.equal(Date.parse(item.created!), Date.parse(plain.created));
    for (const i of items) {
      assert.match(i.created!, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
      assert.match(i.modified, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
    }
  });

  it('marks a bare highlight "highlighting", its one body the colour (the model asks every annotation for a body)', () => {
    const item = byId(plain.id);
    assert.equal(item.motivation, 'highlighting');
    assert.deepEqual(item.body, [colourBody('blue')]);
  });

  it('puts the note in a commenting body and each distinct tag in a tagging body', () => {
    const item = byId(noted.id);
    assert.equal(item.motivation, 'commenting');
    assert.deepEqual(item.body, [
      colourBody('pink'),
      { type: 'TextualBody', value: 'Which ones?', format: 'text/plain', purpose: 'commenting' },
      { type: 'TextualBody', value: 'Producers', purpose: 'tagging' },
      { type: 'TextualBody', value: 'oil', purpose: 'tagging' },
    ]);
    assert.deepEqual(byId(tagged.id).body, [
      colourBody('blue'),
      { type: 'TextualBody', value: 'crowds', purpose: 'tagging' },
    ]);
  });

  it('counts positions in code points: after emoji they are smaller than UTF-16 offsets by the surrogate pairs', () => {
    const item = byId(plain.id);
    const pos = passageTarget(item).selector.find((s) => s.type === 'TextPositionSelector');
    assert.ok(pos && pos.type === 'TextPositionSelector');
    // Before the passage: 🇮🇶 and 😀 in the title (3 pairs) and 🇮🇶 in the paragraph (2 pairs).
    assert.equal(pos.start, plain.target.position.start - 5);
    assert.equal(pos.end, plain.target.position.end - 5);
    assert.equal([...article.text].slice(pos.start, pos.end).join(''), plain.target.quote.exact);
  });

  it('keeps the quote selector with its context', () => {
    const quote = passageTarget(byId(plain.id)).selector[0];
    assert.deepEqual(quote, { type: 'TextQuoteSelector', ...withoutType(plain.target.quote) });
  });

  it('names the article by its URL when it has one, else by a gloss URN', () => {
    assert.equal(passageTarget(byId(tagged.id)).source, 'https://example.org/levy');
    assert.equal(passageTarget(byId(plain.id)).source, `urn:gloss:article:${article.id}`);
  });

  it('carries colour as the gloss:color extension, and flags orphans without a position', () => {
    assert.equal(byId(noted.id)['gloss:color'], 'pink');
    const lost = byId(orphan.id);
    assert.equal(lost['gloss:orphan'], true);
    assert.deepEqual(
      passageTarget(lost).selector.map((s) => s.type),
      ['TextQuoteSelector'],
    );
    assert.equal(byId(plain.id)['gloss:orphan'], undefined);
  });

  it('lists each article’s annotations in reading order', () => {
    const firstArticle = items.filter((i) => passageTarget(i).source.startsWith('urn:')).map((i) => i.id);
    assert.deepEqual(
      firstArticle,
      [plain, orphan, noted].map((a) => `urn:gloss:annotation:${a.id}`),
    );
  });

  it('uses baseId for ids when given', () => {
    const c = toWebAnnotations([{ article, annotations: [plain] }], { baseId: 'https://notes.example/a/' });
    assert.equal(c.id, 'https://notes.example/a/');
    assert.equal(c.first.items[0].id, `https://notes.example/a/${plain.id}`);
  });

  it('renders as JSON that parses back to the same collection', () => {
    const json = renderExport('json', [{ article, annotations: [plain] }]);
    assert.deepEqual(JSON.parse(json), toWebAnnotations([{ article, annotations: [plain] }]));
  });

  it('renders a whole library with one annotation per line, each a complete Annotation with its @context', () => {
    const entries = [
      { article, annotations: [noted, plain, orphan] },
      { article: makeArticle('https://example.org/empty'), annotations: [] },
      { article: withUrl, annotations: [tagged] },
    ];
    for (const opts of [{}, { baseId: 'https://notes.example/a/' }]) {
      const json = toWebAnnotationsJson(entries, opts);
      assert.deepEqual(JSON.parse(json), toWebAnnotations(entries, opts));
      const lines = json.split('\n').filter((l) => l.trimStart().startsWith('{"@context"'));
      assert.equal(lines.length, 4);
      for (const line of lines)
        assert.equal(
          JSON.parse(line.trim().replace(/,$/, ''))['@context'][0],
          'http://www.w3.org/ns/anno.jsonld',
        );
    }
    assert.deepEqual(JSON.parse(toWebAnnotationsJson([])), toWebAnnotations([]));
  });

  it('writes each item line exactly as JSON.stringify writes the item (the text is built per article, not per object)', () => {
    const versioned = {
      ...withUrl,
      versions: [{ hash: 'v1', importedAt: '2024-01-01T00:00:00Z', wordCount: 3 }],
    } as Article;
    const entries = [
      {
        article,
        annotations: [
          noted,
          plain,
          orphan,
          annotate(article, 'Crowds waved', { tags: ['#a  b', 'A b', ''] }),
        ],
        articleNote: { text: ' Why it matters ', modified: '2024-03-07T09:30:00.000Z' },
      },
      { article: versioned, annotations: [{ ...tagged, versionHash: 'v1', note: '  \n ' }] },
    ];
    for (const opts of [{}, { baseId: 'https://notes.example/a/', userName: 'Ana "A" Lima' }]) {
      const lines = toWebAnnotationsJson(entries, opts)
        .split('\n')
        .filter((l) => l.trimStart().startsWith('{"@context"'))
        .map((l) => l.trim().replace(/,$/, ''));
      const expected = toWebAnnotations(entries, opts).first.items.map((item) => JSON.stringify(item));
      assert.deepEqual(lines, expected);
    }
  });
});

describe('Web Annotation export: what a citation rests on', () => {
  const cited = buildArticle(
    [
      { kind: 'title', text: 'Parliament raises the oil levy' },
      { kind: 'paragraph', text: 'Parliament met on Monday.' },
      { kind: 'paragraph', text: 'The levy rises by five percent.' },
    ],
    {
      title: 'Parliament raises the oil levy',
      byline: 'Kosar Nawzad, Jane Doe',
      source: 'Kurdistan 24',
      published: '2024-03-05T08:00:00Z',
      url: 'https://example.org/levy#top',
      language: 'en-GB',
      format: 'html',
    },
    'cited',
  );
  const passage = annotate(cited, 'The levy rises by five percent.');
  const note = { text: 'Check the 2021 figures.', modified: '2024-03-08T10:00:00.000Z' };
  const [noteItem, passageItem] = toWebAnnotations(
    [{ article: cited, annotations: [passage], articleNote: note }],
    {
      userName: 'Ana Reyes',
    },
  ).first.items;

  it('names the article on the target: its URL as source, title, each author, publisher, date, format and language, and keeps the local id', () => {
    const target = passageTarget(passageItem);
    assert.equal(target.source, 'https://example.org/levy#top');
    assert.equal(target['dcterms:title'], 'Parliament raises the oil levy');
    assert.deepEqual(target['dcterms:creator'], ['Kosar Nawzad', 'Jane Doe']);
    assert.equal(target['dcterms:publisher'], 'Kurdistan 24');
    assert.equal(target['dcterms:issued'], '2024-03-05T08:00:00Z');
    assert.equal(target.format, 'text/html');
    assert.equal(target.language, 'en-gb');
    assert.equal(target['gloss:article'], cited.id);
  });

  it('says where the passage starts, as its citation does', () => {
    assert.equal(passageItem['gloss:location'], '¶2');
  });

  it('names the user as creator (a Person) and Gloss as generator (Software, with its version)', async () => {
    const { version } = JSON.parse(
      await readFile(new URL('../../../../package.json', import.meta.url), 'utf8'),
    );
    assert.deepEqual(passageItem.creator, {
      id: 'urn:gloss:person:Ana%20Reyes',
      type: 'Person',
      name: 'Ana Reyes',
      nickname: 'Ana Reyes',
    });
    assert.deepEqual(passageItem.generator, {
      id: 'urn:gloss:software:gloss',
      type: 'Software',
      name: 'Gloss',
      nickname: 'gloss',
      'schema:softwareVersion': version,
    });
  });

  it('leaves the user unnamed when settings hold no name', () => {
    const item = toWebAnnotations([{ article: cited, annotations: [passage] }]).first.items[0];
    assert.deepEqual(item.creator, { id: 'urn:gloss:person:unnamed', type: 'Person' });
  });

  it('exports the note on the whole article first, as a comment whose target is the article itself', () => {
    assert.equal(noteItem.id, `urn:gloss:article-note:${cited.id}`);
    assert.equal(noteItem.motivation, 'commenting');
    assert.equal(noteItem.modified, '2024-03-08T10:00:00.000Z');
    assert.equal(noteItem.body[0].value, 'Check the 2021 figures.');
    assert.deepEqual(noteItem.target, {
      id: 'https://example.org/levy#top',
      type: 'Text',
      format: 'text/html',
      language: 'en-gb',
      'dcterms:title': 'Parliament raises the oil levy',
      'dcterms:creator': ['Kosar Nawzad', 'Jane Doe'],
      'dcterms:publisher': 'Kurdistan 24',
      'dcterms:issued': '2024-03-05T08:00:00Z',
      'gloss:article': cited.id,
    });
  });

  it('counts the article note in the total and writes it in the JSON text too', () => {
    const entries = [{ article: cited, annotations: [passage], articleNote: note }];
    const json = JSON.parse(toWebAnnotationsJson(entries));
    assert.equal(json.total, 2);
    assert.equal(json.first.items[0].id, `urn:gloss:article-note:${cited.id}`);
    // A blank article note is no item.
    assert.equal(toWebAnnotations([{ ...entries[0], articleNote: { ...note, text: '  ' } }]).total, 1);
  });
});

function withoutType<T extends { type: string }>(o: T): Omit<T, 'type'> {
  const { type: _type, ...rest } = o;
  return rest;
}
