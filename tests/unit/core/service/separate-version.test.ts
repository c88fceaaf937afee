/**
 * A version Gloss added when it was sure, made an article of its own again
 * (the reader's version menu, `gloss versions ID --separate N`), and the undo
 * of that: one journaled store operation each way, whole or not at all after a
 * crash.
 */
import { describe, it, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGloss, type GlossService } from '@core/service';
import type { Annotation } from '@core/contract';
import { highlightWords } from '../../helpers/highlight-words';
import { newsPage, PARAGRAPHS_V1, PARAGRAPHS_V2 } from '../../helpers/news-versions';
import { crashAfterEachWrite } from '../../helpers/crash-each-write';

let dir: string;
let gloss: GlossService;
const open = (dataDir = join(dir, 'data')) => createGloss({ dataDir, seedsDir: join(dir, 'seeds') });

/** The clock has moved on since `t` (a highlight made after an import is newer than it, to the millisecond). */
function tickAfter(t: number): void {
  while (Date.now() <= t) {
    /* a millisecond at most */
  }
}

async function file(name: string, content: string): Promise<string> {
  const path = join(dir, 'in', name);
  await writeFile(path, content);
  return path;
}

const highlight = (articleId: string, words: string) => highlightWords(gloss, articleId, words);

/** v1 annotated (a passage unchanged, one changed, one removed in v2), v2 added as a version, one passage highlighted on v2. */
async function versionAddedWhenSure() {
  const v1 = await gloss.importFiles({ paths: [await file('v1.html', newsPage(PARAGRAPHS_V1))] });
  const id = v1.imported[0].id;
  const firstText = (await gloss.getArticle({ id })).text;
  const onV1 = [
    await highlight(id, 'the ceasefire holds across the north'),
    await highlight(id, 'said 40 people died in the strike'),
    await highlight(id, 'declined to comment on the prisoner exchange'),
  ];
  tickAfter(Date.now());
  const v2 = await gloss.importFiles({ paths: [await file('v2.html', newsPage(PARAGRAPHS_V2))] });
  tickAfter(Date.now());
  assert.equal(v2.versions?.length, 1, 'added as a version, no question asked');
  const secondText = (await gloss.getArticle({ id })).text;
  const onV2 = await highlight(id, 'new figures from the ministry');
  const { versions } = await gloss.listVersions({ articleId: id });
  return { id, firstText, secondText, onV1, onV2, v2hash: versions[1].hash };
}

const places = (list: Annotation[]) =>
  list
    .map(({ id, target, orphan, versionChange }) => ({ id, target, orphan, versionChange }))
    .sort((a, b) => a.id.localeCompare(b.id));

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gloss-separate-'));
  await mkdir(join(dir, 'in'));
  await mkdir(join(dir, 'seeds'));
  gloss = await open();
});
afterEach(async () => {
  await gloss.close();
  await rm(dir, { recursive: true, force: true });
});

describe('making the newest version an article of its own', () => {
  it('gives it back its own article with the highlight made on it; the article is its first version again, its highlights as they were there', async () => {
    const { id, firstText, secondText, onV1, onV2, v2hash } = await versionAddedWhenSure();
    const r = await gloss.separateVersion({ articleId: id, version: v2hash });
    assert.equal(r.from, id);
    assert.equal(r.annotations, 1);
    assert.equal(
      r.inReview,
      0,
      'nothing left to review: the passages are back on the text they were made on',
    );
    assert.equal((await gloss.listArticles()).length, 2);
    assert.equal((await gloss.getArticle({ id })).text, firstText);
    assert.equal((await gloss.listVersions({ articleId: id })).versions.length, 1);
    assert.deepEqual(places(await gloss.listAnnotations({ articleId: id })), places(onV1));

    const separate = await gloss.getArticle({ id: r.articleId });
    assert.equal(separate.text, secondText);
    assert.equal(separate.versions, undefined);
    const [moved] = await gloss.listAnnotations({ articleId: r.articleId });
    assert.equal(moved.id, onV2.id);
    assert.equal(moved.target.source, r.articleId);
    assert.equal(
      separate.text.slice(moved.target.position.start, moved.target.position.end),
      'new figures from the ministry',
    );
  });

  it('importing the separated version’s page again adds nothing: it is that article', async () => {
    const { v2hash, id } = await versionAddedWhenSure();
    const r = await gloss.separateVersion({ articleId: id, version: v2hash });
    const again = await gloss.importFiles({ paths: [join(dir, 'in', 'v2.html')] });
    assert.deepEqual(again.versions ?? [], []);
    assert.equal((await gloss.listArticles()).length, 2);
    assert.equal((await gloss.listAnnotations({ articleId: r.articleId })).length, 1);
  });

  it('is undone by rejoinVersion: the version is the newest again, its highlight back, the separate article gone', async () => {
    const { id, secondText, onV2, v2hash } = await versionAddedWhenSure();
    const before = await gloss.listVersions({ articleId: id });
    const r = await gloss.separateVersion({ articleId: id, version: v2hash });
    await gloss.rejoinVersion({ articleId: r.articleId, into: id });
    assert.deepEqual(
      (await gloss.listArticles()).map((a) => a.id),
      [id],
    );
    assert.equal((await gloss.getArticle({ id })).text, secondText);
    const after = await gloss.listVersions({ articleId: id });
    assert.deepEqual(after, before);
    const back = (await gloss.listAnnotations({ articleId: id })).find((a) => a.id === onV2.id)!;
    assert.deepEqual(back.target, onV2.target);
  });

  it('refuses the first version (it is the article), an unknown version, and an article with one version', async () => {
    const { id, v2hash } = await versionAddedWhenSure();
    const { versions } = await gloss.listVersions({ articleId: id });
    assert.deepEqual(
      versions.map((v) => v.separable),
      [false, true],
    );
    await assert.rejects(gloss.separateVersion({ articleId: id, version: versions[0].hash }), {
      code: 'INVALID_REQUEST',
      message: /Version 1 is .* as first imported/,
    });
    await assert.rejects(gloss.separateVersion({ articleId: id, version: 'a'.repeat(64) }), {
      code: 'NOT_FOUND',
    });
    await assert.rejects(gloss.separateVersion({ articleId: id, version: 'not a hash' }), {
      code: 'INVALID_REQUEST',
    });
    const r = await gloss.separateVersion({ articleId: id, version: v2hash });
    await assert.rejects(gloss.separateVersion({ articleId: r.articleId, version: v2hash }), {
      code: 'INVALID_REQUEST',
      message: /one version only/,
    });
  });
});

describe('making an older version an article of its own', () => {
  it('takes it out of the list with the highlights kept on it; the current text does not change', async () => {
    const { id, onV1 } = await versionAddedWhenSure();
    const v3 = PARAGRAPHS_V2.map((p) =>
      p.replace('Aid convoys crossed at dawn.', 'Aid convoys crossed before dawn.'),
    );
    await gloss.importFiles({ paths: [await file('v3.html', newsPage(v3))] });
    const listed = await gloss.listVersions({ articleId: id });
    assert.equal(listed.versions.length, 3);
    const current = await gloss.getArticle({ id });
    const all = await gloss.listAnnotations({ articleId: id });
    const r = await gloss.separateVersion({ articleId: id, version: listed.versions[1].hash });
    assert.equal((await gloss.getArticle({ id })).text, current.text);
    assert.deepEqual(
      (await gloss.listVersions({ articleId: id })).versions.map((v) => v.hash),
      [listed.versions[0].hash, listed.versions[2].hash],
    );
    // The passage highlighted on version 2 was confirmed on version 3 since: it stays with the article.
    assert.equal(r.annotations, 0);
    assert.deepEqual(places(await gloss.listAnnotations({ articleId: id })), places(all));
    assert.equal(onV1.length, 3);
    await gloss.rejoinVersion({ articleId: r.articleId, into: id });
    assert.deepEqual(await gloss.listVersions({ articleId: id }), listed);
  });
});

describe('a separation interrupted by a crash', () => {
  it('killed after any one of its writes, leaves the article as it was or both articles whole', async () => {
    const { id, v2hash } = await versionAddedWhenSure();
    await gloss.close();
    const data = join(dir, 'data');
    const request = join(dir, 'separate.json');
    await writeFile(request, JSON.stringify({ articleId: id, version: v2hash }));
    const stateIn = async (dataDir: string) => {
      const g = await open(dataDir);
      try {
        const articles = [];
        for (const a of await g.listArticles()) {
          const article = await g.getArticle({ id: a.id });
          articles.push({
            id: a.id,
            text: article.text,
            versions: (await g.listVersions({ articleId: a.id })).versions.map((v) => v.hash),
            annotations: places(await g.listAnnotations({ articleId: a.id })),
          });
        }
        return articles.sort((a, b) => a.id.localeCompare(b.id));
      } finally {
        await g.close();
      }
    };
    const before = await stateIn(data);
    const { crashed, whole } = await crashAfterEachWrite({
      data,
      scratch: dir,
      method: 'separateVersion',
      requestFile: request,
      stateIn,
    });
    assert.equal(whole.length, 2, 'two articles once it is done');
    assert.ok(crashed.length >= 4, 'the separation writes several files, so crashes fall between');
    for (const { after, state } of crashed)
      assert.ok(
        isDeepStrictEqual(state, before) || isDeepStrictEqual(state, whole),
        `killed after write ${after}: ${JSON.stringify(state.map((a) => [a.id, a.versions.length, a.annotations.length]))}`,
      );
    assert.ok(
      crashed.some(({ state }) => isDeepStrictEqual(state, whole)),
      'a crash after the journal is written is finished at the next start',
    );
  });
});
