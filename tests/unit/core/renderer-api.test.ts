/**
 * What the renderer may ask of main: files only by the grant a dialog (or a
 * drop) gave, once, for what they were chosen for; and a flush of what is being
 * typed before the window closes, answered or timed out.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GlossEvent, Request } from '@core/contract';
import { dispatch } from '@core/dispatch';
import { createRendererApi, type RendererApi } from '@core/renderer-api';
import { createGloss, type GlossService } from '@core/service';

describe('the renderer names files only through grants', () => {
  let dataDir: string;
  let outside: string;
  let gloss: GlossService;
  let api: RendererApi;
  const dialogs: { importFiles: string[]; exportPath: string | null } = { importFiles: [], exportPath: null };
  const kinds: string[] = [];
  const events: GlossEvent[] = [];

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'gloss-grants-'));
    outside = await mkdtemp(join(tmpdir(), 'gloss-grants-out-'));
    gloss = await createGloss({ dataDir });
    api = createRendererApi(gloss, {
      chooseImportFiles: async (kind) => {
        kinds.push(kind);
        return dialogs.importFiles;
      },
      chooseExportPath: async (_req: Request<'chooseExportPath'>) => dialogs.exportPath,
      openExternal: async () => undefined,
      send: (e) => events.push(e),
    });
  });
  after(async () => {
    await gloss.close();
    await rm(dataDir, { recursive: true, force: true });
    await rm(outside, { recursive: true, force: true });
  });

  it('imports the files chosen in the dialog, shown by name, once', async () => {
    const file = join(outside, 'chosen.txt');
    await writeFile(file, 'A chosen article\n\nIts one paragraph says enough to be an article.');
    dialogs.importFiles = [file];
    const chosen = await api.chooseImportFiles();
    assert.deepEqual(chosen?.names, ['chosen.txt']);
    assert.ok(!JSON.stringify(chosen).includes(outside), 'the renderer never sees the path');
    const report = await api.importFiles({ grant: chosen!.grant });
    assert.equal(report.imported[0]?.title, 'A chosen article');
    await assert.rejects(
      api.importFiles({ grant: chosen!.grant }),
      /not chosen in this window/,
      'a grant is used once',
    );
  });

  it('imports highlights, and syncs a Markdown file, only from files chosen in a dialog filtered for them', async () => {
    const clippings = join(outside, 'My Clippings.txt');
    await writeFile(
      clippings,
      'A Book (An Author)\n- Your Highlight on Location 1-2 | Added on Monday, May 6, 2019 9:00:00 AM\n\nSome words.\n==========\n',
    );
    dialogs.importFiles = [clippings];
    const chosen = await api.chooseImportFiles({ kind: 'highlights' });
    assert.equal(kinds.at(-1), 'highlights');
    const report = await api.importHighlights({ grant: chosen!.grant });
    assert.equal(report.files[0].documents[0].title, 'A Book');
    await assert.rejects(api.importHighlights({ grant: chosen!.grant }), /not chosen in this window/);
    const forged = await dispatch(api, 'syncMarkdown', { path: clippings });
    assert.equal(forged.ok, false, 'a path in place of a grant is refused');
  });

  it('hands back a new grant for the same file after each sync, so what a dry run listed can be applied, each grant once', async () => {
    const md = join(outside, 'notes.md');
    const [article] = await gloss.listArticles();
    await gloss.createAnnotation({ articleId: article.id, start: 0, end: 5, color: 'yellow', tags: ['a'] });
    await gloss.exportNotes({ articleId: article.id, format: 'md', path: md });
    await writeFile(md, (await readFile(md, 'utf8')).replace('#a', '#a #b'));
    dialogs.importFiles = [md];
    const chosen = await api.chooseImportFiles({ kind: 'markdown' });
    const dry = await api.syncMarkdown({ grant: chosen!.grant, dryRun: true });
    assert.equal(dry.changes.length, 1);
    assert.ok(dry.grant && dry.grant !== chosen!.grant);
    const applied = await api.syncMarkdown({ grant: dry.grant!, dryRun: false, delete: false });
    assert.equal(applied.changes[0].applied, true);
    await assert.rejects(api.syncMarkdown({ grant: dry.grant!, dryRun: false, delete: false }), /not chosen/);
    assert.ok(applied.grant, 'redo may sync the same file again');
  });

  it('answers null when the dialog is cancelled', async () => {
    dialogs.importFiles = [];
    dialogs.exportPath = null;
    assert.equal(await api.chooseImportFiles(), null);
    assert.equal(await api.chooseExportPath({ defaultName: 'x.md', format: 'md' }), null);
  });

  it('refuses a path, a made-up grant, or an export grant used to import — through IPC validation too', async () => {
    const stolen = await dispatch(api, 'importFiles', { paths: [join(dataDir, 'gloss.lock')] });
    assert.equal(stolen.ok, false);
    if (!stolen.ok) assert.equal(stolen.error.code, 'INVALID_REQUEST');
    const madeUp = await dispatch(api, 'importFiles', { grant: 'guess' });
    assert.equal(madeUp.ok, false);
    if (!madeUp.ok) assert.match(madeUp.error.message, /not chosen in this window/);

    dialogs.exportPath = join(outside, 'notes.md');
    const target = await api.chooseExportPath({ defaultName: 'notes.md', format: 'md' });
    await assert.rejects(api.importFiles({ grant: target!.grant }), /not chosen in this window/);
  });

  it('exports where the save dialog chose, and refuses the library folder even when chosen there', async () => {
    dialogs.exportPath = join(outside, 'library-notes.csv');
    const target = await api.chooseExportPath({ defaultName: 'library-notes.csv', format: 'csv' });
    const report = await api.exportNotes({ format: 'csv', grant: target!.grant });
    assert.equal(report.path, join(outside, 'library-notes.csv'));
    assert.match(await readFile(report.path, 'utf8'), /quote/);

    const before = await readFile(join(dataDir, 'library.json'), 'utf8');
    dialogs.exportPath = join(dataDir, 'library.json');
    const inside = await api.chooseExportPath({ defaultName: 'library.json', format: 'json' });
    await assert.rejects(
      api.exportNotes({ format: 'json', grant: inside!.grant }),
      /inside Gloss’s library folder/,
    );
    assert.equal(await readFile(join(dataDir, 'library.json'), 'utf8'), before);
  });

  it('grants dropped files only by absolute paths the shell read from the drop', () => {
    assert.equal(api.grantDroppedFiles([]), null);
    assert.equal(api.grantDroppedFiles(['']), null, 'a File the page made itself has no path');
    assert.equal(api.grantDroppedFiles(['relative/notes.txt']), null);
    assert.deepEqual(api.grantDroppedFiles([join(outside, 'dropped.txt')])?.names, ['dropped.txt']);
  });

  it('asks the renderer to flush its drafts and waits for the answer', async () => {
    events.length = 0;
    const outcome = api.flushDrafts(60_000);
    const asked = events.find(
      (e): e is Extract<GlossEvent, { type: 'flush-drafts' }> => e.type === 'flush-drafts',
    );
    assert.ok(asked, 'the renderer was asked');
    await api.draftsFlushed({ request: asked.request + 1 }); // someone else's answer does not count
    await api.draftsFlushed({ request: asked.request });
    assert.equal(await outcome, 'flushed');
  });

  it('closes anyway when the renderer does not answer', async () => {
    assert.equal(await api.flushDrafts(20), 'timeout');
  });
});
