/**
 * Several articles from the command line: `gloss remove ID ID…` (every id
 * checked before anything is removed) and `gloss export ID ID… --out F`
 * (just those articles), as the library's multi-select does in the app.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { glossInProcess as gloss } from '../helpers/run-gloss';

describe('gloss remove and gloss export with several articles', () => {
  let dir: string;
  let files: string;
  const ids: Record<string, string> = {};
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gloss-cli-selection-'));
    files = await mkdtemp(join(tmpdir(), 'gloss-cli-selection-files-'));
    for (const name of ['Beta', 'Gamma', 'Delta']) {
      const file = join(files, `${name}.txt`);
      await writeFile(file, `${name} report\n\nThe ${name.toLowerCase()} council met on Monday.`);
      assert.equal((await gloss('import', file, '--data-dir', dir)).code, 0);
    }
    const list = JSON.parse((await gloss('list', '--json', '--data-dir', dir)).stdout) as Array<{
      id: string;
      title: string;
    }>;
    for (const a of list) ids[a.title.split(' ')[0]] = a.id;
    for (const name of ['Beta', 'Gamma'])
      assert.equal(
        (await gloss('highlight', ids[name], '--quote', 'council met', '--data-dir', dir)).code,
        0,
      );
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
    await rm(files, { recursive: true, force: true });
  });

  it('exports just the articles named', async () => {
    const out = join(files, 'two.md');
    const r = await gloss('export', ids.Beta, ids.Delta.slice(0, 8), '--out', out, '--data-dir', dir);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, `wrote 1 annotation from 2 articles to ${out}\n`);
    const md = await readFile(out, 'utf8');
    assert.match(md, /Beta report/);
    assert.match(md, /Delta report/);
    assert.doesNotMatch(md, /Gamma report/);
  });

  it('removes nothing when one id is unknown, then removes every article named, saying how many highlights went', async () => {
    const bad = await gloss('remove', ids.Beta, 'ffffffffffff', '--data-dir', dir);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /ffffffffffff/);
    const before = JSON.parse((await gloss('list', '--json', '--data-dir', dir)).stdout).length;
    assert.ok(before >= 3);

    const r = await gloss('remove', ids.Beta, ids.Gamma, '--data-dir', dir);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'removed 2 articles and 2 highlights\n');
    const after = JSON.parse((await gloss('list', '--json', '--data-dir', dir)).stdout) as Array<{
      id: string;
    }>;
    assert.equal(after.length, before - 2);
    assert.ok(!after.some((a) => a.id === ids.Beta || a.id === ids.Gamma));
    assert.equal((await gloss('remove', ids.Delta, '--data-dir', dir)).stdout, `removed ${ids.Delta}\n`);
  });
});
