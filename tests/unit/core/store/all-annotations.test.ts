/**
 * allAnnotations: every article's notes in library order, read a few files
 * ahead of the caller, each list the caller's own (never the store's data).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { openStore } from '@core/store/index';
import { NotesFiles } from '@core/store/notes';
import { GlossError } from '@core/errors';
import type { Annotation } from '@core/annotations/types';
import { makeAnnotation, makeArticle, tempDataDir } from '../../helpers/store-fixtures';

/** A library of `n` articles with `perArticle` annotations each, closed and opened again (nothing in memory). */
async function library(dir: string, n: number, perArticle: number) {
  let store = await openStore(dir);
  for (let i = 0; i < n; i++) {
    const article = makeArticle(i);
    await store.putArticle(article);
    for (let k = 0; k < perArticle; k++) await store.putAnnotation(makeAnnotation(article, i * 100 + k));
  }
  await store.close();
  store = await openStore(dir);
  return store;
}

async function listAll(store: Awaited<ReturnType<typeof openStore>>): Promise<Map<string, Annotation[]>> {
  const lists = new Map<string, Annotation[]>();
  for await (const { articleId, annotations } of store.allAnnotations()) lists.set(articleId, annotations);
  return lists;
}

describe('store: allAnnotations', () => {
  it('lists every article with annotations in library order, each with its own annotations', async (t) => {
    const { dir } = await tempDataDir(t);
    const store = await library(dir, 20, 2);
    const lists = await listAll(store);
    const ids = store.listArticles().map((a) => a.id);
    assert.deepEqual([...lists.keys()], ids);
    for (const [id, annotations] of lists) {
      assert.equal(annotations.length, 2);
      assert.ok(annotations.every((a) => a.articleId === id));
    }
    await store.close();
  });

  it('gives lists the caller may change without changing what the store holds, and the other way round', async (t) => {
    const { dir } = await tempDataDir(t);
    const store = await library(dir, 3, 2);
    const [first, second] = store.listArticles();
    // One article's notes open in the store (as when it is on screen), the others read for the list alone.
    const open = await store.listAnnotations(first.id);
    const lists = await listAll(store);
    for (const list of lists.values()) for (const a of list) a.note = 'changed by the caller';
    for (const article of store.listArticles()) {
      const stored = await store.listAnnotations(article.id);
      assert.ok(stored.every((a) => a.note !== 'changed by the caller'));
    }
    // A later change in the store leaves the lists handed out as they were.
    await store.putAnnotation({ ...open[0], note: 'edited in the store' });
    const [stored] = await store.listAnnotations(second.id);
    await store.putAnnotation({ ...stored, note: 'edited in the store' });
    assert.equal(lists.get(first.id)![0].note, 'changed by the caller');
    assert.equal(lists.get(second.id)![0].note, 'changed by the caller');
    await store.close();
  });

  it('fails on a notes file it cannot read when the caller reaches it, after the articles before it', async (t) => {
    const { dir } = await tempDataDir(t);
    const store = await library(dir, 12, 1);
    const ids = store.listArticles().map((a) => a.id);
    // The third file is unreadable (a folder in its place); the files after it are read ahead meanwhile.
    const third = path.join(dir, 'notes', `${ids[2]}.json`);
    await fs.rm(third);
    await fs.mkdir(third);
    const got: string[] = [];
    await assert.rejects(
      (async () => {
        for await (const { articleId } of store.allAnnotations()) got.push(articleId);
      })(),
      (err: unknown) => err instanceof GlossError && err.code === 'IO',
    );
    assert.deepEqual(got, ids.slice(0, 2));
    await fs.rmdir(third);
    await store.close();
  });

  it('stops when the caller stops, a file it read ahead and could not read failing nobody', async (t) => {
    const { dir } = await tempDataDir(t);
    const store = await library(dir, 12, 1);
    const ids = store.listArticles().map((a) => a.id);
    const fifth = path.join(dir, 'notes', `${ids[4]}.json`);
    await fs.rm(fifth);
    await fs.mkdir(fifth);
    const got: string[] = [];
    for await (const { articleId } of store.allAnnotations()) {
      got.push(articleId);
      if (got.length === 2) break;
    }
    assert.deepEqual(got, ids.slice(0, 2));
    // The read of the fifth file has failed by the time a read of it in the store fails (it waits on the same read).
    await assert.rejects(store.listAnnotations(ids[4]));
    await fs.rmdir(fifth);
    await store.close();
  });

  it('reads each file in passing: listing every article keeps none of them in memory, and the one open stays', async (t) => {
    const { dir } = await tempDataDir(t);
    const store = await library(dir, 12, 2);
    const ids = store.listArticles().map((a) => a.id);
    await store.close();
    const notes = await NotesFiles.open(dir, () => {});
    t.after(() => notes.close());
    await notes.list(ids[3]);
    let listed = 0;
    for await (const { annotations } of notes.all(ids)) listed += annotations.length;
    assert.equal(listed, 24);
    assert.equal(notes.held, 1, 'only the article opened for editing is held');
  });
});
