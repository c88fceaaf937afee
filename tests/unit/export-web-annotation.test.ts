import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Annotation } from '../../main/core/annotations/types';
import { describeRange } from '../../main/core/anchoring/describe';
import { buildArticle } from '../../main/core/document/build';
import type { Article } from '../../main/core/document/types';
import { renderExport } from '../../main/core/export/index';
import {
  toWebAnnotations,
  toWebAnnotationsJson,
  type WebAnnotation,
} from '../../main/core/export/web-annotation';

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

function annotate(article: Article, phrase: string, extra: Partial<Annotation> = {}): Annotation {
  const start = article.text.indexOf(phrase);
  assert.notEqual(start, -1, `test setup: "${phrase}" not in the article`);
  const { quote, position } = describeRange(article.text, start, start + phrase.length);
  return {
    id: `id-${phrase.length}-${start}`,
    articleId: article.id,
    target: { source: article.id, quote, position },
    color: 'blue',
    tags: [],
    note: '',
    created: '2024-03-06T12:00:00+03:00',
    modified: '2024-03-07T09:30:00.000Z',
    ...extra,
  };
}

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
      assert.ok(item.target.source);
      assert.ok(item.target.selector.some((s) => s.type === 'TextQuoteSelector'));
    }
  });

  it('writes created and modified as UTC date-times that parse back to the same instant', () => {
    const item = byId(plain.id);
    assert.equal(item.created, '2024-03-06T09:00:00.000Z');
    assert.equal(Date.parse(item.created), Date.parse(plain.created));
    for (const i of items) {
      assert.match(i.created, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
      assert.match(i.modified, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
    }
  });

  it('marks a bare highlight "highlighting" with no body', () => {
    const item = byId(plain.id);
    assert.equal(item.motivation, 'highlighting');
    assert.equal(item.body, undefined);
  });

  it('puts the note in a commenting body and each distinct tag in a tagging body', () => {
    const item = byId(noted.id);
    assert.equal(item.motivation, 'commenting');
    assert.deepEqual(item.body, [
      { type: 'TextualBody', value: 'Which ones?', format: 'text/plain', purpose: 'commenting' },
      { type: 'TextualBody', value: 'Producers', purpose: 'tagging' },
      { type: 'TextualBody', value: 'oil', purpose: 'tagging' },
    ]);
    assert.deepEqual(byId(tagged.id).body, [{ type: 'TextualBody', value: 'crowds', purpose: 'tagging' }]);
  });

  it('counts positions in code points: after emoji they are smaller than UTF-16 offsets by the surrogate pairs', () => {
    const item = byId(plain.id);
    const pos = item.target.selector.find((s) => s.type === 'TextPositionSelector');
    assert.ok(pos && pos.type === 'TextPositionSelector');
    // Before the passage: 🇮🇶 and 😀 in the title (3 pairs) and 🇮🇶 in the paragraph (2 pairs).
    assert.equal(pos.start, plain.target.position.start - 5);
    assert.equal(pos.end, plain.target.position.end - 5);
    assert.equal([...article.text].slice(pos.start, pos.end).join(''), plain.target.quote.exact);
  });

  it('keeps the quote selector with its context', () => {
    const quote = byId(plain.id).target.selector[0];
    assert.deepEqual(quote, { type: 'TextQuoteSelector', ...withoutType(plain.target.quote) });
  });

  it('names the article by its URL when it has one, else by a gloss URN', () => {
    assert.equal(byId(tagged.id).target.source, 'https://example.org/levy');
    assert.equal(byId(plain.id).target.source, `urn:gloss:article:${article.id}`);
  });

  it('carries colour as the gloss:color extension, and flags orphans without a position', () => {
    assert.equal(byId(noted.id)['gloss:color'], 'pink');
    const lost = byId(orphan.id);
    assert.equal(lost['gloss:orphan'], true);
    assert.deepEqual(
      lost.target.selector.map((s) => s.type),
      ['TextQuoteSelector'],
    );
    assert.equal(byId(plain.id)['gloss:orphan'], undefined);
  });

  it('lists each article’s annotations in reading order', () => {
    const firstArticle = items.filter((i) => i.target.source.startsWith('urn:')).map((i) => i.id);
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
});

function withoutType<T extends { type: string }>(o: T): Omit<T, 'type'> {
  const { type: _type, ...rest } = o;
  return rest;
}
