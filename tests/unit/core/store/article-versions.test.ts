/**
 * The store keeps every version of an article's text, and switching to a new
 * version is one operation: a process killed in the middle of adding one
 * leaves the old state or the new, never a content file of one version with
 * the annotations of another.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { addVersionFrom } from '@core/versions/add-version';
import { versionHash, versionsOf } from '@core/versions/version-list';
import { VERSION_JOURNAL } from '@core/store/article-versions';
import { killWriter, tempDataDir, withStore } from '../../helpers/store-fixtures';
import { versionArticle, versionedAnnotations, versionedBase } from '../../helpers/version-fixtures';

describe('store: article versions', () => {
  it('keeps every version’s text, byte for byte, and switches the article and its annotations to the newest', async (t) => {
    const { dir } = await tempDataDir(t);
    const base = versionedBase();
    await withStore(dir, async (s) => {
      await s.putArticle(base);
      for (const a of versionedAnnotations(base)) await s.putAnnotation(a);
      const added = await addVersionFrom(s, base.id, versionArticle(1));
      assert.deepEqual(added?.bands, { silent: 200, moved: 0, changed: 0, 'not-found': 0 });
      await addVersionFrom(s, base.id, versionArticle(2));
    });
    await withStore(dir, async (s) => {
      const article = await s.getArticle(base.id);
      assert.equal(article.id, base.id, 'still the same article');
      assert.equal(article.text, versionArticle(2).text);
      const versions = versionsOf(article);
      assert.deepEqual(
        versions.map((v) => v.hash),
        [base.text, versionArticle(1).text, versionArticle(2).text].map(versionHash),
      );
      assert.equal((await s.getArticleVersion(base.id, versions[0])).text, base.text);
      assert.equal((await s.getArticleVersion(base.id, versions[1])).text, versionArticle(1).text);
      for (const a of await s.listAnnotations(base.id)) {
        assert.equal(
          article.text.slice(a.target.position.start, a.target.position.end),
          a.target.quote.exact,
        );
        assert.equal(a.versionHash, versions[2].hash);
      }
      assert.equal(
        s.articleWithVersionSource(versionArticle(1).id),
        base.id,
        'each version’s source is known',
      );
      assert.equal(s.listArticles().length, 1);
      assert.deepEqual(s.warnings(), []);
    });
  });

  it('adds nothing when the new text is the current text', async (t) => {
    const { dir } = await tempDataDir(t);
    const base = versionedBase();
    await withStore(dir, async (s) => {
      await s.putArticle(base);
      const same = { ...versionArticle(1), text: base.text, id: 'other-source' };
      assert.equal(await addVersionFrom(s, base.id, same), null);
      assert.equal((await s.getArticle(base.id)).versions, undefined);
    });
  });

  it('refuses a damaged older version’s copy with CORRUPT rather than show the wrong words', async (t) => {
    const { dir } = await tempDataDir(t);
    const base = versionedBase();
    await withStore(dir, async (s) => {
      await s.putArticle(base);
      await addVersionFrom(s, base.id, versionArticle(1));
      const [old] = versionsOf(await s.getArticle(base.id));
      await fs.appendFile(path.join(dir, ...old.contentFile!.split('/')), ' ');
      await assert.rejects(s.getArticleVersion(base.id, old), { code: 'CORRUPT' });
    });
  });

  it('after a writer adding versions is killed at any moment, reopening finds the last acknowledged version or the next, whole', async (t) => {
    const { dir } = await tempDataDir(t);
    let onDisk = 0;
    // Kill delays spread over a round (re-anchoring, then about 3 MB written: 60–900 ms here), so
    // some land while the old text is kept, some between the journal's three writes, some between rounds.
    const delays = [0, 15, 35, 60, 90, 120, 160, 200, 250, 320, 400, 500];
    for (const delay of delays) {
      const { lastAcked } = await killWriter('version-writer.ts', [dir], {
        acked: onDisk + 1,
        delayMs: delay,
      });
      const base = versionedBase();
      await withStore(dir, async (s) => {
        for (const w of s.warnings())
          assert.match(
            w,
            /closed while adding a new version/,
            'a crash is not damage: at most the switch is finished',
          );
        const article = await s.getArticle(base.id);
        const n = Number(/^Update (\d+):/m.exec(article.text)?.[1]);
        assert.ok(n === lastAcked || n === lastAcked + 1, `version ${n} after acknowledging ${lastAcked}`);
        const versions = versionsOf(article);
        assert.equal(versions.length, n + 1, 'every earlier version is listed');
        assert.equal(versions.at(-1)?.hash, versionHash(article.text));
        assert.equal(
          (await s.getArticleVersion(base.id, versions[n - 1])).text.includes(`Update ${n - 1}:`),
          n > 1,
        );
        const annotations = await s.listAnnotations(base.id);
        assert.equal(annotations.length, 200, 'no annotation lost');
        for (const a of annotations) {
          assert.equal(a.orphan, undefined);
          assert.equal(
            article.text.slice(a.target.position.start, a.target.position.end),
            a.target.quote.exact,
            'the notes file is of the same version as the content file',
          );
          assert.equal(a.versionHash, versions.at(-1)?.hash);
        }
        onDisk = n;
      });
      await assert.rejects(fs.access(path.join(dir, VERSION_JOURNAL)), 'the journal is gone once reopened');
    }
  });
});
