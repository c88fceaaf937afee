/**
 * The index kept on disk beside a real store: built from it, fed its changes,
 * saved, loaded again, and rebuilt when its files are missing, damaged or old —
 * on the calling thread and in the worker, which must build the same index.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { openStore, type Store } from '@core/store/index';
import { openSearchIndex, workerFile, type SearchIndexHandle } from '@core/search/search-client';
import { IndexKeeper } from '@core/search/index-keeper';
import { PART_FILES, SEARCH_DIR, OPEN_MARKER } from '@core/search/index-files';
import type { SearchResult } from '@core/search/types';
import { makeAnnotation, makeArticle, tempDataDir } from '../../helpers/store-fixtures';

async function withLibrary(fn: (dir: string, store: Store) => Promise<void>): Promise<void> {
  const { dir, cleanup } = await tempDataDir();
  const store = await openStore(dir);
  try {
    await fn(dir, store);
  } finally {
    await store.close();
    await cleanup();
  }
}

/** Three articles, the second with two highlights. */
async function fill(store: Store): Promise<void> {
  for (const n of [1, 2, 3]) await store.putArticle(makeArticle(n));
  const a2 = makeArticle(2);
  await store.putAnnotation(
    makeAnnotation(a2, 1, { note: 'zeppelin over the river', tags: ['claim/official'], color: 'pink' }),
  );
  await store.putAnnotation(makeAnnotation(a2, 2, { note: 'quiet', tags: ['Café'] }));
}

const open = (dir: string, store: Store, extra: { inThread?: boolean; warnings?: string[] } = {}) =>
  openSearchIndex({
    dataDir: dir,
    entries: store.listArticles(),
    inThread: extra.inThread ?? true,
    saveDelayMs: 60_000,
    onWarning: (w) => extra.warnings?.push(w),
  });

/** "kind article-number/annotation-id", sorted. */
function found(r: SearchResult): string[] {
  const n = (id: string) => [1, 2, 3, 4, 5].find((k) => makeArticle(k).id === id);
  return r.groups
    .flatMap((g) =>
      g.hits.map((h) => `${h.kind} ${n(h.articleId)}${h.annotationId ? `/${h.annotationId}` : ''}`),
    )
    .sort();
}

const file = (dir: string, name: string) => path.join(dir, SEARCH_DIR, name);

describe('search index on disk', () => {
  it('opened to be measured in its steady state (warmFirst), it answers once every article text is cached', async () => {
    await withLibrary(async (dir, store) => {
      await fill(store);
      const keeper = await IndexKeeper.open({ dataDir: dir, entries: store.listArticles(), warmFirst: true });
      try {
        assert.equal(keeper.stats.cachedTexts, 3);
      } finally {
        await keeper.close();
      }
    });
  });

  it('after filling its text cache, runs each kind of query on its own words (V8 compiles the code before a person searches), answering as before', async () => {
    await withLibrary(async (dir, store) => {
      await fill(store);
      const cold = await open(dir, store);
      const before = await Promise.all(['zeppelin', 'claim', '"over the river"'].map((q) => cold.search(q)));
      await cold.close();
      const keeper = await IndexKeeper.open({ dataDir: dir, entries: store.listArticles(), warmFirst: true });
      try {
        // A word, two words, a prefix, a phrase, two words apart as a phrase, a typo, a note, a tag: eight times each.
        assert.equal(keeper.stats.warmSearches, 8 * 8);
        const after = await Promise.all(
          ['zeppelin', 'claim', '"over the river"'].map((q) => keeper.search(q)),
        );
        assert.deepEqual(after.map(found), before.map(found));
      } finally {
        await keeper.close();
      }
    });
  });

  it('once warm, collects the garbage its load left when asked (the worker asks), and not otherwise', async () => {
    await withLibrary(async (dir, store) => {
      await fill(store);
      const entries = store.listArticles();
      const asked = await IndexKeeper.open({ dataDir: dir, entries, warmFirst: true, collectGarbage: true });
      await asked.close();
      assert.equal(asked.stats.garbageCollected, true);
      const left = await IndexKeeper.open({ dataDir: dir, entries, warmFirst: true });
      await left.close();
      assert.equal(left.stats.garbageCollected, false);
    });
  });

  it('stops warming when closed', async () => {
    await withLibrary(async (dir, store) => {
      await fill(store);
      const keeper = await IndexKeeper.open({ dataDir: dir, entries: store.listArticles() });
      await keeper.close();
      const ran = keeper.stats.warmSearches;
      await new Promise((resolve) => setImmediate(resolve));
      await new Promise((resolve) => setImmediate(resolve));
      assert.equal(keeper.stats.warmSearches, ran);
      assert.ok(ran < 7 * 8);
    });
  });

  it('is built from the store when there is none, and answers at once', async () => {
    await withLibrary(async (dir, store) => {
      await fill(store);
      const search = await open(dir, store);
      assert.deepEqual(found(await search.search('zeppelin')), ['note 2/ann-1']);
      assert.deepEqual(found(await search.search('"article number 3"')), ['article 3']);
      assert.deepEqual(found(await search.search('tag:claim')), ['passage 2/ann-1']);
      assert.deepEqual(found(await search.search('tag:cafe')), ['passage 2/ann-2']);
      await search.close();
    });
  });

  it('is saved at close and loaded as saved the next time (no rebuild, no write, no marker)', async () => {
    await withLibrary(async (dir, store) => {
      await fill(store);
      await (await open(dir, store)).close();
      const files = Object.values(PART_FILES).map((f) => file(dir, f));
      const before = await Promise.all(files.map((f) => fs.stat(f)));
      await assert.rejects(fs.access(file(dir, OPEN_MARKER)), 'closed cleanly: no marker');
      const warnings: string[] = [];
      const again = await open(dir, store, { warnings });
      assert.deepEqual(found(await again.search('zeppelin')), ['note 2/ann-1']);
      await again.close();
      const after = await Promise.all(files.map((f) => fs.stat(f)));
      assert.deepEqual(
        after.map((s) => s.mtimeMs),
        before.map((s) => s.mtimeMs),
        'nothing had to be written again',
      );
      assert.deepEqual(warnings, []);
    });
  });

  it('follows the store: import, annotate (create, update, delete), tag change, remove', async () => {
    await withLibrary(async (dir, store) => {
      await fill(store);
      const search = await open(dir, store);
      const a4 = makeArticle(4);
      await store.putArticle({ ...a4, text: a4.text });
      search.change({ kind: 'article', entry: store.articleEntry(a4.id)! });
      assert.deepEqual(found(await search.search('"article number 4"')), ['article 4']);

      await store.putAnnotation(makeAnnotation(a4, 7, { note: 'xylophone' }));
      search.change({ kind: 'notes', articleId: a4.id });
      assert.deepEqual(found(await search.search('xylophon')), ['note 4/ann-7']);

      await store.putAnnotation(makeAnnotation(a4, 7, { note: 'marimba', tags: ['music'] }));
      search.change({ kind: 'notes', articleId: a4.id });
      assert.deepEqual(found(await search.search('xylophone')), []);
      assert.deepEqual(found(await search.search('marimba tag:music')), ['note 4/ann-7']);

      await store.changeTags({ kind: 'rename', from: ['claim'], to: 'claims' }, '2026-02-01T00:00:00.000Z');
      search.change({ kind: 'notes', articleId: makeArticle(2).id });
      assert.deepEqual(found(await search.search('tag:claims/official')), ['passage 2/ann-1']);
      assert.deepEqual(found(await search.search('tag:claim')), []);

      await store.deleteAnnotation(a4.id, 'ann-7');
      search.change({ kind: 'notes', articleId: a4.id });
      assert.deepEqual(found(await search.search('marimba')), []);

      await store.removeArticle(makeArticle(2).id);
      search.change({ kind: 'article-removed', id: makeArticle(2).id });
      assert.deepEqual(found(await search.search('zeppelin')), []);
      assert.deepEqual(found(await search.search('"article number 2"')), []);
      await search.close();
    });
  });

  it('catches up at open with changes made while it was closed', async () => {
    await withLibrary(async (dir, store) => {
      await fill(store);
      await (await open(dir, store)).close();
      const a2 = makeArticle(2);
      await store.putAnnotation(makeAnnotation(a2, 1, { note: 'dirigible instead' }));
      await store.removeArticle(makeArticle(3).id);
      await store.putArticle(makeArticle(5));
      const again = await open(dir, store);
      assert.deepEqual(found(await again.search('zeppelin')), []);
      assert.deepEqual(found(await again.search('dirigible')), ['note 2/ann-1']);
      assert.deepEqual(found(await again.search('"article number 3"')), []);
      assert.deepEqual(found(await again.search('"article number 5"')), ['article 5']);
      await again.close();
    });
  });

  it('after a session that did not close, reads every notes file again (a change with the same size and time is caught)', async () => {
    await withLibrary(async (dir, store) => {
      await fill(store);
      await (await open(dir, store)).close();
      const notes = path.join(dir, 'notes', `${makeArticle(2).id}.json`);
      const { mtime, size } = await fs.stat(notes);
      // Same length, same mtime: only the contents tell.
      const text = (await fs.readFile(notes, 'utf8')).replace('zeppelin', 'airships');
      await fs.writeFile(notes, text);
      await fs.utimes(notes, mtime, mtime);
      assert.equal((await fs.stat(notes)).size, size);
      await fs.writeFile(file(dir, OPEN_MARKER), '');
      const again = await open(dir, store);
      assert.deepEqual(found(await again.search('airships')), ['note 2/ann-1']);
      assert.deepEqual(found(await again.search('zeppelin')), []);
      await again.close();
    });
  });

  it('a damaged index file is rebuilt from the store, with a warning', async () => {
    for (const part of Object.values(PART_FILES)) {
      await withLibrary(async (dir, store) => {
        await fill(store);
        await (await open(dir, store)).close();
        const target = file(dir, part);
        const good = await fs.readFile(target, 'utf8');
        // Not an index; cut short; still parses but a number changed (only the checksum tells).
        for (const damage of [
          'garbage',
          good.slice(0, good.length / 2),
          good.replace(/"documentCount":\d+/, '"documentCount":999'),
        ]) {
          assert.notEqual(damage, good);
          await fs.writeFile(target, damage);
          const warnings: string[] = [];
          const again = await open(dir, store, { warnings });
          assert.deepEqual(
            found(await again.search('zeppelin')),
            ['note 2/ann-1'],
            `${part} after ${damage.slice(0, 10)}`,
          );
          assert.deepEqual(found(await again.search('"article number 1"')), ['article 1']);
          assert.equal(warnings.length, 1, warnings.join('\n'));
          assert.equal(
            warnings[0],
            `The search index (${path.join('search', part)}) was damaged, so Gloss is rebuilding it from the library.`,
          );
          await again.close();
        }
      });
    }
  });

  it('an index from another version is rebuilt without a word', async () => {
    await withLibrary(async (dir, store) => {
      await fill(store);
      await (await open(dir, store)).close();
      for (const part of Object.values(PART_FILES)) {
        const target = file(dir, part);
        await fs.writeFile(
          target,
          (await fs.readFile(target, 'utf8')).replace(/"version":\d+/, '"version":0'),
        );
      }
      const warnings: string[] = [];
      const again = await open(dir, store, { warnings });
      assert.deepEqual(found(await again.search('zeppelin')), ['note 2/ann-1']);
      assert.deepEqual(warnings, []);
      await again.close();
    });
  });

  it('the worker builds the same index as the calling thread, and answers the same', async () => {
    await withLibrary(async (dir, store) => {
      await fill(store);
      let inThread: SearchIndexHandle | undefined;
      let inWorker: SearchIndexHandle | undefined;
      try {
        inThread = await open(dir, store, { inThread: true });
        const threadParts = await inThread.parts();
        await inThread.close();
        await fs.rm(path.join(dir, SEARCH_DIR), { recursive: true });
        inWorker = await open(dir, store, { inThread: false });
        assert.deepEqual(await inWorker.parts(), threadParts);
        assert.deepEqual(found(await inWorker.search('zeppelin')), ['note 2/ann-1']);
        assert.deepEqual(found(await inWorker.search('coalit')), ['article 1', 'article 2', 'article 3']);
      } finally {
        await inWorker?.close();
      }
    });
  });
});

describe('search worker file', () => {
  it('from source: worker.ts through the tsx boot file', () => {
    const { file, workerData } = workerFile('file:///src/main/core/search/search-client.ts', () => false);
    assert.ok(file.href.endsWith('/main/core/worker-boot.mjs'), file.href);
    assert.deepEqual(workerData, { entry: 'file:///src/main/core/search/worker.ts' });
  });

  it('built: search-worker.js beside the bundle, or beside the chunk’s folder', () => {
    const has =
      (...paths: string[]) =>
      (p: string) =>
        paths.includes(p);
    assert.equal(
      workerFile('file:///app/out/main/index.js', has('/app/out/main/search-worker.js')).file.href,
      'file:///app/out/main/search-worker.js',
    );
    assert.equal(
      workerFile('file:///app/out/main/chunks/x.js', has('/app/out/main/search-worker.js')).file.href,
      'file:///app/out/main/search-worker.js',
    );
  });

  it('packaged: from app.asar.unpacked, since a worker cannot start inside app.asar', () => {
    const here = 'file:///opt/Gloss/resources/app.asar/out/main/index.js';
    const both = (p: string) => p.endsWith('/out/main/search-worker.js');
    assert.equal(
      workerFile(here, both).file.href,
      'file:///opt/Gloss/resources/app.asar.unpacked/out/main/search-worker.js',
    );
  });

  it('says so when it is missing', () => {
    assert.throws(
      () => workerFile('file:///app/out/main/index.js', () => false),
      /search worker is missing beside \/app\/out\/main\/index\.js/,
    );
  });
});
