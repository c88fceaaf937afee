/**
 * Exporting a selection: the notebook names the passages (annotationIds) and
 * only those are written, from whichever articles hold them, in every format,
 * through the same grant the shell's save dialog gives.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dispatch } from '@core/dispatch';
import { createRendererApi } from '@core/renderer-api';
import { createGloss, type GlossService } from '@core/service';

describe('exporting only the passages chosen', () => {
  let dir: string;
  let out: string;
  let gloss: GlossService;
  const ids: string[] = [];
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gloss-export-selection-'));
    out = await mkdtemp(join(tmpdir(), 'gloss-export-selection-out-'));
    gloss = await createGloss({ dataDir: dir, seedsDir: out });
    const paths = [];
    for (const [n, body] of [
      'The first article says alpha and beta.',
      'The second article says gamma and delta.',
    ].entries()) {
      const p = join(out, `${n}.txt`);
      await writeFile(p, `Article ${n}\n\n${body}`);
      paths.push(p);
    }
    const { imported } = await gloss.importFiles({ paths });
    for (const a of imported) {
      const { text } = await gloss.getArticle({ id: a.id });
      for (const word of ['alpha', 'beta', 'gamma', 'delta']) {
        const at = text.indexOf(word);
        if (at >= 0)
          ids.push(
            (
              await gloss.createAnnotation({
                articleId: a.id,
                start: at,
                end: at + word.length,
                color: 'yellow',
                tags: [word],
              })
            ).id,
          );
      }
    }
  });
  after(async () => {
    await gloss.close();
    await rm(dir, { recursive: true, force: true });
    await rm(out, { recursive: true, force: true });
  });

  it('writes just those passages, from every article holding one, in each format', async () => {
    const [alpha, , gamma] = ids; // alpha (first article), gamma (second)
    const md = await gloss.exportNotes({
      annotationIds: [alpha, gamma],
      format: 'md',
      path: join(out, 'chosen.md'),
    });
    assert.equal(md.annotations, 2);
    assert.equal(md.articles, 2);
    const text = await readFile(md.path, 'utf8');
    assert.match(text, /alpha/);
    assert.match(text, /gamma/);
    assert.doesNotMatch(text, /#beta|#delta/);
    const json = JSON.parse(
      await readFile(
        (await gloss.exportNotes({ annotationIds: [gamma], format: 'json', path: join(out, 'chosen.json') }))
          .path,
        'utf8',
      ),
    );
    assert.equal(json.total, 1);
    const csv = await readFile(
      (await gloss.exportNotes({ annotationIds: [alpha], format: 'csv', path: join(out, 'chosen.csv') }))
        .path,
      'utf8',
    );
    assert.equal(csv.trim().split('\n').length, 2, 'a header and one row');
  });

  it('says when some chosen passages are gone, and refuses when none is left', async () => {
    const r = await gloss.exportNotes({
      annotationIds: [ids[1], 'gone-1'],
      format: 'md',
      path: join(out, 'some.md'),
    });
    assert.equal(r.annotations, 1);
    assert.deepEqual(r.warnings, ['1 of the passages chosen is no longer in the library.']);
    await assert.rejects(
      gloss.exportNotes({ annotationIds: ['gone-1'], format: 'md', path: join(out, 'none.md') }),
      (e: Error & { code?: string }) => e.code === 'NOT_FOUND',
    );
  });

  it('is asked from the renderer with a grant, and an empty selection is refused', async () => {
    const path = join(out, 'from-renderer.md');
    const api = createRendererApi(gloss, {
      chooseImportFiles: async () => [],
      chooseExportPath: async () => path,
      openExternal: async () => undefined,
      send: () => undefined,
    });
    const chosen = await api.chooseExportPath({ defaultName: 'x.md', format: 'md' });
    const r = await dispatch(api, 'exportNotes', {
      annotationIds: [ids[3]],
      format: 'md',
      grant: chosen!.grant,
    });
    assert.equal(r.ok, true);
    assert.match(await readFile(path, 'utf8'), /delta/);
    const empty = await dispatch(api, 'exportNotes', { annotationIds: [], format: 'md', grant: 'whatever' });
    assert.equal(empty.ok, false);
  });
});
