import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmod, lstat, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { GlossError } from '@core/errors';
import { writeExport } from '@core/export/write';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gloss-export-'));
});
after(async () => {
  await chmod(join(dir, 'locked'), 0o755).catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});

function ioError(pathPart: string) {
  return (err: unknown) => {
    assert.ok(err instanceof GlossError, 'a GlossError');
    assert.equal(err.code, 'IO');
    assert.match(err.message, /^Could not write /);
    assert.ok(err.message.includes(pathPart), `message names the path: ${err.message}`);
    return true;
  };
}

describe('writeExport', () => {
  it('writes pieces as they come, the file whole only once the last is written', async () => {
    const path = join(dir, 'pieces.md');
    const pieces = ['# Notes\n', '> 🇮🇶 '.repeat(300_000), '\nend\n'];
    async function* slowly() {
      for (const piece of pieces) {
        yield piece;
        // Not there yet: a reader never sees part of the export under its name.
        assert.equal(await lstat(path).catch(() => null), null);
      }
    }
    const { bytes } = await writeExport(path, slowly());
    const written = await readFile(path, 'utf8');
    assert.equal(written, pieces.join(''));
    assert.equal(bytes, Buffer.byteLength(written));
  });

  it('writes many pieces over several batches in their order, while the next batch is being built', async () => {
    const path = join(dir, 'batches.json');
    const pieces = Array.from(
      { length: 20_000 },
      (_, n) => `{"n":${n},"quote":"Größe ${'🇮🇶 '.repeat(n % 50)}"},\n`,
    );
    pieces.splice(10_000, 0, 'x'.repeat(1_500_000));
    async function* built() {
      for (const piece of pieces) yield piece;
    }
    const { bytes } = await writeExport(path, built());
    const written = await readFile(path, 'utf8');
    assert.ok(bytes > 4 * 2 ** 20, 'several batches');
    assert.equal(written, pieces.join(''));
    assert.equal(bytes, Buffer.byteLength(written));
  });

  it('leaves nothing behind when building a piece fails half-way', async () => {
    const folder = join(dir, 'failing');
    await mkdir(folder);
    async function* failing() {
      yield 'x'.repeat(3_000_000);
      throw new GlossError('CORRUPT', 'An article could not be read.');
    }
    await assert.rejects(writeExport(join(folder, 'notes.md'), failing()), /could not be read/);
    assert.deepEqual(await readdir(folder), []);
  });

  it('writes the content and reports its size in bytes (not characters)', async () => {
    const path = join(dir, 'notes.md');
    const content = '> Crowds waved 🇮🇶 flags ^gloss-1\n';
    const { bytes } = await writeExport(path, content);
    assert.equal(await readFile(path, 'utf8'), content);
    assert.equal(bytes, Buffer.byteLength(content));
    assert.notEqual(bytes, content.length);
  });

  it('replaces an existing file whole and leaves no temp file beside it', async () => {
    const folder = join(dir, 'replace');
    await mkdir(folder);
    const path = join(folder, 'notes.csv');
    await writeFile(path, 'old content that is longer than the new one\n');
    await writeExport(path, 'new\n');
    assert.equal(await readFile(path, 'utf8'), 'new\n');
    assert.deepEqual(await readdir(folder), ['notes.csv']);
  });

  it('fails with IO, saying the folder does not exist, and creates nothing', async () => {
    const path = join(dir, 'missing', 'notes.md');
    await assert.rejects(writeExport(path, 'x'), ioError(path));
    await assert.rejects(writeExport(path, 'x'), /the folder does not exist/);
    assert.ok(!(await readdir(dir)).includes('missing'));
  });

  it('fails with IO when the target is a folder, and leaves no temp file', async () => {
    const folder = join(dir, 'is-a-folder');
    await mkdir(join(folder, 'notes.md'), { recursive: true });
    await assert.rejects(writeExport(join(folder, 'notes.md'), 'x'), ioError('notes.md'));
    await assert.rejects(writeExport(join(folder, 'notes.md'), 'x'), /it is a folder, not a file/);
    assert.deepEqual(await readdir(folder), ['notes.md']);
  });

  it('fails with IO in a folder it may not write to, leaving nothing behind', async () => {
    // As root, permissions do not stop writes; a path under a file fails for everyone.
    const asRoot = process.getuid?.() === 0;
    let folder: string;
    let path: string;
    if (asRoot) {
      folder = dir;
      const file = join(dir, 'plain-file.txt');
      await writeFile(file, 'I am a file');
      path = join(file, 'notes.md');
    } else {
      folder = join(dir, 'locked');
      await mkdir(folder);
      await chmod(folder, 0o555);
      path = join(folder, 'notes.md');
    }
    const before = await readdir(folder);
    await assert.rejects(writeExport(path, 'x'), ioError(path));
    await assert.rejects(writeExport(path, 'x'), asRoot ? /part of the path is a file/ : /permission denied/);
    assert.deepEqual(await readdir(folder), before);
    assert.ok(!(await readdir(folder)).some((f) => f.endsWith('.tmp')));
  });
});

describe('writeExport: a head written before the rest was known, put right at the end', () => {
  // Pieces as the JSON export writes them: the head holds a count only the end knows.
  const body = ['{"n": 9, "items": [\n', '"é",\n'.repeat(400_000), '"end"]}\n'];
  const rest = body.slice(1).join('');

  it('keeps the head when it was right', async () => {
    const folder = join(dir, 'head-right');
    await mkdir(folder);
    const path = join(folder, 'notes.json');
    const { bytes } = await writeExport(path, body, { finalHead: () => body[0] });
    assert.equal(await readFile(path, 'utf8'), body.join(''));
    assert.equal(bytes, Buffer.byteLength(body.join('')));
    assert.deepEqual(await readdir(folder), ['notes.json']);
  });

  it('overwrites a head of the same length where it stands', async () => {
    const folder = join(dir, 'head-same-length');
    await mkdir(folder);
    const path = join(folder, 'notes.json');
    const final = '{"n": 8, "items": [\n';
    const { bytes } = await writeExport(path, body, { finalHead: () => final });
    assert.equal(await readFile(path, 'utf8'), final + rest);
    assert.equal(bytes, Buffer.byteLength(final + rest));
    assert.deepEqual(await readdir(folder), ['notes.json']);
  });

  it('writes the file again behind a head of another length, leaving no temp file', async () => {
    const folder = join(dir, 'head-longer');
    await mkdir(folder);
    const path = join(folder, 'notes.json');
    for (const final of ['{"n": 10, "items": [\n', '{"items": [\n', '{"n": "neuf ✓", "items": [\n']) {
      const { bytes } = await writeExport(path, body, { finalHead: () => final });
      const written = await readFile(path, 'utf8');
      assert.ok(written === final + rest, `head ${final} then the rest, unchanged`);
      assert.equal(bytes, Buffer.byteLength(final + rest));
      assert.deepEqual(await readdir(folder), ['notes.json']);
    }
  });

  it('leaves nothing behind, and the old file as it was, when the head cannot be worked out', async () => {
    const folder = join(dir, 'head-fails');
    await mkdir(folder);
    const path = join(folder, 'notes.json');
    await writeFile(path, 'the previous export\n');
    await assert.rejects(
      writeExport(path, body, {
        finalHead: () => {
          throw new Error('The export counted 9 items but wrote 8.');
        },
      }),
      /counted 9 items/,
    );
    assert.equal(await readFile(path, 'utf8'), 'the previous export\n');
    assert.deepEqual(await readdir(folder), ['notes.json']);
  });
});

describe('writeExport never writes where it must not', () => {
  const madeFifo = (p: string) => execFileSync('mkfifo', [p]);

  it('refuses a named pipe or a device as the target, without opening it', async () => {
    const pipe = join(dir, 'a-pipe');
    madeFifo(pipe);
    await assert.rejects(writeExport(pipe, 'x'), /it is a named pipe, not a file/);
    await assert.rejects(writeExport('/dev/null', 'x'), /it is a device, not a file/);
    assert.ok(!(await readdir(dir)).some((f) => f.endsWith('.tmp')));
  });

  it('writes through a symbolic link: the file it points to is replaced, the link stays a link', async () => {
    const folder = join(dir, 'links');
    await mkdir(folder);
    const real = join(folder, 'real-notes.md');
    await writeFile(real, 'old\n');
    const link = join(folder, 'notes.md');
    await symlink('real-notes.md', link);
    await writeExport(link, 'new\n');
    assert.ok((await lstat(link)).isSymbolicLink(), 'the link is kept');
    assert.equal(await readFile(real, 'utf8'), 'new\n');
  });

  describe('the library folder is never an export target', () => {
    let dataDir: string;
    before(async () => {
      dataDir = join(dir, 'library');
      await mkdir(join(dataDir, 'notes'), { recursive: true });
      await writeFile(join(dataDir, 'library.json'), '{"version":1,"articles":[]}');
    });

    const refused = (err: unknown) => {
      assert.ok(err instanceof GlossError);
      assert.equal(err.code, 'INVALID_REQUEST');
      assert.match(
        err.message,
        /inside Gloss’s library folder .* where an export could overwrite your notes\. Choose another folder\.$/,
      );
      return true;
    };

    it('refuses to replace a store file, or to add a file anywhere inside the folder', async () => {
      await assert.rejects(writeExport(join(dataDir, 'library.json'), 'x', { dataDir }), refused);
      await assert.rejects(writeExport(join(dataDir, 'notes', 'new.md'), 'x', { dataDir }), refused);
      assert.equal(await readFile(join(dataDir, 'library.json'), 'utf8'), '{"version":1,"articles":[]}');
      assert.deepEqual(await readdir(join(dataDir, 'notes')), []);
    });

    it('refuses a link that leads into the folder, and a folder reached through a link', async () => {
      const outside = join(dir, 'outside');
      await mkdir(outside);
      await symlink(join(dataDir, 'library.json'), join(outside, 'innocent.md'));
      await symlink(dataDir, join(outside, 'shortcut'));
      await assert.rejects(writeExport(join(outside, 'innocent.md'), 'x', { dataDir }), refused);
      await assert.rejects(writeExport(join(outside, 'shortcut', 'library.json'), 'x', { dataDir }), refused);
      assert.equal(await readFile(join(dataDir, 'library.json'), 'utf8'), '{"version":1,"articles":[]}');
    });

    it('writes beside the folder as usual', async () => {
      await writeExport(join(dir, 'library-notes.md'), 'ok\n', { dataDir });
      assert.equal(await readFile(join(dir, 'library-notes.md'), 'utf8'), 'ok\n');
    });
  });
});
