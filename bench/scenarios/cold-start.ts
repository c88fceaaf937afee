/**
 * 7. Cold start of the core: a fresh `node` that loads the bundled core
 * (main/core/service.ts bundled by esbuild with dependencies left in
 * node_modules, as electron-vite bundles main; out/main itself imports
 * electron and cannot load in plain node) and opens the 10k/100k library,
 * against `node -e 0`.
 */
import { spawn } from 'node:child_process';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { bigStore } from '../lib/big-store';
import { interleave, summarize } from '../lib/stats';
import type { Scenario } from '../lib/scenario';

const REPS = 7;
const here = path.dirname(fileURLToPath(import.meta.url));
const defaultOutDir = path.join(here, '..', '.out');

/** Runs `cmd` to its end: its wall time to exit, and all it printed. Rejects when it fails. */
export function runChild(
  cmd: string,
  args: string[],
): Promise<{ ms: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.on('error', reject);
    let ms = 0;
    child.on('exit', () => (ms = performance.now() - t0));
    // Timed at exit, read at close: 'exit' can come before the last of stdout has been read.
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${stderr.slice(0, 500)}`));
      else resolve({ ms, stdout, stderr });
    });
  });
}

export const runNode = (args: string[]) => runChild(process.execPath, args);

/**
 * A module a lazy import names but that is not written yet (work in progress
 * elsewhere) stays a runtime import instead of failing the bundle.
 */
const tolerateMissing: Plugin = {
  name: 'tolerate-missing',
  setup(b) {
    b.onResolve({ filter: /^\./ }, async (args) => {
      if (args.pluginData === 'probe') return undefined;
      const r = await b.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        importer: args.importer,
        pluginData: 'probe',
      });
      return r.errors.length > 0 ? { path: args.path, external: true } : r;
    });
  },
};

/** What both bundles below share: ESM for node, dependencies left in node_modules. */
const NODE_BUNDLE = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'error',
} as const;

/**
 * Bundles the child the way electron-vite bundles main: ESM, packages external, lazy imports as separate
 * chunks; into `outDir` (bench/.out, or another folder to keep one bundle beside another: profile-cold-start.ts).
 */
export async function bundleChild(outDir = defaultOutDir): Promise<string> {
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  await build({
    entryPoints: { 'cold-start': path.join(here, '..', 'lib', 'cold-start-child.ts') },
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    splitting: true,
    plugins: [tolerateMissing],
    ...NODE_BUNDLE,
  });
  // The search index's workers, beside the bundle where search-client.ts looks for them (index-rss).
  await build({
    entryPoints: {
      'search-worker': path.join(here, '..', '..', 'main', 'core', 'search', 'worker.ts'),
      'search-compaction-worker': path.join(
        here,
        '..',
        '..',
        'main',
        'core',
        'search',
        'compaction-worker.ts',
      ),
    },
    outdir: outDir,
    ...NODE_BUNDLE,
  });
  return path.join(outDir, 'cold-start.mjs');
}

export const scenario: Scenario = {
  name: 'cold-start',
  gloss: 'fresh node: load the bundled core, open the 10k/100k library, close',
  baseline: 'node -e 0',
  target: { ratio: 2 },
  async run() {
    const store = await bigStore();
    const child = await bundleChild();
    const phases: { loadMs: number; openMs: number }[] = [];
    const result = await interleave(
      REPS,
      async (i) => {
        const { ms, stdout } = await runNode([child, store.dataDir]);
        if (i >= 0) phases.push(JSON.parse(stdout));
        return ms;
      },
      async () => (await runNode(['-e', '0'])).ms,
    );
    // Once, for the record: what the first library list adds (it counts every notes file).
    const withList = JSON.parse((await runNode([child, store.dataDir, '--list'])).stdout) as {
      listMs: number;
    };
    return {
      ...result,
      extra: {
        'load core': summarize(phases.map((p) => p.loadMs)).median,
        'open store': summarize(phases.map((p) => p.openMs)).median,
        'then listArticles (1 run)': withList.listMs,
      },
      note: 'core bundled by esbuild (packages external)',
    };
  },
};

/** The main process's memory with the 10k/100k library open and listed, against a bare node's. */
export const coreMemory: Scenario = {
  name: 'core-rss',
  gloss: 'resident memory of a node that loaded the core, opened the 10k/100k library and listed it',
  baseline: 'resident memory of node -e (nothing loaded)',
  // The style for memory rows (book-heap): at most twice the bare process.
  target: { ratio: 2 },
  unit: 'MB',
  async run() {
    const store = await bigStore();
    const child = await bundleChild();
    const bare = ['-e', 'process.stdout.write(JSON.stringify({ rssMB: process.memoryUsage().rss / 1e6 }))'];
    const rss = async (args: string[]) =>
      (JSON.parse((await runNode(args)).stdout) as { rssMB: number }).rssMB;
    const result = await interleave(
      10,
      () => rss([child, store.dataDir, '--list']),
      () => rss(bare),
    );
    // Once, for the record: the same process a few seconds on (the background check of the notes files
    // runs meanwhile), and how much of it is V8's young generation (bench/README.md, core-rss).
    const { memory } = JSON.parse(
      (await runNode([child, store.dataDir, '--list', '--memory', '--idle=5'])).stdout,
    ) as { memory: Record<string, { rss: number; heapUsed: number }> & { spaces: Record<string, string> } };
    return {
      ...result,
      extra: {
        'rss 5 s later, 1 run (MB)': memory['idle 5 s'].rss,
        'heap used then (MB)': memory['idle 5 s'].heapUsed,
        'young generation committed (MB)': Number(memory.spaces.new_space.split(' / ')[0]),
      },
      // The app also loads the search index at start, in a worker of this process: its own row, index-rss.
      note: 'search index not loaded (index-rss)',
    };
  },
};
