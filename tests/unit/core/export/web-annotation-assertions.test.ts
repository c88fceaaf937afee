import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildArticle } from '@core/document/build';
import type { Article } from '@core/document/types';
import type { ExportEntry } from '@core/export/types';
import { toWebAnnotationsJson } from '@core/export/web-annotation';
import {
  ANNOTATION_ASSERTIONS,
  COLLECTION_ASSERTIONS,
  failures,
} from '../../helpers/web-annotation-assertions';
import { annotator } from '../../helpers/export-fixtures';

function makeArticle(meta: Partial<Article['meta']>, seed: string): Article {
  return buildArticle(
    [
      { kind: 'title', text: 'Flags 🇮🇶 and faces' },
      { kind: 'paragraph', text: 'Crowds waved flags as the vote passed. The levy rises by five percent.' },
      { kind: 'caption', text: 'Members vote in Erbil. (Photo: Kurdistan 24)' },
      { kind: 'paragraph', text: 'Critics said it would hurt small producers.' },
    ],
    { title: 'Flags and faces', format: 'html', ...meta },
    seed,
  );
}

let serial = 0;
const annotate = annotator(() => ({
  id: `a-${++serial}`,
  created: '2024-03-06T12:00:00+03:00',
  modified: '2024-03-07T09:30:00.000Z',
}));

/** A library with each kind of item: bare, noted, tagged, across paragraphs, orphaned, an article note, no URL, no author. */
function library(): ExportEntry[] {
  const full = makeArticle(
    {
      byline: 'Kosar Nawzad, Jane Doe',
      source: 'Kurdistan 24',
      published: '2024-03-05',
      url: 'https://example.org/levy',
      language: 'en',
    },
    'full',
  );
  const bare = makeArticle({}, 'bare');
  return [
    {
      article: full,
      articleNote: { text: 'Why it matters: the levy.', modified: '2024-03-08T10:00:00.000Z' },
      annotations: [
        annotate(full, 'The levy rises by five percent.'),
        annotate(full, 'hurt small producers', { note: 'Which ones?', tags: ['claim', 'oil/exports'] }),
        annotate(full, 'the vote passed. The levy rises by five percent.\n\nMembers vote', { color: 'pink' }),
        annotate(full, 'Members vote in Erbil.', { tags: ['photo'] }),
        annotate(full, 'Critics said', { orphan: true, note: 'Gone after the update.' }),
      ],
    },
    { article: bare, annotations: [annotate(bare, 'Crowds waved flags')] },
  ];
}

describe('The W3C JSON export against the Web Annotation model’s test assertions', () => {
  const exported = JSON.parse(toWebAnnotationsJson(library(), { userName: 'Ana Reyes' }));

  it('holds every annotation the library has (the article note among them)', () => {
    assert.equal(exported.first.items.length, 7);
  });

  it('fails no MUST and no SHOULD of the collection and its page', () => {
    assert.deepEqual(failures(exported, COLLECTION_ASSERTIONS), []);
  });

  it('fails no MUST and no SHOULD on any annotation, when the user has given a name', () => {
    for (const item of exported.first.items)
      assert.deepEqual(failures(item, ANNOTATION_ASSERTIONS), [], `${item.id} fails`);
  });

  it('without a name, fails only the SHOULDs that the creator be named — never a MUST', () => {
    const anonymous = JSON.parse(toWebAnnotationsJson(library()));
    for (const item of anonymous.first.items)
      assert.deepEqual(failures(item, ANNOTATION_ASSERTIONS), [
        'should 3.3.2-annotationCreatorAgentNicknameImplemented',
        'should 3.3.2-annotationCreatorAgentSingleNameImplemented',
      ]);
  });
});

describe('The vendored assertion checks', () => {
  const good = JSON.parse(toWebAnnotationsJson(library(), { userName: 'Ana Reyes' })).first.items[1];
  // The parsed JSON, changed freely to break one rule at a time.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const broken = (change: (a: Record<string, any>) => void) => {
    const copy = structuredClone(good);
    change(copy);
    return failures(copy, ANNOTATION_ASSERTIONS);
  };

  it('catch an annotation that breaks a MUST', () => {
    assert.deepEqual(
      broken((a) => delete a.target),
      ['must 3.1-targetKeyFound'],
    );
    assert.deepEqual(
      broken((a) => (a['@context'] = 'http://example.org/context.jsonld')),
      ['must 3.1-annotationContextValidated'],
    );
    assert.deepEqual(
      broken((a) => (a.id = 'not an iri')),
      ['must 3.1-annotationIdValidated'],
    );
    assert.deepEqual(
      broken((a) => (a.bodyValue = 'both')),
      ['must 3.2.5-notBodyBodyValue'],
    );
    assert.deepEqual(
      broken((a) => (a.created = '5 March 2024')),
      ['must 3.3.1-annotationCreatedValidated'],
    );
    assert.deepEqual(
      broken((a) => (a.target.selector[1].start = -1)),
      ['must 3.2-targetObjectsRecognized'],
    );
    assert.deepEqual(
      broken((a) => (a.target.styleClass = 5)),
      [
        'must targetMusts + specificResourceMusts (4.2 selectors, 4.2.4 quote, 4.2.5 positions, 4.4 styleClass)',
      ],
    );
    assert.ok(broken((a) => (a.target = { type: 'TextualBody', value: 'x' })).length > 0);
    assert.ok(
      broken((a) => (a.target = { 'dcterms:title': 'no id, no source' })).includes(
        'must 3.2-targetObjectsRecognized',
      ),
    );
  });

  it('catch an annotation that misses a SHOULD', () => {
    assert.deepEqual(
      broken((a) => delete a.body),
      [
        'should 3.1-bodyKeyFound',
        'should 3.2.1-bodySingleFormat',
        'should 3.2.1-bodySingleLanguage',
        'should 3.3.1-bodySingleCreator',
        'should 3.2.4-bodyETBTypeTextualBody',
      ],
    );
    assert.deepEqual(
      broken((a) => (a.motivation = ['commenting', 'tagging'])),
      ['should 3.3.5-annotationSingleMotivationImplemented'],
    );
    assert.deepEqual(
      broken((a) => delete a.generator.type),
      ['should 3.3.2-annotationGeneratorAgentTypeImplemented'],
    );
  });

  it('catch a collection without an id or a page', () => {
    const collection = JSON.parse(toWebAnnotationsJson(library()));
    delete collection.id;
    assert.deepEqual(failures(collection, COLLECTION_ASSERTIONS), ['must 5.1-collectionIdValidated']);
    delete collection.first;
    assert.ok(failures(collection, COLLECTION_ASSERTIONS).includes('must 5.1-collectionFirstValidated'));
  });
});
