/**
 * The notebook's passages one window at a time: the service filters and
 * sorts every passage of the library and sends the window the list shows,
 * with how many pass the filter; it follows edits, new passages, deletions
 * and removed articles without being asked to reload.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGloss, type GlossService } from '@core/service';
import {
  EVERY_PASSAGE,
  filterPassages,
  keepPassages,
  type NotebookFilter,
} from '@core/notebook/passage-filter';
import { foldInChunks } from '@core/notebook/passage-catalog';
import type { Annotation } from '@core/contract';

describe('notebook pages', () => {
  let dir: string;
  let gloss: GlossService;
  const articles: string[] = [];
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gloss-notebook-pages-'));
    gloss = await createGloss({ dataDir: dir, seedsDir: join(dir, 'no-seeds') });
    const paths = [];
    for (const n of [0, 1, 2]) {
      const p = join(dir, `source-${n}.txt`);
      await writeFile(p, `Article ${n}\n\n${'Words of the article follow here. '.repeat(30)}`);
      paths.push(p);
    }
    const { imported } = await gloss.importFiles({ paths });
    articles.push(...imported.map((a) => a.id));
    // Ten passages in each article; every third tagged claim, one pink.
    for (const [k, articleId] of articles.entries())
      for (let i = 0; i < 10; i++)
        await gloss.createAnnotation({
          articleId,
          start: 12 + i * 30,
          end: 20 + i * 30,
          color: k === 1 && i === 4 ? 'pink' : 'yellow',
          tags: i % 3 === 0 ? ['claim'] : [],
          note: `note ${k}-${i}`,
        });
  });
  after(async () => {
    await gloss.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('answers one window of the filtered, sorted passages, with how many pass and how many there are', async () => {
    const first = await gloss.listPassages({ offset: 0, limit: 7 });
    assert.equal(first.total, 30);
    assert.equal(first.all, 30);
    assert.equal(first.passages.length, 7);
    const next = await gloss.listPassages({ offset: 7, limit: 7 });
    assert.equal(next.offset, 7);
    const everything = await gloss.listPassages({ limit: 100, ids: true });
    assert.deepEqual(
      [...first.passages, ...next.passages].map((a) => a.id),
      everything.ids!.slice(0, 14),
      'windows follow one order',
    );
    assert.deepEqual(
      new Set(first.articles.map((a) => a.id)),
      new Set(first.passages.map((a) => a.articleId)),
      'with the articles of the passages sent, once each',
    );
  });

  it('filters in main: tags, colours, text', async () => {
    const claims = await gloss.listPassages({ filter: { tags: ['claim'] }, limit: 2 });
    assert.equal(claims.total, 12);
    assert.equal(claims.passages.length, 2);
    assert.ok(claims.passages.every((a) => a.tags.includes('claim')));
    const pink = await gloss.listPassages({ filter: { colors: ['pink'] } });
    assert.equal(pink.total, 1);
    assert.equal(pink.passages[0].note, 'note 1-4');
    assert.equal((await gloss.listPassages({ filter: { text: 'NOTE 2-' } })).total, 10);
  });

  it('names the passages asked for only (the selected ones), and the filter menus when asked', async () => {
    const { ids } = await gloss.listPassages({ limit: 0, ids: true });
    const some = await gloss.listPassages({ only: [ids![3], ids![20]], limit: 100 });
    assert.deepEqual(
      some.passages.map((a) => a.id),
      [ids![3], ids![20]],
    );
    const { choices } = await gloss.listPassages({ limit: 0, choices: true });
    assert.equal(choices!.articles.length, 3);
  });

  it('follows a corrected title and source in its menus and its source filter (kept between requests, not after a change)', async () => {
    const { choices: first } = await gloss.listPassages({ limit: 0, choices: true });
    assert.ok(!first!.articles.some((a) => a.title === 'Corrected title'));
    await gloss.updateArticleMeta({ id: articles[1], title: 'Corrected title', source: 'Corrected Source' });
    const { choices } = await gloss.listPassages({ limit: 0, choices: true });
    assert.ok(choices!.articles.some((a) => a.id === articles[1] && a.title === 'Corrected title'));
    assert.ok(choices!.sources.includes('Corrected Source'));
    const bySource = await gloss.listPassages({ filter: { source: 'Corrected Source' }, limit: 100 });
    assert.equal(bySource.total, 10);
    assert.ok(bySource.passages.every((a) => a.articleId === articles[1]));
  });

  it('follows changes made since: an edit, a new passage, a deletion, a removed article', async () => {
    const before = await gloss.listPassages({ limit: 1 });
    const a = before.passages[0];
    await gloss.updateAnnotation({ articleId: a.articleId, id: a.id, note: 'changed in the reader' });
    assert.equal((await gloss.listPassages({ filter: { text: 'changed in the reader' } })).total, 1);
    await gloss.deleteAnnotation({ articleId: a.articleId, id: a.id });
    assert.equal((await gloss.listPassages({ limit: 0 })).total, 29);
    await gloss.createAnnotation({
      articleId: articles[2],
      start: 12,
      end: 16,
      color: 'blue',
      tags: [],
      note: '',
    });
    assert.equal((await gloss.listPassages({ filter: { colors: ['blue'] } })).total, 1);
    await gloss.removeArticle({ id: articles[0] });
    const after = await gloss.listPassages({ limit: 100 });
    assert.ok(after.passages.every((p) => p.articleId !== articles[0]));
    assert.equal(after.total, 20);
  });

  it('sorts and filters as one pass over every passage would, also after an edit and a new article', async () => {
    const expectSameAsOnePass = async (when: string) => {
      const summaries = await gloss.listArticles();
      const info = new Map(summaries.map((a) => [a.id, a]));
      const every = (
        await Promise.all(summaries.map((a) => gloss.listAnnotations({ articleId: a.id })))
      ).flat();
      const filters: Array<Partial<NotebookFilter>> = [
        {},
        { sort: 'created' },
        { sort: 'modified' },
        { tags: ['claim'] },
        { colors: ['pink', 'yellow'], sort: 'modified' },
        { text: 'note 1' },
      ];
      for (const f of filters) {
        const { ids } = await gloss.listPassages({ filter: f, limit: 0, ids: true });
        assert.deepEqual(
          ids,
          filterPassages(every, info, { ...EVERY_PASSAGE, ...f }).map((a) => a.id),
          `${when}: ${JSON.stringify(f)}`,
        );
      }
    };
    await expectSameAsOnePass('as read');
    const [first] = (await gloss.listPassages({ filter: { sort: 'created' }, limit: 1 })).passages;
    await gloss.updateAnnotation({ articleId: first.articleId, id: first.id, note: 'edited last' });
    await expectSameAsOnePass('after an edit');
    const p = join(dir, 'source-new.txt');
    await writeFile(p, `A newer article\n\n${'Other words of the article. '.repeat(30)}`);
    const [added] = (await gloss.importFiles({ paths: [p] })).imported;
    await gloss.createAnnotation({ articleId: added.id, start: 20, end: 30, color: 'pink', tags: ['claim'] });
    await expectSameAsOnePass('after a new article');
  });

  it('answers a text typed letter by letter, typed on after a space, taken back and changed as one pass over every passage would', async () => {
    const summaries = await gloss.listArticles();
    const info = new Map(summaries.map((a) => [a.id, a]));
    const every = (
      await Promise.all(summaries.map((a) => gloss.listAnnotations({ articleId: a.id })))
    ).flat();
    const typed = [
      'n',
      'no',
      'not',
      'NOTE',
      'note ',
      'note 1',
      'note 1-',
      'note 1-4',
      'note 1-',
      'note 2',
      'nOtE 2-1 ',
      'x',
    ];
    for (const [sort, tags] of [
      ['article', []],
      ['created', ['claim']],
    ] as const)
      for (const text of typed) {
        const f = { text, sort, tags: [...tags] };
        const { ids, total } = await gloss.listPassages({ filter: f, limit: 0, ids: true });
        const expected = filterPassages(every, info, { ...EVERY_PASSAGE, ...f }).map((a) => a.id);
        assert.deepEqual(ids, expected, JSON.stringify(f));
        assert.equal(total, expected.length);
      }
  });

  it('refuses a window it cannot serve (negative offset, limit beyond the cap)', async () => {
    await assert.rejects(gloss.listPassages({ offset: -1 }), /offset/i);
    await assert.rejects(gloss.listPassages({ limit: 1_000_000 }), /limit/i);
  });
});

describe('notebook pages: the first screen', () => {
  it('is served from the first articles’ notes alone, before every notes file of the library is read', async (t) => {
    const dir = await mkdtemp(join(tmpdir(), 'gloss-notebook-first-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    const open = () => createGloss({ dataDir: dir, seedsDir: join(dir, 'no-seeds') });
    let gloss = await open();
    const paths = [];
    for (const n of [0, 1, 2]) {
      const p = join(dir, `source-${n}.txt`);
      await writeFile(p, `Article ${n}\n\n${'Words of the article follow here. '.repeat(30)}`);
      paths.push(p);
    }
    for (const articleId of (await gloss.importFiles({ paths })).imported.map((a) => a.id))
      for (let i = 0; i < 4; i++)
        await gloss.createAnnotation({
          articleId,
          start: 12 + i * 30,
          end: 20 + i * 30,
          color: 'yellow',
          tags: [],
        });
    const everything = await gloss.listPassages({ limit: 100 });
    await gloss.close();

    // The last article's notes file cannot be read (a folder in its place): the first screen never needs it.
    const last = everything.passages.at(-1)!.articleId;
    const notes = join(dir, 'notes', `${last}.json`);
    const saved = await readFile(notes);
    await rm(notes);
    await mkdir(notes);
    gloss = await open();
    try {
      const first = await gloss.listPassages({ limit: 5 });
      assert.deepEqual(
        first.passages.map((a) => a.id),
        everything.passages.slice(0, 5).map((a) => a.id),
        'the same passages, in the same order, as once everything is read',
      );
      assert.equal(first.total, 12, 'counted from the notes index');
      assert.equal(first.all, 12);
      assert.deepEqual(
        new Set(first.articles.map((a) => a.id)),
        new Set(first.passages.map((a) => a.articleId)),
      );
      const second = await gloss.listPassages({ offset: 4, limit: 4 });
      assert.deepEqual(
        second.passages.map((a) => a.id),
        everything.passages.slice(4, 8).map((a) => a.id),
        'a later window in the same order',
      );

      await rm(notes, { recursive: true });
      await writeFile(notes, saved);
      let whole = await gloss.listPassages({ limit: 100 }).catch(() => null);
      // The catalogue's own load met the folder; asked again, it reads the file put back.
      whole ??= await gloss.listPassages({ limit: 100 });
      assert.deepEqual(
        whole.passages.map((a) => a.id),
        everything.passages.map((a) => a.id),
      );
    } finally {
      await gloss.close();
    }
  });
});

describe('the text filter’s folding', () => {
  const passage = (n: number): Annotation => ({
    id: `p${n}`,
    articleId: 'a',
    target: {
      source: 'a',
      quote: { type: 'TextQuoteSelector', exact: `Quoted Wörds ${n}`, prefix: '', suffix: '' },
      position: { type: 'TextPositionSelector', start: n, end: n + 5 },
    },
    color: 'yellow',
    tags: [],
    note: n % 2 ? 'Café' : '',
    created: '2026-01-01T00:00:00.000Z',
    modified: '2026-01-01T00:00:00.000Z',
  });

  it('gives the event loop a turn between chunks, so other requests are answered while 100,000 passages are folded', async () => {
    const list = Array.from({ length: 10 }, (_, n) => passage(n));
    let turns = 0;
    let done = false;
    const tick = () => {
      turns++;
      if (!done) setImmediate(tick);
    };
    setImmediate(tick);
    const texts = await foldInChunks(list, () => false, 3);
    done = true;
    assert.equal(texts?.[1], 'quoted words 1\ncafe', 'each passage’s quote and note, at its index');
    assert.ok(turns >= 3, `${turns} turns while folding 4 chunks`);
    const found = keepPassages(list, new Map(), { ...EVERY_PASSAGE, text: 'WORDS cafe' }).map((a) => a.id);
    assert.deepEqual(found, ['p1', 'p3', 'p5', 'p7', 'p9'], 'case and accents ignored, as folded');
  });

  it('stops when asked (the service closing)', async () => {
    const list = Array.from({ length: 10 }, (_, n) => passage(n));
    let asked = 0;
    assert.equal(await foldInChunks(list, () => ++asked > 1, 3), null);
    assert.equal(asked, 2, 'two chunks folded, then stopped');
  });
});
