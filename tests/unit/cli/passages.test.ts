/**
 * `gloss annotations` reads the library one window of passages at a time
 * (main/cli/passages.ts): past the first window nothing is lost or repeated,
 * the text groups each article once, and --json keeps its shape.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGloss } from '@core/service';
import type { Annotation } from '@core/contract';
import { glossInProcess as gloss } from '../helpers/run-gloss';

const PASSAGES = 1_005; // more than one window of 1,000

describe('gloss annotations over more than one window of passages', () => {
  let dir: string;
  const ids: string[] = [];
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gloss-cli-passages-'));
    const service = await createGloss({ dataDir: dir });
    for (const name of ['First', 'Second']) {
      const { imported } = await service.importText({
        text: `${name} long article\n\n${'Words to mark again and again. '.repeat(400)}`,
      });
      ids.push(imported[0].id);
    }
    const one = await service.createAnnotation({
      articleId: ids[0],
      start: 30,
      end: 35,
      color: 'green',
      tags: ['bulk'],
    });
    const many: Annotation[] = [];
    for (let i = 1; i < PASSAGES; i++) {
      const articleId = ids[i % 2];
      const start = 30 + (i % 700) * 10;
      many.push({
        ...one,
        id: `bulk-${String(i).padStart(5, '0')}`,
        articleId,
        target: {
          ...one.target,
          source: articleId,
          position: { ...one.target.position, start, end: start + 5 },
        },
      });
    }
    await service.restoreAnnotations({ annotations: many });
    await service.close();
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('--json lists every passage once, with each article once', async () => {
    const r = await gloss('annotations', '--tag', 'bulk', '--json', '--data-dir', dir);
    assert.equal(r.code, 0, r.stderr);
    const { annotations, articles } = JSON.parse(r.stdout) as {
      annotations: Annotation[];
      articles: Array<{ id: string }>;
    };
    assert.equal(annotations.length, PASSAGES);
    assert.equal(new Set(annotations.map((a) => a.id)).size, PASSAGES);
    assert.deepEqual(articles.map((a) => a.id).sort(), [...ids].sort());
  });

  it('the text names each article once, its passages under it in the order of the text', async () => {
    const r = await gloss('annotations', '--article', ids[0], '--article', ids[1], '--data-dir', dir);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.split('\n');
    assert.equal(lines.filter((l) => / long article .*\[[0-9a-f]+\]$|long article {2}\[/.test(l)).length, 2);
    assert.equal(lines.filter((l) => /^ {2}\S{8} {2}\(green\) “/.test(l)).length, PASSAGES);
    const only = await gloss('annotations', '--article', ids[1], '--json', '--data-dir', dir);
    assert.ok(JSON.parse(only.stdout).annotations.every((a: Annotation) => a.articleId === ids[1]));
  });
});
