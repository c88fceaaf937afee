/**
 * The installed app, proven to hold what it needs and nothing else: the build
 * packaged by electron-builder (--dir, the Linux layout) as `npm run dist`
 * would, except that Electron's binary — which cannot be downloaded here — is a
 * STAND-IN script (ELECTRON_STAND_IN below). Everything else is the real
 * package: app.asar, its node_modules, the seeds and the `gloss` launcher.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import {
  chmod,
  cp,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  realpath,
  rm,
  stat,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { extractAll, listPackage } from '@electron/asar';
import { parse as parseYaml } from 'yaml';
import { invokeChannel } from '@core/channels';
import { watchChild, type Finished } from '../unit/helpers/child-output';
import { buildPdf, samplePaper, typesetPaper } from '../unit/helpers/pdf-builder';
import { requireBuilt, ROOT } from './built-output';
import { invoke, startShell } from './start-shell';

// Stands in for Electron's executable only. Run as Node (ELECTRON_RUN_AS_NODE=1),
// as the `gloss` launcher runs it, it prints what it was given, so the test sees
// what the launcher would run.
const ELECTRON_STAND_IN = `#!/bin/sh
# STAND-IN for Electron's binary, made by tests/built/package.test.ts: it is not Electron.
if [ "$ELECTRON_RUN_AS_NODE" = 1 ]; then
  echo "stand-in electron, run as node with:"
  for arg in "$@"; do echo "$arg"; done
  exit 0
fi
echo "This is a stand-in for Electron's binary (tests only); it cannot run Gloss." >&2
exit 1
`;

/** Not copied for electron-builder: dependencies (linked instead), history, and earlier outputs. */
const UNCOPIED = new Set([
  'node_modules',
  '.git',
  'release',
  'dist',
  'test-results',
  'playwright-report',
  'coverage',
]);

const run = (command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Finished> =>
  watchChild(
    spawn(command, args, { cwd: ROOT, env: { ...process.env, GLOSS_DATA_DIR: '', ...env } }),
  ).finished();

async function sizeOf(path: string): Promise<number> {
  const s = await stat(path);
  if (!s.isDirectory()) return s.size;
  let total = 0;
  for (const name of await readdir(path)) total += await sizeOf(join(path, name));
  return total;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** The bare package names a bundle imports (static, re-exported and dynamic imports; the bundler writes one per line). */
function importedPackages(code: string): string[] {
  const names = new Set<string>();
  const patterns = [
    /^\s*(?:import|export)\b[^"'\n]*?["']([^"'\n]+)["']\s*;?\s*$/gm,
    /\bimport\(\s*["']([^"'\n]+)["']\s*\)/g,
  ];
  for (const pattern of patterns) {
    for (const [, spec] of code.matchAll(pattern)) {
      if (/^[./]/.test(spec) || spec.startsWith('node:') || builtinModules.includes(spec.split('/')[0]))
        continue;
      names.add(spec);
    }
  }
  return [...names];
}

async function jsFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.js')) found.push(join(entry.parentPath, entry.name));
  }
  return found;
}

describe('the packaged app (electron-builder --dir, Linux layout, stand-in Electron binary)', () => {
  let work: string;
  let appDir: string;
  let resources: string;
  let entries: string[];
  /** app.asar extracted as a folder of the same name beside a copy of the seeds: the package's layout, readable by plain Node. */
  let extracted: string;
  let asar: string;

  before(async () => {
    requireBuilt('out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html', 'out/cli/index.js');
    work = await mkdtemp(join(tmpdir(), 'gloss-package-'));
    // Whatever loads here opens a library of its own, never the user's.
    process.env.GLOSS_DATA_DIR = join(work, 'no-library');
    const standIn = join(work, 'electron-stand-in');
    await mkdir(standIn);
    await writeFile(join(standIn, 'electron'), ELECTRON_STAND_IN);
    await chmod(join(standIn, 'electron'), 0o755);
    // electron-builder packs a copy of the checkout (all but node_modules, which is linked), so a
    // rebuild elsewhere cannot swap files under it mid-way; what it selects is what it would select here.
    const project = join(work, 'project');
    await mkdir(project);
    for (const name of await readdir(ROOT)) {
      if (!UNCOPIED.has(name))
        await cp(join(ROOT, name), join(project, name), { recursive: true, verbatimSymlinks: true });
    }
    await symlink(join(ROOT, 'node_modules'), join(project, 'node_modules'));
    const built = await run(process.execPath, [
      join(ROOT, 'node_modules', 'electron-builder', 'cli.js'),
      '--linux',
      'dir',
      '--projectDir',
      project,
      `-c.electronDist=${standIn}`,
      `-c.directories.output=${join(work, 'release')}`,
    ]);
    assert.equal(built.code, 0, `electron-builder failed:\n${built.lines.join('\n')}\n${built.stderr}`);
    appDir = join(work, 'release', 'linux-unpacked');
    resources = join(appDir, 'resources');
    asar = join(resources, 'app.asar');
    entries = listPackage(asar, { isPack: false }).map((p) => p.split(sep).join('/'));
    extracted = join(work, 'extracted', 'resources');
    extractAll(asar, join(extracted, 'app.asar'));
    await cp(join(resources, 'seeds'), join(extracted, 'seeds'), { recursive: true });
  });
  after(() => rm(work, { recursive: true, force: true }));

  it('holds the build in app.asar, and prints what it weighs', async (t) => {
    for (const file of [
      '/package.json',
      '/out/main/index.js',
      '/out/preload/index.cjs',
      '/out/renderer/index.html',
      '/out/cli/index.js',
    ]) {
      assert.ok(entries.includes(file), `${file} is not in app.asar`);
    }
    const asarBytes = (await stat(asar)).size;
    const modules = join(extracted, 'app.asar', 'node_modules');
    const packages: [string, number][] = [];
    for (const name of await readdir(modules)) {
      const scoped = name.startsWith('@')
        ? (await readdir(join(modules, name))).map((n) => `${name}/${n}`)
        : [name];
      for (const p of scoped) packages.push([p, await sizeOf(join(modules, p))]);
    }
    packages.sort((a, b) => b[1] - a[1]);
    t.diagnostic(
      `app.asar: ${mb(asarBytes)} — out/ ${mb(await sizeOf(join(extracted, 'app.asar', 'out')))}, node_modules ${mb(await sizeOf(modules))} in ${packages.length} packages`,
    );
    t.diagnostic(
      `largest: ${packages
        .slice(0, 6)
        .map(([p, n]) => `${p} ${mb(n)}`)
        .join(', ')}`,
    );
    t.diagnostic(`whole app folder (stand-in binary aside): ${mb(await sizeOf(resources))}`);
  });

  it('holds nothing but the build, package.json and production dependencies: no sources, tests, bench, fixtures or source maps', () => {
    const top = new Set(entries.map((e) => e.split('/')[1]));
    assert.deepEqual([...top].sort(), ['node_modules', 'out', 'package.json']);
    const ours = entries.filter((e) => !e.startsWith('/node_modules/'));
    assert.deepEqual(
      ours.filter((e) => /\/(tests?|bench|fixtures|e2e)(\/|$)|\.(map|ts|tsx)$/.test(e)),
      [],
    );
    assert.deepEqual(
      entries.filter((e) => e.endsWith('.map')),
      [],
    );
  });

  it('carries every production dependency main and the CLI import, and no devDependency', async () => {
    // electron-builder lays node_modules out afresh (a nested copy may be hoisted), so packages are
    // matched by name and version against what the lock file says production code needs.
    const lock = JSON.parse(await readFile(join(ROOT, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { name?: string; version?: string; dev?: boolean }>;
    };
    const production = new Set<string>();
    const development = new Set<string>();
    for (const [path, p] of Object.entries(lock.packages)) {
      if (!path) continue;
      const id = `${p.name ?? path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length)}@${p.version}`;
      (p.dev ? development : production).add(id);
    }
    const app = join(extracted, 'app.asar');
    const packaged: string[] = [];
    for (const e of entries) {
      if (!/^\/(node_modules\/(?:@[^/]+\/)?[^/]+\/)+package\.json$/.test(e)) continue;
      const { name, version } = JSON.parse(await readFile(join(app, e), 'utf8'));
      if (name && version) packaged.push(`${name}@${version}`);
    }
    assert.ok(packaged.length > 0);
    assert.deepEqual(
      packaged.filter((p) => !production.has(p) && development.has(p)),
      [],
      'devDependencies in the package',
    );
    assert.deepEqual(
      packaged.filter((p) => !production.has(p) && !development.has(p)),
      [],
      'packages the lock file does not know',
    );
    for (const name of ['electron', 'tsx', 'esbuild', 'typescript', 'react', 'vite']) {
      assert.ok(!packaged.some((p) => p.startsWith(`${name}@`)), `${name} is packaged`);
    }

    // Resolved as the bundles resolve them (ESM conditions), from inside the package: a probe module beside them.
    const probe = join(app, 'out', 'resolve-probe.mjs');
    await writeFile(probe, 'export const where = (specifier) => import.meta.resolve(specifier);\n');
    const { where } = (await import(pathToFileURL(probe).href)) as { where: (s: string) => string };
    const imported = new Set<string>();
    for (const file of [
      ...(await jsFiles(join(app, 'out', 'main'))),
      ...(await jsFiles(join(app, 'out', 'cli'))),
    ]) {
      for (const spec of importedPackages(await readFile(file, 'utf8')))
        if (spec !== 'electron') imported.add(spec);
    }
    assert.ok(imported.size >= 10, `only ${[...imported]} found: the import scan is broken`);
    for (const spec of imported) {
      let url: string;
      try {
        url = where(spec);
      } catch (err) {
        assert.fail(
          `${spec}, imported by the bundle, does not resolve in the package: ${(err as Error).message}`,
        );
      }
      const path = await realpath(new URL(url));
      assert.ok(
        path.startsWith(join(await realpath(app), 'node_modules') + sep),
        `${spec} resolved outside the package's node_modules: ${path}`,
      );
    }
  });

  it('puts the seeds in resources/seeds, where the installed app looks for them, and opens a new library with them', async () => {
    assert.deepEqual(
      (await readdir(join(resources, 'seeds'))).sort(),
      (await readdir(join(ROOT, 'seeds'))).sort(),
    );
    // The packaged main, run as an installed app (app.isPackaged, process.resourcesPath) with the TEST DOUBLE for electron.
    const shell = await startShell({
      dataDir: join(work, 'desktop-library'),
      packaged: {
        mainEntry: join(extracted, 'app.asar', 'out', 'main', 'index.js'),
        resourcesPath: extracted,
      },
    });
    await shell.recorder.until(
      () => shell.recorder.count('BrowserWindow.loadFile') === 1,
      'the packaged window to load its page',
    );
    assert.equal(
      shell.recorder.windows[0].loaded.file,
      join(extracted, 'app.asar', 'out', 'renderer', 'index.html'),
    );
    const articles = await invoke(shell, invokeChannel('listArticles'));
    assert.equal(articles.ok, true, JSON.stringify(articles));
    assert.deepEqual(
      articles.value.map((a: { title: string }) => a.title.includes('enduring defeat of ISIS')),
      [true],
    );
    assert.deepEqual(shell.recorder.errorBoxes, []);
  });

  it('links every bundled module of main and the CLI under Node (no missing export, no ESM/CJS mismatch)', async () => {
    const out = join(extracted, 'app.asar', 'out');
    // Main's chunks import from its entry, which the test above already runs (as an installed app, on a
    // library of its own): loaded in this process they link against that very instance.
    for (const file of await jsFiles(join(out, 'main', 'chunks'))) await import(pathToFileURL(file).href);
    // The CLI's in a child of their own, so nothing the command's entry would do at load runs here.
    const chunks = await jsFiles(join(out, 'cli', 'chunks'));
    assert.ok(chunks.length > 0);
    const script = `for (const f of ${JSON.stringify(chunks.map((f) => pathToFileURL(f).href))}) await import(f);`;
    const r = await run(process.execPath, ['--input-type=module', '-e', script], {
      GLOSS_DATA_DIR: join(work, 'linking-library'),
    });
    assert.equal(r.code, 0, r.stderr);
  });

  it('runs the packaged command line on a new library, with the sample article from resources/seeds', async () => {
    const cli = join(extracted, 'app.asar', 'out', 'cli', 'index.js');
    const r = await run(process.execPath, [cli, 'list', '--json', '--data-dir', join(work, 'cli-library')]);
    assert.equal(r.code, 0, r.stderr);
    const articles = JSON.parse(r.lines.join('\n'));
    assert.deepEqual(
      articles.map((a: { title: string }) => a.title.includes('enduring defeat of ISIS')),
      [true],
    );
  });

  it('starts the search and PDF workers from app.asar.unpacked, which holds all they import (a worker cannot start inside app.asar)', async () => {
    const unpacked = join(extracted, 'app.asar.unpacked');
    await cp(join(resources, 'app.asar.unpacked'), unpacked, { recursive: true });
    // Only the unpacked copy of the worker is left: the command line must start that one.
    await rm(join(extracted, 'app.asar', 'out', 'cli', 'search-worker.js'));
    const cli = join(extracted, 'app.asar', 'out', 'cli', 'index.js');
    const r = await run(process.execPath, [
      cli,
      'search',
      'coalit',
      '--json',
      '--data-dir',
      join(work, 'search-library'),
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(JSON.parse(r.lines.join('\n')).hits > 0, 'the sample article is found');
    // The PDF worker likewise: only its unpacked copy is left, and pdf.js is read from the unpacked node_modules.
    await rm(join(extracted, 'app.asar', 'out', 'cli', 'pdf-worker.js'));
    await writeFile(join(work, 'paper.pdf'), buildPdf(typesetPaper(samplePaper(6)).pages));
    const pdf = await run(process.execPath, [
      cli,
      'import',
      join(work, 'paper.pdf'),
      '--json',
      '--data-dir',
      join(work, 'pdf-library'),
    ]);
    assert.equal(pdf.code, 0, `${pdf.stderr}\n${pdf.lines.join('\n')}`);
    assert.doesNotMatch(pdf.stderr, /Cannot load/, 'pdf.js finds what it imports');
    assert.equal(JSON.parse(pdf.lines.join('\n')).imported[0].format, 'pdf');
    for (const file of [
      'out/main/search-worker.js',
      'out/cli/search-worker.js',
      'out/main/search-compaction-worker.js',
      'out/cli/search-compaction-worker.js',
      'out/main/pdf-worker.js',
      'out/cli/pdf-worker.js',
      'node_modules/minisearch/package.json',
      'node_modules/pdfjs-dist/package.json',
    ]) {
      assert.ok((await stat(join(unpacked, file))).isFile(), `${file} is unpacked`);
    }
  });

  it('ships a `gloss` launcher that runs the bundled CLI on the app’s executable as Node, from a link on PATH too', async () => {
    const launcher = join(resources, 'gloss');
    assert.ok(((await stat(launcher)).mode & 0o111) !== 0, 'the launcher is executable');
    const bin = join(work, 'bin');
    await mkdir(bin);
    await symlink(launcher, join(bin, 'gloss'));
    const r = await run(join(bin, 'gloss'), ['list', '--data-dir', 'a folder with spaces']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.lines[0], 'stand-in electron, run as node with:');
    // A path inside app.asar, which Electron reads as a folder.
    assert.equal(r.lines[1], join(await realpath(resources), 'app.asar', 'out', 'cli', 'index.js'));
    assert.deepEqual(r.lines.slice(2).filter(Boolean), ['list', '--data-dir', 'a folder with spaces']);
  });

  it('is described for installers: author, icons and the Linux desktop entry', async () => {
    const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8'));
    assert.ok(pkg.author, 'package.json has an author');
    const config = parseYaml(await readFile(join(ROOT, 'electron-builder.yml'), 'utf8'));
    assert.ok(config.copyright);
    const entry = config.linux.desktop.entry;
    for (const key of ['Name', 'Comment', 'Categories', 'StartupWMClass'])
      assert.ok(entry[key], `desktop entry ${key}`);
    const png = await readFile(join(ROOT, config.icon));
    assert.deepEqual(
      [png.readUInt32BE(16), png.readUInt32BE(20)],
      [1024, 1024],
      'build/icon.png is 1024×1024',
    );
    const sizes = (await readdir(join(ROOT, config.linux.icon))).sort();
    assert.ok(sizes.includes('512x512.png') && sizes.includes('16x16.png'), sizes.join(' '));
    assert.ok(!entries.some((e) => e.startsWith('/build')), 'build resources are not in app.asar');
  });
});
