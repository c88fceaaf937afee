/**
 * notes/<articleId>.json: one small lowdb file per article, so saving a note
 * rewrites kilobytes, not the whole library. Counts for the library list are
 * computed from these files on demand (lazily, a few at a time) and kept in
 * memory, updated on every write. Only the articles actually opened keep their
 * annotations in memory.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { Low } from 'lowdb';
import type { Annotation, TagCount } from '../annotations/types';
import { GlossError } from '../errors';
import { mapLimit } from './concurrency';
import { DurableJsonFile } from './durable-json-file';
import { assertSafeId } from './safe-names';
import { NotesFileSchema, type NotesFile } from './schemas';

export const NOTES_DIR = 'notes';
const SCAN_CONCURRENCY = 8;

interface Summary {
  count: number;
  /** Lower-cased tag → the tag as first written, and how many annotations carry it. */
  tags: Map<string, TagCount>;
}

interface Book {
  adapter: DurableJsonFile<NotesFile>;
  db?: Low<NotesFile>;
  opening?: Promise<Low<NotesFile>>;
  /** One read at a time per file, so a damaged file is recovered once. */
  reading?: Promise<NotesFile>;
  summary?: Summary;
  removed?: boolean;
}

export function summarise(annotations: readonly Annotation[]): Summary {
  const tags = new Map<string, TagCount>();
  for (const a of annotations) {
    const seen = new Set<string>();
    for (const tag of a.tags) {
      const key = tag.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      const t = tags.get(key);
      if (t) t.count++;
      else tags.set(key, { tag, count: 1 });
    }
  }
  return { count: annotations.length, tags };
}

const emptyNotes = (): NotesFile => ({ version: 1, annotations: [] });

export class NotesShelf {
  private readonly books = new Map<string, Book>();
  private readonly dir: string;

  constructor(
    private readonly dataDir: string,
    private readonly onWarning: (s: string) => void,
  ) {
    this.dir = path.join(dataDir, NOTES_DIR);
  }

  async list(articleId: string): Promise<Annotation[]> {
    const db = await this.open(articleId);
    return structuredClone(db.data.annotations);
  }

  /** Inserts or replaces by id; resolves once the article's notes file is on disk. */
  async put(a: Annotation): Promise<void> {
    await this.change(a.articleId, (list) => {
      const i = list.findIndex((x) => x.id === a.id);
      const next = list.slice();
      if (i >= 0) next[i] = structuredClone(a);
      else next.push(structuredClone(a));
      return { next, result: undefined };
    });
  }

  async delete(articleId: string, id: string): Promise<Annotation | undefined> {
    return this.change(articleId, (list) => {
      const i = list.findIndex((x) => x.id === id);
      if (i < 0) return { next: null, result: undefined };
      return { next: list.filter((_, j) => j !== i), result: structuredClone(list[i]) };
    });
  }

  /** articleId → number of annotations, for the given articles. */
  async counts(articleIds: readonly string[]): Promise<Map<string, number>> {
    await this.summariseAll(articleIds);
    return new Map(articleIds.map((id) => [id, this.books.get(id)?.summary?.count ?? 0]));
  }

  /** Tags over the given articles, most used first. */
  async tagCounts(articleIds: readonly string[]): Promise<TagCount[]> {
    await this.summariseAll(articleIds);
    const total = new Map<string, TagCount>();
    for (const id of articleIds) {
      for (const [key, t] of this.books.get(id)?.summary?.tags ?? []) {
        const sum = total.get(key);
        if (sum) sum.count += t.count;
        else total.set(key, { ...t });
      }
    }
    return [...total.values()].sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag));
  }

  /** Each article with annotations, one at a time, without keeping them all in memory. */
  async *all(articleIds: readonly string[]): AsyncGenerator<{ articleId: string; annotations: Annotation[] }> {
    for (const articleId of articleIds) {
      const book = this.book(articleId);
      if (book.summary?.count === 0) continue;
      const data = book.db?.data ?? (await this.readOnce(book));
      book.summary ??= summarise(data.annotations);
      if (data.annotations.length > 0) yield { articleId, annotations: structuredClone(data.annotations) };
    }
  }

  /** Waits for the article's pending saves, then deletes its notes. */
  async remove(articleId: string): Promise<void> {
    const book = this.book(articleId);
    book.removed = true;
    await Promise.allSettled([book.opening, book.reading]);
    await book.adapter.idle();
    this.books.delete(articleId);
    const file = this.fileFor(articleId);
    await Promise.all([fs.rm(file, { force: true }), fs.rm(`${file}.bak`, { force: true })]);
  }

  async idle(): Promise<void> {
    await Promise.all([...this.books.values()].map((b) => b.adapter.idle()));
  }

  private async change<R>(articleId: string, edit: (list: Annotation[]) => { next: Annotation[] | null; result: R }): Promise<R> {
    const db = await this.open(articleId);
    const book = this.book(articleId);
    if (book.removed) throw new GlossError('NOT_FOUND', 'This article has been removed from the library.');
    const before = db.data.annotations;
    const { next, result } = edit(before);
    if (!next) return result;
    db.data.annotations = next;
    book.summary = summarise(next);
    try {
      await db.write();
    } catch (err) {
      // Not on disk: memory goes back to what the disk holds, unless a later change has replaced it.
      if (db.data.annotations === next) {
        db.data.annotations = before;
        book.summary = summarise(before);
      }
      throw err;
    }
    return result;
  }

  private fileFor(articleId: string): string {
    return path.join(this.dir, `${assertSafeId(articleId, 'article id')}.json`);
  }

  private book(articleId: string): Book {
    let book = this.books.get(articleId);
    if (!book) {
      book = {
        adapter: new DurableJsonFile<NotesFile>({
          file: this.fileFor(articleId),
          root: this.dataDir,
          validate: (raw) => NotesFileSchema.parse(raw) as unknown as NotesFile,
          onWarning: this.onWarning,
        }),
      };
      this.books.set(articleId, book);
    }
    return book;
  }

  private open(articleId: string): Promise<Low<NotesFile>> {
    const book = this.book(articleId);
    if (book.db) return Promise.resolve(book.db);
    book.opening ??= (async () => {
      await fs.mkdir(this.dir, { recursive: true });
      const db = new Low<NotesFile>(book.adapter, emptyNotes());
      db.data = await this.readOnce(book);
      book.db = db;
      book.summary = summarise(db.data.annotations);
      return db;
    })().finally(() => {
      book.opening = undefined;
    });
    return book.opening;
  }

  private readOnce(book: Book): Promise<NotesFile> {
    book.reading ??= book.adapter
      .read()
      .then((data) => data ?? emptyNotes())
      .finally(() => {
        book.reading = undefined;
      });
    return book.reading;
  }

  private async summariseAll(articleIds: readonly string[]): Promise<void> {
    const unknown = articleIds.filter((id) => !this.books.get(id)?.summary);
    if (unknown.length === 0) return;
    // One directory listing spares a failed open for every article without notes.
    const present = new Set(await fs.readdir(this.dir).catch(() => [] as string[]));
    await mapLimit(unknown, SCAN_CONCURRENCY, async (id) => {
      const book = this.book(id);
      if (book.summary) return;
      if (!present.has(`${id}.json`) && !book.db && !book.opening) {
        book.summary = summarise([]);
        return;
      }
      const data = book.db?.data ?? (await this.readOnce(book));
      book.summary ??= summarise(data.annotations);
    });
  }
}
