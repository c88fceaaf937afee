/**
 * `gloss search`, run as a user runs it (a real process each time), on a
 * temporary library: each command opens the index the last one saved and
 * catches up with what changed in between.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SearchResult } from '@core/contract';
import { glossProcess, SEED } from '../helpers/run-gloss';

const gloss = glossProcess;

describe('gloss search', () => {
  let dir: string;
  let id: string;
  const search = async (...args: string[]): Promise<SearchResult> => {
    const r = await gloss('search', ...args, '--json', '--data-dir', dir);
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout) as SearchResult;
  };
  const kinds = (r: SearchResult) => r.groups.flatMap((g) => g.hits.map((h) => h.kind)).sort();

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gloss-cli-search-'));
    const imported = await gloss('import', SEED, '--data-dir', dir, '--json');
    assert.equal(imported.code, 0, imported.stderr);
    const report = JSON.parse(imported.stdout);
    id = (report.imported[0] ?? report.existing[0]).id;
    const h = await gloss(
      'highlight',
      id,
      '--quote',
      "remains the Coalition's top priority",
      '--tag',
      'claim/official',
      '--color',
      'pink',
      '--note',
      'Compare with the 2021 statement',
      '--data-dir',
      dir,
    );
    assert.equal(h.code, 0, h.stderr);
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('finds articles and passages by a prefix, with the article id, kind and a marked snippet', async () => {
    const r = await search('coalit');
    assert.equal(r.groups.length, 1);
    assert.equal(r.groups[0].articleId, id);
    assert.deepEqual(kinds(r), ['article', 'passage']);
    for (const h of r.groups[0].hits)
      assert.ok(
        h.snippet.ranges.length > 0 && /^coalition/i.test(h.snippet.text.slice(...h.snippet.ranges[0])),
        JSON.stringify(h),
      );
  });

  it('prints hits under their article, matched words between asterisks', async () => {
    const r = await gloss('search', 'tag:claim', 'priority', '--data-dir', dir);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    assert.match(lines[0], new RegExp(`^${id}  .*enduring defeat of ISIS.* — Kurdistan 24$`));
    assert.match(lines[1], /^ {2}passage {2}[0-9a-f]{8} {2}remains the Coalition's top \*priority\*$/);
    assert.equal(lines.length, 2);
  });

  it('takes phrases, notes and filters', async () => {
    assert.deepEqual(kinds(await search('"top priority"', 'color:pink')), ['passage']);
    assert.deepEqual(kinds(await search('is:note', '2021')), ['note']);
    assert.deepEqual(kinds(await search('source:"Kurdistan 24"', 'paratroopers')), ['article']);
    assert.deepEqual(kinds(await search('"priority top"')), []);
  });

  it('sees each change made by other commands since it last ran', async () => {
    const h = await gloss(
      'highlight',
      id,
      '--quote',
      'recent events in Syria',
      '--note',
      'zeppelin',
      '--data-dir',
      dir,
    );
    assert.equal(h.code, 0, h.stderr);
    assert.deepEqual(kinds(await search('zeppelin')), ['note']);
  });

  it('says so when nothing matches (exit 0)', async () => {
    const r = await gloss('search', 'xylophone', '--data-dir', dir);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'No matches for xylophone.\n');
  });

  it('refuses a query with nothing to search for, on stderr with exit 1', async () => {
    for (const q of ['""', 'tag:', 'color:magenta']) {
      const r = await gloss('search', q, '--data-dir', dir);
      assert.equal(r.code, 1, q);
      assert.match(r.stderr, /Nothing to search for/);
      assert.equal(r.stdout, '');
    }
    const noted = await gloss('search', 'color:magenta', '--data-dir', dir);
    assert.match(noted.stderr, /note: “magenta” is not a highlight colour/);
  });

  it('rejects a bad --limit (exit 1) and a missing query (usage, exit 2)', async () => {
    const bad = await gloss('search', 'isis', '--limit', 'lots', '--data-dir', dir);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /--limit takes a whole number/);
    const none = await gloss('search', '--data-dir', dir);
    assert.equal(none.code, 2);
  });

  it('a damaged index is rebuilt: the answer is whole, the warning on stderr, exit 3', async () => {
    await writeFile(join(dir, 'search', 'annotations.jsonl'), 'garbage');
    const r = await gloss('search', 'zeppelin', '--json', '--data-dir', dir);
    assert.equal(r.code, 3, r.stderr);
    assert.match(
      r.stderr,
      /warning: The search index \(search.annotations\.jsonl\) was damaged, so Gloss is rebuilding it from the library\./,
    );
    assert.equal((JSON.parse(r.stdout) as SearchResult).hits, 1);
    const again = await gloss('search', 'zeppelin', '--data-dir', dir);
    assert.equal(again.code, 0, 'rebuilt and saved: no warning the next time');
  });

  it('forgets a removed article', async () => {
    assert.equal((await gloss('remove', id, '--data-dir', dir)).code, 0);
    assert.equal((await search('coalit')).hits, 0);
  });
});
