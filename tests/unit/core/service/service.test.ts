/**
 * The Gloss service, as the app and the CLI use it: a library seeded on first
 * run, annotations over the canonical text, typed errors, export to disk.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGloss, type GlossService } from '@core/service';
import { dispatch } from '@core/dispatch';
import type { GlossApi, GlossEvent } from '@core/contract';

const tempDir = () => mkdtemp(join(tmpdir(), 'gloss-service-'));

async function rejectsWith(p: Promise<unknown>, code: string, pattern?: RegExp) {
  await assert.rejects(p, (err: Error & { code?: string }) => {
    assert.equal(err.code, code, err.message);
    if (pattern) assert.match(err.message, pattern);
    return true;
  });
}

describe('a new library', () => {
  let dir: string;
  let gloss: GlossService;
  before(async () => {
    dir = await tempDir();
    gloss = await createGloss({ dataDir: dir });
  });
  after(async () => {
    await gloss.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('opens with the sample article, not an empty window', async () => {
    const articles = await gloss.listArticles();
    assert.equal(articles.length, 1);
    assert.match(articles[0].title, /enduring defeat of ISIS/);
    assert.equal(articles[0].source, 'Kurdistan 24');
    assert.equal(articles[0].annotationCount, 0);
  });

  it('does not add the same file twice', async () => {
    const seed = join(process.cwd(), 'seeds', '000-kurdistan24-coalition-isis-priority.txt');
    const report = await gloss.importFiles({ paths: [seed] });
    assert.equal(report.imported.length, 0);
    assert.equal(report.existing.length, 1);
    assert.equal((await gloss.listArticles()).length, 1);
  });

  it('does not seed again once the user has emptied the library', async () => {
    const d = await tempDir();
    const g1 = await createGloss({ dataDir: d });
    const [a] = await g1.listArticles();
    await g1.removeArticle({ id: a.id });
    await g1.close();
    const g2 = await createGloss({ dataDir: d });
    assert.deepEqual(await g2.listArticles(), []);
    await g2.close();
  });
});

describe('annotations', () => {
  let dir: string;
  let gloss: GlossService;
  let articleId: string;
  let text: string;
  before(async () => {
    dir = await tempDir();
    gloss = await createGloss({ dataDir: dir });
    [{ id: articleId }] = await gloss.listArticles();
    text = (await gloss.getArticle({ id: articleId })).text;
  });
  after(async () => {
    await gloss.close();
    await rm(dir, { recursive: true, force: true });
  });

  const rangeOf = (quote: string) => {
    const start = text.indexOf(quote);
    assert.ok(start >= 0, `quote not in seed: ${quote}`);
    return { start, end: start + quote.length };
  };

  it('highlights a passage with colour, tags and a note, and carries both selectors', async () => {
    const quote = 'remains the Coalition’s top priority';
    const fallback = "remains the Coalition's top priority";
    const q = text.includes(quote) ? quote : fallback;
    const a = await gloss.createAnnotation({
      articleId,
      ...rangeOf(q),
      color: 'green',
      tags: [' Claim ', 'claim', 'ISIS'],
      note: ' check the date ',
    });
    assert.equal(a.target.quote.exact, q);
    assert.equal(a.target.quote.type, 'TextQuoteSelector');
    assert.ok(a.target.quote.prefix.length > 0 && a.target.quote.suffix.length > 0);
    assert.deepEqual(a.target.position, { type: 'TextPositionSelector', ...rangeOf(q) });
    assert.deepEqual(
      a.tags,
      ['Claim', 'ISIS'],
      'tags trimmed and deduplicated case-insensitively, first spelling kept',
    );
    assert.equal(a.note, 'check the date');
    assert.equal(a.created, a.modified);
  });

  it('highlights across paragraphs and inside a caption, overlapping others', async () => {
    const across = rangeOf('beyond.');
    const end = rangeOf('The removal of Daesh').end;
    const crossing = await gloss.createAnnotation({
      articleId,
      start: across.start,
      end,
      color: 'blue',
      tags: [],
      note: '',
    });
    assert.match(crossing.target.quote.exact, /beyond\.\n\n"The removal of Daesh/);
    const caption = await gloss.createAnnotation({
      articleId,
      ...rangeOf('Aaref Watad/AFP'),
      color: 'pink',
      tags: ['photo'],
      note: '',
    });
    assert.equal(caption.target.quote.exact, 'Aaref Watad/AFP');
    const overlap = await gloss.createAnnotation({
      articleId,
      ...rangeOf('The removal of Daesh/ISIS leader'),
      color: 'purple',
      tags: [],
      note: '',
    });
    assert.ok(overlap.target.position.start < crossing.target.position.end);
    const listed = await gloss.listAnnotations({ articleId });
    const starts = listed.map((a) => a.target.position.start);
    assert.deepEqual(
      starts,
      [...starts].sort((x, y) => x - y),
      'listed in reading order',
    );
  });

  it('updates colour, tags and note, and records the modification time', async () => {
    const [a] = await gloss.listAnnotations({ articleId });
    // Modification times count milliseconds: wait until the clock has passed the last one.
    while (new Date().toISOString() <= a.modified) await new Promise((r) => setImmediate(r));
    const b = await gloss.updateAnnotation({
      articleId,
      id: a.id,
      color: 'yellow',
      tags: ['evidence'],
      note: 'new note',
    });
    assert.equal(b.color, 'yellow');
    assert.deepEqual(b.tags, ['evidence']);
    assert.equal(b.note, 'new note');
    assert.ok(b.modified > a.modified);
    assert.equal(b.created, a.created);
  });

  it('applies changes sent at the same moment one after another, losing none', async () => {
    const a = await gloss.createAnnotation({
      articleId,
      ...rangeOf('Hasakah'),
      color: 'yellow',
      tags: [],
      note: '',
    });
    await Promise.all([
      gloss.updateAnnotation({ articleId, id: a.id, tags: ['prison'] }),
      gloss.updateAnnotation({ articleId, id: a.id, note: 'Check the date of the attack.' }),
      gloss.updateAnnotation({ articleId, id: a.id, color: 'green' }),
      gloss.listAnnotations({ articleId }),
    ]);
    const stored = (await gloss.listAnnotations({ articleId })).find((x) => x.id === a.id)!;
    assert.deepEqual(
      [stored.tags, stored.note, stored.color],
      [['prison'], 'Check the date of the attack.', 'green'],
    );
    await gloss.deleteAnnotation({ articleId, id: a.id });
  });

  it('deletes, and restores the deleted annotation exactly (undo)', async () => {
    const before = await gloss.listAnnotations({ articleId });
    const removed = await gloss.deleteAnnotation({ articleId, id: before[0].id });
    assert.equal((await gloss.listAnnotations({ articleId })).length, before.length - 1);
    await gloss.restoreAnnotation({ annotation: removed });
    assert.deepEqual(await gloss.listAnnotations({ articleId }), before);
  });

  it('lists tags with counts, matched case-insensitively and shown as first written', async () => {
    await gloss.createAnnotation({
      articleId,
      ...rangeOf('Hasakah detention center'),
      color: 'yellow',
      tags: ['PHOTO', 'prison'],
      note: '',
    });
    const tags = await gloss.listTags();
    assert.deepEqual(
      tags.find((t) => t.tag.toLowerCase() === 'photo'),
      { tag: 'photo', count: 2 },
    );
    assert.ok(tags.some((t) => t.tag === 'prison' && t.count === 1));
  });

  it('counts highlights in the library list', async () => {
    const [summary] = await gloss.listArticles();
    assert.equal(summary.annotationCount, (await gloss.listAnnotations({ articleId })).length);
  });

  it('refuses invalid requests with typed errors', async () => {
    await rejectsWith(
      gloss.createAnnotation({
        articleId,
        start: 10,
        end: text.length + 5,
        color: 'yellow',
        tags: [],
        note: '',
      }),
      'OUT_OF_RANGE',
    );
    await rejectsWith(
      gloss.createAnnotation({ articleId, start: 10, end: 10, color: 'yellow', tags: [], note: '' }),
      'OUT_OF_RANGE',
    );
    await rejectsWith(
      gloss.createAnnotation({ articleId: 'nope', start: 0, end: 5, color: 'yellow', tags: [], note: '' }),
      'NOT_FOUND',
    );
    await rejectsWith(gloss.updateAnnotation({ articleId, id: 'missing' }), 'NOT_FOUND');
    await rejectsWith(gloss.getArticle({ id: 'nope' }), 'NOT_FOUND');
  });

  it('validates every payload that crosses IPC, before the service sees it', async () => {
    const api = gloss as unknown as GlossApi;
    const count = (await gloss.listAnnotations({ articleId })).length;
    for (const [channel, payload] of [
      ['createAnnotation', { articleId, start: -1, end: 5, color: 'yellow' }],
      ['createAnnotation', { articleId, start: 0, end: 5, color: 'octarine' }],
      ['createAnnotation', { articleId, start: 0, end: 5, color: 'yellow', tags: 'not-a-list' }],
      ['createAnnotation', null],
      ['getArticle', { id: 42 }],
      ['exportNotes', { format: 'docx', path: '/tmp/x' }],
      ['deleteFiles', { path: '/' }],
      ['__proto__', {}],
    ] as const) {
      const result = await dispatch(api, channel, payload);
      assert.equal(result.ok, false, `${channel} ${JSON.stringify(payload)} should be refused`);
      if (!result.ok) assert.equal(result.error.code, 'INVALID_REQUEST');
    }
    assert.equal((await gloss.listAnnotations({ articleId })).length, count, 'nothing was saved');
    const ok = await dispatch(api, 'createAnnotation', { articleId, start: 0, end: 5, color: 'yellow' });
    assert.equal(ok.ok, true, 'defaults fill tags and note');
  });

  it('survives a restart: everything is on disk', async () => {
    const list = await gloss.listAnnotations({ articleId });
    await gloss.close();
    gloss = await createGloss({ dataDir: dir });
    assert.deepEqual(await gloss.listAnnotations({ articleId }), list);
  });

  it('exports Markdown, Web Annotation JSON and CSV to the path given', async () => {
    const out = await tempDir();
    const md = join(out, 'notes.md');
    const r = await gloss.exportNotes({ articleId, format: 'md', path: md });
    assert.equal(r.path, md);
    const content = await readFile(md, 'utf8');
    assert.match(content, /^---\n/);
    assert.match(content, /#evidence/);
    assert.match(content, /\^gloss-/);
    const json = JSON.parse(
      await gloss
        .exportNotes({ format: 'json', path: join(out, 'notes.json') })
        .then((x) => readFile(x.path, 'utf8')),
    );
    assert.equal(json.type, 'AnnotationCollection');
    assert.equal(json.total, r.annotations);
    const csv = await gloss
      .exportNotes({ articleId, format: 'csv', path: join(out, 'notes.csv') })
      .then((x) => readFile(x.path, 'utf8'));
    assert.match(csv.split('\n')[0], /quote/);
  });

  it('never exports into the library folder, even to a new name, and says why', async () => {
    await rejectsWith(
      gloss.exportNotes({ articleId, format: 'md', path: join(dir, 'library.json') }),
      'INVALID_REQUEST',
      /inside Gloss’s library folder/,
    );
    await rejectsWith(
      gloss.exportNotes({ articleId, format: 'md', path: join(dir, 'notes.md') }),
      'INVALID_REQUEST',
      /Choose another folder/,
    );
    const reopened = (await gloss.listAnnotations({ articleId })).length;
    assert.ok(reopened > 0, 'the notes are intact');
  });

  it('reports an unwritable export path clearly and leaves nothing behind', async () => {
    const file = join(await tempDir(), 'a-file');
    await writeFile(file, 'x');
    await rejectsWith(
      gloss.exportNotes({ articleId, format: 'md', path: join(file, 'notes.md') }),
      'IO',
      /Could not write/,
    );
  });
});

describe('a library another Gloss is using', () => {
  it('is refused with a clear message, and free again after close', async () => {
    const dir = await tempDir();
    const first = await createGloss({ dataDir: dir });
    await rejectsWith(createGloss({ dataDir: dir }), 'LOCKED', /already using/);
    await first.close();
    const second = await createGloss({ dataDir: dir });
    await second.close();
  });
});

describe('pasting', () => {
  it('turns pasted HTML into an article, titled as the user asked, with nothing executable', async () => {
    const dir = await tempDir();
    const gloss = await createGloss({ dataDir: dir, seedsDir: join(dir, 'no-seeds') });
    const report = await gloss.importText({
      text: 'Ignored plain text',
      html: '<h1>Old title</h1><p onclick="alert(1)">First <b>point</b>.</p><script>alert(2)</script><p>Second.</p>',
      title: 'Clipped note',
    });
    assert.equal(report.failed.length, 0, JSON.stringify(report.failed));
    const article = await gloss.getArticle({ id: report.imported[0].id });
    assert.equal(article.meta.title, 'Clipped note');
    assert.deepEqual(
      article.blocks.map((b) => [b.kind, b.text]),
      [
        ['title', 'Clipped note'],
        ['paragraph', 'First point.'],
        ['paragraph', 'Second.'],
      ],
    );
    await gloss.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('turns pasted plain text into an article', async () => {
    const dir = await tempDir();
    const gloss = await createGloss({ dataDir: dir, seedsDir: join(dir, 'no-seeds') });
    const report = await gloss.importText({ text: 'A title\n\nA paragraph worth keeping.' });
    const article = await gloss.getArticle({ id: report.imported[0].id });
    assert.equal(article.meta.title, 'A title');
    await gloss.close();
    await rm(dir, { recursive: true, force: true });
  });
});

describe('import reports', () => {
  it('pass on what the user should know about an article that did import', async () => {
    const dir = await tempDir();
    const gloss = await createGloss({ dataDir: dir, seedsDir: join(dir, 'no-seeds') });
    const latin1 = join(dir, 'cafe.txt');
    await writeFile(latin1, Buffer.from('Caf\xe9 notes\n\nA cr\xe8me br\xfbl\xe9e, served cold.', 'latin1'));
    const report = await gloss.importFiles({ paths: [latin1] });
    assert.equal(report.imported.length, 1);
    assert.equal(report.imported[0].title, 'Café notes');
    assert.equal(report.warnings?.length, 1);
    assert.match(report.warnings![0].message, /not valid UTF-8/);
    await gloss.close();
    await rm(dir, { recursive: true, force: true });
  });
});

describe('exporting the whole library', () => {
  it('reads only the articles that have notes, so a damaged article without notes does not stop it', async () => {
    const dir = await tempDir();
    const gloss = await createGloss({ dataDir: dir });
    const [seed] = await gloss.listArticles();
    const other = join(dir, 'other.txt');
    await writeFile(other, 'Another article\n\nIts only paragraph, never highlighted.');
    const { imported } = await gloss.importFiles({ paths: [other] });
    const text = (await gloss.getArticle({ id: seed.id })).text;
    const start = text.indexOf('Hasakah');
    await gloss.createAnnotation({
      articleId: seed.id,
      start,
      end: start + 7,
      color: 'yellow',
      tags: ['prison'],
      note: '',
    });
    await gloss.close();
    await writeFile(join(dir, 'articles', `${imported[0].id}.json`), '{ damaged');

    const reopened = await createGloss({ dataDir: dir });
    const out = await tempDir();
    const report = await reopened.exportNotes({ format: 'md', path: join(out, 'all.md') });
    assert.deepEqual([report.articles, report.annotations], [1, 1]);
    assert.match(await readFile(join(out, 'all.md'), 'utf8'), /#prison/);
    await reopened.close();
    await rm(dir, { recursive: true, force: true });
  });
});

describe('damage found while the app runs', () => {
  it('is sent to the window as a store-warning event, not only kept for the next storeStatus', async () => {
    const dir = await tempDir();
    const first = await createGloss({ dataDir: dir });
    const [seed] = await first.listArticles();
    for (const start of [0, 10])
      await first.createAnnotation({
        articleId: seed.id,
        start,
        end: start + 5,
        color: 'yellow',
        tags: [],
        note: '',
      });
    await first.close();
    const notes = join(dir, 'notes', `${seed.id}.json`);
    const bytes = await readFile(notes);
    await writeFile(notes, bytes.subarray(0, bytes.length >> 1));

    const events: GlossEvent[] = [];
    const gloss = await createGloss({ dataDir: dir, onEvent: (e) => events.push(e) });
    assert.deepEqual(
      (await gloss.storeStatus()).warnings,
      [],
      'nothing is known before the notes file is read',
    );
    assert.equal((await gloss.listAnnotations({ articleId: seed.id })).length, 1);
    const [warning] = (await gloss.storeStatus()).warnings;
    assert.match(
      warning,
      /^notes\/.+\.json was damaged and has been moved to .+; restored the last good copy from /,
    );
    assert.deepEqual(
      events.filter((e) => e.type === 'store-warning'),
      [{ type: 'store-warning', message: warning }],
    );
    await gloss.close();
    await rm(dir, { recursive: true, force: true });
  });
});

describe('an article whose saved copy is damaged', () => {
  /** A library with the sample and one more article carrying two notes; then that article's content file damaged. */
  async function damagedLibrary() {
    const dir = await tempDir();
    const out = await tempDir();
    const source = join(out, 'other.txt');
    await writeFile(
      source,
      'Another article\n\nIts first paragraph, about the river.\n\nIts second paragraph, about the bridge.',
    );
    const gloss = await createGloss({ dataDir: dir });
    const {
      imported: [other],
    } = await gloss.importFiles({ paths: [source] });
    const text = (await gloss.getArticle({ id: other.id })).text;
    const at = (quote: string) => ({ start: text.indexOf(quote), end: text.indexOf(quote) + quote.length });
    const river = await gloss.createAnnotation({
      articleId: other.id,
      ...at('the river'),
      color: 'green',
      tags: ['water'],
      note: 'upstream',
    });
    const bridge = await gloss.createAnnotation({
      articleId: other.id,
      ...at('the bridge'),
      color: 'yellow',
      tags: [],
      note: '',
    });
    await gloss.close();
    await writeFile(join(dir, 'articles', `${other.id}.json`), '{ damaged');
    const cleanup = () =>
      Promise.all([rm(dir, { recursive: true, force: true }), rm(out, { recursive: true, force: true })]);
    return { dir, out, source, other, saved: [river, bridge], cleanup };
  }

  it('still lists its notes (as saved: without the text they cannot be re-anchored), and they can be edited', async () => {
    const { dir, other, saved, cleanup } = await damagedLibrary();
    const gloss = await createGloss({ dataDir: dir });
    assert.deepEqual(await gloss.listAnnotations({ articleId: other.id }), saved);
    assert.match(
      (await gloss.storeStatus()).warnings.join('\n'),
      /The saved copy of “Another article” was damaged/,
    );
    const updated = await gloss.updateAnnotation({ articleId: other.id, id: saved[1].id, note: 'kept' });
    assert.equal(updated.note, 'kept');
    assert.equal((await gloss.listArticles()).find((a) => a.id === other.id)?.annotationCount, 2);
    await gloss.close();
    await cleanup();
  });

  it('does not stop an export: its notes are exported from their saved quotes, and the report says why', async () => {
    const { dir, out, other, cleanup } = await damagedLibrary();
    const gloss = await createGloss({ dataDir: dir });
    const expected =
      'The saved copy of “Another article” is damaged, so its 2 highlights were exported from the saved quotes, without a place in the text. Import the same file again to repair it.';
    const all = await gloss.exportNotes({ format: 'md', path: join(out, 'all.md') });
    assert.deepEqual([all.articles, all.annotations, all.warnings], [1, 2, [expected]]);
    const md = await readFile(join(out, 'all.md'), 'utf8');
    assert.match(md, /> the river \^gloss-/);
    assert.match(md, /#water\n\nupstream/);
    const one = await gloss.exportNotes({ articleId: other.id, format: 'csv', path: join(out, 'one.csv') });
    assert.deepEqual([one.annotations, one.warnings], [2, [expected]]);
    assert.match(
      await readFile(join(out, 'one.csv'), 'utf8'),
      /Another article,,,the river,upstream,water,green,,,/,
    );
    await gloss.close();
    await cleanup();
  });

  it('is repaired by importing the same file again: same place in the library, notes kept and anchored', async () => {
    const { dir, source, other, saved, cleanup } = await damagedLibrary();
    const gloss = await createGloss({ dataDir: dir });
    await assert.rejects(
      gloss.getArticle({ id: other.id }),
      (err: Error & { code?: string }) => err.code === 'CORRUPT',
    );
    const report = await gloss.importFiles({ paths: [source] });
    assert.deepEqual(
      report.imported.map((a) => [a.id, a.importedAt, a.annotationCount]),
      [[other.id, other.importedAt, 2]],
    );
    assert.deepEqual(report.existing, []);
    assert.deepEqual(report.warnings, [
      {
        source: 'Another article',
        message:
          'Its saved copy in the library was damaged; this import repaired it, and its notes are kept.',
      },
    ]);
    const article = await gloss.getArticle({ id: other.id });
    assert.equal(article.meta.importedAt, other.importedAt);
    assert.deepEqual(await gloss.listAnnotations({ articleId: other.id }), saved);
    assert.equal(
      (await gloss.importFiles({ paths: [source] })).existing.length,
      1,
      'once repaired, the same file is "already there" again',
    );
    await gloss.close();
    const reopened = await createGloss({ dataDir: dir });
    assert.deepEqual((await reopened.getArticle({ id: other.id })).text, article.text);
    assert.deepEqual((await reopened.storeStatus()).warnings, []);
    await reopened.close();
    await cleanup();
  });

  it('can be removed, with its notes', async () => {
    const { dir, other, cleanup } = await damagedLibrary();
    const gloss = await createGloss({ dataDir: dir });
    await gloss.removeArticle({ id: other.id });
    assert.deepEqual((await gloss.listArticles()).map((a) => a.id).includes(other.id), false);
    await rejectsWith(gloss.listAnnotations({ articleId: other.id }), 'NOT_FOUND');
    await gloss.close();
    await assert.rejects(readFile(join(dir, 'notes', `${other.id}.json`)), /ENOENT/);
    await cleanup();
  });
});
