/**
 * The versions commands as a user types them: `gloss import` of an edited
 * article adds a version (`--new-article` forces a new one), `gloss versions`,
 * `gloss review` (and --accept-all), and `gloss verify` on last week's export —
 * which exits 1 when a quote no longer matches.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { glossInProcess, glossProcess, glossProcessWithInput } from '../helpers/run-gloss';
import { newsPage, PARAGRAPHS_V1, PARAGRAPHS_V2 } from '../helpers/news-versions';

let dir: string;
let data: string;
const gloss = (...args: string[]) => glossInProcess(...args, '--data-dir', data);

async function put(name: string, content: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

async function newLibrary(): Promise<void> {
  data = join(dir, `data-${Math.random().toString(36).slice(2)}`);
  await mkdir(data);
  await writeFile(join(data, '.seeded'), 'no samples\n');
}

/** v1 imported and highlighted three times; answers its id. */
async function annotatedV1(): Promise<string> {
  const r = await gloss('import', await put('v1.html', newsPage(PARAGRAPHS_V1)), '--json');
  assert.equal(r.code, 0, r.stderr);
  const id = (JSON.parse(r.stdout) as { imported: Array<{ id: string }> }).imported[0].id;
  for (const quote of [
    'the ceasefire holds across the north',
    'said 40 people died in the strike',
    'declined to comment on the prisoner exchange',
  ]) {
    const h = await gloss('highlight', id, '--quote', quote);
    assert.equal(h.code, 0, h.stderr);
  }
  return id;
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gloss-cli-versions-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('gloss import, versions and review', () => {
  it('adds the edited article as a version and says how many highlights followed and wait for review', async () => {
    await newLibrary();
    const id = await annotatedV1();
    const r = await gloss('import', await put('v2.html', newsPage(PARAGRAPHS_V2)));
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stdout,
      new RegExp(
        `^version   ${id}  Ceasefire talks resume in Doha: 1 highlight followed, 2 to review \\(gloss review ${id.slice(0, 12)}\\)$`,
        'm',
      ),
    );
    assert.doesNotMatch(r.stdout, /^imported/m);

    const versions = await gloss('versions', id.slice(0, 8));
    assert.equal(versions.code, 0, versions.stderr);
    const rows = versions.stdout.split('\n').filter((l) => /^[* ] \d/.test(l));
    assert.equal(rows.length, 2);
    assert.match(rows[1], /^\* 2 /, 'the current version is marked');
    assert.match(versions.stdout, /2 highlights to review/);
    const json = JSON.parse((await gloss('versions', id, '--json')).stdout) as {
      versions: unknown[];
      inReview: number;
    };
    assert.equal(json.versions.length, 2);
    assert.equal(json.inReview, 2);

    const review = await gloss('review', id);
    assert.match(
      review.stdout,
      /changed +was “said 40 people died in the strike”\n +now “said 45 people died in the strike”\n +said \[-40-\]\{\+45\+\} people died/,
    );
    assert.match(
      review.stdout,
      /not found +was “declined to comment on the prisoner exchange” \(kept on the old version\)/,
    );
    const items = JSON.parse((await gloss('review', id, '--json')).stdout) as Array<{ band: string }>;
    assert.deepEqual(items.map((i) => i.band).sort(), ['changed', 'not-found']);

    const accepted = await gloss('review', id, '--accept-all');
    assert.match(accepted.stdout, /accepted 2 highlights/);
    assert.match((await gloss('review', id)).stdout, /Nothing to review/);
    const show = await gloss('annotations', '--json');
    assert.equal(
      (JSON.parse(show.stdout) as { annotations: unknown[] }).annotations.length,
      3,
      'nothing deleted',
    );
  });

  it('makes version 2 an article of its own with --separate 2, and refuses version 1', async () => {
    await newLibrary();
    const id = await annotatedV1();
    await gloss('import', await put('v2.html', newsPage(PARAGRAPHS_V2)));
    const first = await gloss('versions', id, '--separate', '1');
    assert.equal(first.code, 1, first.stdout);
    assert.match(first.stderr, /Version 1 is “Ceasefire talks resume in Doha” as first imported/);
    const r = await gloss('versions', id, '--separate', '2');
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stdout,
      /^separated \w+ {2}“Ceasefire talks resume in Doha”: no longer a version of “Ceasefire talks resume in Doha”, 0 highlights went with it$/m,
    );
    assert.equal((JSON.parse((await gloss('list', '--json')).stdout) as unknown[]).length, 2);
    const rows = (await gloss('versions', id)).stdout.split('\n').filter((l) => /^[* ] \d/.test(l));
    assert.equal(rows.length, 1);
    assert.doesNotMatch(
      (await gloss('versions', id)).stdout,
      /to review/,
      'the highlights are back on version 1',
    );
  });

  it('imports a new article with --new-article', async () => {
    await newLibrary();
    await annotatedV1();
    const r = await gloss('import', '--new-article', await put('v2.html', newsPage(PARAGRAPHS_V2)));
    assert.match(r.stdout, /^imported/m);
    assert.equal((JSON.parse((await gloss('list', '--json')).stdout) as unknown[]).length, 2);
  });
});

describe('gloss verify', () => {
  it('tells which quotes of last week’s export no longer match the article, and exits 1', async () => {
    await newLibrary();
    const id = await annotatedV1();
    const md = join(dir, 'notes.md');
    const json = join(dir, 'notes.json');
    assert.equal((await gloss('export', id, '--out', md)).code, 0);
    assert.equal((await gloss('export', id, '--format', 'json', '--out', json)).code, 0);
    const before = await gloss('verify', md);
    assert.equal(before.code, 0, before.stdout + before.stderr);
    assert.match(before.stdout, /All 3 quotes match the library/);

    await gloss('import', await put('v2.html', newsPage(PARAGRAPHS_V2)));
    // A real process: the exit status as a shell sees it.
    const after = await glossProcess('verify', md, '--data-dir', data);
    assert.equal(after.code, 1, after.stdout + after.stderr);
    assert.match(after.stdout, /^ok +passage 1 \(line \d+\) {2}“the ceasefire holds across the north”/m);
    assert.match(
      after.stdout,
      /^older +passage 2 .*“said 40 people died in the strike”.*\n.*only in an older version.*now “said 45 people died in the strike”/m,
    );
    assert.match(after.stdout, /^older +passage 3 .*“declined to comment on the prisoner exchange”/m);
    assert.match(after.stdout, /2 of 3 quotes no longer match the library/);
    assert.match(after.stderr, /2 quotes of .*notes\.md no longer match the library/);

    const checks = JSON.parse((await gloss('verify', json, '--json')).stdout) as Array<{
      status: string;
      position?: string;
    }>;
    assert.deepEqual(
      checks.map((c) => c.status),
      ['current', 'older', 'older'],
    );
    assert.equal(
      checks[0].position,
      'moved',
      'its words are in the new version, below the paragraph added at the top',
    );
  });

  it('calls a quote edited by hand in the export "changed", and one invented "not found"', async () => {
    await newLibrary();
    const id = await annotatedV1();
    const md = join(dir, 'edited.md');
    await gloss('export', id, '--out', md);
    const text = await readFile(md, 'utf8');
    await writeFile(
      md,
      text
        .replace('the ceasefire holds across the north', 'the ceasefire holds across the whole north')
        .replace('declined to comment on the prisoner exchange', 'praised the weather in the capital'),
    );
    const r = await gloss('verify', md);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^changed +passage 1 .*\n +now “the ceasefire holds across the north”/m);
    assert.match(r.stdout, /^ok +passage 2 /m);
    assert.match(r.stdout, /^not found +passage 3 .*“praised the weather in the capital”/m);
  });

  it('checks quotes after an emoji and combining characters, in Markdown and in JSON (code-point positions)', async () => {
    await newLibrary();
    const body =
      'Family 👩‍👩‍👧‍👦 reunion at the cafe\u0301 in Zu\u0308rich 🇨🇭 drew a crowd.\n\nThe mayor said the square would stay open all night for the festival.';
    const r = await gloss('import', await put('emoji.txt', `Festival night\n\n${body}`), '--json');
    const id = (JSON.parse(r.stdout) as { imported: Array<{ id: string }> }).imported[0].id;
    assert.equal((await gloss('highlight', id, '--quote', 'the square would stay open all night')).code, 0);
    assert.equal((await gloss('highlight', id, '--quote', 'cafe\u0301 in Zu\u0308rich 🇨🇭 drew')).code, 0);
    const md = join(dir, 'emoji.md');
    const json = join(dir, 'emoji.json');
    await gloss('export', id, '--out', md);
    await gloss('export', id, '--format', 'json', '--out', json);
    const fromMd = await gloss('verify', md);
    assert.equal(fromMd.code, 0, fromMd.stdout);
    const checks = JSON.parse((await gloss('verify', json, '--json')).stdout) as Array<{
      status: string;
      position?: string;
    }>;
    assert.deepEqual(
      checks.map((c) => [c.status, c.position]),
      [
        ['current', 'holds'],
        ['current', 'holds'],
      ],
    );
    // An editor that saves in composed form (NFC) changes no words.
    await writeFile(md, (await readFile(md, 'utf8')).normalize('NFC'));
    assert.equal((await gloss('verify', md)).code, 0);
  });

  it('refuses a file that is not there, or JSON cut short, with a sentence', async () => {
    await newLibrary();
    const missing = await gloss('verify', join(dir, 'nope.md'));
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /There is no file/);
    const cut = await gloss('verify', await put('cut.json', '{"type": "AnnotationCollection", "first": {'));
    assert.equal(cut.code, 1);
    assert.match(cut.stderr, /does not parse/);
  });
});

describe('gloss import - (text on standard input)', () => {
  it('adds an edited paste of the same title as a version, and a separate article with --new-article', async () => {
    await newLibrary();
    const text = PARAGRAPHS_V1.join('\n\n');
    const edited = text.replace('40 people died', '45 people died');
    const paste = (input: string, ...more: string[]) =>
      glossProcessWithInput(input, 'import', '-', '--title', 'Talks, as pasted', '--data-dir', data, ...more);

    const first = await paste(text);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /^imported {2}\w+ {2}Talks, as pasted$/m);

    const second = await paste(edited);
    assert.equal(second.code, 0, second.stderr);
    assert.doesNotMatch(second.stdout, /^imported/m);
    assert.match(second.stdout, /version/i);

    const forced = await paste(edited.replace('Aid convoys', 'Relief convoys'), '--new-article');
    assert.equal(forced.code, 0, forced.stderr);
    assert.match(forced.stdout, /^imported {2}\w+ {2}Talks, as pasted$/m);

    const list = await gloss('list', '--json');
    assert.equal(
      (JSON.parse(list.stdout) as unknown[]).length,
      2,
      'the first paste (two versions) and the forced one',
    );
  });
});
