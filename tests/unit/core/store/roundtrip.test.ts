/**
 * The store keeps the library, the notes and the settings in one data folder,
 * and gives back exactly what it was given after closing and reopening.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { openStore } from '@core/store/index';
import { GlossError } from '@core/errors';
import { DEFAULT_SETTINGS } from '@core/contract';
import { makeAnnotation, makeArticle, tempDataDir } from '../../helpers/store-fixtures';

const isCode = (code: string) => (err: unknown) => err instanceof GlossError && err.code === code;

describe('store: round trip across close and reopen', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  before(async () => ({ dir, cleanup } = await tempDataDir()));
  after(() => cleanup());

  it('creates the data folder layout on first open, with default settings and an empty library', async () => {
    const store = await openStore(path.join(dir, 'fresh', 'nested'));
    assert.deepEqual(store.listArticles(), []);
    assert.deepEqual(store.getSettings(), DEFAULT_SETTINGS);
    assert.deepEqual(store.warnings(), []);
    await store.close();
    const names = await fs.readdir(path.join(dir, 'fresh', 'nested'));
    assert.ok(names.includes('articles') && names.includes('notes'));
    assert.ok(!names.includes('gloss.lock'), 'close releases the lock');
  });

  it('returns articles, images, annotations and settings unchanged after reopening', async () => {
    const data = path.join(dir, 'lib');
    const a1 = makeArticle(1);
    const a2 = makeArticle(2);
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    let store = await openStore(data);
    await store.putArticle(a1, new Map([['photo-1.png', { mime: 'image/png', data: png }]]));
    await store.putArticle(a2);
    const n1 = makeAnnotation(a1, 1, { tags: ['Iraq', 'coalition'], note: 'first' });
    const n2 = makeAnnotation(a1, 2, { color: 'blue', tags: ['iraq'] });
    const n3 = makeAnnotation(a2, 3, { orphan: true });
    await Promise.all([store.putAnnotation(n1), store.putAnnotation(n2), store.putAnnotation(n3)]);
    await store.updateSettings({
      theme: 'sepia',
      fontSize: 22,
      lastArticleId: a2.id,
      scroll: { [a1.id]: 0.5 },
    });
    await store.close();

    store = await openStore(data);
    assert.deepEqual(store.warnings(), []);
    assert.deepEqual(
      store.listArticles().map((e) => e.id),
      [a2.id, a1.id],
      'newest import first',
    );
    const entry = store.listArticles()[1];
    assert.equal(entry.title, 'Article number 1');
    assert.equal(entry.source, 'Test Source');
    assert.equal(entry.contentFile, `articles/${a1.id}.json`);
    assert.equal(entry.wordCount, a1.meta.wordCount);
    assert.ok(!('annotationCount' in entry), 'counts are not kept in the index');

    const back = await store.getArticle(a1.id);
    assert.deepEqual(back, {
      ...a1,
      assets: { 'photo-1.png': { mime: 'image/png', bytes: png.byteLength } },
    });
    assert.deepEqual(await store.getArticle(a2.id), a2);
    const img = await store.readAsset(a1.id, 'photo-1.png');
    assert.equal(img.mime, 'image/png');
    assert.deepEqual([...img.data], [...png]);

    assert.deepEqual(await store.listAnnotations(a1.id), [n1, n2]);
    assert.deepEqual(await store.listAnnotations(a2.id), [n3]);
    assert.deepEqual(store.getSettings(), {
      theme: 'sepia',
      fontSize: 22,
      lastArticleId: a2.id,
      scroll: { [a1.id]: 0.5 },
    });
    await store.close();
  });

  it('replaces an annotation with the same id and deletes one by id, returning it', async () => {
    const store = await openStore(path.join(dir, 'edit'));
    const a = makeArticle(3);
    await store.putArticle(a);
    await store.putAnnotation(makeAnnotation(a, 1));
    const edited = makeAnnotation(a, 1, { note: 'changed', tags: ['x'] });
    await store.putAnnotation(edited);
    assert.deepEqual(await store.listAnnotations(a.id), [edited]);
    assert.deepEqual(await store.deleteAnnotation(a.id, 'ann-1'), edited);
    assert.equal(await store.deleteAnnotation(a.id, 'ann-1'), undefined);
    assert.deepEqual(await store.listAnnotations(a.id), []);
    await store.close();
  });

  it('counts annotations and tags per article from the notes files, and keeps the counts current', async () => {
    const data = path.join(dir, 'counts');
    let store = await openStore(data);
    const [a, b, c] = [makeArticle(4), makeArticle(5), makeArticle(6)];
    for (const x of [a, b, c]) await store.putArticle(x);
    await store.putAnnotation(makeAnnotation(a, 1, { tags: ['Kurds', 'ISIS'] }));
    await store.putAnnotation(makeAnnotation(a, 2, { tags: ['kurds'] }));
    await store.putAnnotation(makeAnnotation(b, 3, { tags: ['isis', 'ISIS'] }));
    await store.close();

    store = await openStore(data);
    assert.deepEqual(
      await store.annotationCounts(),
      new Map([
        [c.id, 0],
        [b.id, 1],
        [a.id, 2],
      ]),
    );
    // Compared case-insensitively; spelled as in the newest article that uses it.
    assert.deepEqual(await store.tagCounts(), [
      { tag: 'isis', count: 2 },
      { tag: 'Kurds', count: 2 },
    ]);
    await store.putAnnotation(makeAnnotation(c, 4));
    await store.deleteAnnotation(a.id, 'ann-1');
    assert.deepEqual(
      await store.annotationCounts(),
      new Map([
        [c.id, 1],
        [b.id, 1],
        [a.id, 1],
      ]),
    );
    assert.deepEqual(await store.tagCounts(), [
      { tag: 'isis', count: 1 },
      { tag: 'kurds', count: 1 },
    ]);

    const exported: Array<[string, number]> = [];
    for await (const { articleId, annotations } of store.allAnnotations())
      exported.push([articleId, annotations.length]);
    assert.deepEqual(exported, [
      [c.id, 1],
      [b.id, 1],
      [a.id, 1],
    ]);
    await store.close();
  });

  it('removes an article with its content, images and notes', async () => {
    const data = path.join(dir, 'remove');
    const store = await openStore(data);
    const a = makeArticle(7);
    await store.putArticle(a, new Map([['p.jpg', { mime: 'image/jpeg', data: new Uint8Array([1]) }]]));
    await store.putAnnotation(makeAnnotation(a, 1));
    await store.putAnnotation(makeAnnotation(a, 2));
    await store.removeArticle(a.id);
    assert.equal(store.hasArticle(a.id), false);
    await assert.rejects(store.getArticle(a.id), isCode('NOT_FOUND'));
    await assert.rejects(store.listAnnotations(a.id), isCode('NOT_FOUND'));
    await assert.rejects(store.putAnnotation(makeAnnotation(a, 3)), isCode('NOT_FOUND'));
    await assert.rejects(store.removeArticle(a.id), isCode('NOT_FOUND'));
    await store.close();
    const left = [
      ...(await fs.readdir(path.join(data, 'articles'))),
      ...(await fs.readdir(path.join(data, 'notes'))),
    ];
    assert.deepEqual(left, []);
  });

  it('rejects settings that do not fit the schema and keeps the old ones', async () => {
    const store = await openStore(path.join(dir, 'settings'));
    await assert.rejects(store.updateSettings({ fontSize: 99 }), isCode('INVALID_REQUEST'));
    assert.deepEqual(store.getSettings(), DEFAULT_SETTINGS);
    await store.close();
  });

  it('falls back to the default for each settings field that is invalid, keeping the valid ones', async () => {
    const data = path.join(dir, 'settings-fields');
    await fs.mkdir(data, { recursive: true });
    await fs.writeFile(
      path.join(data, 'settings.json'),
      JSON.stringify({ theme: 'neon', fontSize: 24, scroll: 'no' }),
    );
    const store = await openStore(data);
    assert.deepEqual(store.getSettings(), { ...DEFAULT_SETTINGS, fontSize: 24 });
    await store.close();
  });

  it('rejects an annotation that does not have the stored shape', async () => {
    const store = await openStore(path.join(dir, 'bad-annotation'));
    const a = makeArticle(8);
    await store.putArticle(a);
    const bad = { ...makeAnnotation(a, 1), color: 'orange' } as unknown as Parameters<
      typeof store.putAnnotation
    >[0];
    await assert.rejects(store.putAnnotation(bad), isCode('INVALID_REQUEST'));
    await store.close();
  });
});

describe('store: saving one annotation touches only that article’s notes file', () => {
  it('leaves library.json, settings.json and the other notes files untouched', async (t) => {
    const { dir } = await tempDataDir(t);
    const store = await openStore(dir);
    const articles = Array.from({ length: 300 }, (_, i) => makeArticle(100 + i));
    for (const a of articles) await store.putArticle(a);
    await store.putAnnotation(makeAnnotation(articles[0], 1));
    await store.updateSettings({ fontSize: 20 });
    const library = path.join(dir, 'library.json');
    const settings = path.join(dir, 'settings.json');
    const [libBefore, libText, setBefore] = await Promise.all([
      fs.stat(library),
      fs.readFile(library, 'utf8'),
      fs.stat(settings),
    ]);

    const target = articles[150];
    await store.putAnnotation(makeAnnotation(target, 2, { tags: ['t'] }));

    const [libAfter, setAfter] = await Promise.all([fs.stat(library), fs.stat(settings)]);
    assert.equal(libAfter.ino, libBefore.ino, 'library.json was not replaced');
    assert.equal(libAfter.mtimeMs, libBefore.mtimeMs);
    assert.equal(await fs.readFile(library, 'utf8'), libText);
    assert.equal(setAfter.ino, setBefore.ino, 'settings.json was not replaced');
    assert.ok(!libText.includes('annotationCount'));
    const notes = (await fs.readdir(path.join(dir, 'notes'))).filter((n) => n.endsWith('.json')).sort();
    assert.deepEqual(notes, [`${articles[0].id}.json`, `${target.id}.json`].sort());
    const saved = JSON.parse(await fs.readFile(path.join(dir, 'notes', `${target.id}.json`), 'utf8'));
    assert.equal(saved.annotations.length, 1);
    await store.close();
  });
});

describe('store: ids and names used in paths', () => {
  it('rejects article ids and asset names that could leave the data folder', async (t) => {
    const { dir } = await tempDataDir(t);
    const store = await openStore(dir);
    const a = makeArticle(1);
    await store.putArticle(a);
    for (const id of ['../outside', '..', 'a/b', 'a\\b', '', '.hidden', 'x'.repeat(129), 'nul\0']) {
      await assert.rejects(store.getArticle(id), isCode('INVALID_REQUEST'), id);
      await assert.rejects(store.listAnnotations(id), isCode('INVALID_REQUEST'), id);
      await assert.rejects(store.removeArticle(id), isCode('INVALID_REQUEST'), id);
      await assert.rejects(store.putArticle({ ...a, id }), isCode('INVALID_REQUEST'), id);
      await assert.rejects(
        store.putAnnotation(makeAnnotation({ ...a, id }, 1)),
        isCode('INVALID_REQUEST'),
        id,
      );
      assert.equal(store.hasArticle(id), false, id);
    }
    for (const name of ['../library.json', '..', 'a/b.png', 'a\\b.png', '.png', 'x..png']) {
      await assert.rejects(store.readAsset(a.id, name), isCode('INVALID_REQUEST'), name);
      await assert.rejects(
        store.putArticle(makeArticle(2), new Map([[name, { mime: 'image/png', data: new Uint8Array([1]) }]])),
        isCode('INVALID_REQUEST'),
        name,
      );
    }
    await assert.rejects(store.readAsset(a.id, 'missing.png'), isCode('NOT_FOUND'));
    assert.deepEqual(await fs.readdir(path.dirname(dir)).then((n) => n.includes('outside')), false);
    await store.close();
  });
});
