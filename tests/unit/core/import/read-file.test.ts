/**
 * Reading a file to import when the file system says no: a file that vanished,
 * one Gloss may not read, a loop of links, a name too long. Each is a typed
 * error with a sentence, never a raw errno message coded INTERNAL. The file is
 * read up to a hard limit whatever its size claims, and a file swapped after
 * the check is judged by what was actually opened.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GlossError, type GlossErrorCode } from '@core/errors';
import { readError, readImportFile } from '@core/import/read-file';

const TEXT = 'A short article\n\nIts only paragraph.\n';

function failsWith(code: GlossErrorCode, message: string) {
  return (err: unknown) => {
    assert.ok(err instanceof GlossError, `expected a GlossError, got ${String(err)}`);
    assert.equal(err.message, message);
    assert.equal(err.code, code);
    return true;
  };
}

describe('reading a file to import', () => {
  let dir: string;
  const at = (name: string) => path.join(dir, name);
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'gloss-read-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('reads a file larger than one read, byte for byte', async () => {
    const bytes = Buffer.alloc(3 * 1024 * 1024 + 3, 'abcdefghij');
    await writeFile(at('big.txt'), bytes);
    const input = await readImportFile(at('big.txt'));
    assert.deepEqual(Buffer.from(input.bytes), bytes);
    assert.equal(input.fileName, 'big.txt');
    assert.equal(input.filePath, at('big.txt'));
  });

  it('takes a file exactly at the limit and refuses one byte more, by its size', async () => {
    await writeFile(at('ten.txt'), '0123456789');
    assert.equal((await readImportFile(at('ten.txt'), { limit: 10 })).bytes.byteLength, 10);
    await assert.rejects(
      readImportFile(at('ten.txt'), { limit: 9 }),
      (err: unknown) => err instanceof GlossError && err.code === 'TOO_LARGE',
    );
  });

  it(
    'stops reading one byte past the limit when the file is larger than its size says',
    { skip: !existsSync('/proc/self/cmdline') && 'no /proc here' },
    async () => {
      // Files in /proc are regular files that report a size of 0 and still hold bytes.
      const real = readFileSync('/proc/self/cmdline').byteLength;
      assert.ok(real > 1);
      assert.equal((await readImportFile('/proc/self/cmdline', { limit: real })).bytes.byteLength, real);
      await assert.rejects(readImportFile('/proc/self/cmdline', { limit: real - 1 }), (err: unknown) => {
        assert.ok(err instanceof GlossError && err.code === 'TOO_LARGE', String(err));
        assert.match(err.message, /^“cmdline” is larger than /);
        return true;
      });
    },
  );

  it('says a file removed after the check "does not exist (it may have been moved or deleted)"', async () => {
    await writeFile(at('vanishing.txt'), TEXT);
    await assert.rejects(
      readImportFile(at('vanishing.txt'), { afterCheck: () => rm(at('vanishing.txt')) }),
      failsWith('NOT_FOUND', `${at('vanishing.txt')} does not exist (it may have been moved or deleted).`),
    );
  });

  it('says the same of a file that was never there', async () => {
    await assert.rejects(
      readImportFile(at('never.txt')),
      failsWith('NOT_FOUND', `${at('never.txt')} does not exist (it may have been moved or deleted).`),
    );
  });

  it('judges what it opened: a file swapped for a named pipe after the check is refused, without blocking', async () => {
    await writeFile(at('swapped'), TEXT);
    const swap = async () => {
      await rm(at('swapped'));
      execFileSync('mkfifo', [at('swapped')]);
    };
    // No writer ever opens the pipe: a blocking open or read would never return.
    await assert.rejects(
      readImportFile(at('swapped'), { afterCheck: swap }),
      failsWith(
        'UNSUPPORTED_FORMAT',
        `${at('swapped')} is a named pipe (FIFO), not a file Gloss can import.`,
      ),
    );
  });

  it('judges what it opened: a file swapped for a folder after the check is refused as a folder', async () => {
    await writeFile(at('became-folder'), TEXT);
    const swap = async () => {
      await rm(at('became-folder'));
      await mkdir(at('became-folder'));
    };
    await assert.rejects(
      readImportFile(at('became-folder'), { afterCheck: swap }),
      failsWith('UNSUPPORTED_FORMAT', `${at('became-folder')} is a folder; choose the files inside it.`),
    );
  });

  it('says a path through a file (not a folder) does not exist', async () => {
    await writeFile(at('plain.txt'), TEXT);
    const through = path.join(at('plain.txt'), 'inner.txt');
    await assert.rejects(
      readImportFile(through),
      failsWith('NOT_FOUND', `${through} does not exist (it may have been moved or deleted).`),
    );
  });

  it('names a loop of links', async () => {
    await symlink(at('loop-b'), at('loop-a'));
    await symlink(at('loop-a'), at('loop-b'));
    await assert.rejects(
      readImportFile(at('loop-a')),
      failsWith(
        'NOT_FOUND',
        `${at('loop-a')} is a link that leads back to itself (a loop of links), so there is no file to read.`,
      ),
    );
  });

  it('says a name too long for the file system is too long', async () => {
    const long = at(`${'n'.repeat(300)}.txt`);
    await assert.rejects(
      readImportFile(long),
      failsWith('INVALID_REQUEST', `The path ${long} is too long for the file system.`),
    );
  });

  it('says Gloss is not allowed to read a file it has no permission for', async (t) => {
    const file = at('private.txt');
    await writeFile(file, TEXT);
    await chmod(file, 0o600);
    const expected = {
      code: 'IO',
      message: `Gloss is not allowed to read ${file}; check the file’s permissions.`,
    };
    if (process.getuid?.() === 0) {
      // Root reads every file, so the read runs as the unprivileged user "nobody" in a child process.
      await chmod(dir, 0o755);
      const child = spawnSync(
        process.execPath,
        ['--import', 'tsx', path.join(import.meta.dirname, '../../helpers', 'read-import-file.ts'), file],
        {
          cwd: path.resolve(import.meta.dirname, '../../../..'),
          uid: 65534,
          gid: 65534,
          encoding: 'utf8',
        },
      );
      if (child.error) return t.skip(`cannot run as nobody here: ${child.error.message}`);
      assert.equal(child.status, 0, child.stderr);
      assert.deepEqual(JSON.parse(child.stdout), expected);
    } else if (process.platform !== 'win32') {
      await chmod(file, 0o000);
      await assert.rejects(
        readImportFile(file),
        (err: unknown) =>
          err instanceof GlossError && err.code === expected.code && err.message === expected.message,
      );
    } else {
      t.skip('no POSIX permissions on Windows');
    }
  });

  it('maps the errors it cannot provoke here the same way (EISDIR from a real read; EIO made by hand)', async () => {
    // A real EISDIR, from reading a folder as a file.
    const isDir = await readFile(dir).then(
      () => null,
      (err: unknown) => err,
    );
    assert.equal((isDir as NodeJS.ErrnoException).code, 'EISDIR');
    assert.deepEqual(pick(readError(dir, isDir)), {
      code: 'UNSUPPORTED_FORMAT',
      message: `${dir} is a folder; choose the files inside it.`,
    });
    // EIO comes from failing hardware, which this machine does not have: the error is built by
    // hand in the shape Node gives it, so this checks only the sentence chosen for it.
    const eio = Object.assign(new Error(`EIO: i/o error, read`), { code: 'EIO', errno: -5, syscall: 'read' });
    assert.deepEqual(pick(readError('/media/disk/a.txt', eio)), {
      code: 'IO',
      message:
        'The disk reported an error while reading /media/disk/a.txt; the drive may be failing or disconnected.',
    });
    // Anything else is still typed (IO) and names the file.
    const other = Object.assign(new Error('EMFILE: too many open files, open'), { code: 'EMFILE' });
    assert.deepEqual(pick(readError('/x/a.txt', other)), {
      code: 'IO',
      message: 'Could not read /x/a.txt: EMFILE: too many open files, open',
    });
  });
});

function pick(err: GlossError): { code: string; message: string } {
  return { code: err.code, message: err.message };
}
