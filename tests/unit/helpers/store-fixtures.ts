/** Real articles and annotations for the store tests, and temp data folders. */
import { mkdtemp, readdir, rm, utimes } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import type { TestContext } from 'node:test';
import { buildArticle } from '@core/document/build';
import { openStore, type Store } from '@core/store/index';
import type { Article } from '@core/document/types';
import type { Annotation } from '@core/annotations/types';
import { watchChild, type WatchedChild } from './child-output';

/** Opens the store in `dir`, runs `fn` with it, and closes it whatever `fn` does. */
export async function withStore<T>(dir: string, fn: (s: Store) => Promise<T>): Promise<T> {
  const store = await openStore(dir);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/** A fresh data folder, removed when the test `t` ends (or by `cleanup()` when no test is given). */
export async function tempDataDir(
  t?: Pick<TestContext, 'after'>,
): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'gloss-store-'));
  const cleanup = () => rm(dir, { recursive: true, force: true });
  t?.after(cleanup);
  return { dir, cleanup };
}

/** Article number `n`, imported `n` minutes after a fixed moment (so newer n = newer import). */
export function makeArticle(n: number, paragraphs = 3): Article {
  const inputs = [
    { kind: 'title' as const, text: `Article number ${n}` },
    ...Array.from({ length: paragraphs }, (_, i) => ({
      kind: 'paragraph' as const,
      text: `Paragraph ${i} of article ${n}: the coalition said the priority remains the fight.`,
    })),
  ];
  const importedAt = new Date(Date.UTC(2026, 0, 1, 0, n)).toISOString();
  return buildArticle(
    inputs,
    { title: `Article number ${n}`, source: 'Test Source', format: 'text', importedAt },
    `source-${n}`,
  );
}

export function makeAnnotation(article: Article, n: number, extra: Partial<Annotation> = {}): Annotation {
  const start = 0;
  const end = Math.min(7, article.text.length);
  return {
    id: `ann-${n}`,
    articleId: article.id,
    target: {
      source: article.id,
      quote: {
        type: 'TextQuoteSelector',
        exact: article.text.slice(start, end),
        prefix: '',
        suffix: article.text.slice(end, end + 10),
      },
      position: { type: 'TextPositionSelector', start, end },
    },
    color: 'yellow',
    tags: [],
    note: `note ${n}`,
    created: '2026-01-01T00:00:00.000Z',
    modified: '2026-01-01T00:00:00.000Z',
    ...extra,
  };
}

/** Runs a helper script under tsx in a child process, its output read to the end. */
export function spawnHelper(script: string, args: string[]): WatchedChild {
  return watchChild(
    spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, script), ...args], {
      cwd: path.resolve(import.meta.dirname, '../../..'),
      stdio: 'pipe',
    }),
  );
}

/** The round a writer helper's line `{"acked": N}` says is durable; 0 for any other line. */
export function ackOf(line: string): number {
  try {
    return (JSON.parse(line) as { acked?: number }).acked ?? 0;
  } catch {
    return 0;
  }
}

/**
 * Runs a writer helper (it prints `{"acked": N}` once its round N is durable) until it has acknowledged
 * round `acked`, lets it go on `delayMs` more (a kill point spread over its next round, not a wait for
 * anything), kills it with SIGKILL and reads its output to the end: every line, and the last round it
 * acknowledged (also those after the one waited for).
 */
export async function killWriter(
  script: string,
  args: string[],
  { acked, delayMs }: { acked: number; delayMs: number },
): Promise<{ lines: string[]; lastAcked: number }> {
  const writer = spawnHelper(script, args);
  await writer.line((l) => ackOf(l) >= acked);
  if (delayMs > 0) await sleep(delayMs);
  writer.child.kill('SIGKILL');
  const { lines, signal, stderr } = await writer.finished();
  assert.equal(signal, 'SIGKILL', `the writer ran until it was killed: ${stderr}`);
  return { lines, lastAcked: Math.max(...lines.map(ackOf)) };
}

/**
 * Makes every saved article file older than library.json. The store tells a
 * list that lost an article (older file: the user is told) from an import a
 * crash stopped halfway (newer file: finished silently) by modification time,
 * and two writes within one clock tick share a time; tests that damage the
 * list say which case they mean.
 */
export async function ageArticleFiles(dir: string): Promise<void> {
  const folder = path.join(dir, 'articles');
  const past = new Date(Date.now() - 60_000);
  for (const name of await readdir(folder))
    if (name.endsWith('.json')) await utimes(path.join(folder, name), past, past);
}
