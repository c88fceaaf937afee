/**
 * Article versions through the service, as a user meets them: an edited news
 * article imported again becomes a new version of the one they annotated; the
 * unchanged passages follow silently, those whose words changed wait in review
 * with the old and new wording, and nothing is lost.
 */
import { describe, it, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGloss, type GlossService } from '@core/service';
import { highlightWords } from '../../helpers/highlight-words';
import { newsPage, OTHER_STORY, PARAGRAPHS_V1, PARAGRAPHS_V2 } from '../../helpers/news-versions';

let dir: string;
let gloss: GlossService;

async function file(name: string, content: string): Promise<string> {
  const path = join(dir, 'in', name);
  await writeFile(path, content);
  return path;
}

/** Each passage's note is its first words, so a test can tell them apart. */
const highlight = (articleId: string, words: string) =>
  highlightWords(gloss, articleId, words, { note: words.slice(0, 10) });

/** The first version imported and annotated: unchanged, changed and removed passages. */
async function annotatedFirstVersion() {
  const report = await gloss.importFiles({ paths: [await file('v1.html', newsPage(PARAGRAPHS_V1))] });
  const id = report.imported[0].id;
  const kept = await highlight(id, 'the ceasefire holds across the north');
  const changed = await highlight(id, 'said 40 people died in the strike');
  const removed = await highlight(id, 'declined to comment on the prisoner exchange');
  return { id, kept, changed, removed };
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gloss-versions-'));
  await mkdir(join(dir, 'in'));
  await mkdir(join(dir, 'seeds'));
  gloss = await createGloss({ dataDir: join(dir, 'data'), seedsDir: join(dir, 'seeds') });
});
afterEach(async () => {
  await gloss.close();
  await rm(dir, { recursive: true, force: true });
});

describe('importing a new version of an annotated article', () => {
  it('adds a version instead of an article: unchanged passages follow silently, changed ones wait in review, none is lost', async () => {
    const { id, kept, changed, removed } = await annotatedFirstVersion();
    const report = await gloss.importFiles({ paths: [await file('v2.html', newsPage(PARAGRAPHS_V2))] });
    assert.deepEqual(report.imported, []);
    assert.equal(report.versions?.length, 1);
    assert.equal(report.versions?.[0].articleId, id);
    assert.deepEqual(report.versions?.[0].bands, { silent: 1, moved: 0, changed: 1, 'not-found': 1 });
    assert.equal((await gloss.listArticles()).length, 1, 'still one article');

    const { text } = await gloss.getArticle({ id });
    assert.match(text, /45 people died/);
    const byId = new Map((await gloss.listAnnotations({ articleId: id })).map((a) => [a.id, a]));
    assert.equal(byId.size, 3, 'nothing deleted');
    const k = byId.get(kept.id)!;
    assert.equal(
      text.slice(k.target.position.start, k.target.position.end),
      'the ceasefire holds across the north',
    );
    assert.equal(k.versionChange, undefined, 'moved silently');

    const review = await gloss.listReview({ articleId: id });
    assert.deepEqual(
      review.map((r) => [r.annotation.id, r.band]).sort(),
      [
        [changed.id, 'changed'],
        [removed.id, 'not-found'],
      ].sort(),
    );
    const c = review.find((r) => r.band === 'changed')!;
    assert.equal(c.previous, 'said 40 people died in the strike');
    assert.equal(c.current, 'said 45 people died in the strike');
    assert.deepEqual(
      c.changes.filter((x) => x.op !== 'same'),
      [
        { op: 'deleted', text: '40' },
        { op: 'inserted', text: '45' },
      ],
    );
    const firstScreen = await gloss.listReview({ articleId: id, limit: 1 });
    assert.deepEqual(
      firstScreen.map((x) => x.annotation.id),
      [review[0].annotation.id],
      'a limit gives the first items of the same list',
    );
    const r = review.find((x) => x.band === 'not-found')!;
    assert.equal(r.annotation.orphan, true);
    assert.equal(r.annotation.note, removed.note);

    const versions = await gloss.listVersions({ articleId: id });
    assert.equal(versions.versions.length, 2);
    assert.equal(versions.inReview, 2);
    assert.equal(versions.versions[1].current, true);
    const old = await gloss.getArticleVersion({ articleId: id, version: versions.versions[0].hash });
    assert.match(old.text, /40 people died/);
  });

  it('finds nothing new in the same file imported again, old or new', async () => {
    const { id } = await annotatedFirstVersion();
    await gloss.importFiles({ paths: [await file('v2.html', newsPage(PARAGRAPHS_V2))] });
    const again = await gloss.importFiles({
      paths: [
        await file('v1-again.html', newsPage(PARAGRAPHS_V1)),
        await file('v2-again.html', newsPage(PARAGRAPHS_V2)),
      ],
    });
    assert.deepEqual(
      again.existing.map((e) => e.id),
      [id, id],
    );
    assert.equal((await gloss.listVersions({ articleId: id })).versions.length, 2);
  });

  it('finds a version by title and source when the page has no canonical address', async () => {
    const v1 = await gloss.importFiles({
      paths: [await file('a.html', newsPage(PARAGRAPHS_V1, { url: '' }))],
    });
    const v2 = await gloss.importFiles({
      paths: [await file('b.html', newsPage(PARAGRAPHS_V2, { url: '' }))],
    });
    assert.equal(v2.versions?.[0].articleId, v1.imported[0].id);
  });

  it('keeps apart another story of the same site under the same title, sharing only boilerplate', async () => {
    await gloss.importFiles({ paths: [await file('a.html', newsPage(PARAGRAPHS_V1, { url: '' }))] });
    const other = await gloss.importFiles({
      paths: [await file('b.html', newsPage(OTHER_STORY, { url: '' }))],
    });
    assert.equal(other.imported.length, 1);
    assert.equal(other.versions, undefined);
    assert.equal(other.possibleVersions, undefined);
    assert.equal((await gloss.listArticles()).length, 2);
  });

  it('stores a new article when asked to (--new-article), even for a new version', async () => {
    await annotatedFirstVersion();
    const report = await gloss.importFiles({
      paths: [await file('v2.html', newsPage(PARAGRAPHS_V2))],
      newArticle: true,
    });
    assert.equal(report.imported.length, 1);
    assert.equal((await gloss.listArticles()).length, 2);
  });

  it('stores every import and paste as an article of its own while new versions are turned off in the settings', async () => {
    await annotatedFirstVersion();
    await gloss.updateSettings({ detectVersions: false });
    const report = await gloss.importFiles({ paths: [await file('v2.html', newsPage(PARAGRAPHS_V2))] });
    assert.equal(report.imported.length, 1);
    assert.equal(report.versions, undefined);
    const text = PARAGRAPHS_V1.join('\n\n');
    await gloss.importText({ text, title: 'Notes from the talks' });
    const pasted = await gloss.importText({
      text: text.replace('40 people', '45 people'),
      title: 'Notes from the talks',
    });
    assert.equal(pasted.imported.length, 1);
    assert.equal(pasted.versions, undefined);
    assert.equal(pasted.possibleVersions, undefined);
    assert.equal((await gloss.listArticles()).length, 4);

    // Turned on again, the next edit is a version once more.
    await gloss.updateSettings({ detectVersions: true });
    const again = await gloss.importFiles({
      paths: [await file('v3.html', newsPage(PARAGRAPHS_V2.map((p) => p.replace('Aid', 'Relief'))))],
    });
    assert.equal(again.versions?.length, 1);
  });

  it('asks when the same title and source share only part of the text, and adds it as a version when told', async () => {
    const { id } = await annotatedFirstVersion();
    const half = [...PARAGRAPHS_V1.slice(0, 3), ...OTHER_STORY];
    const report = await gloss.importFiles({ paths: [await file('half.html', newsPage(half, { url: '' }))] });
    assert.equal(report.imported.length, 1);
    assert.equal(report.possibleVersions?.[0].of, id);
    assert.ok(report.possibleVersions![0].resemblance < 0.5);
    const added = await gloss.addAsVersion({ articleId: report.imported[0].id, of: id });
    assert.equal(added?.articleId, id);
    assert.equal((await gloss.listArticles()).length, 1, 'the separate copy is gone');
    assert.equal((await gloss.listVersions({ articleId: id })).versions.length, 2);
  });
});

describe('a new version whose headline was edited (same source, another title, no address in common)', () => {
  const NEW_TITLE = 'Ceasefire talks resume in Doha as death toll rises';
  const ONE_WORD = PARAGRAPHS_V1.map((p) => p.replace('40 people died', '45 people died'));

  it('is added as a version when nearly all of the text is the same', async () => {
    const v1 = await gloss.importFiles({
      paths: [await file('a.html', newsPage(PARAGRAPHS_V1, { url: '' }))],
    });
    const v2 = await gloss.importFiles({
      paths: [await file('b.html', newsPage(ONE_WORD, { url: '', title: NEW_TITLE }))],
    });
    assert.equal(v2.imported.length, 0);
    assert.equal(v2.versions?.[0].articleId, v1.imported[0].id);
    assert.equal((await gloss.listArticles()).length, 1);
  });

  it('is found among the whole library, not only the newest 50 of its source, when the headline keeps most of its words', async () => {
    // The original, then 59 other stories of the same site and length: it is the source's 60th newest.
    const v1 = await gloss.importFiles({
      paths: [await file('a.html', newsPage(PARAGRAPHS_V1, { url: '' }))],
    });
    const words = PARAGRAPHS_V1.join(' ').split(' ');
    const others: string[] = [];
    for (let i = 1; i <= 59; i++) {
      // A shuffle of the same words: as long, and no five-word run in common with it or with each other.
      let seed = i * 7919;
      const shuffled = [...words].sort(() => ((seed = (seed * 48271) % 2147483647) % 3) - 1);
      const paragraphs = [0, 1, 2].map((k) => shuffled.slice(k * 50, (k + 1) * 50).join(' '));
      others.push(
        await file(`other-${i}.html`, newsPage(paragraphs, { url: '', title: `Harbour notes ${i}` })),
      );
    }
    const stored = await gloss.importFiles({ paths: others });
    assert.equal(stored.imported.length, 59, 'each an article of its own');
    const list = await gloss.listArticles();
    assert.equal(
      list.findIndex((a) => a.id === v1.imported[0].id),
      59,
    );

    const v2 = await gloss.importFiles({
      paths: [await file('b.html', newsPage(ONE_WORD, { url: '', title: NEW_TITLE }))],
    });
    assert.equal(v2.imported.length, 0);
    assert.equal(v2.versions?.[0].articleId, v1.imported[0].id);
  });

  it('is asked about when most, not nearly all, of the text is the same', async () => {
    const v1 = await gloss.importFiles({
      paths: [await file('a.html', newsPage(PARAGRAPHS_V1, { url: '' }))],
    });
    const v2 = await gloss.importFiles({
      paths: [await file('b.html', newsPage(PARAGRAPHS_V2, { url: '', title: NEW_TITLE }))],
    });
    assert.equal(v2.imported.length, 1, 'stored apart until the user says');
    assert.equal(v2.possibleVersions?.[0].of, v1.imported[0].id);
    const r = v2.possibleVersions![0].resemblance;
    assert.ok(r >= 0.5 && r < 0.7, `resemblance ${r}`);
  });

  it('keeps apart another story of the same site under another title, sharing only boilerplate', async () => {
    await gloss.importFiles({ paths: [await file('a.html', newsPage(PARAGRAPHS_V1, { url: '' }))] });
    const other = await gloss.importFiles({
      paths: [await file('b.html', newsPage(OTHER_STORY, { url: '', title: 'Ferry timetable approved' }))],
    });
    assert.equal(other.imported.length, 1);
    assert.equal(other.versions, undefined);
    assert.equal(other.possibleVersions, undefined);
  });

  it('is never made of pasted text asked to be a new article (newArticle), even under the same title', async () => {
    const text = PARAGRAPHS_V1.join('\n\n');
    await gloss.importText({ text, title: 'Notes from the talks' });
    const edited = text.replace('40 people', '45 people');
    const forced = await gloss.importText({ text: edited, title: 'Notes from the talks', newArticle: true });
    assert.equal(forced.imported.length, 1);
    assert.equal(forced.versions, undefined);
    const again = await gloss.importText({
      text: edited.replace('Aid', 'Relief'),
      title: 'Notes from the talks',
    });
    assert.ok(again.versions?.length || again.possibleVersions?.length, 'without it, a version');
  });

  it('is not looked for in pasted text, which names no source', async () => {
    const text = PARAGRAPHS_V1.join('\n\n');
    await gloss.importText({ text, title: 'Notes from the talks' });
    const again = await gloss.importText({
      text: text.replace('40 people', '45 people'),
      title: 'Other notes',
    });
    assert.equal(again.imported.length, 1);
    assert.equal(again.versions, undefined);
    assert.equal(again.possibleVersions, undefined);
  });
});

describe('the review of a new version', () => {
  async function inReview() {
    const first = await annotatedFirstVersion();
    await gloss.importFiles({ paths: [await file('v2.html', newsPage(PARAGRAPHS_V2))] });
    const current = (await gloss.listVersions({ articleId: first.id })).current;
    return { ...first, current };
  }

  it('accept confirms the new wording on the current version; restoring the answer’s before undoes it', async () => {
    const { id, changed, current } = await inReview();
    const { before, after } = await gloss.resolveReview({ articleId: id, id: changed.id, action: 'accept' });
    assert.equal(after.versionHash, current);
    assert.equal(after.versionChange, undefined);
    assert.equal((await gloss.listReview({ articleId: id })).length, 1);
    await gloss.restoreAnnotations({ annotations: [before] });
    assert.equal((await gloss.listReview({ articleId: id })).length, 2, 'back in review');
  });

  it('keep on old version puts the old words back as an orphan of the old version, left there when listed', async () => {
    const { id, changed } = await inReview();
    const { after } = await gloss.resolveReview({ articleId: id, id: changed.id, action: 'keep-old' });
    assert.equal(after.orphan, true);
    assert.equal(after.target.quote.exact, 'said 40 people died in the strike');
    assert.equal(after.versionHash, changed.versionHash);
    const listed = (await gloss.listAnnotations({ articleId: id })).find((a) => a.id === changed.id)!;
    assert.equal(listed.orphan, true);
    assert.equal(listed.target.quote.exact, 'said 40 people died in the strike');
  });

  it('re-select anchors it on the words chosen in the new text', async () => {
    const { id, removed, current } = await inReview();
    const { text } = await gloss.getArticle({ id });
    const start = text.indexOf('second round of talks');
    const { after } = await gloss.resolveReview({
      articleId: id,
      id: removed.id,
      action: 'reselect',
      start,
      end: start + 'second round of talks'.length,
    });
    assert.equal(after.target.quote.exact, 'second round of talks');
    assert.equal(after.orphan, undefined);
    assert.equal(after.versionHash, current);
    assert.equal(after.note, removed.note);
  });

  it('delete is the ordinary delete, and undone by putting the annotation back', async () => {
    const { id, changed } = await inReview();
    const deleted = await gloss.deleteAnnotation({ articleId: id, id: changed.id });
    assert.equal((await gloss.listReview({ articleId: id })).length, 1);
    await gloss.restoreAnnotations({ annotations: [deleted] });
    assert.equal((await gloss.listReview({ articleId: id })).length, 2);
  });

  it('accept-all confirms changed words and keeps words not found on the old version; nothing is deleted', async () => {
    const { id, changed, removed, current } = await inReview();
    const report = await gloss.acceptAllReview({ articleId: id });
    assert.equal(report.after.length, 2);
    assert.deepEqual(await gloss.listReview({ articleId: id }), []);
    const byId = new Map((await gloss.listAnnotations({ articleId: id })).map((a) => [a.id, a]));
    assert.equal(byId.size, 3);
    assert.equal(byId.get(changed.id)!.versionHash, current);
    assert.equal(byId.get(removed.id)!.orphan, true);
    assert.notEqual(byId.get(removed.id)!.versionHash, current);
  });

  it('compares two versions word by word', async () => {
    const { id } = await inReview();
    const { versions } = await gloss.listVersions({ articleId: id });
    const cmp = await gloss.compareVersions({ articleId: id, from: versions[0].hash, to: versions[1].hash });
    const inserted = cmp.changes
      .filter((c) => c.op === 'inserted')
      .map((c) => c.text)
      .join('|');
    const deleted = cmp.changes
      .filter((c) => c.op === 'deleted')
      .map((c) => c.text)
      .join('|');
    assert.match(inserted, /45/);
    assert.match(inserted, /Updated at 14:00/);
    assert.match(deleted, /40/);
    assert.match(deleted, /prisoner exchange/);
    assert.equal(
      cmp.changes.map((c) => (c.op === 'inserted' ? '' : c.text)).join(''),
      (await gloss.getArticleVersion({ articleId: id, version: versions[0].hash })).text,
    );
    assert.equal(
      cmp.changes.map((c) => (c.op === 'deleted' ? '' : c.text)).join(''),
      (await gloss.getArticle({ id })).text,
    );
  });

  it('refuses a version that is not the article’s with NOT_FOUND, and a malformed one with INVALID_REQUEST', async () => {
    const { id } = await inReview();
    await assert.rejects(gloss.getArticleVersion({ articleId: id, version: 'f'.repeat(64) }), {
      code: 'NOT_FOUND',
    });
    await assert.rejects(gloss.getArticleVersion({ articleId: id, version: '../../etc' }), {
      code: 'INVALID_REQUEST',
    });
  });
});
