/**
 * A data folder holding 10,000 articles and 100,000 annotations, written
 * straight in the store's on-disk format (see main/core/store/*): one
 * articles/<id>.json per article, one notes/<id>.json per article, library.json,
 * and the .seeded marker so the service does not import the sample articles.
 * Generated once per bench run into a temp folder; 100k service calls would take minutes.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { Article } from '@core/document/types';
import type { Annotation } from '@core/annotations/types';
import { indexEntryFor, byNewestImport, type ArticleIndexEntry } from '@core/store/schemas';
import { RandomText } from './random-text';
import { syntheticAnnotations, syntheticArticle } from './synthetic';
import { openStore } from '@core/store/index';

export const BIG_ARTICLES = 10_000;
export const BIG_ANNOTATIONS_PER_ARTICLE = 10;
const WORDS_PER_ARTICLE = 250;

export interface BigLibrary {
  articles: Article[];
  annotations: Map<string, Annotation[]>;
}

export interface BigStore extends BigLibrary {
  dataDir: string;
  /** Seconds it took to generate and write. */
  buildMs: number;
}

let cachedLibrary: BigLibrary | undefined;
let cachedStore: Promise<BigStore> | undefined;
const cleanups: string[] = [];

/** The articles and annotations themselves, in memory (shared by export and the store). */
export function bigLibrary(): BigLibrary {
  if (cachedLibrary) return cachedLibrary;
  const rt = new RandomText(0x61055);
  const articles: Article[] = [];
  const annotations = new Map<string, Annotation[]>();
  for (let n = 0; n < BIG_ARTICLES; n++) {
    const a = syntheticArticle(rt, n, WORDS_PER_ARTICLE, 60);
    articles.push(a);
    annotations.set(
      a.id,
      syntheticAnnotations(rt, a, BIG_ANNOTATIONS_PER_ARTICLE, n * BIG_ANNOTATIONS_PER_ARTICLE),
    );
  }
  cachedLibrary = { articles, annotations };
  return cachedLibrary;
}

async function mapLimit<T>(items: readonly T[], limit: number, fn: (x: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await fn(items[next++]);
    }),
  );
}

/** Writes a library in the store's format into `dataDir` (which must be empty). */
export async function writeLibrary(dataDir: string, lib: BigLibrary): Promise<void> {
  await mkdir(path.join(dataDir, 'articles'), { recursive: true });
  await mkdir(path.join(dataDir, 'notes'), { recursive: true });
  const entries: ArticleIndexEntry[] = [];
  await mapLimit(lib.articles, 32, async (article) => {
    const json = JSON.stringify(article);
    const contentFile = `articles/${article.id}.json`;
    entries.push(indexEntryFor(article, contentFile, createHash('sha256').update(json).digest('hex')));
    await writeFile(path.join(dataDir, contentFile), json);
    const notes = lib.annotations.get(article.id) ?? [];
    if (notes.length > 0)
      await writeFile(
        path.join(dataDir, 'notes', `${article.id}.json`),
        JSON.stringify({ version: 1, annotations: notes }),
      );
  });
  entries.sort(byNewestImport);
  await writeFile(path.join(dataDir, 'library.json'), JSON.stringify({ version: 1, articles: entries }));
  await writeFile(path.join(dataDir, '.seeded'), 'bench\n');
}

/**
 * Writes a library as writeLibrary does, then opens it once as a user's library would have been: the
 * store builds its annotation-counts index, so what is measured is a library in its steady state.
 */
async function writeOpenedLibrary(dataDir: string, lib: BigLibrary): Promise<void> {
  await writeLibrary(dataDir, lib);
  const store = await openStore(dataDir);
  await store.annotationCounts();
  await store.close();
}

/** The 10k/100k library in `dataDir`, a folder the profilers keep between runs: written only when absent. */
export async function keptBigLibrary(dataDir: string): Promise<BigLibrary> {
  const lib = bigLibrary();
  if (!existsSync(path.join(dataDir, 'library.json'))) {
    await mkdir(dataDir, { recursive: true });
    await writeOpenedLibrary(dataDir, lib);
  }
  return lib;
}

/** The 10k/100k data folder, generated on first use. */
export function bigStore(): Promise<BigStore> {
  cachedStore ??= (async () => {
    const t0 = performance.now();
    const lib = bigLibrary();
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'gloss-bench-store-'));
    cleanups.push(dataDir);
    await writeOpenedLibrary(dataDir, lib);
    return { ...lib, dataDir, buildMs: performance.now() - t0 };
  })();
  return cachedStore;
}

/** A temp folder removed at the end of the run. */
export async function benchTempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `gloss-bench-${prefix}-`));
  cleanups.push(dir);
  return dir;
}

export async function removeTempDirs(): Promise<void> {
  await Promise.all(cleanups.splice(0).map((d) => rm(d, { recursive: true, force: true })));
}
