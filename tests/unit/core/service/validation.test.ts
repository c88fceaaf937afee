/**
 * The service has one validation door: a request from the CLI, a benchmark or
 * a test is checked against the same contract as one from the renderer, so a
 * caller that skips IPC cannot store what IPC would refuse.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGloss, type GlossService } from '@core/service';
import { CHANNEL_NAMES } from '@core/channels';

async function refused(p: Promise<unknown>, pattern: RegExp) {
  await assert.rejects(p, (err: Error & { code?: string }) => {
    assert.equal(err.code, 'INVALID_REQUEST', err.message);
    assert.match(err.message, pattern);
    return true;
  });
}

describe('a request made straight to the service', () => {
  let dir: string;
  let gloss: GlossService;
  let articleId: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gloss-door-'));
    gloss = await createGloss({ dataDir: dir });
    articleId = (await gloss.listArticles())[0].id;
  });
  after(async () => {
    await gloss.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('is refused when a highlight has no colour the app knows', async () => {
    await refused(
      gloss.createAnnotation({ articleId, start: 0, end: 5, color: 'plaid' as never }),
      /createAnnotation.*color/,
    );
    assert.deepEqual(await gloss.listAnnotations({ articleId }), []);
  });

  it('gets the contract’s defaults filled in (no tags, an empty note)', async () => {
    const a = await gloss.createAnnotation({ articleId, start: 0, end: 5, color: 'yellow' });
    assert.deepEqual([a.tags, a.note], [[], '']);
  });

  it('is refused when a note is far longer than the contract allows', async () => {
    const [a] = await gloss.listAnnotations({ articleId });
    await refused(gloss.updateAnnotation({ articleId, id: a.id, note: 'x'.repeat(2_000_000) }), /note/);
  });

  it('is refused when an article id is empty or longer than any id', async () => {
    await refused(gloss.getArticle({ id: 'x'.repeat(500) }), /getArticle.*id/);
    await refused(gloss.removeArticle({ id: '' }), /removeArticle/);
  });

  it('is refused when files to import or an export path are not paths', async () => {
    await refused(gloss.importFiles({ paths: 'notes.txt' as never }), /importFiles.*paths/);
    await refused(gloss.exportNotes({ format: 'md', path: '' }), /exportNotes.*path/);
    await refused(
      gloss.exportNotes({ format: 'docx' as never, path: join(dir, 'x') }),
      /exportNotes.*format/,
    );
  });

  it('is refused when a search query is not text', async () => {
    await refused(gloss.search({ query: 42 as never }), /search.*query/);
  });

  it('is refused when a settings change names an unknown theme', async () => {
    await refused(gloss.updateSettings({ theme: 'neon' as never }), /updateSettings.*theme/);
  });

  it('puts an annotation back (undo) with every field the annotation has, the version it was made on too', async () => {
    const made = await gloss.createAnnotation({
      articleId,
      start: 10,
      end: 20,
      color: 'blue',
      tags: ['claim'],
    });
    const withVersion = { ...made, versionHash: 'a'.repeat(64) };
    await gloss.deleteAnnotation({ articleId, id: made.id });
    const back = await gloss.restoreAnnotation({ annotation: withVersion });
    assert.deepEqual(back, withVersion);
    const listed = (await gloss.listAnnotations({ articleId })).find((a) => a.id === made.id);
    assert.equal(listed?.versionHash, withVersion.versionHash);
  });

  it('drops fields the annotation does not have from a request to put one back', async () => {
    const made = await gloss.createAnnotation({ articleId, start: 30, end: 40, color: 'green' });
    const back = await gloss.restoreAnnotation({ annotation: { ...made, injected: '<script>' } as never });
    assert.equal('injected' in back, false);
  });

  it('answers every channel of the contract but the few only a shell can (dialogs, links, the close handshake)', async () => {
    const shellOnly = new Set(['chooseImportFiles', 'chooseExportPath', 'openExternal', 'draftsFlushed']);
    const missing = CHANNEL_NAMES.filter(
      (name) =>
        !shellOnly.has(name) && typeof (gloss as unknown as Record<string, unknown>)[name] !== 'function',
    );
    assert.deepEqual(missing, []);
  });

  it('loads a part used by few sessions on its first request, and it then answers as any other', async () => {
    await refused(gloss.importHighlights({ paths: 'clippings.txt' as never }), /importHighlights.*paths/);
  });
});
