/**
 * Opening the core loads only what opening needs (issue 15: cold start and the
 * main process's memory). The heavy parts — zod and every schema, the
 * importers (jsdom, Readability, DOMPurify, pdf.js, marked, EPUB's fflate), the
 * search index, diff, YAML and CSV — load with the first request that needs
 * them. Checked in a fresh process, whose loaded modules a loader hook records.
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

const CHILD = fileURLToPath(new URL('../helpers/open-core-child.ts', import.meta.url));

interface Step {
  step: string;
  packages: string[];
  builtins: string[];
  articles?: number;
  settings?: { theme: string };
  refused?: string;
}

describe('opening the core in a fresh process', () => {
  let dir: string;
  let steps: Step[];
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gloss-lazy-'));
    const dataDir = join(dir, 'data');
    // A library as a user leaves it: an article with a highlight, a setting changed.
    const gloss = await createGloss({ dataDir, seedsDir: join(dir, 'no-seeds') });
    const imported = await gloss.importText({ text: 'A title\n\nA paragraph worth a highlight.' });
    const articleId = imported.imported[0].id;
    await gloss.createAnnotation({ articleId, start: 9, end: 20, color: 'green' });
    await gloss.updateSettings({ theme: 'dark', userName: 'A. Reader' });
    await gloss.close();

    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir, join(dir, 'loaded.txt')], {
      stdio: 'pipe',
    });
    const done = await watchChild(child).finished();
    assert.equal(done.code, 0, done.stderr);
    steps = done.lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Step);
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('opens and lists the library without loading zod, the importers, the search index or diff', () => {
    const opened = steps.find((s) => s.step === 'opened');
    assert.ok(opened, 'the child opened the library');
    assert.equal(opened.articles, 1);
    assert.equal(opened.settings?.theme, 'dark', 'settings.json was read as saved');
    const early = opened.packages.filter((p) => NOT_AT_START.includes(p));
    assert.deepEqual(early, [], `loaded at start-up: ${early.join(', ')}`);
  });

  it('opens and lists the library without node’s crypto or worker threads', () => {
    const opened = steps.find((s) => s.step === 'opened');
    // zlib is asked for by the list: the counts index's checksum.
    assert.deepEqual(
      opened?.builtins.filter((b) => b !== 'node:zlib'),
      [],
      'asked for by the first list',
    );
  });

  it('still refuses a bad request, loading the contract for it', () => {
    const validated = steps.find((s) => s.step === 'validated');
    assert.equal(validated?.refused, 'INVALID_REQUEST');
    assert.ok(validated.packages.includes('zod'), 'the contract (zod) was loaded by the request');
  });
});

describe('the modules opening the core loads', () => {
  // Each of these costs resident memory as it loads (crypto ~2 MB, zlib ~1.4, worker threads ~1.5, in a
  // bare node): the modules loaded at start-up ask for them on first use (util/lazy-builtins.ts).
  const LAZY_BUILTINS = ['node:crypto', 'node:zlib', 'node:worker_threads'];

  it('import none of node’s crypto, zlib or worker threads', async () => {
    const { build } = await import('esbuild');
    const root = fileURLToPath(new URL('../../../', import.meta.url));
    const { metafile } = await build({
      entryPoints: [join(root, 'main/core/service.ts')],
      bundle: true,
      write: false,
      metafile: true,
      splitting: true,
      outdir: join(root, 'out/lazy-loading-check'),
      platform: 'node',
      format: 'esm',
      packages: 'external',
      logLevel: 'silent',
    });
    // The static graph from service.ts (an `import()` loads later, with its first use).
    const importers = new Map<string, string[]>();
    const seen = new Set<string>();
    const walk = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const i of metafile.inputs[file]?.imports ?? []) {
        if (i.kind !== 'import-statement') continue;
        if (!i.external) walk(i.path);
        else if (LAZY_BUILTINS.includes(i.path))
          importers.set(i.path, [...(importers.get(i.path) ?? []), file]);
      }
    };
    walk('main/core/service.ts');
    assert.ok(seen.size > 50, `the start-up graph was walked (${seen.size} modules)`);
    assert.deepEqual(Object.fromEntries(importers), {});
  });
});
