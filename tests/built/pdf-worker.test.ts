/**
 * The PDF worker in the build: electron-vite emits it beside each bundle
 * (out/main for the app, out/cli for the command line), and the built command
 * line starts it, with no TypeScript loader at run time, to import a PDF.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildPdf, samplePaper, typesetPaper } from '../unit/helpers/pdf-builder';
import { watchChild, type Finished } from '../unit/helpers/child-output';
import { requireBuilt, ROOT } from './built-output';

const BIN = join(ROOT, 'bin', 'gloss.js');

function gloss(...args: string[]): Promise<Finished> {
  return watchChild(
    spawn(process.execPath, [BIN, ...args], { env: { ...process.env, GLOSS_DATA_DIR: '' } }),
  ).finished();
}

describe('the built PDF worker', () => {
  let dir: string;
  before(async () => {
    requireBuilt('out/main/pdf-worker.js', 'out/cli/pdf-worker.js', 'out/cli/index.js');
    dir = await mkdtemp(join(tmpdir(), 'gloss-built-pdf-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('is started by the built command line: gloss import reads a PDF, and the command exits', async () => {
    const spec = samplePaper(12);
    await writeFile(join(dir, 'paper.pdf'), buildPdf(typesetPaper(spec).pages));
    const r = await gloss('import', join(dir, 'paper.pdf'), '--json', '--data-dir', join(dir, 'library'));
    assert.equal(r.code, 0, r.stderr);
    const [entry] = JSON.parse(r.lines.join('\n')).imported;
    assert.equal(entry.title, spec.title);
    assert.equal(entry.format, 'pdf');
  });
});
