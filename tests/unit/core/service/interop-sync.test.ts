/**
 * Round-trip Markdown: notes exported by Gloss, edited in another editor
 * (Obsidian), and synced back with `gloss sync` / File › Sync from Markdown….
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Annotation, BatchReport } from '@core/contract';
import { createGloss, type GlossService } from '@core/service';
import { readMarkdownPassages } from '@core/interop/markdown-passages';
import { glossInProcess } from '../../helpers/run-gloss';
import { BATCH_JOURNAL } from '@core/store/batch-changes';
import { assertWholeOrNothing, crashAfterEachWrite } from '../../helpers/crash-each-write';

const TEXT = [
  'The council voted on Tuesday to close the old bridge for repairs.',
  'Traffic will move to the ferry, which runs every twenty minutes.',
  'Shopkeepers on the east bank fear the closure will cost them customers.',
  'The mayor promised the work would be finished before winter.',
].join('\n\n');

interface Setup {
  /** Holds the library folder (data/) and the exported files beside it. */
  dir: string;
  data: string;
  gloss: GlossService;
  articleId: string;
  byQuote: (start: string) => Annotation;
  all: () => Promise<Annotation[]>;
  file: string;
}

async function setup(): Promise<Setup> {
  const dir = await mkdtemp(join(tmpdir(), 'gloss-sync-'));
  const data = join(dir, 'data');
  const gloss = await createGloss({
    dataDir: data,
    seedsDir: join(dir, 'none'),
    now: () => new Date('2024-06-01T10:00:00Z'),
  });
  const { imported } = await gloss.importText({ title: 'Bridge closes', text: TEXT });
  const articleId = imported[0].id;
  const article = await gloss.getArticle({ id: articleId });
  const mark = (words: string, tags: string[], note: string) => {
    const start = article.text.indexOf(words);
    return gloss.createAnnotation({
      articleId,
      start,
      end: start + words.length,
      color: 'yellow',
      tags,
      note,
    });
  };
  await mark('close the old bridge for repairs', ['claim'], '');
  await mark('runs every twenty minutes', [], 'Check the timetable.');
  await mark('cost them customers', ['economy'], 'Ask the traders.');
  await mark('finished before winter', ['promise'], '');
  const list = await gloss.listAnnotations({ articleId });
  const file = join(dir, 'Bridge closes.md');
  await gloss.exportNotes({ articleId, format: 'md', path: file });
  return {
    dir,
    data,
    gloss,
    articleId,
    file,
    byQuote: (start) => list.find((a) => a.target.quote.exact.startsWith(start))!,
    all: async () => gloss.listAnnotations({ articleId }),
  };
}

/**
 * A second article ('Second story', a passage and the note 'Ferry note.') beside the first, whose note is
 * `firstNote`; the whole library exported as Markdown to `file`.
 */
async function exportTwoArticles(s: Setup, firstNote: string): Promise<{ second: string; file: string }> {
  await s.gloss.setArticleNote({ articleId: s.articleId, text: firstNote });
  const { imported } = await s.gloss.importText({
    title: 'Second story',
    text: 'A ferry timetable was posted at the pier.',
  });
  const second = imported[0].id;
  await s.gloss.createAnnotation({ articleId: second, start: 2, end: 17, color: 'green' });
  await s.gloss.setArticleNote({ articleId: second, text: 'Ferry note.' });
  const file = join(s.dir, 'library.md');
  await s.gloss.exportNotes({ format: 'md', path: file });
  return { second, file };
}

/** The edits a reader makes in Obsidian: a tag added, a note changed, a passage deleted, a quote altered. */
function edit(md: string): string {
  const lines = md.split('\n');
  const out: string[] = [];
  let skipping = false;
  for (const line of lines) {
    // Delete the "cost them customers" passage: its quote, tags, note and citation.
    if (line.startsWith('> cost them customers')) skipping = true;
    else if (skipping && line.startsWith('>')) skipping = false;
    if (skipping) continue;
    out.push(line);
  }
  return out
    .join('\n')
    .replace('#claim', '#claim #bridge/repairs')
    .replace('Check the timetable.', 'Check the timetable: the ferry runs until midnight.')
    .replace('> finished before winter', '> finished before the first snow');
}

describe('syncing an exported Markdown file edited by hand', () => {
  let s: Setup;
  before(async () => {
    s = await setup();
    await writeFile(s.file, edit(await readFile(s.file, 'utf8')));
  });
  after(async () => {
    await s.gloss.close();
    await rm(s.dir, { recursive: true, force: true });
  });

  it('lists every change on a dry run and writes nothing', async () => {
    const before = await s.all();
    const r = await s.gloss.syncMarkdown({ path: s.file, dryRun: true });
    assert.equal(r.passages, 3);
    assert.deepEqual(
      r.changes.map((c) => [
        c.quote.slice(0, 20),
        c.tags ?? null,
        c.note?.to ?? null,
        !!c.deleted,
        c.applied,
      ]),
      [
        ['close the old bridge', { added: ['bridge/repairs'], removed: [] }, null, false, false],
        ['runs every twenty mi', null, 'Check the timetable: the ferry runs until midnight.', false, false],
        ['cost them customers', null, null, true, false],
      ],
    );
    assert.deepEqual(await s.all(), before);
  });

  it('reports the altered quote as changed in the file and ignored, never writing it into the article', async () => {
    const r = await s.gloss.syncMarkdown({ path: s.file, dryRun: true });
    assert.equal(r.problems.length, 1);
    assert.equal(r.problems[0].kind, 'quote-changed');
    assert.match(r.problems[0].message, /quote changed in the file, ignored/);
  });

  it('applies the note and the tag, and keeps the deleted passage until deleting is asked for', async () => {
    const r = await s.gloss.syncMarkdown({ path: s.file });
    assert.equal(r.deletionsHeldBack, 1);
    const now = await s.all();
    const bridge = now.find((a) => a.target.quote.exact.startsWith('close the old bridge'))!;
    assert.deepEqual(bridge.tags, ['claim', 'bridge/repairs']);
    assert.equal(bridge.modified, '2024-06-01T10:00:00.000Z');
    assert.equal(
      now.find((a) => a.target.quote.exact.startsWith('runs every'))!.note,
      'Check the timetable: the ferry runs until midnight.',
    );
    assert.ok(now.some((a) => a.target.quote.exact === 'cost them customers'));
    assert.equal(
      now.find((a) => a.target.quote.exact.startsWith('finished'))!.target.quote.exact,
      'finished before winter',
    );
    const article = await s.gloss.getArticle({ id: s.articleId });
    assert.ok(article.text.includes('finished before winter') && !article.text.includes('first snow'));
  });

  it('deletes the passage removed from the file when asked, as one batch that undo puts back', async () => {
    const before = await s.all();
    const r = await s.gloss.syncMarkdown({ path: s.file, delete: true });
    assert.equal(r.deletionsHeldBack, 0);
    assert.ok(!(await s.all()).some((a) => a.target.quote.exact === 'cost them customers'));
    assert.deepEqual(
      r.batch?.before.map((a) => a.target.quote.exact),
      ['cost them customers'],
    );
    // Undo, as the app's batch history does it.
    await s.gloss.restoreAnnotations({ annotations: r.batch!.before });
    assert.deepEqual(await s.all(), before);
    await s.gloss.syncMarkdown({ path: s.file, delete: true });
  });

  it('changes nothing the second time the same file is synced', async () => {
    const before = await s.all();
    const r = await s.gloss.syncMarkdown({ path: s.file, delete: true });
    assert.deepEqual(r.changes, []);
    assert.equal(r.batch, undefined);
    assert.deepEqual(await s.all(), before);
  });
});

describe('what the sync leaves alone', () => {
  let s: Setup;
  before(async () => {
    s = await setup();
  });
  after(async () => {
    await s.gloss.close();
    await rm(s.dir, { recursive: true, force: true });
  });

  it('an unedited export: nothing to change', async () => {
    const r = await s.gloss.syncMarkdown({ path: s.file, dryRun: true });
    assert.equal(r.passages, 4);
    assert.deepEqual(r.changes, []);
    assert.deepEqual(r.problems, []);
  });

  it('front matter and citation fields added around the passages (by a newer export, or by hand)', async () => {
    const md = (await readFile(s.file, 'utf8'))
      .replace(
        /^---\n/,
        '---\naliases:\n  - bridge notes\ncitation: "Council, Bridge closes, 2024"\naccessed: 2024-06-02\n',
      )
      .replace(
        /^(— .*)$/gm,
        '$1\n\n[Open the passage](https://example.org/bridge#:~:text=close) · doi: 10.1000/xyz',
      );
    await writeFile(s.file, md);
    const r = await s.gloss.syncMarkdown({ path: s.file, dryRun: true });
    assert.equal(r.passages, 4);
    assert.deepEqual(r.changes, []);
  });

  it('block ids it does not know, or that were damaged, are reported by line and never stop the sync', async () => {
    const md = (await readFile(s.file, 'utf8'))
      .replace('Check the timetable.', 'Check the timetable twice.')
      .concat('\n> A passage from another library ^gloss-deadbeef\n\n> Mangled ^gloss-ab_cd!\n');
    await writeFile(s.file, md);
    const r = await s.gloss.syncMarkdown({ path: s.file });
    assert.deepEqual(
      r.problems.map((p) => p.kind),
      ['damaged', 'unknown'],
    );
    assert.match(r.problems[1].message, /\^gloss-deadbeef \(line \d+\) is not a highlight in this library/);
    assert.equal(r.changes.length, 1);
    assert.equal(
      (await s.all()).find((a) => a.target.quote.exact.startsWith('runs'))!.note,
      'Check the timetable twice.',
    );
  });

  it('a passage made after the file was written is not taken for one deleted from it', async () => {
    const article = await s.gloss.getArticle({ id: s.articleId });
    const start = article.text.indexOf('Shopkeepers');
    const later = new Date(Date.now() + 60_000);
    const g2 = s.gloss;
    await g2.createAnnotation({ articleId: s.articleId, start, end: start + 11, color: 'pink' });
    // The clock of this library says 2024; make the new passage newer than the file by its creation time.
    const made = (await s.all()).find((a) => a.target.quote.exact === 'Shopkeepers')!;
    await g2.restoreAnnotations({ annotations: [{ ...made, created: later.toISOString() }] });
    const r = await s.gloss.syncMarkdown({ path: s.file, dryRun: true, delete: true });
    assert.ok(!r.changes.some((c) => c.deleted));
  });

  it('a Markdown file Gloss did not write is refused with a sentence', async () => {
    const other = join(s.dir, 'mine.md');
    await writeFile(other, '# My notes\n\n> A quote\n\nA thought.\n');
    await assert.rejects(s.gloss.syncMarkdown({ path: other }), (err: Error & { code?: string }) => {
      assert.equal(err.code, 'UNSUPPORTED_FORMAT');
      assert.match(err.message, /“mine\.md” has no passages exported by Gloss/);
      return true;
    });
  });
});

describe('a whole-library export', () => {
  it('syncs passages of several articles from one file', async () => {
    const s = await setup();
    try {
      const { imported } = await s.gloss.importText({
        title: 'Second story',
        text: 'A ferry timetable was posted at the pier.',
      });
      await s.gloss.createAnnotation({
        articleId: imported[0].id,
        start: 2,
        end: 17,
        color: 'green',
        tags: ['ferry'],
      });
      const file = join(s.dir, 'library.md');
      await s.gloss.exportNotes({ format: 'md', path: file });
      const md = await readFile(file, 'utf8');
      assert.equal(readMarkdownPassages(md).passages.length, 5);
      await writeFile(
        file,
        md.replace('#ferry', '#ferry #pier').replace('Ask the traders.', 'Asked: they agree.'),
      );
      const r = await s.gloss.syncMarkdown({ path: file });
      assert.deepEqual(r.changes.map((c) => c.articleTitle).sort(), ['Bridge closes', 'Second story']);
      const [ferry] = await s.gloss.listAnnotations({ articleId: imported[0].id });
      assert.deepEqual(ferry.tags, ['ferry', 'pier']);
    } finally {
      await s.gloss.close();
      await rm(s.dir, { recursive: true, force: true });
    }
  });
});

describe('gloss sync', () => {
  it('lists with --dry-run, keeps deletions without --delete, and applies with it', async () => {
    const s = await setup();
    await s.gloss.close();
    try {
      await writeFile(s.file, edit(await readFile(s.file, 'utf8')));
      const dry = await glossInProcess('sync', s.file, '--dry-run', '--data-dir', s.data);
      assert.equal(dry.code, 0, dry.stderr);
      assert.match(dry.stdout, /3 passages of the library found/);
      assert.match(dry.stdout, /\+#bridge\/repairs/);
      assert.match(dry.stdout, /Dry run: 3 changes listed, nothing written\./);
      assert.match(dry.stderr, /quote changed in the file, ignored/);
      const kept = await glossInProcess('sync', s.file, '--data-dir', s.data);
      assert.match(
        kept.stdout,
        /2 changes applied\.\n1 passage deleted in the file was kept; run again with --delete to delete it\./,
      );
      const del = await glossInProcess('sync', s.file, '--delete', '--json', '--data-dir', s.data);
      assert.equal(JSON.parse(del.stdout).batch.before.length, 1);
      const again = await glossInProcess('sync', s.file, '--delete', '--data-dir', s.data);
      assert.match(again.stdout, /Nothing changed\./);
    } finally {
      await rm(s.dir, { recursive: true, force: true });
    }
  });
});

describe('the article note (the paragraphs under the title, before the first passage)', () => {
  let s: Setup;
  const note = async () => (await s.gloss.getArticleNote({ articleId: s.articleId }))?.text ?? null;
  const exportAgain = () => s.gloss.exportNotes({ articleId: s.articleId, format: 'md', path: s.file });
  before(async () => {
    s = await setup();
    await s.gloss.setArticleNote({
      articleId: s.articleId,
      text: 'Why it matters: the only crossing.\n\nAsk the ferry company.',
    });
    await exportAgain();
  });
  after(async () => {
    await s.gloss.close();
    await rm(s.dir, { recursive: true, force: true });
  });

  it('is exported at the top of the article’s notes, and an unedited file changes nothing', async () => {
    const md = await readFile(s.file, 'utf8');
    assert.match(
      md,
      /^# Bridge closes\n\nWhy it matters: the only crossing\.\n\nAsk the ferry company\.\n\n> /m,
    );
    const r = await s.gloss.syncMarkdown({ path: s.file, dryRun: true });
    assert.deepEqual(r.articleNotes, []);
    assert.deepEqual(r.problems, []);
  });

  it('edited in the file: listed by a dry run, which writes nothing', async () => {
    const md = await readFile(s.file, 'utf8');
    await writeFile(
      s.file,
      md.replace('Ask the ferry company.', 'Asked the ferry company: no night crossings.'),
    );
    const r = await s.gloss.syncMarkdown({ path: s.file, dryRun: true });
    assert.deepEqual(r.articleNotes, [
      {
        articleId: s.articleId,
        articleTitle: 'Bridge closes',
        from: 'Why it matters: the only crossing.\n\nAsk the ferry company.',
        to: 'Why it matters: the only crossing.\n\nAsked the ferry company: no night crossings.',
        applied: false,
      },
    ]);
    assert.deepEqual(r.changes, []);
    assert.equal(await note(), 'Why it matters: the only crossing.\n\nAsk the ferry company.');
  });

  it('is applied, and syncing the same file again changes nothing', async () => {
    const r = await s.gloss.syncMarkdown({ path: s.file });
    assert.equal(r.articleNotes[0]?.applied, true);
    assert.equal(
      await note(),
      'Why it matters: the only crossing.\n\nAsked the ferry company: no night crossings.',
    );
    const again = await s.gloss.syncMarkdown({ path: s.file });
    assert.deepEqual(again.articleNotes, []);
    assert.deepEqual(again.changes, []);
  });

  it('removed from the file: removed from the article; written where there was none: added', async () => {
    const md = await readFile(s.file, 'utf8');
    await writeFile(s.file, md.replace(/(# Bridge closes\n\n)[^>]*(> )/, '$1$2'));
    await s.gloss.syncMarkdown({ path: s.file });
    assert.equal(await note(), null);
    await writeFile(s.file, md.replace(/(# Bridge closes\n\n)[^>]*(> )/, '$1Read again on Monday.\n\n$2'));
    const r = await s.gloss.syncMarkdown({ path: s.file });
    assert.deepEqual(
      r.articleNotes.map((n) => [n.from, n.to]),
      [['', 'Read again on Monday.']],
    );
    assert.equal(await note(), 'Read again on Monday.');
  });

  it('a saved note the file cannot give back unchanged (it holds a heading) is kept, and the sync says so', async () => {
    const saved = 'Plan:\n\n## Sources\n\nThe council minutes.';
    await s.gloss.setArticleNote({ articleId: s.articleId, text: saved });
    await exportAgain();
    const md = await readFile(s.file, 'utf8');
    await writeFile(s.file, md.replace('The council minutes.', 'The council minutes, 3 June.'));
    const r = await s.gloss.syncMarkdown({ path: s.file });
    assert.deepEqual(r.articleNotes, []);
    assert.deepEqual(
      r.problems.map((p) => p.kind),
      ['article-note-kept'],
    );
    assert.match(r.problems[0].message, /The article note above \^gloss-\w+ \(line \d+\) was left alone/);
    assert.equal(await note(), saved);
  });

  it('in a whole-library export, each article’s note is the one under its own heading', async () => {
    const { second, file } = await exportTwoArticles(s, 'Bridge note.');
    await writeFile(file, (await readFile(file, 'utf8')).replace('Ferry note.', 'Ferry note, checked.'));
    const r = await s.gloss.syncMarkdown({ path: file });
    assert.deepEqual(
      r.articleNotes.map((n) => [n.articleTitle, n.to]),
      [['Second story', 'Ferry note, checked.']],
    );
    assert.equal((await s.gloss.getArticleNote({ articleId: second }))?.text, 'Ferry note, checked.');
    assert.equal(await note(), 'Bridge note.');
  });
});

describe('gloss sync and the article note', () => {
  it('lists the edited note on a dry run, applies it, and finds nothing the second time', async () => {
    const s = await setup();
    await s.gloss.setArticleNote({ articleId: s.articleId, text: 'First thoughts.' });
    await s.gloss.exportNotes({ articleId: s.articleId, format: 'md', path: s.file });
    await s.gloss.close();
    try {
      await writeFile(
        s.file,
        (await readFile(s.file, 'utf8')).replace('First thoughts.', 'Second thoughts.'),
      );
      const dry = await glossInProcess('sync', s.file, '--dry-run', '--data-dir', s.data);
      assert.equal(dry.code, 0, dry.stderr);
      assert.match(dry.stdout, /article note of “Bridge closes” changed: “Second thoughts\.”/);
      assert.match(dry.stdout, /Dry run: 1 change listed, nothing written\./);
      const applied = await glossInProcess('sync', s.file, '--data-dir', s.data);
      assert.match(applied.stdout, /1 change applied\./);
      const again = await glossInProcess('sync', s.file, '--data-dir', s.data);
      assert.match(again.stdout, /Nothing changed\./);
      const gloss = await createGloss({ dataDir: s.data, seedsDir: join(s.dir, 'none') });
      assert.equal((await gloss.getArticleNote({ articleId: s.articleId }))?.text, 'Second thoughts.');
      await gloss.close();
    } finally {
      await rm(s.dir, { recursive: true, force: true });
    }
  });
});

describe('a sync interrupted by a crash', () => {
  it('is finished at the next start — its changes and its deletions — and finishing twice changes nothing more', async () => {
    const s = await setup();
    const [first, second] = await s.all();
    await s.gloss.close();
    // The journal was written, then the process died before any notes file changed.
    const journal = JSON.stringify({
      kind: 'restore',
      annotations: [{ ...first, note: 'Changed in the file.', modified: '2024-06-02T00:00:00.000Z' }],
      remove: [{ articleId: second.articleId, id: second.id }],
    });
    await writeFile(join(s.data, BATCH_JOURNAL), journal);
    let gloss = await createGloss({ dataDir: s.data, seedsDir: join(s.dir, 'none') });
    assert.deepEqual((await gloss.storeStatus()).warnings, [
      'Gloss was closed while changing 1 and deleting 1 highlights; it has now been finished.',
    ]);
    const after = await gloss.listAnnotations({ articleId: s.articleId });
    assert.equal(after.length, 3);
    assert.equal(after.find((a) => a.id === first.id)?.note, 'Changed in the file.');
    assert.ok(!after.some((a) => a.id === second.id));
    await gloss.close();
    await writeFile(join(s.data, BATCH_JOURNAL), journal);
    gloss = await createGloss({ dataDir: s.data, seedsDir: join(s.dir, 'none') });
    assert.deepEqual(await gloss.listAnnotations({ articleId: s.articleId }), after);
    await gloss.close();
    await rm(s.dir, { recursive: true, force: true });
  });

  it('killed after any one of its writes, leaves the whole sync or none of it: passages, deletion and article note', async () => {
    const s = await setup();
    await s.gloss.setArticleNote({ articleId: s.articleId, text: 'First thoughts.' });
    await s.gloss.exportNotes({ articleId: s.articleId, format: 'md', path: s.file });
    await s.gloss.close();
    const md = edit(await readFile(s.file, 'utf8')).replace('First thoughts.', 'Second thoughts.');
    await writeFile(s.file, md);
    const request = join(s.dir, 'sync.json');
    await writeFile(request, JSON.stringify({ path: s.file, delete: true }));
    const stateOf = async (dataDir: string) => {
      const gloss = await createGloss({ dataDir, seedsDir: join(s.dir, 'none') });
      try {
        const passages = (await gloss.listAnnotations({ articleId: s.articleId }))
          .map(({ id, note, tags, modified }) => ({ id, note, tags, modified }))
          .sort((a, b) => a.id.localeCompare(b.id));
        const note = (await gloss.getArticleNote({ articleId: s.articleId }))?.text ?? null;
        return { passages, note };
      } finally {
        await gloss.close();
      }
    };
    try {
      const before = await stateOf(s.data);
      const { crashed, whole } = await crashAfterEachWrite({
        data: s.data,
        scratch: s.dir,
        method: 'syncMarkdown',
        requestFile: request,
        stateIn: stateOf,
      });
      assert.equal(whole.note, 'Second thoughts.');
      assert.equal(whole.passages.length, 3, 'the passage deleted in the file is deleted');
      assert.ok(crashed.length >= 2, 'the sync writes more than once, so a crash can fall between writes');
      assertWholeOrNothing({ crashed, whole }, before);
    } finally {
      await rm(s.dir, { recursive: true, force: true });
    }
  });
});

describe('undoing a sync', () => {
  /** Two articles, each with a note; a whole-library export edited in both notes, a passage changed and one deleted. */
  async function syncedLibrary() {
    const s = await setup();
    const { second, file } = await exportTwoArticles(s, 'First thoughts.');
    const md = edit(await readFile(file, 'utf8'))
      .replace('First thoughts.', 'Second thoughts.')
      .replace('Ferry note.', 'Ferry note, checked.');
    await writeFile(file, md);
    const stateOf = async (gloss: GlossService) => {
      const state = [];
      for (const articleId of [s.articleId, second]) {
        const passages = (await gloss.listAnnotations({ articleId }))
          .map(({ id, note, tags, modified }) => ({ id, note, tags, modified }))
          .sort((a, b) => a.id.localeCompare(b.id));
        state.push({ passages, note: await gloss.getArticleNote({ articleId }) });
      }
      return state;
    };
    const unsynced = await stateOf(s.gloss);
    const r = await s.gloss.syncMarkdown({ path: file, delete: true });
    return { s, second, stateOf, unsynced, batch: r.batch! };
  }

  /** The request the app's Undo sends for a batch (renderer/src/ui/batchHistory.ts). */
  const undoRequest = (batch: BatchReport) => ({
    annotations: batch.before,
    articleNotes: (batch.articleNotes ?? []).map((n) => ({ articleId: n.articleId, note: n.before })),
  });

  it('the sync’s batch names each article note it set, as it was and as it is', async () => {
    const { s, second, batch } = await syncedLibrary();
    try {
      assert.deepEqual(
        batch.articleNotes?.map((n) => [n.articleId, n.before?.text, n.after?.text]),
        [
          [s.articleId, 'First thoughts.', 'Second thoughts.'],
          [second, 'Ferry note.', 'Ferry note, checked.'],
        ],
      );
    } finally {
      await s.gloss.close();
      await rm(s.dir, { recursive: true, force: true });
    }
  });

  it('is one request: the passages, the deleted passage and both article notes come back as they were', async () => {
    const { s, stateOf, unsynced, batch } = await syncedLibrary();
    try {
      assert.notDeepEqual(await stateOf(s.gloss), unsynced);
      const undone = await s.gloss.restoreAnnotations(undoRequest(batch));
      assert.deepEqual(await stateOf(s.gloss), unsynced);
      // What the undo did is itself a batch redo could put back.
      assert.deepEqual(
        undone.articleNotes?.map((n) => [n.before?.text, n.after?.text]),
        [
          ['Second thoughts.', 'First thoughts.'],
          ['Ferry note, checked.', 'Ferry note.'],
        ],
      );
    } finally {
      await s.gloss.close();
      await rm(s.dir, { recursive: true, force: true });
    }
  });

  it('refuses an article note of an article not in the library, and changes nothing', async () => {
    const { s, stateOf, batch } = await syncedLibrary();
    try {
      const synced = await stateOf(s.gloss);
      const request = undoRequest(batch);
      request.articleNotes.push({ articleId: 'not-an-article', note: null });
      await assert.rejects(s.gloss.restoreAnnotations(request), { code: 'NOT_FOUND' });
      assert.deepEqual(await stateOf(s.gloss), synced);
    } finally {
      await s.gloss.close();
      await rm(s.dir, { recursive: true, force: true });
    }
  });

  it('killed after any one of its writes, leaves the whole undo or none of it: passages and both article notes', async () => {
    const { s, stateOf, unsynced, batch } = await syncedLibrary();
    await s.gloss.close();
    const stateIn = async (dataDir: string) => {
      const gloss = await createGloss({ dataDir, seedsDir: join(s.dir, 'none') });
      try {
        return await stateOf(gloss);
      } finally {
        await gloss.close();
      }
    };
    const requestFile = join(s.dir, 'undo.json');
    await writeFile(requestFile, JSON.stringify(undoRequest(batch)));
    try {
      const synced = await stateIn(s.data);
      const { crashed, whole } = await crashAfterEachWrite({
        data: s.data,
        scratch: s.dir,
        method: 'restoreAnnotations',
        requestFile,
        stateIn,
      });
      assert.deepEqual(whole, unsynced, 'the undo puts back every passage and both notes');
      assert.ok(
        crashed.length >= 3,
        'the undo writes the journal and two notes files, so crashes fall between',
      );
      assertWholeOrNothing({ crashed, whole }, synced);
    } finally {
      await rm(s.dir, { recursive: true, force: true });
    }
  });
});
