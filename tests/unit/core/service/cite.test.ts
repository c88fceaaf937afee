/**
 * Exports and citations through the service, as the app and the CLI ask for
 * them: the corrected metadata, the user's name, the article note, and
 * "copy with citation" of a highlight or of text not highlighted yet.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Annotation } from '@core/contract';
import { createGloss, type GlossService } from '@core/service';
import { ANNOTATION_ASSERTIONS, failures } from '../../helpers/web-annotation-assertions';

describe('exports and citations through the service', () => {
  let dir: string;
  let out: string;
  let gloss: GlossService;
  let articleId: string;
  let passage: Annotation;
  const PHRASE = "remains the Coalition's top priority";

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gloss-cite-service-'));
    out = await mkdtemp(join(tmpdir(), 'gloss-cite-service-out-'));
    gloss = await createGloss({ dataDir: dir });
    [{ id: articleId }] = await gloss.listArticles();
    const { text } = await gloss.getArticle({ id: articleId });
    const start = text.indexOf(PHRASE);
    assert.ok(start > 0, 'test setup: the phrase is in the seed');
    passage = await gloss.createAnnotation({
      articleId,
      start,
      end: start + PHRASE.length,
      color: 'pink',
      tags: ['claim', 'coalition strategy'],
      note: 'Compare with 2021.',
    });
    // A wrong author and no address in the import: corrected by the user.
    await gloss.updateArticleMeta({
      id: articleId,
      byline: 'Kosar Nawzad',
      published: '2024-12-18',
      url: 'https://www.kurdistan24.net/en/story/123-coalition',
    });
    await gloss.setArticleNote({ articleId, text: 'Why it matters: the coalition’s priorities.' });
    await gloss.updateSettings({ userName: 'Ana Reyes' });
  });
  after(async () => {
    await gloss.close();
    await rm(dir, { recursive: true, force: true });
    await rm(out, { recursive: true, force: true });
  });

  const exported = async (format: 'md' | 'json' | 'csv' | 'readwise') => {
    const path = join(out, `notes.${format}`);
    await gloss.exportNotes({ articleId, format, path });
    return readFile(path, 'utf8');
  };

  it('keeps the user’s name in settings', async () => {
    assert.equal((await gloss.getSettings()).userName, 'Ana Reyes');
    assert.equal((await gloss.updateSettings({ userName: '  Ana Reyes\n' })).userName, 'Ana Reyes');
    await assert.rejects(gloss.updateSettings({ userName: 'x'.repeat(201) }), { code: 'INVALID_REQUEST' });
  });

  it('W3C JSON: the corrected URL as source, the corrected author, the user as creator, the article note first — passing the model’s MUSTs and SHOULDs', async () => {
    const json = JSON.parse(await exported('json'));
    const [note, item] = json.first.items;
    assert.equal(note.body[0].value, 'Why it matters: the coalition’s priorities.');
    assert.equal(item.target.source, 'https://www.kurdistan24.net/en/story/123-coalition');
    assert.equal(item.target['gloss:article'], articleId);
    assert.deepEqual(item.target['dcterms:creator'], ['Kosar Nawzad']);
    assert.equal(item.target['dcterms:issued'], '2024-12-18');
    assert.equal(item.creator.name, 'Ana Reyes');
    for (const i of json.first.items) assert.deepEqual(failures(i, ANNOTATION_ASSERTIONS), []);
  });

  it('CSV: the corrected author and URL, the locator, the article note first', async () => {
    const rows: Array<Record<string, string>> = parse(await exported('csv'), { bom: true, columns: true });
    assert.equal(rows[0].location, 'article');
    assert.equal(rows[0].note, 'Why it matters: the coalition’s priorities.');
    assert.equal(rows[1].author, 'Kosar Nawzad');
    assert.equal(rows[1].url, 'https://www.kurdistan24.net/en/story/123-coalition');
    assert.match(rows[1].location, /^¶\d+$/);
  });

  it('Readwise CSV: the corrected author and URL, tags as ".tag" in the note', async () => {
    const rows: Array<Record<string, string>> = parse(await exported('readwise'), {
      bom: true,
      columns: true,
    });
    assert.equal(rows.length, 1);
    assert.equal(rows[0].Highlight, PHRASE);
    assert.equal(rows[0].Author, 'Kosar Nawzad');
    assert.equal(rows[0].URL, 'https://www.kurdistan24.net/en/story/123-coalition');
    assert.equal(rows[0].Note, '.claim .coalition-strategy Compare with 2021.');
    assert.match(rows[0].Location, /^\d+$/);
  });

  it('Markdown: the corrected author in the front matter and the citation', async () => {
    const md = await exported('md');
    assert.match(md, /^---\ntitle: [\s\S]*\nauthor: Kosar Nawzad\n/);
    assert.match(md, /\n— Kosar Nawzad, "[^"]+", Kurdistan 24, 2024-12-18, ¶\d+\n/);
  });

  it('cites a highlight with the corrected author and a link to its words', async () => {
    const cited = await gloss.citeAnnotations({ annotations: [{ articleId, id: passage.id }] });
    assert.equal(cited.citations.length, 1);
    assert.match(cited.text, /^“remains the Coalition's top priority”\n— Kosar Nawzad, "/);
    // The title holds the same words (in lower case: the browser ignores case), so the link says
    // which: the words before, and the full stop after.
    assert.equal(
      cited.link,
      "https://www.kurdistan24.net/en/story/123-coalition#:~:text=Syria%20and%20Iraq-,remains%20the%20Coalition's%20top%20priority,-.",
    );
  });

  it('finds a highlight’s article when only its id is given', async () => {
    const cited = await gloss.citeAnnotations({ annotations: [{ id: passage.id }] });
    assert.equal(cited.citations[0].articleId, articleId);
  });

  it('cites text not highlighted yet, by its range', async () => {
    const { text } = await gloss.getArticle({ id: articleId });
    const start = text.indexOf('ERBIL');
    const cited = await gloss.citeAnnotations({ annotations: [{ articleId, start, end: start + 5 }] });
    assert.match(cited.text, /^“ERBIL”\n/);
    assert.equal((await gloss.listAnnotations({ articleId })).length, 1, 'nothing highlighted by citing');
  });

  it('refuses an unknown highlight, a range outside the article and a backwards range', async () => {
    await assert.rejects(gloss.citeAnnotations({ annotations: [{ id: 'no-such-highlight' }] }), {
      code: 'NOT_FOUND',
    });
    await assert.rejects(gloss.citeAnnotations({ annotations: [{ articleId, start: 0, end: 10_000_000 }] }), {
      code: 'OUT_OF_RANGE',
    });
    await assert.rejects(gloss.citeAnnotations({ annotations: [{ articleId, start: 5, end: 2 }] }), {
      code: 'INVALID_REQUEST',
    });
    await assert.rejects(gloss.citeAnnotations({ annotations: [] }), { code: 'INVALID_REQUEST' });
  });
});

describe('an article whose saved copy is damaged', () => {
  it('is still exported and cited with its (corrected) author, from its quotes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gloss-cite-damaged-'));
    const out = await mkdtemp(join(tmpdir(), 'gloss-cite-damaged-out-'));
    const source = join(out, 'other.txt');
    await writeFile(source, 'Another article\n\nIts first paragraph, about the river.');
    let gloss = await createGloss({ dataDir: dir });
    const [other] = (await gloss.importFiles({ paths: [source] })).imported;
    const text = (await gloss.getArticle({ id: other.id })).text;
    const river = await gloss.createAnnotation({
      articleId: other.id,
      start: text.indexOf('the river'),
      end: text.indexOf('the river') + 9,
      color: 'green',
      tags: [],
      note: '',
    });
    await gloss.updateArticleMeta({ id: other.id, byline: 'Rawa Ahmed' });
    await gloss.close();
    await writeFile(join(dir, 'articles', `${other.id}.json`), '{ damaged');

    gloss = await createGloss({ dataDir: dir });
    await gloss.exportNotes({ articleId: other.id, format: 'csv', path: join(out, 'one.csv') });
    const [row]: Array<Record<string, string>> = parse(await readFile(join(out, 'one.csv'), 'utf8'), {
      bom: true,
      columns: true,
    });
    assert.equal(row.author, 'Rawa Ahmed');
    const cited = await gloss.citeAnnotations({ annotations: [{ articleId: other.id, id: river.id }] });
    assert.equal(cited.text, '“the river”\n— Rawa Ahmed, "Another article"');
    await gloss.close();
    await rm(dir, { recursive: true, force: true });
    await rm(out, { recursive: true, force: true });
  });
});
