/**
 * `gloss tags describe TAG [--color C] [--description D]`: the codebook from a
 * terminal; `gloss tags` shows each tag's colour and description, `--json` carries them.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { glossInProcess as gloss } from '../helpers/run-gloss';

describe('gloss tags describe', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gloss-cli-codebook-'));
    const file = join(dir, '..', `${dir.split('/').pop()}-statement.txt`);
    await writeFile(file, 'A ministry statement\n\nThe ministry claimed that the border was calm.');
    await gloss('import', file, '--data-dir', dir);
    const list = JSON.parse((await gloss('list', '--json', '--data-dir', dir)).stdout) as Array<{
      id: string;
      title: string;
    }>;
    const id = list.find((a) => a.title === 'A ministry statement')!.id;
    const r = await gloss(
      'highlight',
      id,
      '--quote',
      'the border was calm',
      '--tag',
      'claim',
      '--data-dir',
      dir,
    );
    assert.equal(r.code, 0, r.stderr);
    await rm(file);
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('gives a tag a colour and a description, shown by gloss tags and in its JSON', async () => {
    const r = await gloss(
      'tags',
      'describe',
      'claim',
      '--color',
      'pink',
      '--description',
      'What an official asserts, unverified.',
      '--data-dir',
      dir,
    );
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'described claim: pink “What an official asserts, unverified.”\n');
    assert.match(
      (await gloss('tags', '--data-dir', dir)).stdout,
      /^ {4}1 {2}claim {2}\(pink\) {2}— What an official asserts, unverified\.\n/m,
    );
    const json = JSON.parse((await gloss('tags', '--json', '--data-dir', dir)).stdout);
    assert.deepEqual(
      json.find((t: { tag: string }) => t.tag === 'claim'),
      { tag: 'claim', count: 1, color: 'pink', description: 'What an official asserts, unverified.' },
    );
  });

  it('changes one field alone, clears with none or "", and describes a tag not used yet', async () => {
    await gloss('tags', 'describe', 'claim', '--color', 'none', '--data-dir', dir);
    let claim = JSON.parse((await gloss('tags', '--json', '--data-dir', dir)).stdout)[0];
    assert.deepEqual(claim, { tag: 'claim', count: 1, description: 'What an official asserts, unverified.' });
    const cleared = await gloss('tags', 'describe', 'claim', '--description', '', '--data-dir', dir);
    assert.equal(cleared.stdout, 'cleared claim\n');
    claim = JSON.parse((await gloss('tags', '--json', '--data-dir', dir)).stdout)[0];
    assert.deepEqual(claim, { tag: 'claim', count: 1 });
    const planned = await gloss('tags', 'describe', 'rumour', '--color', 'blue', '--data-dir', dir);
    assert.equal(planned.stdout, 'described rumour: blue\n');
    assert.match((await gloss('tags', '--data-dir', dir)).stdout, /^ {4}0 {2}rumour {2}\(blue\)\n/m);
  });

  it('keeps the description when the tag is renamed, and says clearly what is wrong', async () => {
    await gloss('tags', 'describe', 'claim', '--description', 'Asserted.', '--data-dir', dir);
    await gloss('tags', 'rename', 'claim', 'claims/official', '--data-dir', dir);
    assert.match((await gloss('tags', '--data-dir', dir)).stdout, /claims\/official {2}— Asserted\.\n/);

    const hex = await gloss('tags', 'describe', 'claim', '--color', '#ff0000', '--data-dir', dir);
    assert.equal(hex.code, 2, 'a colour outside the palette is a usage error');
    assert.match(hex.stderr, /yellow, green, blue, pink, purple, none/);
    const none = await gloss('tags', 'describe', 'claim', '--data-dir', dir);
    assert.equal(none.code, 1);
    assert.match(none.stderr, /^gloss: Give the tag a colour or a description \(or clear one\)\.\n$/);
    const long = await gloss(
      'tags',
      'describe',
      'claim',
      '--description',
      'x'.repeat(2001),
      '--data-dir',
      dir,
    );
    assert.equal(long.code, 1);
    assert.match(long.stderr, /2000/);
  });
});
