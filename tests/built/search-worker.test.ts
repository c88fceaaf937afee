/**
 * The search worker in the build: electron-vite emits it beside each bundle
 * (out/main for the app, out/cli for the command line), and the built code
 * finds and starts it with no TypeScript loader at run time.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { watchChild, type Finished } from '../unit/helpers/child-output';
import { requireBuilt, ROOT } from './built-output';

const BIN = join(ROOT, 'bin', 'gloss.js');
const SEED = join(ROOT, 'seeds', '000-kurdistan24-coalition-isis-priority.txt');

function gloss(...args: string[]): Promise<Finished> {
  return watchChild(
    spawn(process.execPath, [BIN, ...args], { env: { ...process.env, GLOSS_DATA_DIR: '' } }),
  ).finished();
}

describe('the built search worker', () => {
  let dir: string;
  before(async () => {
    requireBuilt('out/main/search-worker.js', 'out/cli/search-worker.js', 'out/cli/index.js');
    dir = await mkdtemp(join(tmpdir(), 'gloss-built-search-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('is started by the built command line: gloss search answers and saves the index', async () => {
    assert.equal((await gloss('import', SEED, '--data-dir', dir)).code, 0);
    const r = await gloss('search', 'coalit', '--json', '--data-dir', dir);
    assert.equal(r.code, 0, r.stderr);
    const result = JSON.parse(r.lines.join('\n'));
    assert.deepEqual(
      result.groups[0].hits.map((h: { kind: string }) => h.kind),
      ['article'],
    );
    // Each part of the index saved as its snapshot and the journal that names it (docs/technical/search.md).
    assert.deepEqual((await readdir(join(dir, 'search'))).sort(), [
      'annotations.journal',
      'annotations.jsonl',
      'articles.journal',
      'articles.jsonl',
    ]);
  });
});
