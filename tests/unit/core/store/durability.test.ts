/**
 * What is saved stays saved: a process killed mid-write leaves the last good
 * state, and a damaged file is moved aside, recovered from its backup and
 * reported, never a crash and never a silent loss.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { type Store } from '@core/store/index';
import { GlossError } from '@core/errors';
import { DEFAULT_SETTINGS } from '@core/contract';
import type { Article } from '@core/document/types';
import {
  ageArticleFiles,
  killWriter,
  makeAnnotation,
  makeArticle,
  tempDataDir,
  withStore,
} from '../../helpers/store-fixtures';

/** The round a store-writer line acknowledges. */

type Damage = 'garbage bytes' | 'cut in half';
const DAMAGES: Damage[] = ['garbage bytes', 'cut in half'];

async function damage(file: string, how: Damage): Promise<Buffer> {
  const bytes = await fs.readFile(file);
  const bad =
    how === 'garbage bytes'
      ? Buffer.concat([Buffer.from([0xff, 0x00, 0x7b]), randomBytes(64)])
      : bytes.subarray(0, Math.floor(bytes.length / 2));
  await fs.writeFile(file, bad);
  return bad;
}

/** The one file in `dir` named `<base>.corrupt-…`, with its bytes. */
async function corruptCopy(dir: string, base: string): Promise<{ name: string; bytes: Buffer }> {
  const names = (await fs.readdir(dir)).filter((n) => n.startsWith(`${base}.corrupt-`));
  assert.equal(names.length, 1, `one damaged copy of ${base} is kept`);
  return { name: names[0], bytes: await fs.readFile(path.join(dir, names[0])) };
}

/**
 * Each file kind: how to save a first and a second version, how to read what
 * the store now believes, what the first version and "empty" look like.
 */
interface FileCase {
  label: string;
  file: (dir: string, a: Article) => string;
  saveV1: (s: Store, a: Article, b: Article) => Promise<void>;
  saveV2: (s: Store, a: Article, b: Article) => Promise<void>;
  observe: (s: Store, a: Article) => Promise<unknown>;
  v1: (a: Article, b: Article) => unknown;
  empty: unknown;
  /** Warnings expected after the one about the restore. */
  laterWarnings?: RegExp[];
}

const CASES: FileCase[] = [
  {
    label: 'library.json',
    file: (dir) => path.join(dir, 'library.json'),
    saveV1: (s, a) => s.putArticle(a),
    saveV2: (s, _a, b) => s.putArticle(b),
    observe: async (s) => s.listArticles().map((e) => e.id),
    // The backup lists a only; b, saved since, is added back from its content file.
    v1: (a, b) => [b.id, a.id],
    empty: [],
    laterWarnings: [
      /^library\.json did not list 1 article \(“Article number 2”\) saved in the library folder, so Gloss added it back\.$/,
    ],
  },
  {
    label: 'a notes file',
    file: (dir, a) => path.join(dir, 'notes', `${a.id}.json`),
    saveV1: async (s, a) => {
      await s.putArticle(a);
      await s.putAnnotation(makeAnnotation(a, 1));
    },
    saveV2: (s, a) => s.putAnnotation(makeAnnotation(a, 2)),
    observe: async (s, a) => (await s.listAnnotations(a.id)).map((x) => x.id),
    v1: () => ['ann-1'],
    empty: [],
  },
  {
    label: 'settings.json',
    file: (dir) => path.join(dir, 'settings.json'),
    saveV1: async (s) => void (await s.updateSettings({ fontSize: 20 })),
    saveV2: async (s) => void (await s.updateSettings({ fontSize: 24, theme: 'dark' })),
    observe: async (s) => s.getSettings(),
    v1: () => ({ ...DEFAULT_SETTINGS, fontSize: 20 }),
    empty: DEFAULT_SETTINGS,
  },
];

describe('store: a damaged file is moved aside and the last good copy restored', () => {
  for (const c of CASES) {
    for (const how of DAMAGES) {
      it(`${c.label}, ${how}: restores the previous version, keeps the damaged file, and says so`, async (t) => {
        const { dir } = await tempDataDir(t);
        const [a, b] = [makeArticle(1), makeArticle(2)];
        await withStore(dir, async (s) => {
          await c.saveV1(s, a, b);
          await c.saveV2(s, a, b);
        });
        const file = c.file(dir, a);
        const bad = await damage(file, how);
        if (c.label === 'library.json') await ageArticleFiles(dir);

        const [seen, warnings] = await withStore(
          dir,
          async (s) => [await c.observe(s, a), s.warnings()] as const,
        );
        assert.deepEqual(seen, c.v1(a, b));
        const rel = path.relative(dir, file).split(path.sep).join('/');
        const aside = await corruptCopy(path.dirname(file), path.basename(file));
        assert.deepEqual(aside.bytes, bad, 'the damaged bytes are kept as they were');
        assert.equal(warnings.length, 1 + (c.laterWarnings?.length ?? 0));
        for (const [i, later] of (c.laterWarnings ?? []).entries()) assert.match(warnings[1 + i], later);
        assert.match(
          warnings[0],
          new RegExp(
            `^${rel.replace('.', '\\.')} was damaged and has been moved to ${path.dirname(rel) === '.' ? '' : 'notes/'}${aside.name.replace(/\./g, '\\.')}; restored the last good copy from \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC\\.$`,
          ),
        );

        // The restored copy is on disk again: a third open sees it with no further warning.
        const [again, quiet] = await withStore(
          dir,
          async (s) => [await c.observe(s, a), s.warnings()] as const,
        );
        assert.deepEqual(again, c.v1(a, b));
        assert.deepEqual(quiet, []);
      });
    }
  }

  for (const c of CASES.filter((x) => x.label !== 'library.json')) {
    it(`${c.label} damaged with no backup: starts empty and names where the damaged file went`, async (t) => {
      const { dir } = await tempDataDir(t);
      const a = makeArticle(1);
      await withStore(dir, (s) => c.saveV1(s, a, a));
      const file = c.file(dir, a);
      await damage(file, 'cut in half');
      const [seen, warnings] = await withStore(
        dir,
        async (s) => [await c.observe(s, a), s.warnings()] as const,
      );
      assert.deepEqual(seen, c.empty);
      const rel = path.relative(dir, file).split(path.sep).join('/');
      const aside = await corruptCopy(path.dirname(file), path.basename(file));
      assert.equal(warnings.length, 1);
      assert.equal(
        warnings[0],
        `${rel} was damaged and no good copy was found, so Gloss started it empty. The damaged file is kept at ${path.dirname(rel) === '.' ? '' : `${path.dirname(rel)}/`}${aside.name}.`,
      );
    });
  }

  it('library.json damaged with no backup: rebuilds the list from the saved articles and says so', async (t) => {
    const { dir } = await tempDataDir(t);
    const a = makeArticle(1);
    await withStore(dir, (s) => s.putArticle(a));
    await damage(path.join(dir, 'library.json'), 'garbage bytes');
    const [ids, warnings, article] = await withStore(
      dir,
      async (s) => [s.listArticles().map((e) => e.id), s.warnings(), await s.getArticle(a.id)] as const,
    );
    assert.deepEqual(ids, [a.id]);
    assert.deepEqual(article, a);
    const aside = await corruptCopy(dir, 'library.json');
    assert.deepEqual(warnings, [
      `library.json was damaged and has been moved to ${aside.name}; no good copy was found, so Gloss rebuilt the library list from 1 saved article.`,
    ]);
  });

  it('library.json damaged with no backup and no saved articles: starts empty and names where it went', async (t) => {
    const { dir } = await tempDataDir(t);
    await fs.writeFile(path.join(dir, 'library.json'), '{"version":1,"articles":[');
    const [ids, warnings] = await withStore(dir, async (s) => [s.listArticles(), s.warnings()] as const);
    assert.deepEqual(ids, []);
    const aside = await corruptCopy(dir, 'library.json');
    assert.deepEqual(warnings, [
      `library.json was damaged and no good copy was found, so Gloss started it empty. The damaged file is kept at ${aside.name}.`,
    ]);
  });

  it('a notes file that parses but does not hold annotations counts as damaged', async (t) => {
    const { dir } = await tempDataDir(t);
    const a = makeArticle(1);
    await withStore(dir, async (s) => {
      await s.putArticle(a);
      await s.putAnnotation(makeAnnotation(a, 1));
      await s.putAnnotation(makeAnnotation(a, 2));
    });
    await fs.writeFile(path.join(dir, 'notes', `${a.id}.json`), '{"version":1,"annotations":[{"id":5}]}');
    const [listed, counts, warnings] = await withStore(
      dir,
      async (s) =>
        [(await s.listAnnotations(a.id)).length, await s.annotationCounts(), s.warnings()] as const,
    );
    assert.equal(listed, 1);
    assert.deepEqual(counts, new Map([[a.id, 1]]));
    assert.equal(warnings.length, 1);
  });

  for (const how of ['garbage bytes', 'changed but still valid JSON'] as const) {
    it(`an article's content file with ${how}: getArticle fails with CORRUPT, the file is moved aside and reported`, async (t) => {
      const { dir } = await tempDataDir(t);
      const a = makeArticle(1);
      const file = path.join(dir, 'articles', `${a.id}.json`);
      await withStore(dir, async (s) => {
        await s.putArticle(a);
        await fs.writeFile(
          file,
          how === 'garbage bytes' ? randomBytes(100) : JSON.stringify({ ...a, text: 'edited' }),
        );
        await assert.rejects(s.getArticle(a.id), (err: unknown) => {
          assert.ok(err instanceof GlossError);
          assert.equal(err.code, 'CORRUPT');
          assert.match(
            err.message,
            /^The saved copy of “Article number 1” was damaged and has been moved to articles\/.+\.json\.corrupt-.+\. Import the same file again to repair it \(its notes are kept\), or remove the article\.$/,
          );
          return true;
        });
        assert.equal(s.warnings().length, 1);
        await assert.rejects(
          s.getArticle(a.id),
          (err: unknown) => err instanceof GlossError && err.code === 'CORRUPT',
        );
        assert.equal(s.hasArticle(a.id), true, 'the entry stays, so the user can remove or re-import it');
      });
      await corruptCopy(path.join(dir, 'articles'), `${a.id}.json`);
    });
  }
});

describe('store: a writer killed mid-write leaves the last good state', () => {
  it('after each SIGKILL, reopening finds parseable files holding the last acknowledged version or the one being written', async (t) => {
    const { dir } = await tempDataDir(t);
    let onDisk = 0;
    // Kill delays spread over a writer's round (tens of ms): some land between
    // saves, some in the middle of writing a file.
    const delays = [0, 4, 11, 23, 37, 52];
    for (const delay of delays) {
      // Every acknowledgement printed before death counts, also those after the one waited for.
      const { lastAcked } = await killWriter('store-writer.ts', [dir], { acked: onDisk + 2, delayMs: delay });

      const first = makeArticle(0);
      await withStore(dir, async (s) => {
        // Asked before the notes file is opened: the counts come from the index, checked after the crash.
        assert.equal(
          (await s.annotationCounts()).get(first.id),
          2,
          'the library list counts what the notes file holds',
        );
        const rounds = new Set((await s.listAnnotations(first.id)).map((a) => Number(a.note.split(' ')[0])));
        assert.equal((await s.listAnnotations(first.id)).length, 2);
        // Acknowledged rounds are kept; the round being written when killed may have reached the disk too.
        for (const r of rounds)
          assert.ok(r === lastAcked || r === lastAcked + 1, `round ${r} after acknowledging ${lastAcked}`);
        const fontSize = s.getSettings().fontSize;
        assert.ok(
          fontSize === 12 + (lastAcked % 20) || fontSize === 12 + ((lastAcked + 1) % 20),
          `font size ${fontSize} after acknowledging ${lastAcked}`,
        );
        const ids = s.listArticles().map((e) => e.id);
        for (let n = 5; n <= lastAcked; n += 5)
          assert.ok(ids.includes(makeArticle(1000 + n).id), `article of round ${n} is listed`);
        for (const id of ids) assert.equal((await s.getArticle(id)).id, id);
        assert.deepEqual(s.warnings(), [], 'a crash is not damage: no file needed recovery');
        onDisk = Math.max(...rounds);
      });
      // Swept in the background while the store is open; close() waits for the sweep.
      for (const sub of ['', 'notes', 'articles']) {
        const temps = (await fs.readdir(path.join(dir, sub))).filter((n) => n.endsWith('.tmp'));
        assert.deepEqual(temps, [], `no temp files left in ${sub || 'the data folder'} once reopened`);
      }
    }
  });
});
