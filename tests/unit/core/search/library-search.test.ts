/**
 * Search through the service, as the app uses it (the index in its worker):
 * every change a request makes is found by the next search, with no waiting
 * and no reopening.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGloss, type GlossService } from '@core/service';
import type { SearchResult } from '@core/contract';
import { OPEN_MARKER } from '@core/search/index-files';

const SEED = join(process.cwd(), 'seeds', '000-kurdistan24-coalition-isis-priority.txt');

describe('search through the service: opened at start', () => {
  it('with openAtStart the index opens in the background before any search (the app)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gloss-search-start-'));
    let told!: () => void;
    const opened = new Promise<void>((resolve) => (told = resolve));
    const gloss = await createGloss({
      dataDir: dir,
      seedsDir: join(dir, 'no-seeds'),
      search: { openAtStart: true, onOpened: () => told() },
    });
    try {
      await opened;
      await stat(join(dir, 'search', OPEN_MARKER)); // on disk: the index was opened, and no search was asked
    } finally {
      await gloss.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('without it, a command that never searches never opens it (the CLI)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gloss-search-start-'));
    const gloss = await createGloss({ dataDir: dir, seedsDir: join(dir, 'no-seeds') });
    await gloss.importFiles({ paths: [SEED] });
    await gloss.close();
    await assert.rejects(stat(join(dir, 'search')));
    await assert.rejects(gloss.search({ query: 'isis' }), {
      code: 'INTERNAL',
      message: 'The library has been closed.',
    });
    await rm(dir, { recursive: true, force: true });
  });
});

describe('search through the service', () => {
  let dir: string;
  let gloss: GlossService;
  let id: string;
  const kinds = async (query: string): Promise<string[]> => {
    const r: SearchResult = await gloss.search({ query });
    return r.groups
      .flatMap((g) => g.hits.map((h) => `${h.kind}${h.annotationId ? ` ${h.annotationId}` : ''}`))
      .sort();
  };
  const range = (quote: string) => {
    const start = text.indexOf(quote);
    assert.ok(start >= 0, quote);
    return { start, end: start + quote.length };
  };
  let text = '';

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gloss-search-service-'));
    gloss = await createGloss({ dataDir: dir, seedsDir: join(dir, 'no-seeds') });
    const report = await gloss.importFiles({ paths: [SEED] });
    id = report.imported[0].id;
    text = (await gloss.getArticle({ id })).text;
  });
  after(async () => {
    await gloss.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('finds an imported article (the index opens on the first search)', async () => {
    assert.deepEqual(await kinds('paratroopers'), ['article']);
  });

  it('finds a highlight as soon as it is made, changed, deleted or put back', async () => {
    const a = await gloss.createAnnotation({
      articleId: id,
      ...range('remains firmly committed'),
      color: 'green',
      tags: ['claim'],
      note: 'zeppelin',
    });
    assert.deepEqual(await kinds('zeppelin'), [`note ${a.id}`]);
    await gloss.updateAnnotation({ articleId: id, id: a.id, note: 'dirigible', tags: ['claim/official'] });
    assert.deepEqual(await kinds('zeppelin'), []);
    assert.deepEqual(await kinds('dirigible tag:claim'), [`note ${a.id}`]);
    const removed = await gloss.deleteAnnotation({ articleId: id, id: a.id });
    assert.deepEqual(await kinds('dirigible'), []);
    await gloss.restoreAnnotation({ annotation: removed });
    assert.deepEqual(await kinds('dirigible'), [`note ${a.id}`]);
  });

  it('follows a tag renamed across the library, and its undo', async () => {
    const report = await gloss.changeTags({ change: { kind: 'rename', from: ['claim'], to: 'assertion' } });
    assert.deepEqual(await kinds('tag:claim'), []);
    assert.equal((await kinds('tag:assertion/official')).length, 1);
    await gloss.restoreAnnotations({ annotations: report.before });
    assert.equal((await kinds('tag:claim/official')).length, 1);
  });

  it('follows a corrected title and author', async () => {
    await gloss.updateArticleMeta({ id, title: 'Quixotic headline', byline: 'Jane Zamboni' });
    assert.deepEqual(await kinds('quixotic'), ['article']);
    assert.deepEqual(await kinds('zamboni'), ['article']);
  });

  it('forgets a removed article and its highlights', async () => {
    await gloss.removeArticle({ id });
    assert.deepEqual(await kinds('paratroopers'), []);
    assert.deepEqual(await kinds('dirigible'), []);
  });
});
