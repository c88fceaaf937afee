/**
 * The library as a workspace: every passage across articles in one list,
 * filtered by tags (a tag covers its children), colours and articles; tags
 * renamed, merged and deleted everywhere at once, undone by putting the
 * passages back, and finished after a crash, never left half done.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGloss, type GlossService } from '@core/service';
import { BATCH_JOURNAL } from '@core/store/batch-changes';

const tempDir = () => mkdtemp(join(tmpdir(), 'gloss-workspace-'));

/** Three articles; passages tagged as an analyst would. */
async function library(_dir: string, gloss: GlossService) {
  const sources = mkdtemp(join(tmpdir(), 'gloss-workspace-sources-'));
  const paths = [];
  for (const [n, body] of [
    'The coalition said the fight goes on.',
    'Officials claimed the prison was secure.',
    'A quiet market reopened on Friday.',
  ].entries()) {
    const p = join(await sources, `${n}-article.txt`);
    await writeFile(p, `Article ${n}\n\n${body} ${'More words follow here. '.repeat(5)}`);
    paths.push(p);
  }
  const { imported } = await gloss.importFiles({ paths });
  const [a, b, c] = imported.map((x) => x.id);
  const mark = (articleId: string, tags: string[], color: 'yellow' | 'pink' = 'yellow') =>
    gloss.createAnnotation({ articleId, start: 11, end: 20, color, tags, note: '' });
  await mark(a, ['claim', 'coalition/strategy']);
  await mark(a, ['Evidence'], 'pink');
  await mark(b, ['claim/disputed']);
  await mark(b, ['claims', 'coalition']);
  await mark(c, ['market']);
  return { a, b, c };
}

describe('the workspace over a library', () => {
  let dir: string;
  let gloss: GlossService;
  let ids: { a: string; b: string; c: string };
  before(async () => {
    dir = await tempDir();
    gloss = await createGloss({ dataDir: dir });
    ids = await library(dir, gloss);
  });
  after(async () => {
    await gloss.close();
    await rm(dir, { recursive: true, force: true });
  });

  type Filter = NonNullable<Parameters<GlossService['listPassages']>[0]['filter']>;
  const tagsOf = async (filter: Filter) =>
    (await gloss.listPassages({ filter, limit: 1000 })).passages.map((x) => x.tags.join('+')).sort();

  it('lists every passage of the library with the articles they belong to', async () => {
    const all = await gloss.listPassages({ limit: 1000 });
    assert.equal(all.passages.length, 5);
    assert.deepEqual(all.articles.map((x) => x.id).sort(), [ids.a, ids.b, ids.c].sort());
  });

  it('a tag filter covers the tag and its children, not longer names', async () => {
    assert.deepEqual(await tagsOf({ tags: ['coalition'] }), ['claim+coalition/strategy', 'claims+coalition']);
    assert.deepEqual(await tagsOf({ tags: ['claim'] }), ['claim+coalition/strategy', 'claim/disputed']);
  });

  it('with tagChildren false a tag covers only itself (what deleting it touches)', async () => {
    assert.deepEqual(await tagsOf({ tags: ['claim'], tagChildren: false }), ['claim+coalition/strategy']);
    const page = await gloss.listPassages({
      filter: { tags: ['claim', 'coalition'], tagChildren: false },
      limit: 0,
    });
    assert.equal(page.total, 2, 'a passage carrying both is counted once');
    assert.deepEqual(page.passages, []);
  });

  it('holding: the articles with a passage that passes the filter, without the passages', async () => {
    const page = await gloss.listPassages({ filter: { tags: ['claim'] }, limit: 0, holding: true });
    assert.deepEqual([...(page.holding ?? [])].sort(), [ids.a, ids.b].sort());
    assert.deepEqual(page.passages, []);
    assert.equal(
      (await gloss.listPassages({ filter: { tags: ['claim'] } })).holding,
      undefined,
      'only when asked',
    );
  });

  it('several tags: any of them, or all of them', async () => {
    assert.deepEqual(await tagsOf({ tags: ['claim', 'market'], match: 'any' }), [
      'claim+coalition/strategy',
      'claim/disputed',
      'market',
    ]);
    assert.deepEqual(await tagsOf({ tags: ['claim', 'coalition'], match: 'all' }), [
      'claim+coalition/strategy',
    ]);
  });

  it('filters by colour and by article', async () => {
    assert.deepEqual(await tagsOf({ colors: ['pink'] }), ['Evidence']);
    assert.deepEqual(await tagsOf({ articleIds: [ids.c] }), ['market']);
  });

  it('renames a tag everywhere (children move with it), and only the notes files holding it are rewritten', async () => {
    const untouched = join(dir, 'notes', `${ids.c}.json`);
    const before = (await stat(untouched)).mtimeMs;
    const report = await gloss.changeTags({
      change: { kind: 'rename', from: ['claim'], to: 'claims/official' },
    });
    assert.equal(report.articles, 2);
    assert.deepEqual(report.before.map((x) => x.tags.join('+')).sort(), [
      'claim+coalition/strategy',
      'claim/disputed',
    ]);
    assert.deepEqual(await tagsOf({ tags: ['claims'] }), [
      'claims+coalition',
      'claims/official+coalition/strategy',
      'claims/official/disputed',
    ]);
    assert.equal((await stat(untouched)).mtimeMs, before);
    const counts = Object.fromEntries((await gloss.listTags()).map((t) => [t.tag, t.count]));
    assert.equal(counts['claims/official'], 1);
    assert.equal(counts.claim, undefined);

    // Undo: the passages go back exactly as they were.
    await gloss.restoreAnnotations({ annotations: report.before });
    assert.deepEqual(await tagsOf({ tags: ['claim'] }), ['claim+coalition/strategy', 'claim/disputed']);
  });

  it('renaming into an existing tag merges them, in the new spelling', async () => {
    const report = await gloss.changeTags({
      change: { kind: 'rename', from: ['evidence', 'market'], to: 'Claims' },
    });
    assert.equal(report.after.length, 2);
    assert.deepEqual(await tagsOf({ tags: ['claims'] }), ['Claims', 'Claims', 'claims+coalition']);
    await gloss.restoreAnnotations({ annotations: report.before });
  });

  it('deleting a tag removes it from its passages and keeps the passages', async () => {
    const count = (await gloss.listPassages({ limit: 0 })).all;
    await gloss.changeTags({ change: { kind: 'delete', tags: ['#market'] } });
    assert.equal((await gloss.listPassages({ limit: 0 })).all, count);
    assert.deepEqual(await tagsOf({ articleIds: [ids.c] }), ['']);
  });

  it('refuses a change with no name, and an undo for an article not in the library', async () => {
    await assert.rejects(
      gloss.changeTags({ change: { kind: 'rename', from: ['claim'], to: '  #  ' } }),
      /A tag needs a name/,
    );
    const [one] = (await gloss.listPassages({ limit: 1 })).passages;
    await assert.rejects(
      gloss.restoreAnnotations({
        annotations: [{ ...one, articleId: 'nope', target: { ...one.target, source: 'nope' } }],
      }),
      /No article with id nope/,
    );
  });
});

describe('a tag change interrupted by a crash', () => {
  it('is finished at the next start, once, and the user is told', async () => {
    const dir = await tempDir();
    let gloss = await createGloss({ dataDir: dir });
    const ids = await library(dir, gloss);
    await gloss.close();
    // The journal was written, then the process died before any notes file changed.
    const modified = '2026-11-29T10:00:00.000Z';
    await writeFile(
      join(dir, BATCH_JOURNAL),
      JSON.stringify({
        kind: 'tags',
        change: { kind: 'rename', from: ['claim'], to: 'claim/official' },
        modified,
      }),
    );

    gloss = await createGloss({ dataDir: dir });
    const { warnings } = await gloss.storeStatus();
    assert.deepEqual(warnings, [
      'Gloss was closed while renaming “claim” to “claim/official”; it has now been finished.',
    ]);
    const tags = async () =>
      (await gloss.listPassages({ filter: { articleIds: [ids.a, ids.b] }, limit: 1000 })).passages
        .map((x) => x.tags.join('+'))
        .sort();
    const expected = [
      'Evidence',
      'claim/official+coalition/strategy',
      'claim/official/disputed',
      'claims+coalition',
    ];
    assert.deepEqual(await tags(), expected);
    await gloss.close();

    // Died again after the notes files changed but before the journal was removed: finishing again changes nothing
    // (renaming into its own child is not applied twice).
    await writeFile(
      join(dir, BATCH_JOURNAL),
      JSON.stringify({
        kind: 'tags',
        change: { kind: 'rename', from: ['claim'], to: 'claim/official' },
        modified,
      }),
    );
    gloss = await createGloss({ dataDir: dir });
    assert.deepEqual(await tags(), expected);
    assert.deepEqual((await gloss.storeStatus()).warnings, []);
    await assert.rejects(readFile(join(dir, BATCH_JOURNAL)), /ENOENT/);
    await gloss.close();
    await rm(dir, { recursive: true, force: true });
  });
});
