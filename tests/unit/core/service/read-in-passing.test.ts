/**
 * A pass over many articles (an export, a verify, a citation of passages across the library, a sync, the
 * look for an earlier version on import) reads each article in passing: the store's cache of 8 parsed
 * articles keeps the one being read in the app, and the pass does not move every article it parses into
 * V8's old generation.
 *
 * Each test opens one article, makes a pass over eight others (one more than the cache holds beside it),
 * then damages the open article's saved copy: only a copy still in memory can answer as before.
 */
import { describe, it, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Annotation, Article } from '@core/contract';
import { createGloss, type GlossService } from '@core/service';

/** Words enough that no two of the eight read as versions of one another. */
const WORDS = 'amber basin cedar delta ember fjord grove harbor island jetty kestrel lagoon meadow'.split(
  ' ',
);
const body = (n: number) =>
  Array.from({ length: 40 }, (_, i) => `${WORDS[(n * 7 + i * (n + 2)) % WORDS.length]}${n}x${i}`).join(' ');

interface Library {
  service: GlossService;
  dir: string;
  files: string;
  /** The article open in the app. */
  open: string;
  /** Eight others, each with one passage. */
  others: string[];
  passages: Annotation[];
  /** Damages the open article's saved copy and checks it is still answered from memory as first read. */
  stillInMemory(reading: Article): Promise<void>;
}

async function library(t: TestContext, { othersTitled }: { othersTitled?: string } = {}): Promise<Library> {
  const dir = await mkdtemp(join(tmpdir(), 'gloss-in-passing-'));
  const files = await mkdtemp(join(tmpdir(), 'gloss-in-passing-files-'));
  const service = await createGloss({ dataDir: dir, seedsDir: files });
  t.after(async () => {
    await service.close();
    await rm(dir, { recursive: true, force: true });
    await rm(files, { recursive: true, force: true });
  });
  const imported = async (title: string, n: number) =>
    (await service.importText({ title, text: `${body(n)}.\n\nWorth a highlight ${n}.` })).imported[0].id;
  const open = await imported('The article being read', 0);
  const others = [];
  for (let n = 1; n <= 8; n++) others.push(await imported(othersTitled ?? `Article ${n}`, n));
  const passages = [];
  for (const id of others) {
    const { text } = await service.getArticle({ id });
    const start = text.indexOf('Worth');
    passages.push(
      await service.createAnnotation({ articleId: id, start, end: text.length, color: 'yellow' }),
    );
  }
  return {
    service,
    dir,
    files,
    open,
    others,
    passages,
    async stillInMemory(reading) {
      await writeFile(join(dir, 'articles', `${open}.json`), 'damaged after it was opened');
      assert.deepEqual(await service.getArticle({ id: open }), reading);
    },
  };
}

describe('a pass over the library leaves the article being read in memory', () => {
  it('exports the library reading each article in passing', async (t) => {
    const { service, files, open, stillInMemory } = await library(t);
    const reading = await service.getArticle({ id: open });
    const report = await service.exportNotes({ format: 'md', path: join(files, 'notes.md') });
    assert.equal(report.articles, 8, 'eight others exported, more than the cache holds');
    await stillInMemory(reading);
  });

  it('verifies an export reading each article it checks in passing', async (t) => {
    const { service, files, open, stillInMemory } = await library(t);
    const path = join(files, 'notes.md');
    await service.exportNotes({ format: 'md', path });
    const reading = await service.getArticle({ id: open });
    const checks = await service.verifyExport(await readFile(path, 'utf8'));
    assert.deepEqual(
      checks.map((c) => c.status),
      Array(8).fill('current'),
    );
    await stillInMemory(reading);
  });

  it('cites passages from across the library reading each article in passing', async (t) => {
    const { service, open, passages, stillInMemory } = await library(t);
    const reading = await service.getArticle({ id: open });
    const cited = await service.citeAnnotations({ annotations: passages.map(({ id }) => ({ id })) });
    assert.deepEqual(
      cited.citations.map((c) => c.articleId),
      passages.map((p) => p.articleId),
    );
    await stillInMemory(reading);
  });

  it('syncs a whole library’s Markdown reading each article in passing', async (t) => {
    const { service, files, open, stillInMemory } = await library(t);
    const path = join(files, 'notes.md');
    await service.exportNotes({ format: 'md', path });
    const reading = await service.getArticle({ id: open });
    const report = await service.syncMarkdown({ path });
    assert.equal(report.passages, 8);
    await stillInMemory(reading);
  });

  it('reads the articles an import might be a new version of in passing', async (t) => {
    const { service, open, stillInMemory } = await library(t, { othersTitled: 'Minutes' });
    const reading = await service.getArticle({ id: open });
    const report = await service.importText({ title: 'Minutes', text: `${body(9)}.` });
    assert.equal(report.imported.length, 1, 'eight candidates of the same title read, none a version of it');
    await stillInMemory(reading);
  });
});
