/**
 * The search worker's collection of its load's garbage: a real full collection
 * of the calling thread's heap, asked for without --expose-gc, and quiet.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectGarbage } from '@core/search/garbage-collection';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');

/** An object only a WeakRef points to, made in a frame of its own (so nothing on this stack holds it). */
function unreachable(): WeakRef<object> {
  return new WeakRef({ bytes: new Array(1000).fill('garbage') });
}

/** Runs a script under tsx in a fresh node (no --expose-gc), read until it exits. */
function runNode(script: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('collecting the garbage', () => {
  it('frees what nothing reaches any more, in a process started without --expose-gc', async () => {
    const ref = unreachable();
    // A WeakRef's target is kept until the end of the task that made or read it.
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(await collectGarbage(), true);
    assert.equal(ref.deref(), undefined);
  });

  it("prints no notice of the experimental call, while other warnings still reach the process's listeners", async () => {
    const { code, stdout, stderr } = await runNode(`
      import { collectGarbage } from '@core/search/garbage-collection';
      const seen = [];
      process.on('warning', (w) => seen.push(w.name));
      const done = await collectGarbage();
      process.emitWarning('still told', 'OtherWarning');
      await new Promise((resolve) => setImmediate(resolve));
      console.log(JSON.stringify({ done, seen }));
    `);
    assert.equal(code, 0, stderr);
    assert.deepEqual(JSON.parse(stdout), { done: true, seen: ['OtherWarning'] });
    assert.doesNotMatch(stderr, /ExperimentalWarning|measureMemory/);
    assert.match(stderr, /OtherWarning: still told/);
  });
});
