/**
 * Exporting the whole library, or the articles chosen in it: the notes are
 * read as the file reaches each article (never all held first), so the JSON
 * frame's total and codebook are first taken from the counts index and put
 * right once everything is written. The file is exactly what an export that
 * knew everything up front writes, however far the index was off.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGloss, type GlossService } from '@core/service';
import { openStore } from '@core/store/index';
import { renderExport } from '@core/export/index';
import type { ExportEntry } from '@core/export/types';

/** What the export holds, read straight from the store and rendered whole in memory. */
async function renderedWhole(
  dataDir: string,
  articleIds?: readonly string[],
  format: 'json' | 'md' | 'csv' = 'json',
): Promise<string> {
  const store = await openStore(dataDir);
  try {
    const entries: ExportEntry[] = [];
    for (const { id } of store.listArticles()) {
      if (articleIds && !articleIds.includes(id)) continue;
      const annotations = await store.listAnnotations(id);
      const articleNote = await store.articleNote(id);
      if (!articleIds && annotations.length === 0) continue;
      entries.push({ article: await store.getArticle(id), annotations, ...(articleNote && { articleNote }) });
    }
    const codebook = (await store.tagCounts()).filter((t) => t.color || t.description);
    return renderExport(format, entries, { userName: 'Ana Reyes', codebook });
  } finally {
    await store.close();
  }
}

describe('exporting the library as it is read', () => {
  let dir: string;
  let out: string;
  let gloss: GlossService | undefined;
  const articles: string[] = [];

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gloss-export-library-'));
    out = await mkdtemp(join(tmpdir(), 'gloss-export-library-out-'));
    gloss = await createGloss({ dataDir: dir, seedsDir: out });
    await gloss.updateSettings({ userName: 'Ana Reyes' });
    const paths = [];
    for (let n = 0; n < 3; n++) {
      const p = join(out, `${n}.txt`);
      await writeFile(
        p,
        `Article ${n}\n\nOne two three four five six seven eight nine ten, said article ${n}.`,
      );
      paths.push(p);
    }
    const { imported } = await gloss.importFiles({ paths });
    articles.push(...imported.map((a) => a.id));
    // Nine passages over the first two articles (the third has none), two tags described in the codebook.
    const words = ['One', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
    for (const [k, word] of words.entries()) {
      const articleId = articles[k % 2];
      const { text } = await gloss.getArticle({ id: articleId });
      const at = text.indexOf(word);
      await gloss.createAnnotation({
        articleId,
        start: at,
        end: at + word.length,
        color: 'yellow',
        tags: k === 8 ? ['rare'] : ['claim'],
      });
    }
    await gloss.describeTag({ tag: 'claim', color: 'pink', description: 'What an official asserts.' });
    await gloss.describeTag({ tag: 'rare', description: 'Only once.' });
  });
  after(async () => {
    await gloss?.close();
    await rm(dir, { recursive: true, force: true });
    await rm(out, { recursive: true, force: true });
  });

  async function exportJson(request: { articleIds?: string[] } = {}, format: 'json' | 'md' | 'csv' = 'json') {
    const path = join(out, `notes.${format}`);
    const report = await gloss!.exportNotes({ ...request, format, path });
    return { report, text: await readFile(path, 'utf8') };
  }

  it('writes the library as an export that knew every note up front would, when the index counts them all', async () => {
    const { report, text } = await exportJson();
    const parsed = JSON.parse(text);
    assert.equal(parsed.total, 9);
    assert.equal(parsed.first.items.length, 9);
    assert.deepEqual(
      parsed['gloss:codebook'].map((c: { tag: string }) => c.tag),
      ['claim', 'rare'],
    );
    assert.equal(report.annotations, 9);
    assert.equal(report.articles, 2);
    await gloss!.close();
    gloss = undefined;
    assert.equal(text, await renderedWhole(dir));
  });

  it('puts the total right when an article note makes the count one digit longer than the index says', async () => {
    gloss = await createGloss({ dataDir: dir, seedsDir: out });
    await gloss.setArticleNote({ articleId: articles[1], text: 'The whole piece is a press release.' });
    const { text } = await exportJson();
    const parsed = JSON.parse(text);
    assert.equal(parsed.total, 10);
    assert.equal(parsed.first.items.length, 10);
    await gloss.close();
    gloss = undefined;
    assert.equal(text, await renderedWhole(dir));
  });

  it('puts the total and the codebook right when a notes file changed while Gloss was closed, in every format', async () => {
    // The first article's notes lose their passage tagged "rare" on disk, keeping their size and time (as a
    // copy from elsewhere might), so the counts index, trusted, still counts it when the export begins.
    const file = join(dir, 'notes', `${articles[0]}.json`);
    const before = await stat(file);
    const notes = JSON.parse(await readFile(file, 'utf8'));
    notes.annotations = notes.annotations.filter((a: { tags: string[] }) => !a.tags.includes('rare'));
    const shorter = JSON.stringify(notes);
    await writeFile(file, shorter + ' '.repeat(before.size - Buffer.byteLength(shorter)));
    await utimes(file, before.atime, before.mtime);
    gloss = await createGloss({ dataDir: dir, seedsDir: out });
    const { report, text } = await exportJson();
    const parsed = JSON.parse(text);
    assert.equal(parsed.total, parsed.first.items.length);
    assert.equal(report.annotations, 8);
    assert.deepEqual(
      parsed['gloss:codebook'].map((c: { tag: string }) => c.tag),
      ['claim'],
    );
    // Markdown's closing codebook and CSV's codebook column list only the tags written too.
    const md = (await exportJson({}, 'md')).text;
    const csv = (await exportJson({}, 'csv')).text;
    assert.ok(md.includes('What an official asserts.') && !md.includes('Only once.'));
    await gloss.close();
    gloss = undefined;
    assert.equal(text, await renderedWhole(dir));
    assert.equal(md, await renderedWhole(dir, undefined, 'md'));
    assert.equal(csv, await renderedWhole(dir, undefined, 'csv'));
  });

  it('writes the articles chosen, one without highlights among them, with their notes', async () => {
    gloss = await createGloss({ dataDir: dir, seedsDir: out });
    await gloss.setArticleNote({ articleId: articles[2], text: 'Nothing to highlight, but worth a note.' });
    const chosen = [articles[2], articles[1]];
    const { report, text } = await exportJson({ articleIds: chosen });
    assert.equal(report.articles, 2);
    await gloss.close();
    gloss = undefined;
    assert.equal(text, await renderedWhole(dir, chosen));
  });
});
