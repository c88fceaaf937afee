/**
 * The `gloss` command in tests: as a user runs it (a real process on the
 * command's source entry, as `npm run gloss` does; tests/built runs bin/gloss.js
 * on the build), or in this process through runCli when only its output matters.
 */
import { execFile, spawn } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { runCli } from '../../../main/cli';

export interface GlossRun {
  code: number;
  stdout: string;
  stderr: string;
}

const run = promisify(execFile);
const CLI = ['--import', 'tsx', join(process.cwd(), 'main', 'cli', 'entry.ts')];

/** The seed article, as the tests import it. */
export const SEED = join(process.cwd(), 'seeds', '000-kurdistan24-coalition-isis-priority.txt');

/** A real process; resolves once it has exited with all its output read. */
export async function glossProcess(...args: string[]): Promise<GlossRun> {
  try {
    const { stdout, stderr } = await run(process.execPath, [...CLI, ...args], {
      env: { ...process.env, GLOSS_DATA_DIR: '' },
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as GlossRun;
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** A real process given `input` on its standard input; resolves once it has exited with all its output read. */
export function glossProcessWithInput(input: string, ...args: string[]): Promise<GlossRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...CLI, ...args], { env: { ...process.env, GLOSS_DATA_DIR: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => void (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => void (stderr += s));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(input);
  });
}

/** The same command line, run in this process. */
export async function glossInProcess(...args: string[]): Promise<GlossRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { out: (s) => void (stdout += s), err: (s) => void (stderr += s) });
  return { code, stdout, stderr };
}
