/**
 * A clean close seals articles/ and notes/ (folder-seal.ts): the next open lists neither folder when
 * it is unchanged since, and lists it — sweeping a crash's leftovers, listing an article the list
 * lacks — as soon as a name in it was added, removed or renamed, or library.json is not the file the
 * close left.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { FOLDER_SEAL_FILE } from '@core/store/folder-seal';
import { LibraryIndex } from '@core/store/library-index';
import { makeAnnotation, makeArticle, tempDataDir, withStore } from '../../helpers/store-fixtures';

const FOLDERS = ['articles', 'notes'];
/** A moment a minute ago: the folders changed long enough before the close to be sealed. */
const AGO = new Date(Date.now() - 60_000);
/** Gives both folders a last change a minute ago (as a library left alone for a while has). */
const settle = (dir: string) => Promise.all(FOLDERS.map((f) => fs.utimes(path.join(dir, f), AGO, AGO)));
const exists = (file: string) =>
  fs.access(file).then(
    () => true,
    () => false,
  );

/** Two articles with notes, closed and sealed: the state a library is in between sessions. */
async function sealedLibrary(dir: string) {
  const a = makeArticle(1);
  const b = makeArticle(2);
  await withStore(dir, async (s) => {
    await s.putArticle(a);
    await s.putArticle(b);
    await s.putAnnotation(makeAnnotation(a, 1));
  });
  await settle(dir);
  await withStore(dir, async () => {});
  return { a, b };
}

describe('store: the folders sealed at a clean close', () => {
  it('are sealed once they have settled, not while a change is under two seconds old', async (t) => {
    const { dir } = await tempDataDir(t);
    await withStore(dir, (s) => s.putArticle(makeArticle(1)));
    assert.equal(await exists(path.join(dir, FOLDER_SEAL_FILE)), false, 'just changed: not sealed');
    await settle(dir);
    await withStore(dir, async () => {});
    const seal = JSON.parse(await fs.readFile(path.join(dir, FOLDER_SEAL_FILE), 'utf8')) as Record<
      string,
      string
    >;
    for (const f of FOLDERS) {
      const { mtimeNs } = await fs.stat(path.join(dir, f), { bigint: true });
      assert.equal(seal[f], `${mtimeNs}`, f);
    }
  });

  it('spare the next open listing articles/: a file slipped in with the folder’s mtime put back is not looked for', async (t) => {
    const { dir } = await tempDataDir(t);
    await sealedLibrary(dir);
    // Only a hand that restores the folder's mtime can hide a change from the seal.
    const other = await tempDataDir(t);
    const c = makeArticle(3);
    await withStore(other.dir, (s) => s.putArticle(c));
    const file = `${c.id}.json`;
    await fs.copyFile(path.join(other.dir, 'articles', file), path.join(dir, 'articles', file));
    await settle(dir);
    await withStore(dir, async (s) => {
      assert.equal(s.listArticles().length, 2, 'articles/ was not listed');
      assert.deepEqual(s.warnings(), []);
    });
  });

  it('do not hide an article saved in articles/ since: it is listed at the next open', async (t) => {
    const { dir } = await tempDataDir(t);
    const { a, b } = await sealedLibrary(dir);
    const other = await tempDataDir(t);
    const c = makeArticle(3);
    await withStore(other.dir, (s) => s.putArticle(c));
    const file = `${c.id}.json`;
    // An import a crash cut between its two writes: the content file is there, the list not yet saved.
    await fs.copyFile(path.join(other.dir, 'articles', file), path.join(dir, 'articles', file));
    await withStore(dir, async (s) => {
      assert.deepEqual(
        s.listArticles().map((e) => e.id),
        [c.id, b.id, a.id],
      );
      assert.deepEqual(s.warnings(), [], 'newer than the list: finished without a word');
    });
  });

  it('do not hide an article whose removal a crash cut after library.json was saved: it is listed again', async (t) => {
    const { dir } = await tempDataDir(t);
    const { a, b } = await sealedLibrary(dir);
    // The removal's first write alone (its content file would have gone next): articles/ unchanged.
    const index = await LibraryIndex.open(dir, (w) => assert.fail(w));
    await index.remove(b.id);
    await index.idle();
    await withStore(dir, async (s) => {
      assert.deepEqual(
        s.listArticles().map((e) => e.id),
        [b.id, a.id],
      );
      assert.match(s.warnings()[0] ?? '', /^library\.json did not list 1 article \(“Article number 2”\)/);
    });
  });

  it('do not keep a crash’s leftover in notes/: it is swept, articles/ still spared', async (t) => {
    const { dir } = await tempDataDir(t);
    const { a } = await sealedLibrary(dir);
    const leftover = path.join(dir, 'notes', `.${a.id}.json.1-abc.tmp`);
    await fs.writeFile(leftover, 'half a write');
    await withStore(dir, async (s) => assert.equal((await s.listAnnotations(a.id)).length, 1));
    assert.equal(await exists(leftover), false, 'swept (close waits for the sweep)');
  });
});
