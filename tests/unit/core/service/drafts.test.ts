/**
 * Drafts: what is typed into a note or tag field is kept through main until it
 * is committed — across a restart, per annotation, and never for an
 * annotation or article that is gone.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGloss, type GlossService } from '@core/service';
import { DRAFTS_FILE } from '@core/store/drafts';

describe('drafts of what is being typed', () => {
  let dir: string;
  let gloss: GlossService;
  let articleId: string;
  let annotationId: string;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gloss-drafts-'));
    gloss = await createGloss({ dataDir: dir });
    [{ id: articleId }] = await gloss.listArticles();
    ({ id: annotationId } = await gloss.createAnnotation({
      articleId,
      start: 0,
      end: 12,
      color: 'yellow',
      tags: [],
      note: '',
    }));
  });
  after(async () => {
    await gloss.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps the latest note and tag text of an annotation, across a restart', async () => {
    await gloss.saveDraft({ articleId, annotationId, note: 'First thoug' });
    await gloss.saveDraft({ articleId, annotationId, note: 'First thoughts on the claim', tag: 'cla' });
    await gloss.close();
    gloss = await createGloss({ dataDir: dir });
    const drafts = await gloss.listDrafts({ articleId });
    assert.equal(drafts.length, 1);
    assert.deepEqual(
      { ...drafts[0], saved: undefined },
      { articleId, annotationId, note: 'First thoughts on the claim', tag: 'cla', saved: undefined },
    );
    assert.match(drafts[0].saved, /^\d{4}-\d\d-\d\dT/);
  });

  it('is cleared by a draft with nothing in it (the typing was committed)', async () => {
    await gloss.saveDraft({ articleId, annotationId });
    assert.deepEqual(await gloss.listDrafts({ articleId }), []);
  });

  it('is not listed once its annotation is deleted, and is dropped with its article', async () => {
    await gloss.saveDraft({ articleId, annotationId, note: 'about to go' });
    await gloss.deleteAnnotation({ articleId, id: annotationId });
    assert.deepEqual(await gloss.listDrafts({ articleId }), []);
    await gloss.removeArticle({ id: articleId });
    assert.ok(!(await readFile(join(dir, DRAFTS_FILE), 'utf8')).includes('about to go'));
  });

  it('a damaged drafts file is moved aside and reported, and the library still opens', async () => {
    await gloss.close();
    await writeFile(join(dir, DRAFTS_FILE), '{"version":1,"drafts":[{"articleId":');
    gloss = await createGloss({ dataDir: dir });
    const { warnings } = await gloss.storeStatus();
    assert.ok(
      warnings.some((w) => w.startsWith('drafts.json was damaged')),
      warnings.join('\n'),
    );
    assert.ok((await readdir(dir)).some((n) => n.startsWith('drafts.json.corrupt-')));
  });
});
