/**
 * `gloss import` given a named pipe, devices, a socket, a folder or a link to
 * a pipe, run as a user runs it (a real process running the command's entry): it
 * answers at once, one failure line per path saying what the path is, exits 1,
 * and leaves the library free for the next command.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { glossProcess } from '../helpers/run-gloss';

const gloss = glossProcess;

describe('gloss import of things that are not regular files', () => {
  let dir: string;
  let library: string;
  let socketServer: Server;
  let paths: string[];
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gloss-cli-special-'));
    library = join(dir, 'library');
    execFileSync('mkfifo', [join(dir, 'pipe')]);
    await symlink(join(dir, 'pipe'), join(dir, 'link-to-pipe'));
    await mkdir(join(dir, 'folder'));
    socketServer = createServer();
    await new Promise<void>((resolve) => socketServer.listen(join(dir, 'socket'), resolve));
    paths = [
      join(dir, 'pipe'),
      '/dev/zero',
      '/dev/urandom',
      join(dir, 'folder'),
      join(dir, 'link-to-pipe'),
      join(dir, 'socket'),
    ];
  });
  after(async () => {
    await new Promise((resolve) => socketServer?.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });

  it('prints one failure per path, saying what each one is, and exits 1', async () => {
    const r = await gloss('import', ...paths, '--data-dir', library);
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.stdout, '');
    assert.deepEqual(r.stderr.trimEnd().split('\n'), [
      `failed    pipe: ${join(dir, 'pipe')} is a named pipe (FIFO), not a file Gloss can import.`,
      'failed    zero: /dev/zero is a device, not a file Gloss can import.',
      'failed    urandom: /dev/urandom is a device, not a file Gloss can import.',
      `failed    folder: ${join(dir, 'folder')} is a folder; choose the files inside it.`,
      `failed    link-to-pipe: ${join(dir, 'link-to-pipe')} is a link to a named pipe (FIFO), not a file Gloss can import.`,
      `failed    socket: ${join(dir, 'socket')} is a socket, not a file Gloss can import.`,
    ]);
  });

  it('gives each failure a code in the JSON report', async () => {
    const r = await gloss('import', ...paths, '--data-dir', library, '--json');
    assert.equal(r.code, 1, r.stderr);
    const report = JSON.parse(r.stdout);
    assert.deepEqual(
      report.failed.map((f: { code: string }) => f.code),
      Array(6).fill('UNSUPPORTED_FORMAT'),
    );
    assert.deepEqual([report.imported, report.existing], [[], []]);
  });

  it('leaves no lock behind: the next command opens the library', async () => {
    assert.equal(existsSync(join(library, 'gloss.lock')), false);
    const list = await gloss('list', '--data-dir', library, '--json');
    assert.equal(list.code, 0, list.stderr);
    assert.ok(Array.isArray(JSON.parse(list.stdout)));
  });
});
