/**
 * notes/<articleId>.json: one small lowdb file per article, so saving a note
 * rewrites kilobytes, not the whole library. Counts for the library list come
 * from notes-index.tsv (see notes-index.ts), loaded on first use, kept current
 * in memory on every write and saved a little later; only when that index is
 * missing or may be stale are the notes files themselves read, a few at a time.
 * Only the articles actually opened keep their annotations in memory.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { Low } from 'lowdb';
import type { Annotation, TagCount } from '../annotations/types';
import { tagKey } from '../annotations/tags';
import { GlossError } from '../errors';
import { mapLimit } from '../util/map-limit';
import { DurableJsonFile } from './durable-json-file';
import { FolderSync, fsyncDir, replaceFileDurably } from './fs-durable';
import {
  loadNotesIndex,
  NOTES_INDEX_FILE,
  sameStamp,
  saveNotesIndex,
  serializeNotesIndex,
  stampOf,
  tagsOf,
  type FileStamp,
  type IndexedNotes,
  type LoadedIndex,
} from './notes-index';
import { restoreEmptiedNotes } from './emptied-notes';
import { NotesSummaries, type ListedArticles } from './notes-summaries';
import { assertSafeId, isSafeId } from './safe-names';
import { parseNotesFile, type ArticleNote, type NotesFile } from './schemas';

export const NOTES_DIR = 'notes';
/**
 * Present while a session has changed notes that notes-index.tsv may not show
 * yet: created before the first change, removed at close once the index is saved.
 * Found at open, it means the last session ended without closing.
 */
export const NOTES_INDEX_DIRTY = 'notes-index.dirty';
const SCAN_CONCURRENCY = 8;
/** Notes files all() reads ahead of its caller. */
const READ_AHEAD = 8;
/** Counts are saved this long after the last change (they are derivable, so a lost save costs only a re-check). */
const INDEX_SAVE_DELAY_MS = 2000;

interface OpenNotesFile {
  articleId: string;
  adapter: DurableJsonFile<NotesFile>;
  db?: Low<NotesFile>;
  opening?: Promise<Low<NotesFile>>;
  /** One read at a time per file, so a damaged file is recovered once. */
  reading?: Promise<NotesFile>;
  /** Found damaged and recovered (and reported) by its adapter. */
  recovered?: boolean;
  removed?: boolean;
}

/** An article's counts, from its annotations. */
export function summarise(annotations: readonly Annotation[], stamp?: FileStamp): IndexedNotes {
  const tags = new Map<string, TagCount>();
  for (const a of annotations) {
    const seen = new Set<string>();
    for (const tag of a.tags) {
      const key = tagKey(tag);
      if (seen.has(key)) continue;
      seen.add(key);
      const t = tags.get(key);
      if (t) t.count++;
      else tags.set(key, { tag, count: 1 });
    }
  }
  return { count: annotations.length, tags, stamp };
}

const emptyNotes = (): NotesFile => ({ version: 1, annotations: [] });

/** Every article's notes file: opened on demand (an `OpenNotesFile` each), counted through the index. */
export class NotesFiles {
  private readonly openFiles = new Map<string, OpenNotesFile>();
  private readonly dir: string;
  /** notes/, kept open for the fsync that ends each save (not opened and closed per save). */
  private readonly folder: FolderSync;
  /** articleId → its counts, and the tag totals; complete once `loading` has resolved (absent = no annotations). */
  private readonly summaries = new NotesSummaries();
  /** Articles whose counts this session took from their data: newer than anything in the index. */
  private readonly fresh = new Set<string>();
  private loading?: Promise<void>;
  /** The background check of a trusted index against the notes files (see ready). */
  private checking: Promise<unknown> = Promise.resolve();
  private loaded = false;
  private dirty: Promise<void> | null;
  private saveTimer?: NodeJS.Timeout;
  /** Counts changed since the index was last saved. */
  private unsaved = false;
  private saving: Promise<void> = Promise.resolve();
  private closing?: Promise<void>;
  /** Set by close(): no more index saves, and a rebuild in progress gives up. */
  private stopped = false;
  private indexRead?: Promise<LoadedIndex | null>;
  /** Notes files saved this session whose stamp the counts do not hold yet → whether that save is still the latest. */
  private readonly unstamped = new Map<string, () => boolean>();
  /** Empty notes files already checked against the index (see unlessEmptiedOutside). */
  private readonly checkedEmpty = new Set<string>();

  private constructor(
    private readonly dataDir: string,
    private readonly onWarning: (s: string) => void,
    /** The index on disk may be stale: the last session did not close, or there is none. */
    private readonly suspectAtOpen: boolean,
    markerAtOpen: boolean,
  ) {
    this.dir = path.join(dataDir, NOTES_DIR);
    this.folder = new FolderSync(this.dir);
    // A marker left by a crash stays until this session saves a checked index.
    this.dirty = markerAtOpen ? Promise.resolve() : null;
  }

  static async open(dataDir: string, onWarning: (s: string) => void): Promise<NotesFiles> {
    const exists = (name: string) =>
      fs.access(path.join(dataDir, name)).then(
        () => true,
        () => false,
      );
    const [marker, index] = await Promise.all([exists(NOTES_INDEX_DIRTY), exists(NOTES_INDEX_FILE)]);
    const files = new NotesFiles(dataDir, onWarning, marker || !index, marker);
    // A new library: no notes to count, so the (empty) counts are complete from the start.
    if (!index && (await fs.readdir(path.join(dataDir, NOTES_DIR)).catch(() => [])).length === 0) {
      files.loaded = true;
      files.loading = Promise.resolve();
    }
    return files;
  }

  /** Copies, so no caller changes the file's data; `select` picks what to copy. */
  async list(
    articleId: string,
    select?: (all: readonly Annotation[]) => readonly Annotation[],
  ): Promise<Annotation[]> {
    const db = await this.open(articleId);
    const all = db.data.annotations;
    return structuredClone(select ? [...select(all)] : all);
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

  /** articleId → number of annotations, asked one at a time (once counted). */
  async counter(): Promise<(articleId: string) => number> {
    await this.ready();
    return (id) => this.summaries.get(id)?.count ?? 0;
  }

  /** articleId → number of annotations, for the given articles. */
  async counts(articleIds: readonly string[]): Promise<Map<string, number>> {
    await this.ready();
    const counts = new Map<string, number>();
    for (const id of articleIds) counts.set(id, this.summaries.get(id)?.count ?? 0);
    return counts;
  }

  /** Tags over the library's articles, most used first, with their keys: kept up to date, not summed per call. */
  async tagCounts(library: ListedArticles): Promise<ReadonlyArray<readonly [key: string, tag: TagCount]>> {
    await this.ready();
    await this.readUnreadableTags(this.summaries.unreadableTags());
    return this.summaries.tagCounts(library);
  }

  /** The articles (of those given) holding a tag covered by one of `keys` (tag keys; children by "/" too). */
  async articlesWithTags(articleIds: readonly string[], keys: readonly string[]): Promise<string[]> {
    const covered = (k: string) => keys.some((f) => k === f || k.startsWith(`${f}/`));
    return (await this.tagsByArticle(articleIds))
      .filter(([, tags]) => [...tags.keys()].some(covered))
      .map(([id]) => id);
  }

  /**
   * Rewrites one article's annotations at once (one durable write); `edit` answers null for no change.
   * `edit` reads the stored list itself and must not change it or its annotations: it answers a new
   * list, where unchanged annotations may be the same objects (a copy of every list cost a 2,000-file
   * tag rename 150 ms and its garbage).
   */
  async edit(
    articleId: string,
    edit: (list: readonly Annotation[]) => Annotation[] | null,
    articleNote?: ArticleNote | null,
  ): Promise<ArticleNote | undefined> {
    // Answers the article note as it was, so a batch setting it can be undone.
    return this.change(
      articleId,
      (list, noteBefore) => ({ next: edit(list), result: noteBefore && { ...noteBefore } }),
      articleNote,
    );
  }

  /** Each given article that has annotations, with its tags by key, from the counts index. */
  private async tagsByArticle(
    articleIds: readonly string[],
  ): Promise<Array<[string, Map<string, TagCount>]>> {
    await this.ready();
    await this.readUnreadableTags(
      articleIds.filter((id) => {
        const entry = this.summaries.get(id);
        return entry !== undefined && tagsOf(entry) === null;
      }),
    );
    const out: Array<[string, Map<string, TagCount>]> = [];
    for (const id of articleIds) {
      const entry = this.summaries.get(id);
      const tags = entry ? tagsOf(entry) : null;
      // Parsed once: later calls reuse the map (entries are replaced, not changed, so the line stays valid).
      if (entry && tags && typeof entry.tags === 'string') entry.tags = tags;
      if (tags?.size) out.push([id, tags]);
    }
    return out;
  }

  /** Stored tags that do not parse are taken from the notes file itself. */
  private async readUnreadableTags(ids: readonly string[]): Promise<void> {
    await mapLimit(ids, SCAN_CONCURRENCY, async (id) => {
      const opened = this.openNotes(id);
      const data = opened.db?.data ?? (await this.readOnce(opened));
      if (tagsOf(this.summaries.get(id) ?? summarise([])) === null)
        this.summaries.set(id, summarise(data.annotations));
    });
  }

  /**
   * Each article with annotations, in the order given, without keeping them all in memory. A few files
   * are read ahead of the caller (READ_AHEAD), so reading one overlaps the caller's work on the last:
   * one after another, a 10,000-file library spent most of its export waiting on single reads.
   */
  async *all(
    articleIds: readonly string[],
  ): AsyncGenerator<{ articleId: string; annotations: Annotation[]; articleNote?: ArticleNote }> {
    await this.ready();
    const ids = articleIds.filter((id) => (this.summaries.get(id)?.count ?? 0) > 0);
    const ahead: Array<Promise<{ data: NotesFile; shared: boolean }>> = [];
    let next = 0;
    for (let i = 0; i < ids.length; i++) {
      while (next < ids.length && next <= i + READ_AHEAD) {
        const read = this.readToList(ids[next++]);
        // Its failure is the caller's when it gets there (or nobody's, if the caller stops first).
        read.catch(() => {});
        ahead.push(read);
      }
      const { data, shared } = await ahead.shift()!;
      if (data.annotations.length > 0)
        yield {
          articleId: ids[i],
          // A read of its own is the caller's alone; the store's data (or a read another caller shares) is copied.
          annotations: shared ? structuredClone(data.annotations) : data.annotations,
          ...(data.articleNote && { articleNote: { ...data.articleNote } }),
        };
    }
  }

  /** A notes file's data for all(): the store's own when open (shared), else read without being kept. */
  private async readToList(articleId: string): Promise<{ data: NotesFile; shared: boolean }> {
    const opened = this.openNotes(articleId);
    if (opened.db) return { data: opened.db.data, shared: true };
    const joined = opened.reading !== undefined;
    const data = await this.readOnce(opened);
    this.closeIfUnused(opened);
    return { data, shared: joined };
  }

  /**
   * Forgets a notes file that was only read (not opened, not being read, nothing recovered or restored
   * through it): a library export reads every file once, and each kept its adapter for the session.
   */
  private closeIfUnused(opened: OpenNotesFile): void {
    const { articleId } = opened;
    if (opened.db || opened.opening || opened.reading || opened.recovered || opened.removed) return;
    if (this.checkedEmpty.has(articleId) || this.openFiles.get(articleId) !== opened) return;
    this.openFiles.delete(articleId);
  }

  /** Waits for the article's pending saves, then deletes its notes. */
  async remove(articleId: string): Promise<void> {
    const opened = this.openNotes(articleId);
    opened.removed = true;
    await this.markDirty();
    await Promise.allSettled([opened.opening, opened.reading]);
    await opened.adapter.idle();
    this.openFiles.delete(articleId);
    this.summaries.delete(articleId);
    this.fresh.add(articleId);
    const file = this.fileFor(articleId);
    await Promise.all([fs.rm(file, { force: true }), fs.rm(`${file}.bak`, { force: true })]);
    this.scheduleSave();
  }

  /** How many articles' notes files are held in memory (opened for editing, or being read). */
  get held(): number {
    return this.openFiles.size;
  }

  async idle(): Promise<void> {
    await Promise.all([...this.openFiles.values()].map((b) => b.adapter.idle()));
  }

  /**
   * After the last write: saves the counts and removes the dirty marker, so the
   * next session trusts them. If they were never complete (a rebuild still
   * running), the marker stays and the next session checks again.
   */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.idle();
      await this.folder.close();
      this.stopped = true;
      clearTimeout(this.saveTimer);
      await this.saving;
      if (!this.dirty && !this.unsaved) return; // nothing changed this session
      if (!this.loaded && !this.suspectAtOpen) await this.ready(); // a trusted index: one quick read
      if (!this.loaded) return;
      try {
        await this.dirty;
        await this.stampSaved();
        await saveNotesIndex(this.dataDir, serializeNotesIndex(this.summaries, true));
        await fs.rm(path.join(this.dataDir, NOTES_INDEX_DIRTY), { force: true });
        await fsyncDir(this.dataDir);
      } catch {
        // Derived data: if it cannot be saved, the marker stays and the next session checks the notes files.
      }
    })();
    return this.closing;
  }

  /**
   * `articleNote`, when given, is set in the same write (null removes it): the annotations and the
   * article note live in one file, so a change to both is one atomic write.
   */
  private async change<R>(
    articleId: string,
    edit: (
      list: Annotation[],
      articleNote: ArticleNote | undefined,
    ) => { next: Annotation[] | null; result: R },
    articleNote?: ArticleNote | null,
  ): Promise<R> {
    const db = await this.open(articleId);
    const opened = this.openNotes(articleId);
    if (opened.removed) throw new GlossError('NOT_FOUND', 'This article has been removed from the library.');
    const before = db.data.annotations;
    const noteBefore = db.data.articleNote;
    const { next, result } = edit(before, noteBefore);
    const noteNext: ArticleNote | undefined =
      articleNote === undefined ? noteBefore : articleNote ? { ...articleNote } : undefined;
    if (!next && noteNext === noteBefore) return result;
    const previous = this.summaries.get(articleId);
    if (next) {
      db.data.annotations = next;
      this.summaries.set(articleId, summarise(next));
      this.fresh.add(articleId);
    }
    if (noteNext) db.data.articleNote = noteNext;
    else delete db.data.articleNote;
    await this.save(
      articleId,
      db,
      () => db.data.annotations === (next ?? before) && db.data.articleNote === noteNext,
      () => {
        db.data.annotations = before;
        if (noteBefore) db.data.articleNote = noteBefore;
        else delete db.data.articleNote;
        if (next) this.summaries.set(articleId, previous ?? summarise(before));
      },
    );
    return result;
  }

  /** The note on the whole article, if it has one. */
  async articleNote(articleId: string): Promise<ArticleNote | undefined> {
    const db = await this.open(articleId);
    return db.data.articleNote && { ...db.data.articleNote };
  }

  /** Sets (or, with undefined, removes) the note on the whole article; durable once resolved. */
  async setArticleNote(articleId: string, note: ArticleNote | undefined): Promise<void> {
    await this.change(articleId, () => ({ next: null, result: undefined }), note ?? null);
  }

  /**
   * Writes a changed notes file. On failure, memory goes back to what the disk
   * holds (`revert`), unless a later change has replaced it (`current` false).
   */
  private async save(
    articleId: string,
    db: Low<NotesFile>,
    current: () => boolean,
    revert: () => void,
  ): Promise<void> {
    try {
      // The index on disk must not be trusted once this file changes.
      await this.markDirty();
      await db.write();
    } catch (err) {
      if (current()) revert();
      throw err;
    }
    // Which version of the file the counts describe is recorded when the counts are next saved (one stat
    // per file then, not one per save); until then the entry is simply re-checked after a crash.
    this.unstamped.set(articleId, current);
    this.scheduleSave();
  }

  /** Records the stamp of each file saved since the last call, unless a later change is on its way. */
  private async stampSaved(): Promise<void> {
    const saved = [...this.unstamped];
    this.unstamped.clear();
    await mapLimit(saved, SCAN_CONCURRENCY, async ([articleId, current]) => {
      const stamp = await stampOf(this.fileFor(articleId));
      const summary = this.summaries.get(articleId);
      if (current() && stamp && summary)
        this.summaries.set(articleId, { count: summary.count, tags: summary.tags, stamp });
    });
  }

  private markDirty(): Promise<void> {
    this.dirty ??= replaceFileDurably(path.join(this.dataDir, NOTES_INDEX_DIRTY), '').catch((err) => {
      this.dirty = null;
      throw err;
    });
    return this.dirty;
  }

  /** Resolves once the counts have been checked against every notes file (a trusted index's check runs in the background). */
  async checked(): Promise<void> {
    await this.ready();
    await this.checking;
  }

  /** Counts for every article: from the index, checked against the notes files when it may be stale. */
  private ready(): Promise<void> {
    this.loading ??= (async () => {
      const index = await this.indexAtOpen();
      // Trusted only whole: a damaged row or a missing one means counts are checked against the notes files.
      if (index && !this.suspectAtOpen && index.sealed && index.intact) {
        for (const [id, entry] of index.entries) if (!this.fresh.has(id)) this.summaries.set(id, entry);
        this.loaded = true;
        // Trusted for the first list; then, in the background, a stat of each notes file catches one
        // changed while Gloss was closed (restored from a backup, synced from another computer).
        this.checking = this.rebuild(index.entries).catch(() => {});
      } else {
        this.loaded = await this.rebuild(index?.entries ?? new Map());
        this.scheduleSave();
      }
    })();
    return this.loading;
  }

  /** Takes each notes file's counts from `known` if the file is unchanged since, else reads it; false if stopped. */
  private async rebuild(known: ReadonlyMap<string, IndexedNotes>): Promise<boolean> {
    const names = await fs.readdir(this.dir).catch(() => [] as string[]);
    const ids = names
      .filter((n) => n.endsWith('.json'))
      .map((n) => n.slice(0, -'.json'.length))
      .filter(isSafeId);
    const present = new Set(ids);
    let changed = false;
    for (const id of known.keys()) {
      if (!present.has(id) && !this.fresh.has(id)) {
        changed ||= this.summaries.delete(id);
      }
    }
    await mapLimit(ids, SCAN_CONCURRENCY, async (id) => {
      if (this.stopped || this.fresh.has(id)) return;
      const stamp = await stampOf(this.fileFor(id));
      const old = known.get(id);
      if (old && sameStamp(old.stamp, stamp)) {
        if (!this.fresh.has(id)) this.summaries.set(id, old);
        return;
      }
      const opened = this.openNotes(id);
      const data = opened.db?.data ?? (await this.readOnce(opened));
      if (!this.fresh.has(id)) this.summaries.set(id, summarise(data.annotations, stamp));
      changed = true;
    });
    if (changed && this.loaded) this.scheduleSave();
    return !this.stopped;
  }

  private scheduleSave(): void {
    this.unsaved = true;
    if (this.saveTimer || this.stopped) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      this.saving = this.saving
        .then(() => this.saveIndex())
        .catch(() => {
          // Derived data: a failed save only means the next session checks the notes files again.
        });
    }, INDEX_SAVE_DELAY_MS);
    this.saveTimer.unref();
  }

  /** While the session runs, the saved index stays marked dirty: only close() vouches for it. */
  private async saveIndex(): Promise<void> {
    if (!this.loaded || this.stopped) return;
    await this.markDirty();
    this.unsaved = false;
    await this.stampSaved();
    await saveNotesIndex(this.dataDir, serializeNotesIndex(this.summaries, false));
  }

  private fileFor(articleId: string): string {
    return path.join(this.dir, `${assertSafeId(articleId, 'article id')}.json`);
  }

  private openNotes(articleId: string): OpenNotesFile {
    let opened = this.openFiles.get(articleId);
    if (!opened) {
      opened = {
        articleId,
        adapter: new DurableJsonFile<NotesFile>({
          file: this.fileFor(articleId),
          root: this.dataDir,
          validate: parseNotesFile,
          folder: this.folder,
          onWarning: (sentence) => {
            opened!.recovered = true;
            this.onWarning(sentence);
          },
        }),
      };
      this.openFiles.set(articleId, opened);
    }
    return opened;
  }

  private open(articleId: string): Promise<Low<NotesFile>> {
    const opened = this.openNotes(articleId);
    if (opened.db) return Promise.resolve(opened.db);
    opened.opening ??= (async () => {
      await fs.mkdir(this.dir, { recursive: true });
      const db = new Low<NotesFile>(opened.adapter, emptyNotes());
      const stamp = await stampOf(this.fileFor(articleId));
      const joined = opened.reading !== undefined;
      const data = await this.readOnce(opened);
      // A read begun for all() went to its caller as is: the store keeps a copy of its own.
      db.data = joined ? structuredClone(data) : data;
      opened.db = db;
      // What the file holds now is the truth: it corrects a stale count from the index.
      if (!this.fresh.has(articleId)) {
        const known = this.summaries.get(articleId)?.count;
        this.summaries.set(articleId, summarise(db.data.annotations, stamp));
        this.fresh.add(articleId);
        if (known !== undefined && known !== db.data.annotations.length) this.scheduleSave();
      }
      return db;
    })().finally(() => {
      opened.opening = undefined;
    });
    return opened.opening;
  }

  private readOnce(opened: OpenNotesFile): Promise<NotesFile> {
    opened.reading ??= opened.adapter
      .read()
      .then((data) => this.unlessEmptiedOutside(opened, data ?? emptyNotes()))
      .finally(() => {
        opened.reading = undefined;
      });
    return opened.reading;
  }

  /** An empty notes file the index sealed at the last close says held annotations: see emptied-notes.ts. */
  private async unlessEmptiedOutside(opened: OpenNotesFile, data: NotesFile): Promise<NotesFile> {
    const id = opened.articleId;
    if (
      data.annotations.length > 0 ||
      opened.recovered ||
      this.suspectAtOpen ||
      this.fresh.has(id) ||
      this.checkedEmpty.has(id)
    )
      return data;
    this.checkedEmpty.add(id);
    const index = await this.indexAtOpen();
    const row = index?.sealed && index.intact ? index.entries.get(id) : undefined;
    if (!row || row.count === 0) return data;
    return (await restoreEmptiedNotes(opened.adapter, row.count, this.onWarning)) ?? data;
  }

  /** notes-index.tsv as the session found it: it is saved again only once loaded, so the first read is of that. */
  private indexAtOpen(): Promise<LoadedIndex | null> {
    this.indexRead ??= loadNotesIndex(this.dataDir);
    return this.indexRead;
  }
}
