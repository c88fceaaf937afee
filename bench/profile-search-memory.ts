/**
 * Where the search index's memory goes (bench/README.md, "search index memory"): the bench's 10k/100k
 * library (LIB, default the folder profile-search.ts keeps) or its first N articles, each size in a
 * folder of its own (articles/ and notes/ linked, search/ its own; built the first time). Then, in a
 * fresh process, on this thread (the worker holds the same objects): V8's used heap after a full GC
 *   - each part's snapshot file read (its text), then loaded into MiniSearch, then the text dropped;
 *   - each part taken apart: stored fields, field lengths, document ids, then the words' tree and postings;
 *   - the keeper opened as the app opens it (warmFirst), with and without its text cache.
 * Counts (word, field, document) postings. `node --expose-gc --import tsx bench/profile-search-memory.ts [N…]`
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, readFile, symlink } from 'node:fs/promises';
import os from 'node:os';
import v8 from 'node:v8';
import path from 'node:path';
import { keptBigLibrary } from './lib/big-store';
import { IndexKeeper, type LibraryEntry } from '@core/search/index-keeper';
import { readPart } from '@core/search/index-files';
import { SearchIndex, type IndexParts } from '@core/search/search-index';

const LIB = process.env.LIB ?? path.join(os.tmpdir(), 'gloss-profile-search-lib');
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

const MB = (n: number) => Math.round(n / 1e5) / 10;
function heap(): number {
  gc!();
  gc!();
  return process.memoryUsage().heapUsed;
}

async function entriesOf(n: number): Promise<LibraryEntry[]> {
  const library = JSON.parse(await readFile(path.join(LIB, 'library.json'), 'utf8')) as {
    articles: LibraryEntry[];
  };
  return library.articles.slice(0, n);
}

/** A folder reading LIB's articles and notes, with a search index of the first n articles only. */
async function folderFor(n: number): Promise<string> {
  const dir = path.join(os.tmpdir(), `gloss-searchmem-${n}`);
  if (existsSync(path.join(dir, 'search', 'articles.jsonl'))) return dir;
  await mkdir(dir, { recursive: true });
  for (const sub of ['articles', 'notes'])
    if (!existsSync(path.join(dir, sub))) await symlink(path.join(LIB, sub), path.join(dir, sub));
  const entries = await entriesOf(n);
  if (n >= 10_000 && existsSync(path.join(LIB, 'search', 'articles.jsonl')))
    await cp(path.join(LIB, 'search'), path.join(dir, 'search'), { recursive: true });
  const keeper = await IndexKeeper.open({ dataDir: dir, entries, saveDelayMs: 1e9 });
  await keeper.idle();
  await keeper.close();
  return dir;
}

interface MiniSearchInside {
  _index: { size: number; entries(): Iterable<[string, Map<number, Map<number, number>>]> };
  _documentCount: number;
  _documentIds: Map<number, unknown>;
  _idToShortId: Map<unknown, number>;
  _fieldLength: Map<number, unknown>;
  _storedFields: Map<number, unknown>;
}
type Inside = {
  articleIndex: { shards: MiniSearchInside[] };
  annotationIndex: { shards: MiniSearchInside[] };
};

/** What each part of a loaded index holds, measured by dropping its pieces one at a time. */
function takeApart(shards: MiniSearchInside[]): Record<string, number> {
  let terms = 0;
  let postings = 0;
  for (const s of shards) {
    terms += s._index.size;
    for (const [, fields] of s._index.entries()) for (const docs of fields.values()) postings += docs.size;
  }
  const out: Record<string, number> = {
    docs: shards.reduce((n, s) => n + s._documentCount, 0),
    terms,
    postings,
  };
  let before = heap();
  const drop = (label: string, f: (s: MiniSearchInside) => void) => {
    for (const s of shards) f(s);
    const after = heap();
    out[`${label} MB`] = MB(before - after);
    before = after;
  };
  drop('stored fields', (s) => (s._storedFields = new Map()));
  drop('field lengths', (s) => (s._fieldLength = new Map()));
  drop('document ids', (s) => ((s._documentIds = new Map()), (s._idToShortId = new Map())));
  drop('terms + postings', (s) => (s._index = { size: 0, entries: () => [] }));
  return out;
}

/** Reads a part's snapshot and loads it alone; answers its size, its text's heap, and the heap the loaded part keeps (text dropped). */
async function loadAlone(dir: string, name: 'articles' | 'annotations'): Promise<[number, number, number]> {
  const base = heap();
  const read = await readPart(dir, name);
  if (read.status !== 'ok') throw new Error(`${name}: ${read.status}`);
  const text = heap() - base;
  const part = read.part as IndexParts['articles'] & IndexParts['annotations'];
  const index = name === 'articles' ? SearchIndex.fromParts(part, null) : SearchIndex.fromParts(null, part);
  read.part.index = []; // the shards' JSON, which holds the file's text
  const loaded = heap() - base;
  void index.articleCount;
  return [read.bytes, text, loaded];
}

async function measure(n: number, dir: string): Promise<void> {
  const rss0 = process.memoryUsage().rss;
  const peak = () => MB(v8.getHeapStatistics().total_heap_size);
  const row: Record<string, unknown> = { articles: n };
  for (const name of ['articles', 'annotations'] as const) {
    const [bytes, text, loaded] = await loadAlone(dir, name);
    row[`${name}: file MB`] = MB(bytes);
    row[`${name}: its text in the heap MB`] = MB(text);
    row[`${name}: loaded alone MB`] = MB(loaded);
  }
  // Both loaded, then taken apart.
  const base = heap();
  const a = await readPart(dir, 'articles');
  const h = await readPart(dir, 'annotations');
  if (a.status !== 'ok' || h.status !== 'ok') throw new Error('unreadable');
  const both = SearchIndex.fromParts(a.part, h.part) as unknown as Inside;
  a.part.index = [];
  h.part.index = [];
  row['both loaded MB'] = MB(heap() - base);
  row['rss after load MB'] = MB(process.memoryUsage().rss);
  row.articlesPart = takeApart(both.articleIndex.shards);
  row.annotationsPart = takeApart(both.annotationIndex.shards);
  // As the app opens it (a warning listener given, as the worker gives one: see bench/README.md).
  const base3 = heap();
  const keeper = await IndexKeeper.open({
    dataDir: dir,
    entries: await entriesOf(n),
    warmFirst: true,
    saveDelayMs: 1e9,
    onWarning: () => {},
  });
  await keeper.idle();
  row['heap committed after open, before a GC MB'] = peak();
  row['rss after open, before a GC MB'] = MB(process.memoryUsage().rss);
  row['keeper opened (warm) MB'] = MB(heap() - base3);
  row['rss with keeper MB'] = MB(process.memoryUsage().rss);
  const k = keeper as unknown as { texts: { chars: number; size: number } | null; index: unknown };
  row['text cache'] = `${k.texts!.size} texts, ${MB(k.texts!.chars)} M chars`;
  const withTexts = heap();
  k.texts = null;
  row['text cache MB'] = MB(withTexts - heap());
  row['rss at start MB'] = MB(rss0);
  process.stdout.write(`${JSON.stringify(row, null, 1)}\n`);
  process.exit(0);
}

const measureArg = process.argv.find((a) => a.startsWith('--measure='));
if (measureArg) {
  const n = Number(measureArg.slice('--measure='.length));
  await measure(n, path.join(os.tmpdir(), `gloss-searchmem-${n}`));
} else {
  if (!existsSync(path.join(LIB, 'library.json'))) await keptBigLibrary(LIB);
  const sizes = process.argv.slice(2).map(Number).filter(Boolean);
  for (const n of sizes.length ? sizes : [2_500, 5_000, 10_000]) {
    await folderFor(n);
    execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', process.argv[1], `--measure=${n}`], {
      stdio: 'inherit',
    });
  }
}
