/**
 * `gloss cite` and `gloss export --format readwise`, run as a user runs them
 * (a real process each time), on a temporary library.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { glossProcess as gloss, SEED } from '../helpers/run-gloss';

describe('gloss cite', () => {
  let dir: string;
  let highlightId: string;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gloss-cli-cite-'));
    const imported = await gloss('import', SEED, '--data-dir', dir, '--json');
    assert.equal(imported.code, 0, imported.stderr);
    const report = JSON.parse(imported.stdout);
    const articleId = (report.imported[0] ?? report.existing[0]).id;
    const edited = await gloss(
      'edit',
      articleId,
      '--author',
      'Kosar Nawzad',
      '--url',
      'https://www.kurdistan24.net/en/story/123',
      '--data-dir',
      dir,
    );
    assert.equal(edited.code, 0, edited.stderr);
    const h = await gloss(
      'highlight',
      articleId,
      '--quote',
      'reaffirmed in a statement on Wednesday',
      '--tag',
      'claim',
      '--json',
      '--data-dir',
      dir,
    );
    assert.equal(h.code, 0, h.stderr);
    highlightId = JSON.parse(h.stdout).id;
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('prints the quote, its citation and a link to the words, as plain text by default', async () => {
    const r = await gloss('cite', highlightId, '--data-dir', dir);
    assert.equal(r.code, 0, r.stderr);
    const [quote, line, link] = r.stdout.trimEnd().split('\n');
    assert.equal(quote, '“reaffirmed in a statement on Wednesday”');
    assert.match(line, /^— Kosar Nawzad, "'The enduring defeat of ISIS[^"]*", Kurdistan 24, ¶\d+$/);
    assert.equal(
      link,
      'https://www.kurdistan24.net/en/story/123#:~:text=reaffirmed%20in%20a%20statement%20on%20Wednesday',
    );
  });

  it('takes the first characters of the id, and prints Markdown or HTML', async () => {
    const md = await gloss('cite', highlightId.slice(0, 8), '--format', 'md', '--data-dir', dir);
    assert.equal(md.code, 0, md.stderr);
    assert.match(md.stdout, /^> reaffirmed in a statement on Wednesday\n\n— Kosar Nawzad, "\[/);
    const html = await gloss('cite', highlightId, '--format', 'html', '--data-dir', dir);
    assert.match(
      html.stdout,
      /^<blockquote><p>reaffirmed in a statement on Wednesday<\/p><\/blockquote><p>— Kosar Nawzad, "<a href="https:/,
    );
  });

  it('says what is wrong on stderr: an unknown id (exit 1), an unknown format (usage, exit 2)', async () => {
    const unknown = await gloss('cite', 'ffffffff', '--data-dir', dir);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /No highlight ffffffff in the library/);
    const format = await gloss('cite', highlightId, '--format', 'pdf', '--data-dir', dir);
    assert.equal(format.code, 2);
    assert.match(format.stderr, /Allowed choices are text, md, html/);
  });

  it('exports a CSV Readwise imports with --format readwise', async () => {
    const outDir = await mkdtemp(join(tmpdir(), 'gloss-cli-readwise-'));
    const out = join(outDir, 'readwise.csv');
    const r = await gloss('export', '--format', 'readwise', '--out', out, '--data-dir', dir);
    assert.equal(r.code, 0, r.stderr);
    const lines = (await readFile(out, 'utf8')).split('\r\n');
    assert.equal(lines[0], 'Highlight,Title,Author,URL,Note,Location,Date');
    assert.match(
      lines[1],
      /^reaffirmed in a statement on Wednesday,.*,Kosar Nawzad,https:\/\/www\.kurdistan24\.net\/en\/story\/123,\.claim,\d+,\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/,
    );
  });
});
