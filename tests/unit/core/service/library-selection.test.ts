/**
 * Several articles chosen in the library: removed at once and put back by one
 * undo exactly as they were (content, pictures' folder, highlights, article
 * note, corrected citation), across the search index and the notebook; the
 * undo lasts the session; exported alone.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGloss, type GlossService } from '@core/service';
import { REMOVED_DIR } from '@core/store/removed-articles';

const tempDir = (name: string) => mkdtemp(join(tmpdir(), `gloss-selection-${name}-`));

async function threeArticles(gloss: GlossService) {
  const ids: string[] = [];
  for (const [n, body] of [
    'Coalition strategy in the north.',
    'Quarrelsome prison security claims.',
    'Market day.',
  ].entries()) {
    const { imported } = await gloss.importText({
      text: `Selected article ${n}\n\n${body} ${'Words. '.repeat(8)}`,
    });
    ids.push(imported[0].id);
  }
  const [a, b] = ids;
  await gloss.createAnnotation({
    articleId: a,
    start: 20,
    end: 29,
    color: 'pink',
    tags: ['claim'],
    note: 'why',
  });
  await gloss.createAnnotation({ articleId: a, start: 30, end: 38, color: 'blue', tags: [], note: '' });
  await gloss.createAnnotation({
    articleId: b,
    start: 20,
    end: 26,
    color: 'yellow',
    tags: ['claim'],
    note: '',
  });
  await gloss.setArticleNote({ articleId: b, text: 'Check the minister’s wording.' });
  await gloss.updateArticleMeta({ id: b, byline: 'Kosar Nawzad' });
  return ids;
}

describe('removing several articles at once', () => {
  let dir: string;
  let gloss: GlossService;
  let ids: string[];
  before(async () => {
    dir = await tempDir('remove');
    gloss = await createGloss({ dataDir: dir });
    ids = await threeArticles(gloss);
  });
  after(async () => {
    await gloss.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('removes them in one request, saying how many articles and highlights went', async () => {
    const [a, b, c] = ids;
    const before = (await gloss.listArticles()).length;
    const r = await gloss.removeArticles({ ids: [a, b] });
    assert.equal(r.articles, 2);
    assert.equal(r.annotations, 3);
    const left = (await gloss.listArticles()).map((x) => x.id);
    assert.equal(left.length, before - 2);
    assert.ok(left.includes(c) && !left.includes(a) && !left.includes(b));
    await assert.rejects(gloss.getArticle({ id: a }), /No article with id/);
    await assert.rejects(stat(join(dir, 'articles', `${a}.json`)), /ENOENT/);
    assert.equal((await gloss.listPassages({})).passages.filter((p) => p.articleId === a).length, 0);
    assert.equal((await gloss.search({ query: 'quarrelsome' })).groups.length, 0);

    // One undo puts everything back: highlights, the article note, the corrected author, search.
    const back = await gloss.restoreArticles({ token: r.token });
    assert.deepEqual(back.map((x) => x.id).sort(), [a, b].sort());
    assert.equal((await gloss.listArticles()).length, before);
    assert.equal((await gloss.listAnnotations({ articleId: a })).length, 2);
    assert.equal((await gloss.getArticleNote({ articleId: b }))?.text, 'Check the minister’s wording.');
    assert.equal((await gloss.listArticles()).find((x) => x.id === b)?.byline, 'Kosar Nawzad');
    assert.match((await gloss.getArticle({ id: b })).text, /Quarrelsome prison security claims/);
    assert.equal((await gloss.listTags()).find((t) => t.tag === 'claim')?.count, 2);
    assert.equal((await gloss.search({ query: 'quarrelsome' })).groups.length, 1);
    assert.deepEqual(await readdir(join(dir, REMOVED_DIR)), [], 'nothing left aside once put back');
    await assert.rejects(gloss.restoreArticles({ token: r.token }), /can no longer be put back/);
  });

  it('removes nothing when one of the ids is not in the library', async () => {
    const count = (await gloss.listArticles()).length;
    await assert.rejects(gloss.removeArticles({ ids: [ids[0], 'f'.repeat(16)] }), /No article with id/);
    assert.equal((await gloss.listArticles()).length, count);
    await assert.rejects(
      gloss.removeArticles({ ids: [] }),
      (e: Error & { code?: string }) => e.code === 'INVALID_REQUEST',
    );
    await assert.rejects(gloss.restoreArticles({ token: '../../etc' }), /not a removal to undo/);
  });

  it('exports just the articles chosen, in the library’s order, with their article notes', async () => {
    const [a, b, c] = ids;
    const path = join(dir, '..', `${dir.split('/').pop()}-chosen.md`);
    const report = await gloss.exportNotes({ articleIds: [b, c], format: 'md', path });
    assert.equal(report.articles, 2);
    assert.equal(report.annotations, 1);
    const md = await readFile(path, 'utf8');
    assert.match(md, /Selected article 1/);
    assert.match(md, /Selected article 2/);
    assert.doesNotMatch(md, /Selected article 0/);
    assert.match(md, /Check the minister’s wording/);
    await assert.rejects(
      gloss.exportNotes({ articleIds: [a, 'f'.repeat(16)], format: 'md', path }),
      /No article with id/,
    );
    await rm(path, { force: true });
  });
});

describe('the undo of a removal lasts the session', () => {
  it('what an earlier session set aside is deleted at the next open', async () => {
    const dir = await tempDir('sweep');
    let gloss = await createGloss({ dataDir: dir });
    const ids = await threeArticles(gloss);
    const { token } = await gloss.removeArticles({ ids: [ids[0]] });
    assert.equal((await readdir(join(dir, REMOVED_DIR))).length, 1);
    await gloss.close();
    gloss = await createGloss({ dataDir: dir });
    // The next removal of this session is kept while the sweep of the earlier one runs.
    await gloss.removeArticles({ ids: [ids[1]] });
    await gloss.close(); // close waits for the background sweep
    gloss = await createGloss({ dataDir: dir });
    await assert.rejects(gloss.restoreArticles({ token }), /can no longer be put back/);
    assert.equal(
      (await gloss.listArticles()).some((x) => x.id === ids[0]),
      false,
      'not listed again',
    );
    assert.equal((await gloss.storeStatus()).warnings.length, 0);
    await gloss.close();
    assert.deepEqual(
      await readdir(join(dir, REMOVED_DIR)),
      [],
      'every earlier holding swept (close waits for it)',
    );
    await rm(dir, { recursive: true, force: true });
  });

  it('an article whose saved copy is damaged can be removed and put back too', async () => {
    const dir = await tempDir('damaged');
    const gloss = await createGloss({ dataDir: dir });
    const [a] = await threeArticles(gloss);
    await writeFile(join(dir, 'articles', `${a}.json`), '{ damaged');
    const r = await gloss.removeArticles({ ids: [a] });
    assert.equal(r.annotations, 2, 'its highlights are counted (and kept) all the same');
    await gloss.restoreArticles({ token: r.token });
    assert.equal((await gloss.listAnnotations({ articleId: a })).length, 2);
    await gloss.close();
    await rm(dir, { recursive: true, force: true });
  });
});
