/**
 * What a save does besides writing the notes file (issue 15, save-annotation): the notes folder is
 * synced through one handle kept while the library is open (not opened and closed per save), and
 * which version of each file the counts describe is recorded when the counts are saved, not by a
 * stat after every save.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { openStore } from '@core/store/index';
import { NOTES_INDEX_FILE } from '@core/store/notes-index';
import { makeAnnotation, makeArticle, tempDataDir } from '../../helpers/store-fixtures';

/** This process's open descriptors on `dir` itself (Linux's /proc; null where there is none). */
async function handlesOn(dir: string): Promise<number | null> {
  const fds = await fs.readdir('/proc/self/fd').catch(() => null);
  if (!fds) return null;
  const targets = await Promise.all(fds.map((fd) => fs.readlink(`/proc/self/fd/${fd}`).catch(() => '')));
  return targets.filter((t) => t === dir).length;
}

describe('store: the save path', () => {
  it('keeps one handle on the notes folder for every save, and lets it go at close', async (t) => {
    const { dir } = await tempDataDir(t);
    const notesDir = await fs.realpath(path.join(dir, 'notes')).catch(() => path.join(dir, 'notes'));
    const store = await openStore(dir);
    const articles = [1, 2, 3, 4, 5].map((n) => makeArticle(n));
    for (const a of articles) await store.putArticle(a);
    const before = await handlesOn(path.resolve(notesDir));
    if (before === null) return t.skip('no /proc here');
    for (const [i, a] of articles.entries()) await store.putAnnotation(makeAnnotation(a, i + 1));
    await store.putAnnotation(makeAnnotation(articles[0], 9));
    assert.equal(await handlesOn(path.resolve(notesDir)), before + 1);
    await store.close();
    assert.equal(await handlesOn(path.resolve(notesDir)), before);
    // Each save was durable and whole: the next session reads them all.
    const again = await openStore(dir);
    try {
      assert.equal((await again.listAnnotations(articles[0].id)).length, 2);
      assert.equal((await again.annotationCounts()).get(articles[4].id), 1);
    } finally {
      await again.close();
    }
  });

  it('records each saved file’s size and time in the counts saved at close', async (t) => {
    const { dir } = await tempDataDir(t);
    const [a, b] = [makeArticle(1), makeArticle(2)];
    const store = await openStore(dir);
    await store.putArticle(a);
    await store.putArticle(b);
    await store.putAnnotation(makeAnnotation(a, 1, { tags: ['oil'] }));
    await store.putAnnotation(makeAnnotation(a, 2));
    await store.putAnnotation(makeAnnotation(b, 3));
    await store.close();
    const rows = (await fs.readFile(path.join(dir, NOTES_INDEX_FILE), 'utf8')).split('\n').slice(1);
    for (const article of [a, b]) {
      const row = rows.find((r) => r.startsWith(`${article.id}\t`))?.split('\t');
      assert.ok(row, `a row for ${article.id}`);
      const st = await fs.stat(path.join(dir, 'notes', `${article.id}.json`));
      assert.deepEqual([Number(row[2]), Number(row[3])], [st.size, st.mtimeMs]);
    }
  });
});
