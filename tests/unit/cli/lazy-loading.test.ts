/**
 * The command line starts as light as the core opens (issue 15): printing its
 * help, or listing a library, loads none of the heavy packages — not zod, which
 * the contract would bring — although its commands offer the contract's
 * colours and export formats as choices. Checked in fresh processes, whose
 * loaded modules a loader hook records.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGloss } from '@core/service';
import { watchChild } from '../helpers/child-output';
import { NOT_AT_START } from '../helpers/record-loads';

const CHILD = fileURLToPath(new URL('../helpers/cli-child.ts', import.meta.url));

interface Ran {
  code: number;
  packages: string[];
}

async function gloss(log: string, ...argv: string[]): Promise<Ran> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, log, ...argv], { stdio: 'pipe' });
  const done = await watchChild(child).finished();
  assert.equal(done.code, 0, done.stderr);
  return JSON.parse(done.lines.find((l) => l.startsWith('{')) ?? 'null') as Ran;
}

const heavy = (ran: Ran): string[] => ran.packages.filter((p) => NOT_AT_START.includes(p));

describe('starting the command line in a fresh process', () => {
  let dir: string;
  let help: Ran;
  let list: Ran;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gloss-cli-lazy-'));
    const dataDir = join(dir, 'data');
    const service = await createGloss({ dataDir, seedsDir: join(dir, 'no-seeds') });
    await service.importText({ text: 'A title\n\nA paragraph.' });
    await service.close();
    [help, list] = await Promise.all([
      gloss(join(dir, 'help.txt'), '--help'),
      gloss(join(dir, 'list.txt'), 'list', '--data-dir', dataDir),
    ]);
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('prints its help without loading zod or any other heavy package', () => {
    assert.equal(help.code, 0);
    assert.ok(help.packages.includes('commander'), 'the program was built');
    assert.deepEqual(heavy(help), []);
  });

  it('lists a library without loading zod or any other heavy package', () => {
    assert.equal(list.code, 0);
    assert.ok(list.packages.includes('lowdb'), 'the library was opened');
    assert.deepEqual(heavy(list), []);
  });
});
