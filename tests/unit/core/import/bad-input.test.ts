import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GlossError, type GlossErrorCode } from '@core/errors';
import { importSource, type Imported } from '@core/import/index';
import { MAX_IMPORT_BYTES } from '@core/import/types';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const SEED = path.join(root, 'seeds/000-kurdistan24-coalition-isis-priority.txt');

describe('importing files that are not good text', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'gloss-bad-input-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** Write the bytes to a real file, read it back and import it the way the app does. */
  async function importBytes(name: string, bytes: Uint8Array): Promise<Imported> {
    const file = path.join(dir, name);
    await writeFile(file, bytes);
    return importSource({ bytes: new Uint8Array(await readFile(file)), fileName: name, filePath: file });
  }

  async function rejectsWith(
    promise: Promise<unknown>,
    code: GlossErrorCode,
    message?: RegExp,
  ): Promise<void> {
    await assert.rejects(promise, (err: unknown) => {
      assert.ok(err instanceof GlossError, `expected a GlossError, got ${String(err)}`);
      assert.equal(err.code, code);
      if (message) assert.match(err.message, message);
      return true;
    });
  }

  it('refuses an empty file as EMPTY', async () => {
    await rejectsWith(importBytes('empty.txt', new Uint8Array(0)), 'EMPTY', /empty\.txt.*empty/);
  });

  it('refuses a file of only spaces, tabs and newlines as EMPTY', async () => {
    await rejectsWith(importBytes('blank.txt', Buffer.from(' \n\t\r\n   \n\n')), 'EMPTY', /no readable text/);
  });

  it('refuses binary bytes with NULs as an unsupported format, saying it looks binary', async () => {
    let seed = 7;
    const bytes = new Uint8Array(4096).map(() => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff);
    bytes[0] = 0x41; // not accidentally any known magic number
    bytes[100] = 0;
    await rejectsWith(importBytes('data.txt', bytes), 'UNSUPPORTED_FORMAT', /binary/);
  });

  it('refuses a PNG, named as a PNG image, even when it is called .txt', async () => {
    const png = new Uint8Array([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52,
    ]);
    await rejectsWith(importBytes('picture.txt', png), 'UNSUPPORTED_FORMAT', /PNG image/);
  });

  it('refuses a file over 50 MB as TOO_LARGE before reading it', async () => {
    const huge = new Uint8Array(MAX_IMPORT_BYTES + 1).fill(0x61);
    await rejectsWith(
      importSource({ bytes: huge, fileName: 'huge.txt' }),
      'TOO_LARGE',
      /50\.0 MB.*up to 50 MB/,
    );
  });

  it('reads a Latin-1 file as Windows-1252, with a warning and the right letters', async () => {
    const latin1 = Buffer.concat([
      Buffer.from('Menu\n\nCaf'),
      Buffer.from([0xe9]),
      Buffer.from(' au lait, cr'),
      Buffer.from([0xe8]),
      Buffer.from('me br'),
      Buffer.from([0xfb]),
      Buffer.from('l'),
      Buffer.from([0xe9, 0x65, 0x0a]),
    ]);
    const { article, warnings } = await importBytes('menu.txt', latin1);
    assert.equal(article.text, 'Menu\n\nCafé au lait, crème brûlée');
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /not valid UTF-8 \(first bad byte at offset 9\); read as Windows-1252/);
  });

  it('reads a UTF-16 file with a byte-order mark (its NUL bytes do not make it "binary")', async () => {
    const bytes = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('Notes\r\n\r\nÇa va – très bien.', 'utf16le'),
    ]);
    const { article } = await importBytes('utf16.txt', bytes);
    assert.equal(article.text, 'Notes\n\nÇa va – très bien.');
  });

  it('imports a large but allowed text (5 MB) without error, every paragraph kept', async () => {
    const paragraph =
      'The quick brown fox – “quoted” – jumps over the lazy dog’s kennel, again and again and again.';
    const count = Math.ceil((5 * 1024 * 1024) / (paragraph.length + 2));
    const text = ['A very long file', ...Array.from({ length: count }, (_, i) => `${i} ${paragraph}`)].join(
      '\n\n',
    );
    const { article, warnings } = await importBytes('long.txt', Buffer.from(text));
    assert.deepEqual(warnings, []);
    assert.equal(article.blocks.length, count + 1);
    assert.equal(article.text, text);
  });

  it('imports the seed article through the dispatcher as text', async () => {
    const { article } = await importSource({
      bytes: new Uint8Array(await readFile(SEED)),
      fileName: path.basename(SEED),
    });
    assert.equal(article.meta.format, 'text');
    assert.equal(article.meta.place, 'ERBIL');
    assert.equal(article.blocks.filter((b) => b.kind === 'caption').length, 3);
  });
});
