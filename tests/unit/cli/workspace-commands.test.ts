/**
 * `gloss annotations` and `gloss tags rename|merge|delete`: the workspace from
 * a terminal, over the same service as the app.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { glossInProcess } from '../helpers/run-gloss';

const gloss = glossInProcess;

describe('gloss annotations and gloss tags', () => {
  let dir: string;
  let seed: string;
  let other: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gloss-cli-ws-'));
    const sources = await mkdtemp(join(tmpdir(), 'gloss-cli-ws-src-'));
    const file = join(sources, 'statement.txt');
    await writeFile(
      file,
      'A ministry statement\n\nThe ministry claimed that the border was calm and the crossings open.',
    );
    await gloss('import', file, '--data-dir', dir);
    const list = JSON.parse((await gloss('list', '--json', '--data-dir', dir)).stdout) as {
      id: string;
      title: string;
    }[];
    seed = list.find((a) => /enduring defeat/.test(a.title))!.id;
    other = list.find((a) => a.title === 'A ministry statement')!.id;
    const mark = (id: string, quote: string, ...extra: string[]) =>
      gloss('highlight', id, '--quote', quote, ...extra, '--data-dir', dir);
    assert.equal(
      (await mark(seed, 'remains the Coalition', '--tag', 'claim', '--tag', 'coalition/strategy')).code,
      0,
    );
    assert.equal(
      (
        await mark(
          seed,
          'secure base',
          '--tag',
          'claim/disputed',
          '--color',
          'pink',
          '--note',
          'Check the 2021 wording',
        )
      ).code,
      0,
    );
    assert.equal((await mark(other, 'the border was calm', '--tag', 'claim')).code, 0);
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('lists every passage across articles under its article, with tags and notes', async () => {
    const r = await gloss('annotations', '--data-dir', dir);
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stdout,
      /The enduring defeat of ISIS.*\[[0-9a-f]{16}\]\n .*“remains the Coalition” {2}#claim #coalition\/strategy\n/,
    );
    assert.match(r.stdout, /\(pink\) “secure base” {2}#claim\/disputed\n {6}Check the 2021 wording\n/);
    assert.match(r.stdout, /A ministry statement {2}\[/);
  });

  it('filters by tag (children included), by colour and by article; --json for scripts', async () => {
    const byTag = JSON.parse(
      (await gloss('annotations', '--tag', 'claim', '--json', '--data-dir', dir)).stdout,
    );
    assert.equal(byTag.annotations.length, 3);
    const both = JSON.parse(
      (
        await gloss(
          'annotations',
          '--tag',
          'claim',
          '--tag',
          'coalition',
          '--all-tags',
          '--json',
          '--data-dir',
          dir,
        )
      ).stdout,
    );
    assert.deepEqual(
      both.annotations.map((a: { target: { quote: { exact: string } } }) => a.target.quote.exact),
      ['remains the Coalition'],
    );
    const pink = JSON.parse(
      (await gloss('annotations', '--color', 'pink', '--json', '--data-dir', dir)).stdout,
    );
    assert.equal(pink.annotations.length, 1);
    const one = JSON.parse(
      (await gloss('annotations', '--article', other.slice(0, 6), '--json', '--data-dir', dir)).stdout,
    );
    assert.deepEqual(
      one.articles.map((a: { id: string }) => a.id),
      [other],
    );
    assert.equal(
      (await gloss('annotations', '--color', 'octarine', '--data-dir', dir)).code,
      2,
      'an unknown colour is a usage error',
    );
  });

  it('renames a tag everywhere and every count follows', async () => {
    const r = await gloss('tags', 'rename', 'claim', 'claims/official', '--data-dir', dir);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'renamed claim to claims/official: 3 passages in 2 articles\n');
    const tags = JSON.parse((await gloss('tags', '--json', '--data-dir', dir)).stdout) as {
      tag: string;
      count: number;
    }[];
    assert.deepEqual(tags.find((t) => t.tag === 'claims/official')?.count, 2);
    assert.deepEqual(tags.find((t) => t.tag === 'claims/official/disputed')?.count, 1);
    assert.ok(!tags.some((t) => t.tag === 'claim'));
  });

  it('merges tags into one, and deletes a tag without deleting its passages', async () => {
    const merged = await gloss(
      'tags',
      'merge',
      'claims/official/disputed',
      'coalition/strategy',
      '--into',
      'contested',
      '--data-dir',
      dir,
    );
    assert.equal(
      merged.stdout,
      'merged claims/official/disputed, coalition/strategy into contested: 2 passages in 1 article\n',
    );
    const deleted = await gloss('tags', 'delete', 'contested', '--data-dir', dir);
    assert.equal(deleted.stdout, 'deleted contested: 2 passages in 1 article\n');
    const all = JSON.parse((await gloss('annotations', '--json', '--data-dir', dir)).stdout);
    assert.equal(all.annotations.length, 3);
    assert.deepEqual((await gloss('tags', '--data-dir', dir)).stdout, '    2  claims/official\n');
  });

  it('says clearly what is wrong, with a non-zero exit', async () => {
    const r = await gloss('tags', 'rename', 'claim', '#', '--data-dir', dir);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^gloss: A tag needs a name\.\n$/);
    assert.equal((await gloss('tags', 'merge', 'a', 'b', '--data-dir', dir)).code, 2, '--into is required');
  });
});
