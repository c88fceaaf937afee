/**
 * library.json is held as one row of JSON text per article (library-rows.ts):
 * read without building an object per entry, written back in the same format,
 * and anything other than the file Gloss writes is read the usual way.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseRow, readLibraryRows, writeLibraryRows } from '@core/store/library-rows';
import { LibraryIndex } from '@core/store/library-index';
import type { ArticleIndexEntry } from '@core/store/schemas';
import { tempDataDir } from '../../helpers/store-fixtures';

function entry(n: number, extra: Partial<ArticleIndexEntry> = {}): ArticleIndexEntry {
  return {
    id: `article-${n}`,
    title: `Article ${n}`,
    importedAt: `2025-01-${String(10 + n).padStart(2, '0')}T10:00:00.000Z`,
    format: 'text',
    wordCount: 100 + n,
    contentFile: `articles/article-${n}.json`,
    contentHash: 'ab'.repeat(32),
    ...extra,
  };
}
/** Newest import first, as Gloss writes the file. */
const newestFirst = (entries: ArticleIndexEntry[]) => [...entries].reverse();
const asGlossWritesIt = (articles: ArticleIndexEntry[]) => JSON.stringify({ version: 1, articles });

describe('library.json as rows', () => {
  it('reads the file as Gloss writes it and writes it back byte for byte', async () => {
    const text = asGlossWritesIt(
      newestFirst([entry(1), entry(2, { source: 'A paper', byline: 'B. C.' }), entry(3)]),
    );
    const rows = await readLibraryRows(text);
    assert.deepEqual(rows.ids, ['article-3', 'article-2', 'article-1']);
    assert.deepEqual(parseRow(rows.rows[1]), entry(2, { source: 'A paper', byline: 'B. C.' }));
    assert.equal(writeLibraryRows(rows), text);
  });

  it('reads an entry whose title holds the text between two entries, `},{`, as one entry', async () => {
    const odd = entry(2, { title: 'Braces },{ inside "quotes" and },{"id":"x"}' });
    const text = asGlossWritesIt(newestFirst([entry(1), odd, entry(3)]));
    const rows = await readLibraryRows(text);
    assert.deepEqual(rows.ids, ['article-3', 'article-2', 'article-1']);
    assert.deepEqual(parseRow(rows.rows[1]), odd);
    assert.equal(writeLibraryRows(rows), text);
  });

  it('reads an empty library', async () => {
    const rows = await readLibraryRows('{"version":1,"articles":[]}');
    assert.deepEqual(rows.rows, []);
    assert.equal(writeLibraryRows(rows), '{"version":1,"articles":[]}');
  });

  it('reads a file written another way (pretty-printed, by hand) the usual way, and writes it compact', async () => {
    const articles = newestFirst([entry(1), entry(2)]);
    const rows = await readLibraryRows(JSON.stringify({ version: 1, articles }, null, 2));
    assert.deepEqual(rows.rows.map(parseRow), articles);
    assert.equal(writeLibraryRows(rows), asGlossWritesIt(articles));
  });

  it('keeps the fields a later version added, at the top level and in an entry', async () => {
    const later = entry(1, { shelf: 'kept' } as Partial<ArticleIndexEntry>);
    const text = JSON.stringify({ version: 1, shelves: ['kept'], articles: [later] });
    const written = JSON.parse(writeLibraryRows(await readLibraryRows(text))) as Record<string, unknown>;
    assert.deepEqual(written, { version: 1, shelves: ['kept'], articles: [later] });
  });

  it('puts entries saved out of order newest first', async () => {
    const rows = await readLibraryRows(asGlossWritesIt([entry(1), entry(3), entry(2)]));
    assert.deepEqual(rows.ids, ['article-3', 'article-2', 'article-1']);
  });

  it('refuses a damaged file: an entry that is not one, a cut-off file, a flipped brace', async () => {
    const good = asGlossWritesIt(newestFirst([entry(1), entry(2)]));
    const notAnEntry = asGlossWritesIt([entry(1), { ...entry(2), wordCount: 'many' } as never]);
    for (const text of [notAnEntry, good.slice(0, -40), good.replace('},{', '}.{')])
      await assert.rejects(readLibraryRows(text), Error, text.slice(0, 60));
  });
});

describe('the library index kept as rows', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  before(async () => ({ dir, cleanup } = await tempDataDir()));
  after(() => cleanup());

  async function indexOf(name: string, articles: ArticleIndexEntry[]): Promise<LibraryIndex> {
    const dataDir = path.join(dir, name);
    await fs.mkdir(path.join(dataDir, 'articles'), { recursive: true });
    await fs.writeFile(path.join(dataDir, 'library.json'), asGlossWritesIt(articles));
    return LibraryIndex.open(dataDir, (w) => assert.fail(w));
  }

  it('gives each caller its own copy of an entry', async () => {
    const index = await indexOf('copies', [entry(1)]);
    const first = index.get('article-1')!;
    first.title = 'Changed by a caller';
    assert.equal(index.get('article-1')?.title, 'Article 1');
    assert.equal(index.list()[0].title, 'Article 1');
  });

  it('puts a new or replaced entry in its place, newest first, and saves the file as before', async () => {
    const index = await indexOf('upsert', newestFirst([entry(1), entry(3), entry(5)]));
    await index.upsert(entry(4));
    await index.upsert(entry(1, { title: 'Renamed' }));
    await index.replaceMany(new Set(['article-3']), [entry(2), entry(6)]);
    assert.deepEqual(index.ids(), ['article-6', 'article-5', 'article-4', 'article-2', 'article-1']);
    assert.equal(index.get('article-1')?.title, 'Renamed');
    const saved = await fs.readFile(path.join(dir, 'upsert', 'library.json'), 'utf8');
    assert.equal(saved, asGlossWritesIt(index.list()));
  });

  it('finds the entry holding a value, when its row writes the value with escapes too', async () => {
    const escaped = entry(1, { versionSources: ['source-a'] });
    const dataDir = path.join(dir, 'find');
    await fs.mkdir(path.join(dataDir, 'articles'), { recursive: true });
    // The same JSON, with one letter of the source written as an escape (valid, if unusual).
    const text = asGlossWritesIt([entry(2, { versionSources: ['source-b'] }), escaped]).replace(
      '"source-a"',
      '"source-\\u0061"',
    );
    await fs.writeFile(path.join(dataDir, 'library.json'), text);
    const index = await LibraryIndex.open(dataDir, (w) => assert.fail(w));
    const has = (s: string) => (e: ArticleIndexEntry) => e.versionSources?.includes(s) ?? false;
    assert.equal(index.find('source-a', has('source-a'))?.id, 'article-1');
    assert.equal(index.find('source-b', has('source-b'))?.id, 'article-2');
    assert.equal(index.find('source-c', has('source-c')), undefined);
  });
});
