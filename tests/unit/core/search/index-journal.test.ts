/**
 * The index saved as a snapshot plus a journal of changes: a change writes
 * about its own bytes, loading replays the journal, a journal grown past its
 * share is folded into a new snapshot, and whatever a crash or damage leaves
 * loads consistently or is rebuilt from the store.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { openStore, type Store } from '@core/store/index';
import { openSearchIndex } from '@core/search/search-client';
import { IndexKeeper } from '@core/search/index-keeper';
import { INDEX_VERSION, OPEN_MARKER, PART_FILES, SEARCH_DIR, type PartName } from '@core/search/index-files';
import { JOURNAL_FILES, journalLine, parseJournal } from '@core/search/index-journal';
import type { SearchResult } from '@core/search/types';
import { makeAnnotation, makeArticle, tempDataDir } from '../../helpers/store-fixtures';

async function withLibrary(fn: (dir: string, store: Store) => Promise<void>): Promise<void> {
  const { dir, cleanup } = await tempDataDir();
  const store = await openStore(dir);
  try {
    for (const n of [1, 2, 3]) await store.putArticle(makeArticle(n));
    await store.putAnnotation(makeAnnotation(makeArticle(2), 1, { note: 'zeppelin over the river' }));
    await fn(dir, store);
  } finally {
    await store.close();
    await cleanup();
  }
}

const open = (dir: string, store: Store, warnings: string[] = [], compactAtBytes?: number) =>
  openSearchIndex({
    dataDir: dir,
    entries: store.listArticles(),
    inThread: true,
    saveDelayMs: 60_000,
    compactAtBytes,
    onWarning: (w) => warnings.push(w),
  });

const file = (dir: string, name: string) => path.join(dir, SEARCH_DIR, name);
const snapshot = (dir: string, part: PartName) => file(dir, PART_FILES[part]);
const journal = (dir: string, part: PartName) => file(dir, JOURNAL_FILES[part]);
const size = async (f: string) => (await fs.stat(f)).size;
const articlesOf = (r: SearchResult) => r.groups.map((g) => g.articleId);

/** Imports article n into the store and tells the index, as the service does. */
async function importArticle(store: Store, search: Awaited<ReturnType<typeof open>>, n: number) {
  await store.putArticle(makeArticle(n, 40));
  search.change({ kind: 'article', entry: store.articleEntry(makeArticle(n).id)! });
}

describe('search index: snapshot and journal', () => {
  it('a change is saved by appending about its own bytes to the journal; the snapshot is not rewritten', async () => {
    await withLibrary(async (dir, store) => {
      await (await open(dir, store)).close();
      const snapshotBefore = await fs.stat(snapshot(dir, 'articles'));
      const journalBefore = await size(journal(dir, 'articles'));
      const search = await open(dir, store);
      await importArticle(store, search, 4);
      await search.flush();
      const grown = (await size(journal(dir, 'articles'))) - journalBefore;
      const text = makeArticle(4, 40).text.length;
      assert.ok(grown >= text && grown < 2 * text + 1000, `journal grew by ${grown} for a text of ${text}`);
      assert.equal((await fs.stat(snapshot(dir, 'articles'))).mtimeMs, snapshotBefore.mtimeMs);
      await search.close();
    });
  });

  it('loading replays the journal over the snapshot (the change is found though the store cannot give it again)', async () => {
    await withLibrary(async (dir, store) => {
      await (await open(dir, store)).close();
      const search = await open(dir, store);
      await importArticle(store, search, 4);
      await search.close();
      // The article's own file gone: only the journal can have indexed its words.
      await fs.rm(path.join(dir, store.articleEntry(makeArticle(4).id)!.contentFile));
      const warnings: string[] = [];
      const again = await open(dir, store, warnings);
      assert.deepEqual(articlesOf(await again.search('is:article paragraph 39')), [makeArticle(4).id]);
      assert.deepEqual(warnings, []);
      await again.close();
    });
  });

  it('a journal past its share is folded into a new snapshot, and a new journal started', async () => {
    await withLibrary(async (dir, store) => {
      await (await open(dir, store)).close();
      const search = await open(dir, store, [], 5000); // each article's line is about 3,500 bytes
      const first = await fs.readFile(snapshot(dir, 'articles'), 'utf8');
      await importArticle(store, search, 4);
      await search.flush();
      assert.equal(await fs.readFile(snapshot(dir, 'articles'), 'utf8'), first, 'under the limit: appended');
      await importArticle(store, search, 5); // the journal is now past 5,000 bytes
      await search.flush();
      assert.notEqual(await fs.readFile(snapshot(dir, 'articles'), 'utf8'), first, 'a new snapshot');
      assert.ok((await size(journal(dir, 'articles'))) < 1000, 'a new journal, with no change in it');
      await importArticle(store, search, 6);
      await search.flush();
      assert.ok((await size(journal(dir, 'articles'))) > 3000, 'appended to the new journal');
      await search.close();
      const again = await open(dir, store);
      for (const n of [4, 5, 6])
        assert.deepEqual(articlesOf(await again.search(`"article number ${n}"`)), [makeArticle(n).id]);
      await again.close();
    });
  });

  it('a crash while appending (the last line cut short): loads without it, no warning, the change found again from the store; the next append cuts it off', async () => {
    await withLibrary(async (dir, store) => {
      await (await open(dir, store)).close();
      const search = await open(dir, store);
      await importArticle(store, search, 4);
      await search.flush();
      const cut = (await size(journal(dir, 'articles'))) - 200;
      await fs.truncate(journal(dir, 'articles'), cut);
      await fs.writeFile(file(dir, OPEN_MARKER), ''); // and the process died
      const warnings: string[] = [];
      const again = await open(dir, store, warnings);
      assert.deepEqual(articlesOf(await again.search('"article number 4"')), [makeArticle(4).id]);
      assert.deepEqual(warnings, [], 'a crash is not damage');
      await again.flush(); // re-indexed from the store, appended after cutting the torn line off
      const text = await fs.readFile(journal(dir, 'articles'), 'utf8');
      assert.ok(text.endsWith('\n'));
      await again.close();
      const third = await open(dir, store, warnings);
      assert.deepEqual(articlesOf(await third.search('"article number 4"')), [makeArticle(4).id]);
      assert.deepEqual(warnings, []);
      await third.close();
    });
  });

  it('a damaged line with good lines after it: the part is rebuilt from the store, with a warning naming the journal', async () => {
    await withLibrary(async (dir, store) => {
      await (await open(dir, store)).close();
      const search = await open(dir, store);
      await importArticle(store, search, 4);
      await search.flush();
      await importArticle(store, search, 5);
      await search.close();
      const lines = (await fs.readFile(journal(dir, 'articles'), 'utf8')).split('\n');
      lines[1] = lines[1].replace('Article number 4', 'Article number 9');
      await fs.writeFile(journal(dir, 'articles'), lines.join('\n'));
      const warnings: string[] = [];
      const again = await open(dir, store, warnings);
      assert.deepEqual(warnings, [
        `The search index (${path.join('search', JOURNAL_FILES.articles)}) was damaged, so Gloss is rebuilding it from the library.`,
      ]);
      for (const n of [1, 4, 5])
        assert.deepEqual(articlesOf(await again.search(`"article number ${n}"`)), [makeArticle(n).id]);
      assert.deepEqual(articlesOf(await again.search('"article number 9"')), []);
      await again.close();
    });
  });

  it('a corrupted snapshot under a good journal: the part is rebuilt from the store, with a warning naming the snapshot', async () => {
    await withLibrary(async (dir, store) => {
      await (await open(dir, store)).close();
      const search = await open(dir, store);
      await importArticle(store, search, 4);
      await search.close();
      const good = await fs.readFile(snapshot(dir, 'articles'), 'utf8');
      await fs.writeFile(snapshot(dir, 'articles'), good.replace('Article number 1', 'Article number 7'));
      const warnings: string[] = [];
      const again = await open(dir, store, warnings);
      assert.deepEqual(warnings, [
        `The search index (${path.join('search', PART_FILES.articles)}) was damaged, so Gloss is rebuilding it from the library.`,
      ]);
      for (const n of [1, 4])
        assert.deepEqual(articlesOf(await again.search(`"article number ${n}"`)), [makeArticle(n).id]);
      assert.deepEqual(articlesOf(await again.search('"article number 7"')), []);
      assert.deepEqual(
        articlesOf(await again.search('zeppelin')),
        [makeArticle(2).id],
        'the other part kept',
      );
      await again.close();
    });
  });

  it('a journal is folded into a new snapshot in a thread of its own: a search is answered while the compaction is in progress, and a change saved meanwhile is kept', async () => {
    await withLibrary(async (dir, store) => {
      await (await open(dir, store)).close();
      const first = await fs.readFile(snapshot(dir, 'articles'), 'utf8');
      let built!: () => void;
      const inProgress = new Promise<void>((resolve) => (built = resolve));
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      const keeper = await IndexKeeper.open({
        dataDir: dir,
        entries: store.listArticles(),
        saveDelayMs: 60_000,
        compactAtBytes: 20_000, // article 4's line is past it, article 5's is not
        holdCompaction: () => (built(), released),
      });
      const importNow = async (n: number, paragraphs: number) => {
        await store.putArticle(makeArticle(n, paragraphs));
        keeper.apply({ kind: 'article', entry: store.articleEntry(makeArticle(n).id)! });
        await keeper.flush(false);
      };
      await importNow(4, 400); // appended; the journal is past its share: a compaction starts
      await inProgress; // the part is built in the compaction's thread, not yet written

      const found = await keeper.search('"article number 4"');
      assert.deepEqual(articlesOf(found), [makeArticle(4).id], 'answered during the compaction');
      await importNow(5, 40); // saved meanwhile: appended to the journal being compacted
      assert.equal(await fs.readFile(snapshot(dir, 'articles'), 'utf8'), first, 'not yet replaced');

      release();
      await keeper.flush(); // until the new snapshot is in place
      const loaded = await fs.readFile(snapshot(dir, 'articles'), 'utf8');
      assert.notEqual(loaded, first, 'a new snapshot');
      assert.match(loaded, /Article number 4/);
      const continued = await fs.readFile(journal(dir, 'articles'), 'utf8');
      assert.match(continued, /Article number 5/, 'the change saved meanwhile, in the new journal');
      assert.doesNotMatch(continued, /Article number 4/, 'the new snapshot holds the rest');
      await keeper.close();

      // Their files gone: only the index can find them.
      for (const n of [4, 5]) await fs.rm(path.join(dir, store.articleEntry(makeArticle(n).id)!.contentFile));
      const again = await open(dir, store);
      for (const n of [4, 5])
        assert.deepEqual(articlesOf(await again.search(`"article number ${n}"`)), [makeArticle(n).id]);
      await again.close();
    });
  });

  it('a crash between a new snapshot and its journal: the old journal names another snapshot and is ignored', () => {
    const line = journalLine({ k: 'remove', id: 'x' });
    const header = (snapshot: number) =>
      `${JSON.stringify({ format: 'gloss-search-journal', version: INDEX_VERSION, part: 'articles', snapshot })}\n`;
    assert.deepEqual(parseJournal('articles', header(1) + line, 2), { status: 'stale' });
    assert.deepEqual(parseJournal('articles', header(2) + line, 2), {
      status: 'ok',
      entries: [{ k: 'remove', id: 'x' }],
      bytes: Buffer.byteLength(header(2) + line),
      torn: false,
    });
    assert.deepEqual(
      parseJournal('articles', header(2).slice(0, 10), 2),
      { status: 'stale' },
      'cut while started',
    );
  });
});
