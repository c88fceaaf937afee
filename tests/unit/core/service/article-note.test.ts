/**
 * A note on the whole article — why it matters, what to check — kept beside
 * its passages and exported at the top of the article's notes.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGloss, type GlossService } from '@core/service';

describe('the note on a whole article', () => {
  let dir: string;
  let gloss: GlossService;
  let articleId: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gloss-article-note-'));
    gloss = await createGloss({ dataDir: dir });
    [{ id: articleId }] = await gloss.listArticles();
  });
  after(async () => {
    await gloss.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('is empty at first, then kept across a restart without touching the passages', async () => {
    assert.equal(await gloss.getArticleNote({ articleId }), null);
    await gloss.createAnnotation({
      articleId,
      start: 0,
      end: 10,
      color: 'yellow',
      tags: ['claim'],
      note: '',
    });
    const saved = await gloss.setArticleNote({
      articleId,
      text: 'Compare with the 2021 statement.\nAsk the press office.',
    });
    assert.equal(saved?.text, 'Compare with the 2021 statement.\nAsk the press office.');
    await gloss.close();
    gloss = await createGloss({ dataDir: dir });
    assert.equal(
      (await gloss.getArticleNote({ articleId }))?.text,
      'Compare with the 2021 statement.\nAsk the press office.',
    );
    assert.equal((await gloss.listAnnotations({ articleId })).length, 1);
    assert.equal(
      (await gloss.listArticles())[0].annotationCount,
      1,
      'the note is not counted as a highlight',
    );
  });

  it('is exported at the top of the article’s notes, before its passages', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'gloss-article-note-out-')), 'notes.md');
    await gloss.exportNotes({ articleId, format: 'md', path: out });
    const md = await readFile(out, 'utf8');
    const note = md.indexOf('Compare with the 2021 statement.\nAsk the press office.');
    assert.ok(note > md.indexOf('\n# '), 'after the title');
    assert.ok(note < md.indexOf('\n> '), 'before the first passage');
  });

  it('an empty note removes it; an unknown article is refused', async () => {
    assert.equal(await gloss.setArticleNote({ articleId, text: '   ' }), null);
    assert.equal(await gloss.getArticleNote({ articleId }), null);
    await assert.rejects(gloss.setArticleNote({ articleId: 'nope', text: 'x' }), /not in the library/);
  });
});

describe('the note on a whole article is searchable', () => {
  it('is found as a note of its article, with no highlight to select', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gloss-article-note-search-'));
    const gloss = await createGloss({ dataDir: dir });
    try {
      const [{ id: articleId }] = await gloss.listArticles();
      await gloss.setArticleNote({ articleId, text: 'Cross-check against the ministry bulletin.' });
      const found = await gloss.search({ query: 'bulletin' });
      const hits = found.groups.flatMap((g) => g.hits);
      assert.equal(hits.length, 1);
      assert.equal(hits[0].kind, 'note');
      assert.equal(hits[0].articleId, articleId);
      assert.equal(hits[0].annotationId, undefined);
      assert.match(hits[0].snippet.text, /ministry bulletin/);
      await gloss.setArticleNote({ articleId, text: '' });
      assert.equal((await gloss.search({ query: 'bulletin' })).hits, 0, 'removed with the note');
    } finally {
      await gloss.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
