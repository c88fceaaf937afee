/**
 * A lowdb adapter that is durable and recovers from damage.
 *
 * write: compact JSON → unique temp file → fsync → previous file kept as .bak →
 * rename over the target → fsync the folder. Writes to one file are serialised;
 * while one is on its way to disk, later writes coalesce and the latest data wins.
 *
 * read: a missing file is null. A file that does not parse or fails validation
 * is moved aside to `<name>.corrupt-<timestamp>`, the .bak is restored if it is
 * good, and a sentence for the user is reported through onWarning. Never a
 * crash, never a silent loss.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Adapter } from 'lowdb';
import { GlossError } from '../errors';
import { code, moveAside, readableTime, replaceFileDurably, type FolderSync } from './fs-durable';

/** Returns the valid value (possibly normalised) or throws (or rejects: a check may load its schema first). */
export type Validator<T> = (raw: unknown) => T | Promise<T>;

export interface Fallback<T> {
  data: T;
  /** Completes "…, so Gloss <clause>.", e.g. "rebuilt the library list from 12 saved articles". */
  clause: string;
}

export interface DurableJsonFileOptions<T> {
  file: string;
  /** The data folder: paths in warnings are shown relative to it. */
  root: string;
  /** Checks the parsed JSON; or, for a file with its own reading, `readText` (throws when damaged) and `toText`. */
  validate?: Validator<T>;
  readText?: (text: string, bytes: Uint8Array) => T | Promise<T>;
  toText?: (data: T) => string;
  /**
   * After a write is on disk, when no later one is waiting (close waits for it): derived data kept
   * beside the file (library.json's row index). Its failure is its own: the write has succeeded.
   */
  afterWrite?: (data: T, text: string) => Promise<void>;
  onWarning: (sentence: string) => void;
  /** Asked for data when the file is missing or damaged beyond its backup. */
  fallback?: () => Promise<Fallback<T> | null>;
  /** The file's folder, synced through a handle its owner keeps open (notes/: one handle for every save). */
  folder?: FolderSync;
}

interface Waiter {
  resolve: () => void;
  reject: (err: unknown) => void;
}

export class DurableJsonFile<T> implements Adapter<T> {
  readonly file: string;
  readonly label: string;
  private pending: { data: T; waiters: Waiter[] } | null = null;
  private draining: Promise<void> | null = null;

  constructor(private readonly options: DurableJsonFileOptions<T>) {
    this.file = options.file;
    this.label = this.relative(options.file);
  }

  async read(): Promise<T | null> {
    let bytes: Buffer;
    try {
      bytes = await fs.readFile(this.file);
    } catch (err) {
      if (code(err) !== 'ENOENT')
        throw new GlossError('IO', `Could not read ${this.label}: ${(err as Error).message}`, { cause: err });
      return this.whenMissing();
    }
    const parsed = await this.parse(bytes);
    if (parsed.ok) return parsed.value;
    return this.recover();
  }

  write(data: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (this.pending) {
        this.pending.data = data;
        this.pending.waiters.push({ resolve, reject });
      } else {
        this.pending = { data, waiters: [{ resolve, reject }] };
      }
      this.draining ??= this.drain();
    });
  }

  /** Resolves once every write asked for so far is on disk (or has failed). */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending) {
        const { data, waiters } = this.pending;
        this.pending = null;
        try {
          // Compact, not pretty: two to three times cheaper to serialise.
          const text = this.options.toText ? this.options.toText(data) : JSON.stringify(data);
          await replaceFileDurably(this.file, text, {
            backup: true,
            folder: this.options.folder,
          });
          for (const w of waiters) w.resolve();
          if (!this.pending) await this.options.afterWrite?.(data, text).catch(() => {});
        } catch (err) {
          const failure = new GlossError('IO', `Could not save ${this.label}: ${(err as Error).message}`, {
            cause: err,
          });
          for (const w of waiters) w.reject(failure);
        }
      }
    } finally {
      this.draining = null;
    }
  }

  private async parse(bytes: Buffer): Promise<{ ok: true; value: T } | { ok: false }> {
    try {
      const { readText, validate } = this.options;
      const text = bytes.toString('utf8');
      const value = readText ? await readText(text, bytes) : await validate!(JSON.parse(text));
      return { ok: true, value };
    } catch {
      return { ok: false };
    }
  }

  private async whenMissing(): Promise<T | null> {
    const fallback = await this.options.fallback?.();
    if (!fallback) return null;
    this.options.onWarning(`${this.label} was missing, so Gloss ${fallback.clause}.`);
    await this.write(fallback.data);
    return fallback.data;
  }

  private async recover(): Promise<T | null> {
    let aside: string;
    try {
      aside = this.relative(await moveAside(this.file));
    } catch (err) {
      // Without moving it aside, the next save would make the damaged file the backup.
      throw new GlossError(
        'IO',
        `${this.label} is damaged and could not be moved aside: ${(err as Error).message}`,
        { cause: err },
      );
    }
    const backup = await this.readBackup();
    if (backup) {
      await this.write(backup.data);
      this.options.onWarning(
        `${this.label} was damaged and has been moved to ${aside}; restored the last good copy from ${readableTime(backup.savedAt)}.`,
      );
      return backup.data;
    }
    const fallback = await this.options.fallback?.();
    if (fallback) {
      await this.write(fallback.data);
      this.options.onWarning(
        `${this.label} was damaged and has been moved to ${aside}; no good copy was found, so Gloss ${fallback.clause}.`,
      );
      return fallback.data;
    }
    this.options.onWarning(
      `${this.label} was damaged and no good copy was found, so Gloss started it empty. The damaged file is kept at ${aside}.`,
    );
    return null;
  }

  private async readBackup(): Promise<{ data: T; savedAt: Date } | null> {
    const bak = `${this.file}.bak`;
    try {
      const [bytes, stat] = await Promise.all([fs.readFile(bak), fs.stat(bak)]);
      const parsed = await this.parse(bytes);
      return parsed.ok ? { data: parsed.value, savedAt: stat.mtime } : null;
    } catch {
      return null;
    }
  }

  private relative(p: string): string {
    return path.relative(this.options.root, p).split(path.sep).join('/');
  }
}
