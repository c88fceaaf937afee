/**
 * Issue 10's "Done when" from a terminal: on the sample plus a dozen real articles (saved web pages, texts,
 * Markdown, an EPUB, a PDF), a reader finds a word, lists every passage tagged `claim` across articles,
 * renames `claim` to `claims/official` and sees every count, listing and export (Markdown and CSV) follow,
 * corrects a wrong author and sees the citation change — each step one `gloss` command.
 * (The same journey in the app: tests/e2e/workspace-story.spec.ts.)
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { glossInProcess } from '../helpers/run-gloss';
import { CSV_TAGS, CSV_TAGS_RENAMED, FLOOD, PASSAGES, twelveFiles } from '../helpers/research-library';

describe('the research journey from gloss, on the sample and a dozen real articles', () => {
  let dir: string;
  let files: string;
  let flood: string;
  const gloss = (...args: string[]) => glossInProcess(...args, '--data-dir', dir);
  const json = async <T>(...args: string[]): Promise<T> => {
    const r = await gloss(...args, '--json');
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout) as T;
  };
  const claimed = async (tag: string) =>
    (await json<{ annotations: Array<{ articleId: string; tags: string[] }> }>('annotations', '--tag', tag))
      .annotations;
  /** The library's notes exported in a format, as written to a file. */
  const exported = async (format: 'md' | 'csv') => {
    const out = join(files, `library.${format}`);
    const r = await gloss('export', '--format', format, '--out', out);
    assert.equal(r.code, 0, r.stderr);
    return readFile(out, 'utf8');
  };
  const csvTags = async () =>
    (parse(await exported('csv'), { bom: true, columns: true }) as Array<{ quote: string; tags: string }>)
      .map((row) => row.tags)
      .sort();

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gloss-journey-'));
    files = await mkdtemp(join(tmpdir(), 'gloss-journey-files-'));
    const imported = await gloss('import', '--no-images', ...(await twelveFiles(files)));
    assert.equal(imported.code, 0, imported.stderr);
    assert.equal(imported.stdout.match(/^imported /gm)?.length, 12);
    const library = await json<Array<{ id: string; title: string }>>('list');
    assert.equal(library.length, 13, 'the sample and the twelve');
    flood = library.find((a) => a.title === FLOOD)!.id;
    for (const p of PASSAGES) {
      const article = library.find((a) => a.title.startsWith(p.article))!;
      const r = await gloss(
        'highlight',
        article.id,
        '--quote',
        p.quote,
        ...p.tags.flatMap((t) => ['--tag', t]),
      );
      assert.equal(r.code, 0, r.stderr);
    }
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
    await rm(files, { recursive: true, force: true });
  });

  it('finds a word by its start: the article, with the words marked in its snippet', async () => {
    const r = await gloss('search', 'sandbag');
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stdout,
      new RegExp(`^${flood}  ${FLOOD} — The Daily Ledger\n  article  .*\\*sandbags\\*`, 'm'),
    );
    const { groups } = await json<{ groups: Array<{ articleId: string; hits: Array<{ kind: string }> }> }>(
      'search',
      'sandbag',
    );
    assert.equal(groups[0].articleId, flood);
    assert.deepEqual(
      groups[0].hits.map((h) => h.kind),
      ['article'],
    );
  });

  it('lists every passage tagged claim across five articles, its children included', async () => {
    const claims = await claimed('claim');
    assert.equal(claims.length, 5);
    assert.equal(new Set(claims.map((a) => a.articleId)).size, 5);
    const r = await gloss('annotations', '--tag', 'claim');
    for (const p of PASSAGES.slice(0, 5)) assert.ok(r.stdout.includes(`“${p.quote}”`), p.quote);
    assert.ok(!r.stdout.includes('Otters'), 'the passage tagged evidence is not listed');
  });

  it('renames claim to claims/official: the counts, the listing and both exports follow', async () => {
    assert.deepEqual(await csvTags(), CSV_TAGS);
    const r = await gloss('tags', 'rename', 'claim', 'claims/official');
    assert.deepEqual(r, {
      code: 0,
      stdout: 'renamed claim to claims/official: 5 passages in 5 articles\n',
      stderr: '',
    });
    assert.equal(
      (await gloss('tags')).stdout,
      '    4  claims/official\n    1  claims/official/disputed\n    1  evidence\n    1  flood\n',
    );
    assert.equal((await claimed('claims')).length, 5, 'the new parent covers every renamed passage');
    assert.equal((await claimed('claim')).length, 0, 'no passage is tagged claim any more');

    const md = await exported('md');
    assert.equal(md.match(/#claims\/official\b/g)?.length, 5);
    assert.doesNotMatch(md, /#claim\b(?!s)/);
    assert.deepEqual(await csvTags(), CSV_TAGS_RENAMED);
  });

  it('corrects a wrong author: show, the citation and the export name the correction', async () => {
    const [passage] = await json<{ annotations: Array<{ id: string }> }>(
      'annotations',
      '--tag',
      'flood',
    ).then((r) => r.annotations);
    assert.match((await gloss('cite', passage.id)).stdout, new RegExp(`— Maria Okafor, "${FLOOD}"`));

    const edited = await gloss('edit', flood.slice(0, 8), '--author', 'Maria Okafor-Reyes');
    assert.equal(edited.code, 0, edited.stderr);
    assert.match(edited.stdout, /by Maria Okafor-Reyes — The Daily Ledger/);

    assert.match((await gloss('show', flood)).stdout, /^Maria Okafor-Reyes · The Daily Ledger · 2024-03-05/m);
    const cited = await gloss('cite', passage.id);
    assert.match(cited.stdout, new RegExp(`— Maria Okafor-Reyes, "${FLOOD}", The Daily Ledger`));
    const md = await exported('md');
    assert.ok(md.includes(`— Maria Okafor-Reyes, "${FLOOD}", The Daily Ledger`));
    assert.ok(!md.includes('— Maria Okafor,'), 'no citation names the author as imported');
    const csv = parse(await exported('csv'), { bom: true, columns: true }) as Array<{
      article: string;
      author: string;
    }>;
    assert.equal(csv.find((row) => row.article === FLOOD)?.author, 'Maria Okafor-Reyes');
  });
});
