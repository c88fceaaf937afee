/**
 * One Gloss per data folder. The lock is a file created exclusively (O_EXCL)
 * holding the owner's pid, host and a random token. A lock whose process is
 * gone (or, in this process, whose token we no longer hold) is stale and taken
 * over; a lock from another host is respected, since its pid cannot be checked.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs, readFileSync, unlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GlossError } from '../errors';
import { code } from './fs-durable';

export const LOCK_FILE = 'gloss.lock';
/** A lock file still empty after this long was left by a crash between create and write. */
const EMPTY_LOCK_GRACE_MS = 10_000;

interface LockOwner { pid: number; host: string; token: string; since: string }

export interface DirLock {
  readonly file: string;
  release(): Promise<void>;
}

/** Tokens of the locks this process holds, to tell our live locks from a dead run's. */
const heldHere = new Map<string, string>(); // token → lock file
let exitHookInstalled = false;

export function lockedError(dataDir: string): GlossError {
  return new GlossError('LOCKED', `Another Gloss is already using ${dataDir}. Close it and try again.`);
}

export async function acquireDirLock(dataDir: string): Promise<DirLock> {
  const file = path.join(dataDir, LOCK_FILE);
  const me: LockOwner = { pid: process.pid, host: os.hostname(), token: randomBytes(12).toString('hex'), since: new Date().toISOString() };
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      await fs.writeFile(file, JSON.stringify(me), { flag: 'wx' });
      heldHere.set(me.token, file);
      installExitHook();
      return { file, release: () => release(file, me.token) };
    } catch (err) {
      if (code(err) !== 'EEXIST') throw new GlossError('IO', `Could not lock ${dataDir}: ${(err as Error).message}`, { cause: err });
    }
    const owner = await readOwner(file);
    if (owner === 'gone') continue; // released between our attempts
    if (!(await isStale(file, owner))) throw lockedError(dataDir);
    if (!(await removeStale(file, owner))) throw lockedError(dataDir);
  }
  throw lockedError(dataDir);
}

async function readOwner(file: string): Promise<LockOwner | 'gone' | null> {
  try {
    const parsed = JSON.parse(await fs.readFile(file, 'utf8')) as Partial<LockOwner>;
    return typeof parsed.pid === 'number' && typeof parsed.token === 'string' ? (parsed as LockOwner) : null;
  } catch (err) {
    return code(err) === 'ENOENT' ? 'gone' : null;
  }
}

async function isStale(file: string, owner: LockOwner | null): Promise<boolean> {
  if (!owner) {
    // Unreadable: either being written this instant, or a crash left it empty.
    const stat = await fs.stat(file).catch(() => null);
    return !stat || Date.now() - stat.mtimeMs > EMPTY_LOCK_GRACE_MS;
  }
  if (owner.host !== os.hostname()) return false;
  if (owner.pid === process.pid) return !heldHere.has(owner.token);
  return !processAlive(owner.pid);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return code(err) === 'EPERM'; // exists, just not ours to signal
  }
}

/**
 * Moves the stale lock aside rather than deleting it, then checks that what was
 * moved is the lock judged stale: if another starter replaced it meanwhile, it
 * is put back and we back off.
 */
async function removeStale(file: string, stale: LockOwner | null): Promise<boolean> {
  const aside = `${file}.stale-${randomBytes(6).toString('hex')}`;
  try {
    await fs.rename(file, aside);
  } catch (err) {
    return code(err) === 'ENOENT';
  }
  const moved = await readOwner(aside);
  const same = stale === null ? moved === null : moved !== null && moved !== 'gone' && moved.token === stale.token;
  if (!same) {
    await fs.link(aside, file).catch(() => {});
  }
  await fs.rm(aside, { force: true });
  return same;
}

async function release(file: string, token: string): Promise<void> {
  if (!heldHere.delete(token)) return;
  const owner = await readOwner(file);
  if (owner && owner !== 'gone' && owner.token === token) await fs.rm(file, { force: true });
}

/** A process that exits without close() still frees its locks when it can. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const [token, file] of heldHere) {
      try {
        const owner = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockOwner>;
        if (owner.token === token) unlinkSync(file);
      } catch {
        // Nothing to free.
      }
    }
  });
}
