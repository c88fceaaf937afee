/**
 * One Gloss per data folder. The lock file holds the owner's pid, host and a
 * random token. A lock whose process is gone (or, in this process, whose token
 * we no longer hold) is stale and taken over; a lock from another host is
 * respected, since its pid cannot be checked. Hand-written rather than
 * proper-lockfile, which marks a lock with mkdir and keeps its mtime fresh, so a
 * dead owner's lock is free only after a timeout (and a suspended owner's can be
 * taken from under it): here the recorded pid is checked, so neither happens.
 *
 * The owner is written to a temp file first and hard-linked into place: link()
 * fails if the lock exists (as O_EXCL would) and the lock appears with its
 * content, never empty. So a failed write (a full disk) leaves no lock behind,
 * and an empty or unreadable lock file is never a live Gloss's: it is stale.
 * Where the file system has no hard links (FAT, exFAT), the lock is created
 * exclusively and then written, and its owner reads it back to catch a starter
 * that took it for stale while it was still empty.
 */
import { promises as fs, readFileSync, unlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GlossError } from '../errors';
import { code } from './fs-durable';
import { uniqueHex } from '../util/lazy-builtins';

export const LOCK_FILE = 'gloss.lock';

interface LockOwner {
  pid: number;
  host: string;
  token: string;
  since: string;
}

export interface DirLock {
  readonly file: string;
  release(): Promise<void>;
}

export interface DirLockOptions {
  /** Skip link() and create the lock in place, as on a file system without hard links (tests set it). */
  withoutHardLinks?: boolean;
}

/** Tokens of the locks this process holds or is placing, to tell our live locks from a dead run's. */
const heldHere = new Map<string, string>(); // token → lock file
let exitHookInstalled = false;

/** What link() says on file systems that have no hard links. */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS']);

const REASONS: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EROFS: 'the disk is read-only',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
};

export function lockedError(dataDir: string): GlossError {
  return new GlossError('LOCKED', `Another Gloss is already using ${dataDir}. Close it and try again.`);
}

function lockIoError(dataDir: string, err: unknown): GlossError {
  const reason = REASONS[code(err) ?? ''] ?? (err as Error).message;
  return new GlossError('IO', `Could not lock ${dataDir}: ${reason}.`, { cause: err });
}

export async function acquireDirLock(dataDir: string, options: DirLockOptions = {}): Promise<DirLock> {
  const file = path.join(dataDir, LOCK_FILE);
  const me: LockOwner = {
    pid: process.pid,
    host: os.hostname(),
    token: uniqueHex(12),
    since: new Date().toISOString(),
  };
  // Ours from before it is visible, so a starter in this process never takes it for a dead run's.
  heldHere.set(me.token, file);
  let links = !options.withoutHardLinks;
  let placed = false;
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        placed = links ? await linkIntoPlace(file, me) : await createInPlace(file, me);
      } catch (err) {
        if (links && NO_HARD_LINKS.has(code(err) ?? '')) {
          links = false;
          attempt--;
          continue;
        }
        if (code(err) !== 'EEXIST') throw lockIoError(dataDir, err);
      }
      if (placed) {
        installExitHook();
        return { file, release: () => release(file, me.token) };
      }
      const owner = await readOwner(file);
      if (owner === 'gone') continue; // released between our attempts
      if (!isStale(owner)) throw lockedError(dataDir);
      if (!(await removeStale(file, owner))) throw lockedError(dataDir);
    }
    throw lockedError(dataDir);
  } finally {
    if (!placed) heldHere.delete(me.token);
  }
}

/**
 * Writes the owner to a temp file beside the lock and links it in: true once
 * placed, EEXIST if a lock is there. The temp file has the store's temp-name
 * shape, so a crash's leftover is swept; another Gloss's sweep may take it
 * first, which only costs a second write. Not fsynced: after a power cut every
 * owner is gone, and an empty or torn lock counts as stale.
 */
async function linkIntoPlace(file: string, me: LockOwner): Promise<boolean> {
  for (let tries = 3; ; tries--) {
    const staged = path.join(path.dirname(file), `.${LOCK_FILE}.${process.pid}-${uniqueHex(6)}.tmp`);
    let written = false;
    try {
      await fs.writeFile(staged, JSON.stringify(me), { flag: 'wx' });
      written = true;
      await fs.link(staged, file);
      return true;
    } catch (err) {
      if (!(written && code(err) === 'ENOENT' && tries > 1)) throw err; // else: the staged file was swept
    } finally {
      await fs.rm(staged, { force: true });
    }
  }
}

/** Without hard links: create exclusively, write, and read back to be sure the lock is still ours. */
async function createInPlace(file: string, me: LockOwner): Promise<boolean> {
  const handle = await fs.open(file, 'wx');
  try {
    await handle.writeFile(JSON.stringify(me));
  } catch (err) {
    // Remove what we created, unless a starter already took it for stale and put its own there.
    const [ours, there] = await Promise.all([handle.stat(), fs.stat(file).catch(() => null)]);
    if (there && there.ino === ours.ino && there.dev === ours.dev) await fs.rm(file, { force: true });
    throw err;
  } finally {
    await handle.close();
  }
  const owner = await readOwner(file);
  return owner !== null && owner !== 'gone' && owner.token === me.token;
}

async function readOwner(file: string): Promise<LockOwner | 'gone' | null> {
  try {
    const parsed = JSON.parse(await fs.readFile(file, 'utf8')) as Partial<LockOwner>;
    return typeof parsed.pid === 'number' && typeof parsed.token === 'string' ? (parsed as LockOwner) : null;
  } catch (err) {
    return code(err) === 'ENOENT' ? 'gone' : null;
  }
}

/** An empty or unreadable lock was left by a crash or a failed write: no live Gloss shows one. */
function isStale(owner: LockOwner | null): boolean {
  if (!owner) return true;
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
  const aside = `${file}.stale-${uniqueHex(6)}`;
  try {
    await fs.rename(file, aside);
  } catch (err) {
    return code(err) === 'ENOENT';
  }
  const moved = await readOwner(aside);
  const same =
    stale === null ? moved === null : moved !== null && moved !== 'gone' && moved.token === stale.token;
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
