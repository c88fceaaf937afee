/**
 * The `gloss` command as installed from the package's bin: it runs the
 * command line `npm run build` compiled (out/cli/), with no TypeScript
 * compiler at run time, and says what to do when that build is missing.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { watchChild, type Finished } from '../unit/helpers/child-output';
import { requireBuilt, ROOT } from './built-output';

const BIN = join(ROOT, 'bin', 'gloss.js');

function gloss(bin: string, ...args: string[]): Promise<Finished> {
  // No --import: plain Node, as the shebang runs it.
  return watchChild(
    spawn(process.execPath, [bin, ...args], { env: { ...process.env, GLOSS_DATA_DIR: '' } }),
  ).finished();
}

describe('bin/gloss.js runs the built command line', () => {
  let dir: string;
  before(async () => {
    requireBuilt('out/cli/index.js');
    dir = await mkdtemp(join(tmpdir(), 'gloss-bin-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('prints its help', async () => {
    const r = await gloss(BIN, '--help');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.lines[0], /^Usage: gloss /);
    assert.ok(
      r.lines.some((l) => /^\s+import /.test(l)),
      r.lines.join('\n'),
    );
  });

  it('opens a new library with the sample article and lists it as JSON', async () => {
    const r = await gloss(BIN, 'list', '--json', '--data-dir', join(dir, 'library'));
    assert.equal(r.code, 0, r.stderr);
    const articles = JSON.parse(r.lines.join('\n'));
    assert.equal(articles.length, 1);
    assert.match(articles[0].title, /enduring defeat of ISIS/);
  });

  it('says how to build it when out/cli is missing, and exits 1', async () => {
    const bare = join(dir, 'checkout');
    await mkdir(join(bare, 'bin'), { recursive: true });
    await copyFile(BIN, join(bare, 'bin', 'gloss.js'));
    const r = await gloss(join(bare, 'bin', 'gloss.js'), 'list');
    assert.equal(r.code, 1);
    assert.match(r.stderr, /the command line is not built: .*out\/cli\/index\.js is missing/);
    assert.match(r.stderr, /Run `npm run build`/);
  });
});
