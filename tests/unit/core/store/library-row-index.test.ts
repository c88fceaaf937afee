/**
 * library-rows.tsv says where each row of library.json lies (library-row-index.ts), so a library.json
 * Gloss wrote opens without parsing and checking every entry; any other library.json (edited, damaged,
 * restored, written before its index) is read entry by entry, as without an index.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { LibraryIndex } from '@core/store/library-index';
import { LIBRARY_ROWS_FILE, rowIndexFor, rowsByIndex } from '@core/store/library-row-index';
import { writeLibraryRows } from '@core/store/library-rows';
import type { ArticleIndexEntry } from '@core/store/schemas';
import { tempDataDir } from '../../helpers/store-fixtures';

function entry(n: number, extra: Partial<ArticleIndexEntry> = {}): ArticleIndexEntry {
  return {
    id: `article-${n}`,
    title: `Article ${n} — “quoted” },{ and ünïcödé`,
    importedAt: `2025-01-${String(10 + n).padStart(2, '0')}T10:00:00.000Z`,
    format: 'text',
    wordCount: 100 + n,
    contentFile: `articles/article-${n}.json`,
    contentHash: 'ab'.repeat(32),
    ...extra,
  };
}

describe('library.json opened by its row index', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  before(async () => ({ dir, cleanup } = await tempDataDir()));
  after(() => cleanup());

  /** A library folder whose library.json and index Gloss wrote: entries 1–3, then 4 added. */
  async function written(name: string): Promise<{ dataDir: string; warnings: string[] }> {
    const dataDir = path.join(dir, name);
    await fs.mkdir(path.join(dataDir, 'articles'), { recursive: true });
    const first = await LibraryIndex.open(dataDir, (w) => assert.fail(w));
    await first.replaceMany(new Set(), [entry(1), entry(2), entry(3)]);
    await first.upsert(entry(4));
    await first.idle();
    return { dataDir, warnings: [] };
  }
  const open = (dataDir: string, warnings: string[]) => LibraryIndex.open(dataDir, (w) => warnings.push(w));
  const file = (dataDir: string, name: string) => path.join(dataDir, name);

  it('is written beside library.json with each save, and describes it', async () => {
    const { dataDir } = await written('written');
    const text = await fs.readFile(file(dataDir, 'library.json'), 'utf8');
    const bytes = await fs.readFile(file(dataDir, 'library.json'));
    const index = await fs.readFile(file(dataDir, LIBRARY_ROWS_FILE), 'utf8');
    assert.match(index, /^gloss library-rows 1 [0-9a-f]{8} \d+ 4 [0-9a-f]{8}\narticle-4\t\d+\n/);
    const rows = rowsByIndex(text, bytes, index)?.rows;
    assert.deepEqual(rows?.ids, ['article-4', 'article-3', 'article-2', 'article-1']);
    assert.equal(writeLibraryRows(rows!), text, 'the rows are the file’s own text');
  });

  it('opens to the same entries as reading every entry', async () => {
    const { dataDir, warnings } = await written('same');
    const byIndex = (await open(dataDir, warnings)).list();
    await fs.rm(file(dataDir, LIBRARY_ROWS_FILE));
    const entryByEntry = (await open(dataDir, warnings)).list();
    assert.deepEqual(byIndex, entryByEntry);
    assert.deepEqual(
      byIndex.map((e) => e.id),
      ['article-4', 'article-3', 'article-2', 'article-1'],
    );
    assert.deepEqual(warnings, []);
  });

  it('is not used for a library.json changed since (same size, one entry made invalid): the damage is found and the last good copy restored', async () => {
    const { dataDir, warnings } = await written('changed');
    const libraryFile = file(dataDir, 'library.json');
    const text = await fs.readFile(libraryFile, 'utf8');
    // Entry 4 (the first row) says "format":"tixt": valid JSON, same length, not an entry.
    const damaged = text.replace('"format":"text"', '"format":"tixt"');
    assert.equal(damaged.length, text.length);
    await fs.writeFile(libraryFile, damaged);
    const index = await open(dataDir, warnings);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /library\.json was damaged .* restored the last good copy/);
    assert.deepEqual(index.ids(), ['article-3', 'article-2', 'article-1'], 'the copy before entry 4');
    const restored = await fs.readFile(libraryFile);
    const saved = await fs.readFile(file(dataDir, LIBRARY_ROWS_FILE), 'utf8');
    assert.ok(rowsByIndex(restored.toString('utf8'), restored, saved), 'the index follows the restored file');
  });

  it('is not used when it is damaged or cut off: library.json is read entry by entry', async () => {
    const { dataDir, warnings } = await written('damaged-index');
    const indexFile = file(dataDir, LIBRARY_ROWS_FILE);
    const good = await fs.readFile(indexFile, 'utf8');
    const text = await fs.readFile(file(dataDir, 'library.json'), 'utf8');
    const bytes = await fs.readFile(file(dataDir, 'library.json'));
    const shorter = good.replace(/\t(\d+)\n/, (_, n: string) => `\t${Number(n) - 1}\n`);
    for (const index of [good.slice(0, -9), shorter, good.replace('article-2', 'article-9'), '', 'junk'])
      assert.equal(rowsByIndex(text, bytes, index), null, JSON.stringify(index.slice(0, 80)));
    await fs.writeFile(indexFile, shorter);
    const index = await open(dataDir, warnings);
    assert.deepEqual(index.ids(), ['article-4', 'article-3', 'article-2', 'article-1']);
    assert.equal(index.get('article-4')?.wordCount, 104);
    assert.deepEqual(warnings, []);
    assert.equal(await fs.readFile(indexFile, 'utf8'), good, 'written again for the next open');
  });

  it('is saved at open for a library.json written without one (by an earlier Gloss)', async () => {
    const { dataDir, warnings } = await written('earlier');
    const indexFile = file(dataDir, LIBRARY_ROWS_FILE);
    const good = await fs.readFile(indexFile, 'utf8');
    await fs.rm(indexFile);
    await open(dataDir, warnings);
    assert.equal(await fs.readFile(indexFile, 'utf8'), good);
    assert.deepEqual(warnings, []);
  });

  it('is not written for a library.json with top-level fields of a later version', async () => {
    const data = { rows: [JSON.stringify(entry(1))], ids: ['article-1'], others: { shelves: [] } };
    assert.equal(rowIndexFor(data, writeLibraryRows(data)), null);
    const dataDir = path.join(dir, 'later');
    await fs.mkdir(path.join(dataDir, 'articles'), { recursive: true });
    await fs.writeFile(file(dataDir, 'library.json'), writeLibraryRows(data));
    const index = await LibraryIndex.open(dataDir, (w) => assert.fail(w));
    await index.upsert(entry(2));
    await index.idle();
    await assert.rejects(fs.access(file(dataDir, LIBRARY_ROWS_FILE)), { code: 'ENOENT' });
  });
});
