/**
 * The tag codebook: a colour and a description per tag, saved durably,
 * undone in one operation, carried across renames and merges (the target's
 * own description wins), gone with a deleted tag, finished after a crash,
 * and validated at the door.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGloss, type GlossService } from '@core/service';
import { BATCH_JOURNAL } from '@core/store/batch-changes';
import { CODEBOOK_FILE } from '@core/store/tag-codebook';

const tempDir = () => mkdtemp(join(tmpdir(), 'gloss-codebook-'));

async function tagged(gloss: GlossService): Promise<string> {
  const { imported } = await gloss.importText({
    text: `Codebook article\n\nOfficials claimed the prison was secure. ${'More words. '.repeat(10)}`,
  });
  const articleId = imported[0].id;
  const mark = (tags: string[]) =>
    gloss.createAnnotation({ articleId, start: 18, end: 30, color: 'yellow', tags, note: '' });
  await mark(['claim']);
  await mark(['claim/official', 'evidence']);
  await mark(['Evidence']);
  return articleId;
}

const code = async (gloss: GlossService, tag: string) => {
  const t = (await gloss.listTags()).find((x) => x.tag.toLowerCase() === tag.toLowerCase());
  return t && { tag: t.tag, count: t.count, color: t.color, description: t.description };
};

describe('the tag codebook', () => {
  let dir: string;
  let gloss: GlossService;
  before(async () => {
    dir = await tempDir();
    gloss = await createGloss({ dataDir: dir });
    await tagged(gloss);
  });
  after(async () => {
    await gloss.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('gives a tag a colour and a description, listed with its count and kept across a restart', async () => {
    const report = await gloss.describeTag({
      tag: '#Claim',
      color: 'pink',
      description: '  What an official asserts.  ',
    });
    assert.deepEqual(report.codebook, [
      {
        tag: 'claim',
        before: null,
        after: { tag: 'claim', color: 'pink', description: 'What an official asserts.' },
      },
    ]);
    await gloss.close();
    gloss = await createGloss({ dataDir: dir });
    assert.deepEqual(await code(gloss, 'claim'), {
      tag: 'claim',
      count: 1,
      color: 'pink',
      description: 'What an official asserts.',
    });
    const file = JSON.parse(await readFile(join(dir, CODEBOOK_FILE), 'utf8'));
    assert.equal(file.tags[0].description, 'What an official asserts.');
  });

  it('changes one field and keeps the other; null or an empty description clears', async () => {
    await gloss.describeTag({ tag: 'claim', color: 'blue' });
    assert.equal((await code(gloss, 'claim'))?.description, 'What an official asserts.');
    assert.equal((await code(gloss, 'claim'))?.color, 'blue');
    const cleared = await gloss.describeTag({ tag: 'claim', description: '' });
    assert.equal((await code(gloss, 'claim'))?.description, undefined);
    // Undo is one operation: the entry as it was.
    await gloss.restoreAnnotations({
      annotations: [],
      codebook: cleared.codebook!.map((c) => ({ tag: c.tag, code: c.before })),
    });
    assert.deepEqual(await code(gloss, 'claim'), {
      tag: 'claim',
      count: 1,
      color: 'blue',
      description: 'What an official asserts.',
    });
  });

  it('lists a described tag no passage uses yet, with a count of 0', async () => {
    await gloss.describeTag({ tag: 'rumour', description: 'Said but not sourced.' });
    assert.deepEqual(await code(gloss, 'rumour'), {
      tag: 'rumour',
      count: 0,
      color: undefined,
      description: 'Said but not sourced.',
    });
    const removed = await gloss.describeTag({ tag: 'rumour', description: null });
    assert.equal(await code(gloss, 'rumour'), undefined, 'an entry with neither field is dropped');
    assert.equal(removed.codebook?.[0].after, null);
  });

  it('keeps the entry across a rename, children included, and undo puts both passages and entry back', async () => {
    await gloss.describeTag({ tag: 'claim/official', color: 'purple' });
    const report = await gloss.changeTags({ change: { kind: 'rename', from: ['claim'], to: 'assertion' } });
    assert.equal((await code(gloss, 'assertion'))?.description, 'What an official asserts.');
    assert.equal((await code(gloss, 'assertion/official'))?.color, 'purple');
    assert.equal(await code(gloss, 'claim'), undefined);
    assert.equal(report.codebook?.length, 4, 'two entries gone, two written');

    await gloss.restoreAnnotations({
      annotations: report.before,
      codebook: report.codebook!.map((c) => ({ tag: c.tag, code: c.before })),
    });
    assert.equal((await code(gloss, 'claim'))?.description, 'What an official asserts.');
    assert.equal((await code(gloss, 'claim/official'))?.color, 'purple');
    assert.equal(await code(gloss, 'assertion'), undefined);
  });

  it("merging keeps the target's own description and colour, and takes what it lacks from the merged tag", async () => {
    await gloss.describeTag({ tag: 'evidence', description: 'A document or a witness.' });
    const report = await gloss.changeTags({ change: { kind: 'rename', from: ['claim'], to: 'evidence' } });
    assert.deepEqual(await code(gloss, 'evidence'), {
      tag: 'evidence',
      count: 3,
      color: 'blue',
      description: 'A document or a witness.',
    });
    await gloss.restoreAnnotations({
      annotations: report.before,
      codebook: report.codebook!.map((c) => ({ tag: c.tag, code: c.before })),
    });
    assert.equal((await code(gloss, 'evidence'))?.color, undefined);
    assert.equal((await code(gloss, 'claim'))?.color, 'blue');
  });

  it('removes the entry of a deleted tag, not of its children', async () => {
    const report = await gloss.changeTags({ change: { kind: 'delete', tags: ['claim'] } });
    assert.equal(await code(gloss, 'claim'), undefined);
    assert.equal((await code(gloss, 'claim/official'))?.color, 'purple');
    await gloss.restoreAnnotations({
      annotations: report.before,
      codebook: report.codebook!.map((c) => ({ tag: c.tag, code: c.before })),
    });
    assert.equal((await code(gloss, 'claim'))?.color, 'blue');
  });

  it('refuses a colour outside the palette (a hex too), an overlong description and an empty request', async () => {
    // The service validates its requests as IPC does (the CLI and tests call it directly).
    const refused = (request: unknown, message: RegExp) =>
      assert.rejects(
        gloss.describeTag(request as Parameters<GlossService['describeTag']>[0]),
        (err: Error & { code?: string }) => {
          assert.equal(err.code, 'INVALID_REQUEST');
          assert.match(err.message, message);
          return true;
        },
      );
    await refused({ tag: 'claim', color: '#ff0000' }, /colour is one of yellow, green, blue, pink, purple/);
    await refused({ tag: 'claim', color: 'octarine' }, /colour is one of/);
    await refused({ tag: 'claim', description: 'x'.repeat(2001) }, /description/);
    await refused({ tag: '', color: 'pink' }, /tag/);
    await assert.rejects(gloss.describeTag({ tag: 'claim' }), /Give the tag a colour or a description/);
    await assert.rejects(gloss.describeTag({ tag: ' # ', color: 'pink' }), /A tag needs a name/);
    await assert.rejects(gloss.restoreAnnotations({ annotations: [] }), /Nothing to put back/);
  });
});

describe('the codebook in exports', () => {
  it('the JSON export carries the entries of the tags it holds and of their parents, under gloss:codebook', async () => {
    const dir = await tempDir();
    const gloss = await createGloss({ dataDir: dir });
    const articleId = await tagged(gloss);
    await gloss.describeTag({ tag: 'claim', color: 'pink', description: 'Asserted.' });
    await gloss.describeTag({ tag: 'evidence', color: 'green' });
    await gloss.describeTag({ tag: 'rumour', description: 'Not in any passage.' });
    const path = join(dir, '..', `${dir.split('/').pop()}.json`);
    await gloss.exportNotes({ articleId, format: 'json', path });
    const all = JSON.parse(await readFile(path, 'utf8'));
    assert.deepEqual(all['@context'], ['http://www.w3.org/ns/anno.jsonld', { gloss: 'urn:gloss:vocab#' }]);
    assert.deepEqual(all['gloss:codebook'], [
      { tag: 'claim', color: 'pink', description: 'Asserted.' },
      { tag: 'evidence', color: 'green' },
    ]);

    // Only the passage tagged claim/official: its parent's entry comes along, evidence's too (it carries both).
    const official = (await gloss.listPassages({ filter: { tags: ['claim/official'] } })).passages[0];
    await gloss.exportNotes({ annotationIds: [official.id], format: 'json', path });
    const some = JSON.parse(await readFile(path, 'utf8'));
    assert.deepEqual(
      some['gloss:codebook'].map((c: { tag: string }) => c.tag),
      ['claim', 'evidence'],
    );
    // No description anywhere: the collection is as it always was.
    await gloss.describeTag({ tag: 'claim', color: null, description: null });
    await gloss.describeTag({ tag: 'evidence', color: null });
    const bare = (await gloss.listPassages({ filter: { tags: ['evidence'], match: 'any' } })).passages;
    await gloss.exportNotes({ annotationIds: bare.map((a) => a.id), format: 'json', path });
    const plain = JSON.parse(await readFile(path, 'utf8'));
    assert.equal(plain['@context'], 'http://www.w3.org/ns/anno.jsonld');
    assert.equal(plain['gloss:codebook'], undefined);
    await gloss.close();
    await rm(path, { force: true });
    await rm(dir, { recursive: true, force: true });
  });
  it('the Markdown export closes with a Codebook section, and the CSV gives each row its tags’ descriptions', async () => {
    const dir = await tempDir();
    const gloss = await createGloss({ dataDir: dir });
    await tagged(gloss);
    await gloss.describeTag({ tag: 'claim', color: 'pink', description: 'Asserted.' });
    await gloss.describeTag({ tag: 'rumour', description: 'Not in any passage.' });
    const path = join(dir, '..', `${dir.split('/').pop()}`);
    await gloss.exportNotes({ format: 'md', path: `${path}.md` });
    const md = await readFile(`${path}.md`, 'utf8');
    assert.match(md, /\n## Codebook\n\n- #claim \(pink\): Asserted\.\n$/);
    await gloss.exportNotes({ format: 'csv', path: `${path}.csv` });
    const csv = (await readFile(`${path}.csv`, 'utf8')).split('\r\n');
    assert.match(csv[0], /,codebook$/);
    // claim/official takes its parent's description; the passage tagged Evidence alone has none.
    assert.deepEqual(
      csv.slice(1, -1).map((row) => row.split(',').at(-1)),
      ['claim: Asserted.', 'claim: Asserted.', ''],
    );
    await gloss.close();
    await rm(`${path}.md`, { force: true });
    await rm(`${path}.csv`, { force: true });
    await rm(dir, { recursive: true, force: true });
  });
});

describe('a damaged codebook and a rename cut by a crash', () => {
  it('restores the codebook from its backup, with a warning', async () => {
    const dir = await tempDir();
    let gloss = await createGloss({ dataDir: dir });
    await tagged(gloss);
    await gloss.describeTag({ tag: 'claim', color: 'pink' });
    await gloss.describeTag({ tag: 'claim', description: 'Asserted.' });
    await gloss.close();
    await writeFile(join(dir, CODEBOOK_FILE), '{"version":1,"tags":[{"tag":');
    gloss = await createGloss({ dataDir: dir });
    const { warnings } = await gloss.storeStatus();
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /tag-codebook\.json/);
    assert.equal((await code(gloss, 'claim'))?.color, 'pink', 'the backup held the colour');
    await gloss.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('finishes a rename at the next start, moving the entry once (renaming into its own child)', async () => {
    const dir = await tempDir();
    let gloss = await createGloss({ dataDir: dir });
    await tagged(gloss);
    await gloss.describeTag({ tag: 'claim', color: 'green', description: 'Asserted.' });
    await gloss.close();
    const journal = JSON.stringify({
      kind: 'tags',
      change: { kind: 'rename', from: ['claim'], to: 'claim/official' },
      modified: '2026-11-29T10:00:00.000Z',
    });
    await writeFile(join(dir, BATCH_JOURNAL), journal);
    gloss = await createGloss({ dataDir: dir });
    assert.equal((await gloss.storeStatus()).warnings.length, 1);
    assert.equal((await code(gloss, 'claim/official'))?.color, 'green');
    await gloss.close();
    // Died after the codebook was written but before the journal went: finishing again moves nothing.
    await writeFile(join(dir, BATCH_JOURNAL), journal);
    gloss = await createGloss({ dataDir: dir });
    assert.deepEqual((await gloss.storeStatus()).warnings, []);
    assert.equal((await code(gloss, 'claim/official'))?.description, 'Asserted.');
    // The passage tagged claim/official moved under the new name (claim/official/official); no entry went with it.
    assert.equal((await code(gloss, 'claim/official/official'))?.color, undefined);
    await gloss.close();
    await rm(dir, { recursive: true, force: true });
  });
});
