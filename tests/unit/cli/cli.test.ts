/**
 * The `gloss` command line, run as a user runs it (a real process running
 * the command's entry), on a temporary library.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { glossProcess, SEED } from '../helpers/run-gloss';

const gloss = glossProcess;

describe('gloss (command line)', () => {
  let dir: string;
  let id: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gloss-cli-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('imports the seed and reports its id', async () => {
    const r = await gloss('import', SEED, '--data-dir', dir, '--json');
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout);
    id = (report.imported[0] ?? report.existing[0]).id;
    assert.match(id, /^[0-9a-f]{16}$/);
  });

  it('lists the library, as text and as JSON', async () => {
    const text = await gloss('list', '--data-dir', dir);
    assert.match(text.stdout, /enduring defeat of ISIS/);
    const json = JSON.parse((await gloss('list', '--data-dir', dir, '--json')).stdout);
    assert.equal(json[0].id, id);
  });

  it('takes --data-dir before the command too, as the desktop app does, and a nested command’s', async () => {
    const before = await gloss(`--data-dir=${dir}`, 'list', '--json');
    assert.equal(before.code, 0, before.stderr);
    assert.equal(JSON.parse(before.stdout)[0].id, id);
    const nested = await gloss('--data-dir', dir, 'tags', '--json');
    assert.equal(nested.code, 0, nested.stderr);
    assert.deepEqual(JSON.parse(nested.stdout), []);
  });

  it('highlights a quote found by its words, with tags, a note and a colour', async () => {
    const r = await gloss(
      'highlight',
      id.slice(0, 6),
      '--quote',
      'the Kurdistan Region as a secure base',
      '--tag',
      'claim',
      '--tag',
      'Erbil',
      '--note',
      'Attribution: Kurdistan 24',
      '--color',
      'green',
      '--data-dir',
      dir,
    );
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /highlighted/);
  });

  it('shows the article with its annotations', async () => {
    const r = await gloss('show', id, '--data-dir', dir);
    assert.match(r.stdout, /\[caption\] .*\(Photo: Aaref Watad\/AFP\)/);
    assert.match(r.stdout, /#claim #Erbil/);
    const json = JSON.parse((await gloss('show', id, '--data-dir', dir, '--json')).stdout);
    assert.equal(json.annotations.length, 1);
  });

  it('exports notes a reader would paste into a report', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'gloss-cli-out-')), 'notes.md');
    const r = await gloss('export', '--format', 'md', '--out', out, '--data-dir', dir);
    assert.equal(r.code, 0, r.stderr);
    const md = await readFile(out, 'utf8');
    assert.match(md, /> .*the Kurdistan Region as a secure base/);
    assert.match(md, /#claim/);
    assert.match(md, /Attribution: Kurdistan 24/);
  });

  it('fails with a message on stderr and a non-zero exit', async () => {
    const missing = await gloss('highlight', id, '--quote', 'words that are not there', '--data-dir', dir);
    assert.notEqual(missing.code, 0);
    assert.match(missing.stderr, /not in the article/);
    const unknown = await gloss('show', 'ffffffff', '--data-dir', dir);
    assert.notEqual(unknown.code, 0);
    assert.match(unknown.stderr, /No article/);
    const badColor = await gloss(
      'highlight',
      id,
      '--quote',
      'Erbil',
      '--color',
      'octarine',
      '--data-dir',
      dir,
    );
    assert.notEqual(badColor.code, 0);
    assert.match(badColor.stderr, /octarine/);
    const nofile = await gloss('import', join(dir, 'nope.txt'), '--data-dir', dir);
    assert.equal(nofile.code, 1);
    assert.match(nofile.stderr, /does not exist/);
  });

  it('prints help', async () => {
    const r = await gloss('--help');
    assert.equal(r.code, 0);
    assert.match(r.stdout, /import/);
    assert.match(r.stdout, /highlight/);
  });
});

describe('gloss (command line) on a damaged library', () => {
  let dir: string;
  let id: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gloss-cli-damage-'));
    id = JSON.parse((await gloss('import', SEED, '--data-dir', dir, '--json')).stdout).existing[0].id;
    for (const quote of ['the Kurdistan Region as a secure base', 'reaffirmed in a statement on Wednesday']) {
      const r = await gloss('highlight', id, '--quote', quote, '--data-dir', dir);
      assert.equal(r.code, 0, r.stderr);
    }
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('a notes file cut in half: show prints what was recovered to stderr and exits 3; the next run is quiet', async () => {
    const notes = join(dir, 'notes', `${id}.json`);
    const bytes = await readFile(notes);
    await writeFile(notes, bytes.subarray(0, Math.floor(bytes.length / 2)));

    const r = await gloss('show', id, '--data-dir', dir);
    assert.equal(r.code, 3, r.stderr);
    assert.match(
      r.stderr,
      new RegExp(
        `^warning: notes/${id}\\.json was damaged and has been moved to notes/${id}\\.json\\.corrupt-\\S+; restored the last good copy from .+ UTC\\.\\n$`,
      ),
    );
    assert.match(r.stdout, /Annotations \(1\)/, 'the article and what was recovered are still shown');

    const again = await gloss('show', id, '--data-dir', dir);
    assert.equal(again.code, 0, again.stderr);
    assert.equal(again.stderr, '');
  });

  it('a damaged article: the warning is printed once, not again as the error', async () => {
    const content = join(dir, 'articles', `${id}.json`);
    await writeFile(content, '{"id":');
    const r = await gloss('show', id, '--data-dir', dir);
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      /^gloss: The saved copy of “.+” was damaged and has been moved to articles\/.+\. Import the same file again to repair it \(its notes are kept\), or remove the article\.\n$/,
    );
  });

  it('a damaged article: export still writes its notes, warns and exits 3; importing the same file again repairs it', async () => {
    const outDir = await mkdtemp(join(tmpdir(), 'gloss-cli-out-'));
    const out = join(outDir, 'out.md');
    const r = await gloss('export', '--out', out, '--data-dir', dir);
    assert.equal(r.code, 3, r.stderr);
    assert.match(r.stdout, /^wrote 1 annotation from 1 article to /, 'the one the notes file kept');
    assert.match(
      r.stderr,
      /^warning: The saved copy of “.+” is damaged, so its 1 highlight was exported from the saved quote,/,
    );
    assert.match(await readFile(out, 'utf8'), /the Kurdistan Region as a secure base/);
    await rm(outDir, { recursive: true, force: true });

    const again = await gloss('import', SEED, '--data-dir', dir);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, new RegExp(`^imported  ${id}  `));
    assert.match(
      again.stderr,
      /^warning {3}.+: Its saved copy in the library was damaged; this import repaired it, and its notes are kept\.\n$/,
    );
    const shown = await gloss('show', id, '--data-dir', dir);
    assert.equal(shown.code, 0, shown.stderr);
    assert.match(shown.stdout, /Annotations \(1\)/);
  });

  it('documents exit status 3 in --help', async () => {
    const r = await gloss('--help');
    assert.match(r.stdout, /3 done, but damaged files in the library were found and recovered/);
  });
});
