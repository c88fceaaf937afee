/**
 * A wrong title or author can be corrected, and every list, citation and
 * export follows; what the import found is kept, and can be gone back to.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { glossInProcess } from '../../helpers/run-gloss';
import { createGloss, type GlossService } from '@core/service';

describe('correcting an article’s citation fields', () => {
  let dir: string;
  let out: string;
  let gloss: GlossService;
  let id: string;
  let importedTitle: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gloss-meta-'));
    out = await mkdtemp(join(tmpdir(), 'gloss-meta-out-'));
    gloss = await createGloss({ dataDir: dir });
    [{ id, title: importedTitle }] = await gloss.listArticles();
    const text = (await gloss.getArticle({ id })).text;
    const start = text.indexOf('secure base');
    await gloss.createAnnotation({
      articleId: id,
      start,
      end: start + 11,
      color: 'yellow',
      tags: ['claim'],
      note: '',
    });
  });
  after(async () => {
    await gloss.close();
    await rm(dir, { recursive: true, force: true });
    await rm(out, { recursive: true, force: true });
  });

  it('shows the corrections in the library list and in the article, keeping what the import found', async () => {
    const summary = await gloss.updateArticleMeta({
      id,
      title: 'Coalition: defeat of ISIS remains top priority',
      byline: 'Kosar Nawzad',
      published: '2021-03-30',
    });
    assert.equal(summary.title, 'Coalition: defeat of ISIS remains top priority');
    assert.equal(summary.byline, 'Kosar Nawzad');
    assert.deepEqual(summary.edited, ['title', 'byline', 'published']);
    const [listed] = await gloss.listArticles();
    assert.equal(listed.title, summary.title);
    const article = await gloss.getArticle({ id });
    assert.equal(article.meta.byline, 'Kosar Nawzad');
    assert.equal(article.extracted?.title, importedTitle);
    assert.equal(article.extracted?.byline, null, 'the import found no author');
  });

  it('exports and citations use the corrected values', async () => {
    const md = join(out, 'notes.md');
    await gloss.exportNotes({ articleId: id, format: 'md', path: md });
    const text = await readFile(md, 'utf8');
    assert.match(text, /^title: "?Coalition: defeat of ISIS remains top priority"?$/m);
    assert.match(text, /^author: Kosar Nawzad$/m);
    assert.match(
      text,
      /— Kosar Nawzad, "Coalition: defeat of ISIS remains top priority", Kurdistan 24, 2021-03-30, ¶/,
    );
  });

  it('survives a restart, and re-importing the same file (a repair) keeps the corrections', async () => {
    await gloss.close();
    gloss = await createGloss({ dataDir: dir });
    assert.equal((await gloss.getArticle({ id })).meta.byline, 'Kosar Nawzad');
    const seed = join(process.cwd(), 'seeds', '000-kurdistan24-coalition-isis-priority.txt');
    await gloss.importFiles({ paths: [seed] });
    assert.equal((await gloss.listArticles())[0].byline, 'Kosar Nawzad');
  });

  it('a field can be cleared, or go back to what the import found', async () => {
    let summary = await gloss.updateArticleMeta({ id, source: '' });
    assert.equal(summary.source, undefined);
    summary = await gloss.updateArticleMeta({ id, source: null, title: null });
    assert.equal(summary.source, 'Kurdistan 24');
    assert.equal(summary.title, importedTitle);
    assert.deepEqual(summary.edited, ['byline', 'published']);
  });

  it('refuses an empty title, a date it cannot read and an address that is not a web page', async () => {
    await assert.rejects(gloss.updateArticleMeta({ id, title: '   ' }), /A title cannot be empty/);
    await assert.rejects(
      gloss.updateArticleMeta({ id, published: 'last Tuesday' }),
      /Write the date as YYYY-MM-DD/,
    );
    await assert.rejects(gloss.updateArticleMeta({ id, url: 'javascript:alert(1)' }), /starts with http/);
    await assert.rejects(gloss.updateArticleMeta({ id: 'nope', title: 'x' }), /No article with id nope/);
  });

  it('gloss edit corrects from the command line, and --reset goes back', async () => {
    await gloss.close();
    const edit = (...args: string[]) => glossInProcess('edit', ...args, '--data-dir', dir);
    const a = await edit(
      id.slice(0, 6),
      '--author',
      'Rudaw staff',
      '--url',
      'https://www.kurdistan24.net/en/story/24034',
    );
    assert.equal(a.code, 0, a.stderr);
    assert.match(a.stdout, /^edited [0-9a-f]{16}: “.+” by Rudaw staff — Kurdistan 24, 2021-03-30\n$/);
    const b = await edit(id, '--reset', 'author', '--json');
    assert.equal(b.code, 0, b.stderr);
    assert.equal(JSON.parse(b.stdout).byline, undefined);
    const c = await edit(id);
    assert.equal(c.code, 1);
    assert.match(c.stderr, /Say what to change/);
    gloss = await createGloss({ dataDir: dir });
  });
});
