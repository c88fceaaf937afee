/** Real articles and annotations for the store tests, and temp data folders. */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { buildArticle } from '../../../main/core/document/build';
import type { Article } from '../../../main/core/document/types';
import type { Annotation } from '../../../main/core/annotations/types';

export async function tempDataDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'gloss-store-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Article number `n`, imported `n` minutes after a fixed moment (so newer n = newer import). */
export function makeArticle(n: number, paragraphs = 3): Article {
  const inputs = [
    { kind: 'title' as const, text: `Article number ${n}` },
    ...Array.from({ length: paragraphs }, (_, i) => ({ kind: 'paragraph' as const, text: `Paragraph ${i} of article ${n}: the coalition said the priority remains the fight.` })),
  ];
  const importedAt = new Date(Date.UTC(2026, 0, 1, 0, n)).toISOString();
  return buildArticle(inputs, { title: `Article number ${n}`, source: 'Test Source', format: 'text', importedAt }, `source-${n}`);
}

export function makeAnnotation(article: Article, n: number, extra: Partial<Annotation> = {}): Annotation {
  const start = 0;
  const end = Math.min(7, article.text.length);
  return {
    id: `ann-${n}`,
    articleId: article.id,
    target: {
      source: article.id,
      quote: { type: 'TextQuoteSelector', exact: article.text.slice(start, end), prefix: '', suffix: article.text.slice(end, end + 10) },
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

/** Runs a helper script under tsx in a child process. */
export function spawnHelper(script: string, args: string[]): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, script), ...args], {
    cwd: path.resolve(import.meta.dirname, '../../..'),
    stdio: 'pipe',
  });
}

/** Resolves with the first stdout line matching `test`, rejects if the child exits first. */
export function waitForLine(child: ChildProcessWithoutNullStreams, test: (line: string) => boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    let stderr = '';
    const onData = (chunk: Buffer): void => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        if (test(line)) {
          child.stdout.off('data', onData);
          resolve(line);
          return;
        }
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('exit', (code) => reject(new Error(`helper exited (${code}) before the expected line. stderr: ${stderr}`)));
  });
}

export function exited(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}
