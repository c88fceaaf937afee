/**
 * An Import Highlights is one change the app can undo: the report's batch says what the files wrote, and
 * undoing it as the app does (batchUndo: one restoreAnnotations request, then removeArticles) leaves the
 * library as it was before — the passages it added taken out, a passage it merged tags and a note into put
 * back, the article note it extended put back, the articles it made removed. Importing the files again
 * (redo) gives the same passages and articles.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { batchUndo } from '@core/annotations/batch-undo';
import { createGloss, type GlossService } from '@core/service';
import { glossInProcess } from '../../helpers/run-gloss';

const CLIPPINGS = join(process.cwd(), 'tests', 'fixtures', 'highlights', 'kindle-my-clippings.txt');
const LE_GUIN = [
  'The Left Hand of Darkness',
  "I'll make my report as if I told a story, for I was taught as a child on my homeworld that Truth is a matter of the imagination.",
  'Light is the left hand of darkness and darkness the right hand of light. Two are one, life and death, lying together like lovers in kemmer.',
].join('\n\n');
const MINE = 'Truth is a matter of the imagination.';

/** Every article, with its passages and its note: what the user would see. */
async function everything(gloss: GlossService) {
  const articles = await gloss.listArticles();
  return Promise.all(
    articles.map(async (a) => ({
      id: a.id,
      title: a.title,
      annotations: await gloss.listAnnotations({ articleId: a.id }),
      note: (await gloss.getArticleNote({ articleId: a.id }))?.text ?? '',
    })),
  );
}

async function library(t: TestContext) {
  const dir = await mkdtemp(join(tmpdir(), 'gloss-import-undo-'));
  const gloss = await createGloss({ dataDir: dir, seedsDir: join(dir, 'no-seeds') });
  t.after(async () => {
    await gloss.close();
    await rm(dir, { recursive: true, force: true });
  });
  const { imported } = await gloss.importText({ title: 'The Left Hand of Darkness', text: LE_GUIN });
  const book = imported[0].id;
  await gloss.updateArticleMeta({ id: book, byline: 'Ursula K. Le Guin' });
  const { text } = await gloss.getArticle({ id: book });
  const start = text.indexOf(MINE);
  const mine = await gloss.createAnnotation({
    articleId: book,
    start,
    end: start + MINE.length,
    color: 'green',
    tags: ['mine'],
    note: 'Read this first.',
  });
  await gloss.setArticleNote({ articleId: book, text: 'My own note on the book.' });
  return { gloss, book, mine };
}

/** Undone as the app's Ctrl/Cmd+Z does it. */
async function undo(gloss: GlossService, batch: Parameters<typeof batchUndo>[0]) {
  const { restore, removeArticles } = batchUndo(batch);
  if (restore) await gloss.restoreAnnotations(restore);
  if (removeArticles.length) await gloss.removeArticles({ ids: removeArticles });
}

describe('undoing an Import Highlights', () => {
  it('reports what the files wrote: passages added, a passage merged into (as it was), the article note, the articles made', async (t) => {
    const { gloss, book, mine } = await library(t);
    const { batch } = await gloss.importHighlights({ paths: [CLIPPINGS] });
    assert.ok(batch);
    assert.deepEqual(
      batch.before.map((a) => a.id),
      [mine.id],
      'only the passage it merged into was there before',
    );
    assert.equal(batch.before[0].note, 'Read this first.');
    const merged = batch.after.find((a) => a.id === mine.id);
    assert.ok(merged && merged.note.startsWith('Read this first.'), 'the merge keeps the note there');
    assert.ok(
      batch.after.some((a) => a.articleId === book && a.id !== mine.id),
      'a passage added to the book',
    );
    assert.deepEqual(
      batch.articleNotes?.map((n) => [n.articleId, n.before?.text]),
      [[book, 'My own note on the book.']],
    );
    const made = (await gloss.listArticles()).filter((a) => a.id !== book).map((a) => a.id);
    assert.ok(made.length >= 3, 'the other books became articles');
    assert.deepEqual([...(batch.articlesAdded ?? [])].sort(), made.sort());
  });

  it('leaves the library as it was: added passages out, the merged passage and the article note back, the made articles gone', async (t) => {
    const { gloss } = await library(t);
    const before = await everything(gloss);
    const { batch } = await gloss.importHighlights({ paths: [CLIPPINGS] });
    assert.notDeepEqual(await everything(gloss), before);
    await undo(gloss, batch!);
    assert.deepEqual(await everything(gloss), before);
  });

  it('imported again (redo), gives the same passages and articles, and that is undone the same way', async (t) => {
    const { gloss } = await library(t);
    const before = await everything(gloss);
    const first = await gloss.importHighlights({ paths: [CLIPPINGS] });
    const imported = await everything(gloss);
    await undo(gloss, first.batch!);
    const again = await gloss.importHighlights({ paths: [CLIPPINGS] });
    const ids = (b: typeof first.batch) => b!.after.map((a) => a.id).sort();
    assert.deepEqual(ids(again.batch), ids(first.batch));
    assert.deepEqual([...again.batch!.articlesAdded!].sort(), [...first.batch!.articlesAdded!].sort());
    const sameAs = (xs: Awaited<ReturnType<typeof everything>>) =>
      xs
        .map((x) => ({ ...x, annotations: x.annotations.map((a) => a.id).sort() }))
        .sort((a, b) => (a.id < b.id ? -1 : 1));
    assert.deepEqual(sameAs(await everything(gloss)), sameAs(imported));
    await undo(gloss, again.batch!);
    assert.deepEqual(await everything(gloss), before);
  });

  it('a file with nothing new reports no change', async (t) => {
    const { gloss } = await library(t);
    await gloss.importHighlights({ paths: [CLIPPINGS] });
    const second = await gloss.importHighlights({ paths: [CLIPPINGS] });
    assert.equal(second.batch, undefined);
  });
});

describe('gloss import-highlights --json', () => {
  it('reports the files and failures, not the batch kept for the app’s undo', async (t) => {
    const dir = await mkdtemp(join(tmpdir(), 'gloss-import-undo-cli-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    const r = await glossInProcess('import-highlights', CLIPPINGS, '--json', '--data-dir', dir);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(Object.keys(JSON.parse(r.stdout)), ['files', 'failed']);
  });
});

describe('restoreAnnotations taking passages out', () => {
  it('takes out the passages named in the same journaled batch, and a request with only those is valid', async (t) => {
    const { gloss, book, mine } = await library(t);
    const r = await gloss.restoreAnnotations({ annotations: [], remove: [{ articleId: book, id: mine.id }] });
    assert.deepEqual(
      r.before.map((a) => a.id),
      [mine.id],
    );
    assert.deepEqual(await gloss.listAnnotations({ articleId: book }), []);
    await assert.rejects(gloss.restoreAnnotations({ annotations: [], remove: [] }), /Nothing to put back/);
  });
});
