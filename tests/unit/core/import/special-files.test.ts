/**
 * Importing something that is not a regular file — a named pipe, a device, a
 * socket, a folder, or a link to one of them — is refused at once with a
 * sentence saying what it is. Nothing is read from it (a pipe would wait for a
 * writer forever, /dev/zero never ends), and the library is left open to the
 * next Gloss. The IPC request importFiles is this same service function.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createGloss, type GlossService } from '@core/service';
import { openStore } from '@core/store/index';
import type { ImportFailure } from '@core/contract';

const TEXT = 'A short article\n\nIts only paragraph says that the coalition priority remains the fight.\n';

describe('importing things that are not regular files', () => {
  let dir: string;
  let dataDir: string;
  let gloss: GlossService;
  let socketServer: Server;
  const at = (name: string) => path.join(dir, name);

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'gloss-special-'));
    dataDir = at('library');
    await mkdir(at('no-seeds'));
    execFileSync('mkfifo', [at('pipe')]);
    await symlink(at('pipe'), at('link-to-pipe'));
    await mkdir(at('folder'));
    await writeFile(at('article.txt'), TEXT);
    await symlink(at('article.txt'), at('link-to-article.txt'));
    socketServer = createServer();
    await new Promise<void>((resolve) => socketServer.listen(at('socket'), resolve));
    gloss = await createGloss({ dataDir, seedsDir: at('no-seeds') });
  });
  after(async () => {
    await gloss?.close().catch(() => {});
    await new Promise((resolve) => socketServer?.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });

  async function refused(file: string): Promise<ImportFailure> {
    const report = await gloss.importFiles({ paths: [file] });
    assert.deepEqual(
      [report.imported.length, report.existing.length, report.failed.length],
      [0, 0, 1],
      JSON.stringify(report),
    );
    return report.failed[0];
  }

  it('refuses a named pipe (FIFO) without waiting for a writer, saying it is a pipe', async () => {
    assert.deepEqual(await refused(at('pipe')), {
      source: 'pipe',
      code: 'UNSUPPORTED_FORMAT',
      message: `${at('pipe')} is a named pipe (FIFO), not a file Gloss can import.`,
    });
  });

  it('refuses /dev/zero and /dev/urandom as devices, reading nothing from them', async () => {
    const peakBefore = process.resourceUsage().maxRSS;
    for (const device of ['/dev/zero', '/dev/urandom']) {
      assert.deepEqual(await refused(device), {
        source: path.basename(device),
        code: 'UNSUPPORTED_FORMAT',
        message: `${device} is a device, not a file Gloss can import.`,
      });
    }
    // The bug read /dev/zero to 7 GB; refusing reads nothing, so the peak stays where it was.
    const grownKb = process.resourceUsage().maxRSS - peakBefore;
    assert.ok(grownKb < 64 * 1024, `peak memory grew by ${grownKb} kB`);
  });

  it('refuses a socket, saying it is a socket', async () => {
    const failure = await refused(at('socket'));
    assert.equal(failure.code, 'UNSUPPORTED_FORMAT');
    assert.equal(failure.message, `${at('socket')} is a socket, not a file Gloss can import.`);
  });

  it('refuses a folder, pointing at the files inside it', async () => {
    const failure = await refused(at('folder'));
    assert.equal(failure.code, 'UNSUPPORTED_FORMAT');
    assert.equal(failure.message, `${at('folder')} is a folder; choose the files inside it.`);
  });

  it('refuses a link to a named pipe, saying where the link leads', async () => {
    const failure = await refused(at('link-to-pipe'));
    assert.equal(failure.code, 'UNSUPPORTED_FORMAT');
    assert.equal(
      failure.message,
      `${at('link-to-pipe')} is a link to a named pipe (FIFO), not a file Gloss can import.`,
    );
  });

  it('imports through a link to a regular file', async () => {
    const report = await gloss.importFiles({ paths: [at('link-to-article.txt')] });
    assert.deepEqual(report.failed, []);
    assert.equal(report.imported[0]?.title, 'A short article');
  });

  it('refuses the bad ones and imports the good one in a single request', async () => {
    const report = await gloss.importFiles({
      paths: [at('pipe'), '/dev/zero', at('socket'), at('folder'), at('link-to-pipe'), at('article.txt')],
    });
    assert.deepEqual(
      report.failed.map((f) => f.source),
      ['pipe', 'zero', 'socket', 'folder', 'link-to-pipe'],
    );
    assert.equal(
      report.existing[0]?.title,
      'A short article',
      'the good file is still read (it is already in the library)',
    );
  });

  it('leaves the library free: once closed, the folder opens again at once', async () => {
    await gloss.importFiles({ paths: [at('pipe'), '/dev/zero', '/dev/urandom'] });
    await gloss.close();
    assert.equal(existsSync(path.join(dataDir, 'gloss.lock')), false, 'no lock left behind');
    const store = await openStore(dataDir);
    assert.equal(store.listArticles().length, 1);
    await store.close();
  });
});
