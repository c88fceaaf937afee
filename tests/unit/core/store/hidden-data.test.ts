/**
 * A file that is restored from its backup, or that is valid but wrong, never
 * hides what is intact: articles whose saved copies are on disk are listed
 * again, settings keep every good value, counts are never shown wrong, and the user
 * is told.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { DEFAULT_SETTINGS, type Settings } from '@core/contract';
import {
  ageArticleFiles,
  makeAnnotation,
  makeArticle,
  tempDataDir,
  withStore,
} from '../../helpers/store-fixtures';
import { NOTES_INDEX_DIRTY } from '@core/store/notes';

const DAMAGES = {
  'garbage bytes': () => Buffer.from([0xff, 0x00, 0x7b, 0x22]),
  'cut in half': (bytes: Buffer) => bytes.subarray(0, bytes.length >> 1),
};

describe('store: library.json never hides saved articles', () => {
  for (const [how, damage] of Object.entries(DAMAGES)) {
    it(`${how}, restored from .bak: articles imported after that backup are added back, with their notes, and the warning says so`, async (t) => {
      const { dir } = await tempDataDir(t);
      const [a, b, c] = [makeArticle(1), makeArticle(2), makeArticle(3)];
      await withStore(dir, async (s) => {
        for (const x of [a, b, c]) await s.putArticle(x); // library.json.bak now lists a and b
        await s.putAnnotation(makeAnnotation(c, 1));
      });
      const file = path.join(dir, 'library.json');
      await fs.writeFile(file, damage(await fs.readFile(file)));
      await ageArticleFiles(dir);

      const [ids, notes, warnings] = await withStore(
        dir,
        async (s) =>
          [
            s.listArticles().map((e) => e.id),
            (await s.listAnnotations(c.id)).map((n) => n.id),
            s.warnings(),
          ] as const,
      );
      assert.deepEqual(ids, [c.id, b.id, a.id]);
      assert.deepEqual(notes, ['ann-1']);
      assert.equal(warnings.length, 2);
      assert.match(
        warnings[0],
        /^library\.json was damaged and has been moved to library\.json\.corrupt-.+; restored the last good copy from /,
      );
      assert.equal(
        warnings[1],
        'library.json did not list 1 article (“Article number 3”) saved in the library folder, so Gloss added it back.',
      );

      const quiet = await withStore(dir, async (s) => [s.listArticles().length, s.warnings()] as const);
      assert.deepEqual(quiet, [3, []], 'the repaired list is saved');
    });
  }

  it('valid but empty ({"version":1,"articles":[]}): every saved article is listed again, and the user is told', async (t) => {
    const { dir } = await tempDataDir(t);
    const articles = [1, 2, 3, 4, 5].map((n) => makeArticle(n));
    await withStore(dir, async (s) => {
      for (const x of articles) await s.putArticle(x);
    });
    await fs.writeFile(path.join(dir, 'library.json'), '{"version":1,"articles":[]}');
    await ageArticleFiles(dir);
    const [entries, warnings] = await withStore(dir, async (s) => [s.listArticles(), s.warnings()] as const);
    assert.deepEqual(
      entries.map((e) => e.id),
      articles.map((x) => x.id).reverse(),
    );
    assert.deepEqual(await withStore(dir, async (s) => s.getArticle(articles[0].id)), articles[0]);
    assert.deepEqual(warnings, [
      'library.json did not list 5 articles (“Article number 5”, “Article number 4”, “Article number 3” and 2 more) saved in the library folder, so Gloss added them back.',
    ]);
  });

  it('an import a crash stopped after its content file, before the list: finished at the next open, without a word (a crash is not damage)', async (t) => {
    const { dir } = await tempDataDir(t);
    const [a, b] = [makeArticle(1), makeArticle(2)];
    await withStore(dir, (s) => s.putArticle(a));
    await fs.writeFile(path.join(dir, 'articles', `${b.id}.json`), JSON.stringify(b));
    const [ids, warnings] = await withStore(
      dir,
      async (s) => [s.listArticles().map((e) => e.id), s.warnings()] as const,
    );
    assert.deepEqual(ids, [b.id, a.id]);
    assert.deepEqual(warnings, []);
  });

  it('articles added back are listed even when the list cannot be saved at once (its .bak is in the way)', async (t) => {
    const { dir } = await tempDataDir(t);
    const a = makeArticle(1);
    await withStore(dir, (s) => s.putArticle(a));
    await fs.writeFile(path.join(dir, 'library.json'), '{"version":1,"articles":[]}');
    await ageArticleFiles(dir);
    await fs.rm(path.join(dir, 'library.json.bak'), { force: true });
    await fs.mkdir(path.join(dir, 'library.json.bak', 'in-the-way'), { recursive: true });
    const [ids, warnings] = await withStore(
      dir,
      async (s) => [s.listArticles().map((e) => e.id), s.warnings()] as const,
    );
    assert.deepEqual(ids, [a.id]);
    assert.equal(warnings.length, 1);
  });

  it('a removed article stays removed, and an intact library opens without a word', async (t) => {
    const { dir } = await tempDataDir(t);
    const [a, b] = [makeArticle(1), makeArticle(2)];
    await withStore(dir, async (s) => {
      await s.putArticle(a);
      await s.putArticle(b);
      await s.removeArticle(a.id);
    });
    const [ids, warnings] = await withStore(
      dir,
      async (s) => [s.listArticles().map((e) => e.id), s.warnings()] as const,
    );
    assert.deepEqual(ids, [b.id]);
    assert.deepEqual(warnings, []);
  });
});

describe('store: settings.json that parses but holds invalid values', () => {
  /** Saves `good` (it becomes settings.json.bak at the next save), then `then`, then writes `bad` over settings.json. */
  async function settingsWith(good: Partial<Settings> | null, bad: string) {
    const { dir, cleanup } = await tempDataDir();
    await withStore(dir, async (s) => {
      if (good) await s.updateSettings(good);
      await s.updateSettings({ lastArticleId: 'abc' });
    });
    await fs.writeFile(path.join(dir, 'settings.json'), bad);
    const [settings, warnings] = await withStore(dir, async (s) => [s.getSettings(), s.warnings()] as const);
    const [again, quiet] = await withStore(dir, async (s) => [s.getSettings(), s.warnings()] as const);
    assert.deepEqual(again, settings, 'the repaired settings are saved');
    assert.deepEqual(quiet, []);
    await cleanup();
    return { settings, warnings };
  }
  const saved = / \(\d{4}-\d\d-\d\d \d\d:\d\d UTC\)/.source;

  it('{}: every field is taken from the last good copy, and the user is told which', async () => {
    const { settings, warnings } = await settingsWith(
      { theme: 'dark', fontSize: 24, scroll: { abc: 0.5 } },
      '{}',
    );
    assert.deepEqual(settings, { theme: 'dark', fontSize: 24, scroll: { abc: 0.5 } });
    assert.equal(warnings.length, 1);
    assert.match(
      warnings[0],
      new RegExp(
        `^settings\\.json held invalid values for theme, fontSize and scroll; Gloss took them from the last good copy${saved}\\.$`,
      ),
    );
  });

  it('fontSize 99: that field comes from the last good copy, the valid ones stay as they are', async () => {
    const { settings, warnings } = await settingsWith(
      { theme: 'dark', fontSize: 24 },
      JSON.stringify({ theme: 'sepia', fontSize: 99, lastArticleId: 'xyz', scroll: { xyz: 0.25 } }),
    );
    assert.deepEqual(settings, { theme: 'sepia', fontSize: 24, lastArticleId: 'xyz', scroll: { xyz: 0.25 } });
    assert.match(
      warnings[0],
      new RegExp(
        `^settings\\.json held an invalid value for fontSize; Gloss took it from the last good copy${saved}\\.$`,
      ),
    );
  });

  it('a flipped bit with no good copy of that field: reset to its default, and named', async () => {
    const { settings, warnings } = await settingsWith(
      null,
      JSON.stringify({ theme: 'dbrk', fontSize: 21, scroll: {} }),
    );
    assert.deepEqual(settings, { ...DEFAULT_SETTINGS, fontSize: 21 });
    assert.deepEqual(warnings, [
      'settings.json held an invalid value for theme; Gloss reset it to its default.',
    ]);
  });

  it('repaired settings are used even when they cannot be saved at once (the .bak is in the way)', async (t) => {
    const { dir } = await tempDataDir(t);
    await fs.mkdir(path.join(dir, 'settings.json.bak', 'in-the-way'), { recursive: true });
    await fs.writeFile(
      path.join(dir, 'settings.json'),
      JSON.stringify({ theme: 'dbrk', fontSize: 21, scroll: {} }),
    );
    const [settings, warnings] = await withStore(dir, async (s) => [s.getSettings(), s.warnings()] as const);
    assert.deepEqual(settings, { ...DEFAULT_SETTINGS, fontSize: 21 });
    assert.deepEqual(warnings, [
      'settings.json held an invalid value for theme; Gloss reset it to its default.',
    ]);
  });

  it('some fields from the last good copy, the rest from the defaults', async (t) => {
    const { dir } = await tempDataDir(t);
    await fs.writeFile(
      path.join(dir, 'settings.json.bak'),
      JSON.stringify({ theme: 'dark', fontSize: 1000, scroll: {} }),
    );
    await fs.writeFile(
      path.join(dir, 'settings.json'),
      JSON.stringify({ theme: 7, fontSize: 'big', scroll: {} }),
    );
    const [settings, warnings] = await withStore(dir, async (s) => [s.getSettings(), s.warnings()] as const);
    assert.deepEqual(settings, { ...DEFAULT_SETTINGS, theme: 'dark' });
    assert.match(
      warnings[0],
      new RegExp(
        `^settings\\.json held invalid values for theme and fontSize; Gloss took theme from the last good copy${saved} and reset fontSize to its default\\.$`,
      ),
    );
  });
});

describe('store: notes-index.tsv rows that look valid but are wrong are never shown', () => {
  /** a, b, c with 3, 2 and 1 notes; closed, so the counts index is sealed and would be trusted. */
  async function sealedLibrary() {
    const { dir, cleanup } = await tempDataDir();
    const articles = [makeArticle(1), makeArticle(2), makeArticle(3)];
    await withStore(dir, async (s) => {
      for (const [i, a] of articles.entries()) {
        await s.putArticle(a);
        for (let n = 0; n < 3 - i; n++) await s.putAnnotation(makeAnnotation(a, n));
      }
    });
    const file = path.join(dir, 'notes-index.tsv');
    const text = await fs.readFile(file, 'utf8');
    const row = (id: string) => text.split('\n').find((l) => l.startsWith(`${id}\t`))!;
    assert.match(text, /^gloss notes-index 2 sealed 3 [0-9a-f]{8}\n/);
    return { dir, file, text, row, articles, cleanup };
  }
  const expected = (articles: { id: string }[]) => new Map(articles.map((a, i) => [a.id, 3 - i]));

  it('a flipped digit in a count (7 for 3): the true count is shown from the first list', async () => {
    const { dir, file, text, row, articles, cleanup } = await sealedLibrary();
    try {
      const good = row(articles[0].id);
      await fs.writeFile(file, text.replace(good, good.replace(/\t3\t/, '\t7\t')));
      assert.deepEqual(await withStore(dir, (s) => s.annotationCounts()), expected(articles));
    } finally {
      await cleanup();
    }
  });

  it('a dropped row: the count is read from the notes file, not shown as 0', async () => {
    const { dir, file, text, row, articles, cleanup } = await sealedLibrary();
    try {
      await fs.writeFile(file, text.replace(`${row(articles[1].id)}\n`, ''));
      assert.deepEqual(await withStore(dir, (s) => s.annotationCounts()), expected(articles));
    } finally {
      await cleanup();
    }
  });

  it('a flipped digit in a file stamp, or in the number of rows: still the true counts, and the index is whole again after close', async () => {
    const { dir, file, text, row, articles, cleanup } = await sealedLibrary();
    try {
      const good = row(articles[2].id);
      const [id, count, size, ...rest] = good.split('\t');
      await fs.writeFile(
        file,
        text
          .replace(good, [id, count, String(Number(size) + 1), ...rest].join('\t'))
          .replace(/sealed 3 /, 'sealed 4 '),
      );
      assert.deepEqual(await withStore(dir, (s) => s.annotationCounts()), expected(articles));
      assert.match(await fs.readFile(file, 'utf8'), /^gloss notes-index 2 sealed 3 [0-9a-f]{8}\n/);
    } finally {
      await cleanup();
    }
  });
});

describe('store: a notes file emptied while Gloss was closed', () => {
  const EMPTY = '{"version":1,"annotations":[]}';

  /** Article 1 with two notes (so notes/<id>.json.bak holds the first), closed cleanly. */
  async function twoNotes() {
    const { dir, cleanup } = await tempDataDir();
    const a = makeArticle(1);
    await withStore(dir, async (s) => {
      await s.putArticle(a);
      await s.putAnnotation(makeAnnotation(a, 1));
      await s.putAnnotation(makeAnnotation(a, 2));
    });
    return { dir, a, file: path.join(dir, 'notes', `${a.id}.json`), cleanup };
  }

  it('is restored from the last copy with annotations, because Gloss last closed it holding some; the user is told how to undo it', async () => {
    const { dir, a, file, cleanup } = await twoNotes();
    try {
      await fs.writeFile(file, EMPTY);
      const [ids, counts, warnings] = await withStore(
        dir,
        async (s) =>
          [
            (await s.listAnnotations(a.id)).map((n) => n.id),
            await s.annotationCounts(),
            s.warnings(),
          ] as const,
      );
      assert.deepEqual(ids, ['ann-1'], 'the backup is the version before the last save');
      assert.deepEqual(counts, new Map([[a.id, 1]]));
      assert.equal(warnings.length, 1);
      assert.match(
        warnings[0],
        new RegExp(
          `^notes/${a.id}\\.json was emptied while Gloss was closed \\(it held 2 annotations when Gloss last closed\\); Gloss restored the last copy with annotations \\(1, from .+ UTC\\)\\. If they were deleted on purpose, delete them again\\.$`,
        ),
      );
      const [again, quiet] = await withStore(
        dir,
        async (s) => [(await s.listAnnotations(a.id)).length, s.warnings()] as const,
      );
      assert.deepEqual([again, quiet], [1, []]);
    } finally {
      await cleanup();
    }
  });

  it('deleting every note in Gloss is kept as it is, without a word', async () => {
    const { dir, a, cleanup } = await twoNotes();
    try {
      await withStore(dir, async (s) => {
        await s.deleteAnnotation(a.id, 'ann-1');
        await s.deleteAnnotation(a.id, 'ann-2');
      });
      const [listed, warnings] = await withStore(
        dir,
        async (s) => [await s.listAnnotations(a.id), s.warnings()] as const,
      );
      assert.deepEqual([listed, warnings], [[], []]);
    } finally {
      await cleanup();
    }
  });

  it('after a crash (counts not sealed) an empty file may be the last delete: taken as it is', async () => {
    const { dir, a, file, cleanup } = await twoNotes();
    try {
      await fs.writeFile(file, EMPTY);
      await fs.writeFile(path.join(dir, NOTES_INDEX_DIRTY), '');
      const [listed, warnings] = await withStore(
        dir,
        async (s) => [await s.listAnnotations(a.id), s.warnings()] as const,
      );
      assert.deepEqual([listed, warnings], [[], []]);
    } finally {
      await cleanup();
    }
  });
});
