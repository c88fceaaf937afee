/**
 * The tests' reader of a child's output sees everything the child printed,
 * whenever the test looks: lines in the same chunk as the awaited one, lines
 * printed after it, and a last line without a newline.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { watchChild } from '../helpers/child-output';

const node = (script: string) => watchChild(spawn(process.execPath, ['-e', script], { stdio: 'pipe' }));

describe('watchChild', () => {
  it('resolves with the awaited line and still counts every line after it, in one chunk or many', async () => {
    const child = node(
      `process.stdout.write(Array.from({ length: 1000 }, (_, i) => i + 1).join('\\n') + '\\n'); setTimeout(() => console.log('late'), 20);`,
    );
    assert.equal(await child.line((l) => l === '1'), '1');
    const { lines, code } = await child.finished();
    assert.equal(code, 0);
    assert.equal(lines.length, 1001);
    assert.deepEqual(lines.slice(-2), ['1000', 'late']);
  });

  it('finds a line printed before it was asked for, and a last line without a newline', async () => {
    const child = node(`process.stdout.write('first\\nlast')`);
    await child.finished();
    assert.equal(await child.line((l) => l === 'first'), 'first');
    assert.equal(await child.line((l) => l === 'last'), 'last');
  });

  it('rejects, with what the child printed to stderr, when it ends without the line', async () => {
    const child = node(`console.log('something else'); console.error('why it stopped'); process.exit(3)`);
    await assert.rejects(
      child.line((l) => l === 'never'),
      /exit code 3.*\n.*something else[^]*why it stopped/,
    );
  });

  it('reports the signal that ended the child, with what it printed before', async () => {
    const child = node(`console.log('ready'); setInterval(() => {}, 1000)`);
    await child.line((l) => l === 'ready');
    child.child.kill('SIGKILL');
    assert.deepEqual(await child.finished(), { code: null, signal: 'SIGKILL', lines: ['ready'], stderr: '' });
  });
});
