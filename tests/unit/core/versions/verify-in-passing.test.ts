/**
 * Checking an export's quotes holds one article's text at a time: each article is read in passing and
 * dropped before the next is read, however many the export names (a whole library's export is checked
 * against every article it names, and a quote naming none against every article of the library).
 *
 * Each read is watched through a WeakRef; before each read a garbage collection tells how many of the
 * articles read before are still held by the check.
 */
import { describe, it, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Article } from '@core/contract';
import { createGloss } from '@core/service';
import { openStore } from '@core/store/index';
import { quotesFromExport } from '@core/versions/exported-quotes';
import { verifyQuotes, type VerifyLibrary } from '@core/versions/verify';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const WORDS = 'amber basin cedar delta ember fjord grove harbor island jetty kestrel lagoon meadow'.split(
  ' ',
);
/** Words enough that no two articles read as versions of one another. */
const body = (n: number) =>
  Array.from({ length: 400 }, (_, i) => `${WORDS[(n * 7 + i * (n + 2)) % WORDS.length]}${n}x${i}`).join(' ');
const ARTICLES = 10;

/** A library of ten articles, each with one passage, and its Markdown export. */
async function library(t: TestContext): Promise<{ dir: string; markdown: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'gloss-verify-'));
  const files = await mkdtemp(join(tmpdir(), 'gloss-verify-files-'));
  t.after(async () => {
    await rm(dir, { recursive: true, force: true });
    await rm(files, { recursive: true, force: true });
  });
  const service = await createGloss({ dataDir: dir, seedsDir: files });
  for (let n = 1; n <= ARTICLES; n++) {
    const { imported } = await service.importText({
      title: `Article ${n}`,
      text: `${body(n)}.\n\nPassage ${n}.`,
    });
    const { text } = await service.getArticle({ id: imported[0].id });
    const start = text.indexOf('Passage');
    await service.createAnnotation({ articleId: imported[0].id, start, end: text.length, color: 'yellow' });
  }
  const path = join(files, 'notes.md');
  await service.exportNotes({ format: 'md', path });
  await service.close();
  return { dir, markdown: await readFile(path, 'utf8') };
}

/** The store as verifyQuotes reads it, counting before each read how many articles read earlier are alive. */
function watched(store: VerifyLibrary) {
  const reads: Array<WeakRef<Article>> = [];
  const held: number[] = [];
  const library: VerifyLibrary = {
    listArticles: () => store.listArticles(),
    getArticleVersion: (id, v) => store.getArticleVersion(id, v),
    async getArticleIfIntact(id, options) {
      await new Promise((r) => setImmediate(r)); // a new job: WeakRefs read in the last one may be collected
      gc();
      held.push(reads.filter((r) => r.deref()).length);
      const a = await store.getArticleIfIntact(id, options);
      if (a) reads.push(new WeakRef(a));
      return a;
    },
  };
  return { library, held, reads };
}

describe('verifying an export reads each article in passing', () => {
  it('holds at most the article just checked while it reads the next, for quotes that name their article', async (t) => {
    const { dir, markdown } = await library(t);
    const store = await openStore(dir);
    t.after(() => store.close());
    const { library: lib, held, reads } = watched(store);
    const checks = await verifyQuotes(lib, quotesFromExport(markdown));
    assert.deepEqual(
      checks.map((c) => `${c.status} ${c.title}`).sort(),
      Array.from({ length: ARTICLES }, (_, i) => `current Article ${i + 1}`).sort(),
    );
    assert.equal(reads.length, ARTICLES, 'each article read once');
    assert.ok(Math.max(...held) <= 1, `articles held while reading the next: ${held.join(', ')}`);
  });

  it('holds at most the article just checked for quotes that name none, reading each article once a pass', async (t) => {
    const { dir } = await library(t);
    const store = await openStore(dir);
    t.after(() => store.close());
    const { library: lib, held, reads } = watched(store);
    const quotes = [
      ...Array.from({ length: ARTICLES }, (_, i) => ({
        label: `quote ${i + 1}`,
        exact: `Passage ${i + 1}.`,
      })),
      { label: 'not in any', exact: 'Words no article holds, nor anything near them at all.' },
    ];
    const checks = await verifyQuotes(lib, quotes);
    assert.deepEqual(
      checks.map((c) => `${c.label}: ${c.status} ${c.title ?? ''}`.trim()),
      [
        ...Array.from({ length: ARTICLES }, (_, i) => `quote ${i + 1}: current Article ${i + 1}`),
        'not in any: not-found',
      ],
    );
    // Three passes (current text, older versions, approximate), each reading every article once for the quote found nowhere.
    assert.equal(reads.length, 3 * ARTICLES);
    assert.ok(Math.max(...held) <= 1, `articles held while reading the next: ${held.join(', ')}`);
  });
});
