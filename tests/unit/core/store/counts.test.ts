/**
 * The library list shows each article's annotation count without reading
 * 10,000 notes files: counts live in notes-index.tsv, derived data that is
 * trusted only when the last session closed cleanly, and otherwise checked
 * against the notes files — silently, because nothing was lost.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { NOTES_INDEX_DIRTY } from '@core/store/notes';
import { NOTES_INDEX_FILE } from '@core/store/notes-index';
import type { Article } from '@core/document/types';
import {
  ageArticleFiles,
  makeAnnotation,
  makeArticle,
  tempDataDir,
  withStore,
} from '../../helpers/store-fixtures';

const exists = (file: string) =>
  fs.access(file).then(
    () => true,
    () => false,
  );

/** Two articles: a with two annotations (tags Kurds, oil), b with one (tag kurds). */
async function library(dir: string): Promise<{ a: Article; b: Article }> {
  const [a, b] = [makeArticle(1), makeArticle(2)];
  await withStore(dir, async (s) => {
    await s.putArticle(a);
    await s.putArticle(b);
    await s.putAnnotation(makeAnnotation(a, 1, { tags: ['Kurds'] }));
    await s.putAnnotation(makeAnnotation(a, 2, { tags: ['oil'] }));
    await s.putAnnotation(makeAnnotation(b, 3, { tags: ['kurds'] }));
  });
  return { a, b };
}

describe('store: annotation counts for the library list', () => {
  it('are saved at close, with no dirty marker left, and used by the next session before any notes file is read', async (t) => {
    const { dir } = await tempDataDir(t);
    const { a, b } = await library(dir);
    assert.ok(await exists(path.join(dir, NOTES_INDEX_FILE)));
    assert.equal(await exists(path.join(dir, NOTES_INDEX_DIRTY)), false);
    // Edited behind Gloss's back while it was closed: the first list does not read the notes file to find out…
    await fs.writeFile(
      path.join(dir, 'notes', `${a.id}.json`),
      JSON.stringify({ version: 1, annotations: [makeAnnotation(a, 9)] }),
    );
    await withStore(dir, async (s) => {
      assert.deepEqual(
        await s.annotationCounts(),
        new Map([
          [b.id, 1],
          [a.id, 2],
        ]),
      );
      assert.deepEqual(await s.tagCounts(), [
        { tag: 'kurds', count: 2 },
        { tag: 'oil', count: 1 },
      ]);
      // …but a check in the background finds the changed file, and the counts follow.
      await s.countsChecked();
      assert.deepEqual(
        await s.annotationCounts(),
        new Map([
          [b.id, 1],
          [a.id, 1],
        ]),
      );
      assert.deepEqual(await s.tagCounts(), [{ tag: 'kurds', count: 1 }]);
      assert.equal((await s.listAnnotations(a.id)).length, 1);
      assert.deepEqual(s.warnings(), []);
    });
    await withStore(dir, async (s) => {
      assert.deepEqual(
        await s.annotationCounts(),
        new Map([
          [b.id, 1],
          [a.id, 1],
        ]),
        'the corrected count was saved',
      );
    });
  });

  it('after a session that ended without closing, are checked against the notes files that changed', async (t) => {
    const { dir } = await tempDataDir(t);
    const { a, b } = await library(dir);
    const staleIndex = await fs.readFile(path.join(dir, NOTES_INDEX_FILE));
    await withStore(dir, async (s) => {
      await s.putAnnotation(makeAnnotation(b, 4, { tags: ['water'] }));
      assert.ok(await exists(path.join(dir, NOTES_INDEX_DIRTY)), 'marked before the notes file changed');
    });
    // What a crash after the notes write and before the index write leaves: the old index and the marker.
    await fs.writeFile(path.join(dir, NOTES_INDEX_FILE), staleIndex);
    await fs.writeFile(path.join(dir, NOTES_INDEX_DIRTY), '');
    await withStore(dir, async (s) => {
      assert.deepEqual(
        await s.annotationCounts(),
        new Map([
          [b.id, 2],
          [a.id, 2],
        ]),
      );
      assert.deepEqual(await s.tagCounts(), [
        { tag: 'kurds', count: 2 },
        { tag: 'oil', count: 1 },
        { tag: 'water', count: 1 },
      ]);
      assert.deepEqual(s.warnings(), [], 'a crash is not damage');
    });
    assert.equal(await exists(path.join(dir, NOTES_INDEX_DIRTY)), false, 'checked and saved at close');
  });

  for (const how of ['missing', 'garbage', 'a line cut short', 'unreadable tags'] as const) {
    it(`when the index is ${how}, are rebuilt from the notes files without a warning`, async (t) => {
      const { dir } = await tempDataDir(t);
      const { a, b } = await library(dir);
      const file = path.join(dir, NOTES_INDEX_FILE);
      const text = await fs.readFile(file, 'utf8');
      if (how === 'missing') await fs.rm(file);
      if (how === 'garbage') await fs.writeFile(file, '\u0000{not an index');
      if (how === 'a line cut short')
        await fs.writeFile(file, text.slice(0, text.indexOf('\t', text.indexOf('\n') + 1) + 2));
      if (how === 'unreadable tags') await fs.writeFile(file, text.replace(/\[\[.*?\]\]/, '[["Kurds",'));
      await withStore(dir, async (s) => {
        assert.deepEqual(
          await s.annotationCounts(),
          new Map([
            [b.id, 1],
            [a.id, 2],
          ]),
        );
        assert.deepEqual(await s.tagCounts(), [
          { tag: 'kurds', count: 2 },
          { tag: 'oil', count: 1 },
        ]);
        assert.deepEqual(s.warnings(), []);
      });
    });
  }

  it('forget a removed article, also after reopening', async (t) => {
    const { dir } = await tempDataDir(t);
    const { a, b } = await library(dir);
    await withStore(dir, async (s) => {
      await s.removeArticle(a.id);
      assert.deepEqual(await s.annotationCounts(), new Map([[b.id, 1]]));
    });
    await withStore(dir, async (s) => {
      await s.putArticle(a);
      assert.deepEqual(
        await s.annotationCounts(),
        new Map([
          [a.id, 0],
          [b.id, 1],
        ]),
        'imported again, it starts without notes',
      );
    });
  });
});

describe('store: article content is checked once per session', () => {
  it('serves an article read recently from memory, and re-reads it once replaced or pushed out by others', async (t) => {
    const { dir } = await tempDataDir(t);
    const a = makeArticle(1);
    const others = Array.from({ length: 8 }, (_, i) => makeArticle(10 + i));
    await withStore(dir, async (s) => {
      for (const x of [a, ...others]) await s.putArticle(x);
      assert.deepEqual(await s.getArticle(a.id), a);
      const file = path.join(dir, 'articles', `${a.id}.json`);
      const good = await fs.readFile(file);
      await fs.writeFile(file, 'damaged after it was read');
      assert.deepEqual(await s.getArticle(a.id), a, 'checked when first read this session');
      await fs.writeFile(file, good);

      const edited = { ...a, meta: { ...a.meta, title: 'A new title' } };
      await s.putArticle(edited);
      assert.equal((await s.getArticle(a.id)).meta.title, 'A new title', 'a replaced article is read again');

      await fs.writeFile(file, 'damaged again');
      for (const x of others) await s.getArticle(x.id);
      await assert.rejects(
        s.getArticle(a.id),
        /damaged/,
        'pushed out by eight others, it is read and checked again',
      );
    });
  });

  it('reads an article for one pass (an export) without keeping it or pushing out those in use', async (t) => {
    const { dir } = await tempDataDir(t);
    const open = makeArticle(1);
    const others = Array.from({ length: 8 }, (_, i) => makeArticle(10 + i));
    await withStore(dir, async (s) => {
      for (const x of [open, ...others]) await s.putArticle(x);
      await s.getArticle(open.id);
      for (const x of others) assert.deepEqual(await s.getArticle(x.id, { keep: false }), x);
      const openFile = path.join(dir, 'articles', `${open.id}.json`);
      await fs.writeFile(openFile, 'damaged after it was read');
      assert.deepEqual(await s.getArticle(open.id), open, 'the article in use is still served from memory');

      const passed = path.join(dir, 'articles', `${others[0].id}.json`);
      await fs.writeFile(passed, 'damaged after one pass');
      await assert.rejects(s.getArticle(others[0].id), /damaged/, 'one read in passing is read again');
    });
  });
});

describe('store: opening a large library stays cheap', () => {
  it('keeps fields a later version added to library entries, and treats an entry of the wrong shape as damage', async (t) => {
    const { dir } = await tempDataDir(t);
    const [a, b] = [makeArticle(1), makeArticle(2)];
    await withStore(dir, async (s) => {
      await s.putArticle(a);
      await s.putArticle(b);
    });
    const file = path.join(dir, 'library.json');
    const lib = JSON.parse(await fs.readFile(file, 'utf8'));
    lib.articles[0].addedLater = { x: 1 };
    await fs.writeFile(file, JSON.stringify(lib));
    await withStore(dir, async (s) => {
      assert.deepEqual((s.listArticles()[0] as unknown as Record<string, unknown>).addedLater, { x: 1 });
      assert.deepEqual(s.warnings(), []);
    });
    lib.articles[1].wordCount = 'many';
    await fs.writeFile(file, JSON.stringify(lib));
    await ageArticleFiles(dir);
    await withStore(dir, async (s) => {
      assert.equal(s.warnings().length, 2);
      assert.match(s.warnings()[0], /^library\.json was damaged/);
      assert.match(s.warnings()[1], /^library\.json did not list 1 article \(“Article number 2”\)/);
      assert.deepEqual(
        s.listArticles().map((e) => e.id),
        [b.id, a.id],
        'restored from the last good copy (saved before b was added), and b added back from its saved copy',
      );
    });
  });

  it('sweeps temp files a crash left in the notes and article folders, never one this session is writing', async (t) => {
    const { dir } = await tempDataDir(t);
    const a = makeArticle(1);
    await withStore(dir, (s) => s.putArticle(a));
    const leftovers = [
      path.join(dir, 'notes', `.${a.id}.json.1-abc.tmp`),
      path.join(dir, 'articles', `.${a.id}.json.1-abc.tmp`),
      path.join(dir, '.library.json.1-abc.tmp'),
    ];
    for (const f of leftovers) await fs.writeFile(f, 'half a write');
    await withStore(dir, async (s) => {
      assert.equal(await exists(leftovers[2]), false, 'the data folder’s own are swept before opening');
      // Saves while the sweep runs must all land.
      await Promise.all(Array.from({ length: 20 }, (_, i) => s.putAnnotation(makeAnnotation(a, i))));
      assert.equal((await s.listAnnotations(a.id)).length, 20);
    });
    for (const f of leftovers) assert.equal(await exists(f), false, f);
    await withStore(dir, async (s) => assert.equal((await s.listAnnotations(a.id)).length, 20));
  });
});

describe('store: the quick checks agree with the schemas', () => {
  it('accepts and refuses the same annotations as the stored annotation schema', async () => {
    const { storedAnnotationSchema, isStoredAnnotation } = await import('@core/annotations/schema');
    const good = makeAnnotation(makeArticle(1), 1, { tags: ['a'], orphan: true });
    const variants: unknown[] = [
      good,
      { ...good, extra: 1 },
      { ...good, id: '' },
      { ...good, color: 'mauve' },
      { ...good, tags: ['a', 3] },
      { ...good, orphan: 'yes' },
      { ...good, note: undefined },
      { ...good, target: { ...good.target, quote: { ...good.target.quote, prefix: undefined } } },
      { ...good, target: { ...good.target, position: { ...good.target.position, type: 'Other' } } },
      { ...good, target: null },
      { ...good, target: { ...good.target, position: { ...good.target.position, start: Number.NaN } } },
      { ...good, versionHash: 'abc' },
      { ...good, versionHash: 7 },
      {
        ...good,
        versionChange: {
          band: 'moved',
          fromVersion: 'v1',
          previous: { exact: 'a', prefix: '', suffix: '', start: 0, end: 1 },
        },
      },
      {
        ...good,
        versionChange: {
          band: 'lost',
          fromVersion: 'v1',
          previous: { exact: 'a', prefix: '', suffix: '', start: 0, end: 1 },
        },
      },
      { ...good, versionChange: { band: 'moved', fromVersion: 'v1' } },
      null,
      [good],
    ];
    for (const v of variants)
      assert.equal(
        isStoredAnnotation(v),
        storedAnnotationSchema.safeParse(v).success,
        JSON.stringify(v)?.slice(0, 120),
      );
  });
});
