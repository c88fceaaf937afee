/**
 * Keeps the search index in step with the store, which stays the source of
 * truth: the index is loaded from search/, checked against the library, fed
 * each change, saved a little later, and rebuilt from the store whenever it
 * is missing, damaged or from another version. Runs in the search worker
 * (worker.ts) or, for tests, on the calling thread: it reads the data folder
 * itself, never writes outside search/.
 *
 * How it is saved. Each part (articles, highlights) is a snapshot plus a journal
 * of the changes made since (index-files.ts, index-journal.ts): a save appends
 * the changed articles' and highlights' lines to the journal and fsyncs it — a
 * few kilobytes, milliseconds — instead of writing the whole index (seconds on
 * 10,000 articles, during which the worker answered nothing). Loading replays
 * the journal over the snapshot. A journal past a quarter of its snapshot is
 * folded into a new snapshot (written whole, atomically: temp, fsync, rename),
 * then a new journal naming that snapshot is started.
 *
 * How it stays consistent after a crash. Whatever a crash cuts, what loads is a
 * state the index really had, or is detected as damaged:
 *   - a snapshot is replaced atomically and checksummed: the old or the new one
 *     loads, and one damaged otherwise is detected, the part rebuilt from the
 *     store with a warning;
 *   - a journal line cut short by a crash while appending is dropped (and cut
 *     off before the next append); a bad line with good ones after it is
 *     damage (rebuilt, warned); a journal naming another snapshot (a crash
 *     between a new snapshot and its journal) is ignored, the snapshot holding
 *     its changes.
 * Then every indexed article records what it was built from: the content hash
 * and metadata of its library entry, and its notes file's size, mtime and
 * crc32. Opening compares these with the store:
 *   - each library entry with the recorded stamp (exact: the hash is the store's own);
 *   - each notes file: after a clean close, by size and mtime (a stat each);
 *     after a crash — search/open is still there, since it is written durably
 *     before anything is indexed and removed only once the index is saved at
 *     close — by reading it and comparing the crc32;
 *   - indexed articles no longer in the library are dropped.
 * Whatever differs is indexed again from the store's files, before any query
 * is answered: a change acknowledged by the store and not yet in the journal
 * (saved two seconds later, or the process died first, or its line was cut) is
 * found by that comparison. The same check catches changes made while the index
 * was not open (the CLI without a search, a tag rename finished by the store at
 * start-up, files restored from a backup).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { createHash } from 'node:crypto';
import type { Annotation } from '../annotations/types';
import { sweepTempFiles } from '../store/fs-durable';
import { parseNotesFile } from '../store/schemas';
import { articleNoteDoc } from './article-note';
import { isSafeId } from '../store/safe-names';
import { mapLimit } from '../util/map-limit';
import {
  installPart,
  markClosed,
  markOpen,
  readPart,
  searchDir,
  writePart,
  PART_FILES,
  type LoadedPart,
  type PartName,
} from './index-files';
import {
  appendJournal,
  journalLine,
  journalLines,
  JOURNAL_FILES,
  readJournal,
  startJournal,
  type LoadedJournal,
} from './index-journal';
import { parseQuery } from './query';
import { articleStamp, SearchIndex, type NotesStamp, type PartChanges } from './search-index';
import { SearchableText } from './searchable-text';
import { TextCache } from './text-cache';
import { startCompaction, type RunningCompaction } from './compaction-client';
import { collectGarbage } from './garbage-collection';
import type { CompactedPart, CompactionRequest } from './compaction';
import type { SearchResult } from './types';

/** What the keeper needs of a library entry (the store's ArticleIndexEntry has these). */
export interface LibraryEntry {
  id: string;
  title: string;
  source?: string;
  /** Authors, as corrected by the user if they were. */
  byline?: string;
  /** The user's corrections: a byline corrected to none is '' here and absent above. */
  edited?: { byline?: string };
  contentFile: string;
  contentHash: string;
}

export type IndexChange =
  | { kind: 'article'; entry: LibraryEntry }
  | { kind: 'article-removed'; id: string }
  | { kind: 'notes'; articleId: string };

export interface KeeperOptions {
  dataDir: string;
  /** The library as the store lists it now. */
  entries: LibraryEntry[];
  onWarning?: (sentence: string) => void;
  /** How long after a change the index is saved (default 2 s). */
  saveDelayMs?: number;
  /** Tests: called once a compaction has built its part in its thread; it writes the part when the answer resolves. */
  holdCompaction?: () => Promise<void>;
  /** A journal is folded into a new snapshot past this many bytes, or a quarter of its snapshot if more (default 4 MB). */
  compactAtBytes?: number;
  /**
   * Opening resolves only once the text cache is filled (benchmarks measuring the steady state; by
   * default it fills in the background, queries answered meanwhile).
   */
  warmFirst?: boolean;
  /**
   * Once loaded and warm, this thread's garbage is collected (garbage-collection.ts): the worker, whose
   * heap is the index's alone, keeps ~150 MB of the load's garbage at 10,000 articles otherwise.
   */
  collectGarbage?: boolean;
}

const NOTES_DIR = 'notes';
/**
 * A save is an append (milliseconds): on a slow disk, the next one waits at least this many times the
 * last append took, so the worker spends most of its time answering. (A part written whole at close
 * takes seconds but is rare: it does not delay the next append.)
 */
const SAVE_COST_FACTOR = 20;
/** A journal this long holds no change yet (its header line alone). */
const JOURNAL_HEADER_MAX = 200;
/** Journal lines are appended in batches of about this many bytes, the worker answering queries between them. */
const APPEND_BATCH_BYTES = 1_000_000;
const READ_CONCURRENCY = 8;
/**
 * Article texts kept in memory (the worker's), least recently used dropped first: a phrase
 * query checks hundreds of bodies and a page of hits shows fifty snippets, and reading and
 * parsing each article's file again is most of a query's time. Counted in characters, so a
 * library of books keeps a few of them, not gigabytes.
 */
const CACHED_TEXT_CHARS = 64_000_000;
/**
 * After opening, the cache is filled in the background up to this many characters, a few files at
 * a time between queries, each text with its folded terms (what a phrase is checked in: computing
 * them for a phrase's hundreds of candidates made its first query 10× slower than the next), so the
 * first phrase query neither reads hundreds of files nor folds hundreds of texts.
 */
const WARM_TEXT_CHARS = (CACHED_TEXT_CHARS * 7) / 8;
const WARM_BATCH = 8;
/** How many times each warming query runs: enough for V8 to compile the search's code (see warmCode). */
const WARM_CODE_ROUNDS = 8;

/**
 * The keeper's warn when the caller gives none. Made here, not as an arrow inside `open`: that one would
 * share open's closure context and keep both snapshots' text (~85 MB at 10k articles) for the keeper's life.
 */
const ignoreWarning = (): void => {};

const PART_NAMES: readonly PartName[] = ['articles', 'annotations'];

interface SavedPart {
  /** The snapshot's checksum (its journal names it) and size. */
  snapshot: number;
  snapshotBytes: number;
  /** The snapshot is the empty one a part built from nothing starts with (its journal holds all of it). */
  empty?: boolean;
  /** Its journal; null when it has none of its own yet. `torn`: a crash cut its last line short after `bytes`. */
  journal: { bytes: number; torn: boolean } | null;
}

/**
 * A journal is folded into a new snapshot once it holds this many bytes: a quarter of the snapshot (so
 * replaying it at open costs a fraction of building the part), and never less than a few megabytes
 * (so a small library is not rewritten whole at every few changes).
 */
const COMPACT_MIN_BYTES = 4_000_000;

/** A good snapshot's journal (none for a missing or damaged snapshot). */
async function journalOf<P extends PartName>(
  dataDir: string,
  name: P,
  snapshot: LoadedPart<P>,
): Promise<LoadedJournal<PartChanges[P][number]> | null> {
  if (snapshot.status !== 'ok') return null;
  return readJournal<PartChanges[P][number]>(dataDir, name, snapshot.crc);
}

/**
 * The index as saved (each good snapshot with its journal replayed), what each part's files are, and
 * which parts start from nothing (missing, outdated or damaged: told through `warn` when damaged).
 */
async function loadSaved(
  dataDir: string,
  warn: (s: string) => void,
): Promise<{
  index: SearchIndex;
  saved: Record<PartName, SavedPart | null>;
  fromEmpty: Record<PartName, boolean>;
}> {
  const [articles, annotations] = await Promise.all([
    readPart(dataDir, 'articles'),
    readPart(dataDir, 'annotations'),
  ]);
  const snapshots = { articles, annotations };
  // Each good snapshot's journal: the changes made since it was written.
  const journals = {
    articles: await journalOf<'articles'>(dataDir, 'articles', articles),
    annotations: await journalOf<'annotations'>(dataDir, 'annotations', annotations),
  };
  const damaged = new Map<PartName, string>();
  for (const name of PART_NAMES) {
    if (snapshots[name].status === 'damaged') damaged.set(name, PART_FILES[name]);
    else if (journals[name]?.status === 'damaged') damaged.set(name, JOURNAL_FILES[name]);
  }
  const usable = (name: PartName) => snapshots[name].status === 'ok' && !damaged.has(name);
  let index: SearchIndex;
  try {
    index = SearchIndex.fromParts(
      usable('articles') && articles.status === 'ok' ? articles.part : null,
      usable('annotations') && annotations.status === 'ok' ? annotations.part : null,
    );
    for (const name of PART_NAMES) {
      const journal = journals[name];
      if (usable(name) && journal?.status === 'ok') index.replay(name, journal.entries);
    }
  } catch {
    // Parsed and checksummed, yet MiniSearch (or a replayed change) refuses it: treat both as damaged.
    index = SearchIndex.empty();
    for (const name of PART_NAMES) if (!damaged.has(name)) damaged.set(name, PART_FILES[name]);
  }
  // Missing or outdated: built without a word. Each part stands alone, so only what is damaged is redone.
  for (const file of damaged.values())
    warn(
      `The search index (${path.join('search', file)}) was damaged, so Gloss is rebuilding it from the library.`,
    );
  const saved: Record<PartName, SavedPart | null> = { articles: null, annotations: null };
  const fromEmpty: Record<PartName, boolean> = { articles: false, annotations: false };
  for (const name of PART_NAMES) {
    const snapshot = snapshots[name];
    const journal = journals[name];
    // Built from nothing: an empty snapshot and the journal of its changes at the first save.
    if (snapshot.status !== 'ok' || damaged.has(name)) {
      fromEmpty[name] = true;
      continue;
    }
    saved[name] = {
      snapshot: snapshot.crc,
      snapshotBytes: snapshot.bytes,
      journal: journal?.status === 'ok' ? { bytes: journal.bytes, torn: journal.torn } : null,
    };
  }
  return { index, saved, fromEmpty };
}

interface Pending {
  content: boolean;
  notes: boolean;
  removed: boolean;
}

export class IndexKeeper {
  private readonly entries = new Map<string, LibraryEntry>();
  private readonly pending = new Map<string, Pending>();
  private draining: Promise<void> | null = null;
  /** Each part's files as last written; null while it has none good (then it is written whole). */
  private readonly saved: Record<PartName, SavedPart | null> = { articles: null, annotations: null };
  private saveTimer?: NodeJS.Timeout;
  private saving: Promise<void> = Promise.resolve();
  private lastSaveMs = 0;
  /**
   * Per part: its index was built from nothing this session and every change since is recorded (so an
   * empty snapshot and a journal of those changes describe it). False once a failed save lost some.
   */
  private readonly fromEmpty: Record<PartName, boolean> = { articles: false, annotations: false };
  /** The compaction running in its own thread, if any (one at a time). */
  private compaction: { running: RunningCompaction; settled: Promise<void> } | null = null;
  /** A compaction failed this session: not tried again until the next (the journal keeps growing meanwhile). */
  private compactionFailed = false;
  private closing = false;
  private closingDone?: Promise<void>;
  private readonly texts = new TextCache(CACHED_TEXT_CHARS);
  private closed = false;
  /** Searches run by warmCode so far. */
  private warmSearches = 0;
  /** Collect the garbage once warm (KeeperOptions.collectGarbage); whether it was. */
  private collectWhenWarm = false;
  private garbageCollected = false;

  private constructor(
    private readonly dataDir: string,
    private index: SearchIndex,
    private readonly saveDelayMs: number,
    private readonly compactAtBytes: number,
    private readonly holdCompaction: (() => Promise<void>) | undefined,
    private readonly warn: (s: string) => void,
  ) {}

  static async open(options: KeeperOptions): Promise<IndexKeeper> {
    const { dataDir } = options;
    const warn = options.onWarning ?? ignoreWarning;
    await sweepTempFiles(searchDir(dataDir));
    const crashed = await markOpen(dataDir);
    // Loaded by a function of its own: the snapshots' text and the journals' changes die when it returns,
    // not kept by this frame while the keeper checks the library and warms (~85 MB at 10,000 articles).
    const loaded = await loadSaved(dataDir, warn);
    const keeper = new IndexKeeper(
      dataDir,
      loaded.index,
      options.saveDelayMs ?? 2_000,
      options.compactAtBytes ?? COMPACT_MIN_BYTES,
      options.holdCompaction,
      warn,
    );
    Object.assign(keeper.saved, loaded.saved);
    Object.assign(keeper.fromEmpty, loaded.fromEmpty);
    keeper.collectWhenWarm = !!options.collectGarbage;
    await keeper.reconcile(options.entries, crashed);
    if (options.warmFirst) await keeper.warm();
    else void keeper.warm();
    return keeper;
  }

  /** Queues a change the store has made; it is in the index before the next query is answered. */
  apply(change: IndexChange): void {
    if (this.closed) return;
    if (change.kind === 'article') {
      this.entries.set(change.entry.id, change.entry);
      this.texts.delete(change.entry.id);
      this.want(change.entry.id, { content: true, notes: true });
    } else if (change.kind === 'article-removed') {
      this.entries.delete(change.id);
      this.texts.delete(change.id);
      this.want(change.id, { removed: true });
    } else this.want(change.articleId, { notes: true });
  }

  /** Resolves once every queued change is in the index. */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  async search(text: string, limit?: number): Promise<SearchResult> {
    await this.idle();
    return this.index.search(parseQuery(text), {
      limit,
      textOf: (id) => this.textOf(id),
      cachedText: (id) => this.texts.peek(id),
      usedText: (id) => this.texts.get(id),
    });
  }

  get stats(): {
    articles: number;
    annotations: number;
    cachedTexts: number;
    warmSearches: number;
    garbageCollected: boolean;
  } {
    return {
      articles: this.index.articleCount,
      annotations: this.index.annotationCount,
      cachedTexts: this.texts.size,
      warmSearches: this.warmSearches,
      garbageCollected: this.garbageCollected,
    };
  }

  /** The index as it would be saved (for tests comparing two builds). */
  parts(): { articles: unknown; annotations: unknown } {
    return { articles: this.index.articlesPart(), annotations: this.index.annotationsPart() };
  }

  /**
   * Saves what changed now (not waiting for the delay) and, unless told not to, waits for a
   * compaction that this save started or that was running (its new snapshot in place).
   */
  async flush(untilCompacted = true): Promise<void> {
    await this.saveNow();
    while (untilCompacted && this.compaction) await this.compaction.settled;
  }

  /**
   * Saves, then marks the index closed cleanly (the next open trusts a stat of each notes file). A
   * compaction running is stopped: a journal past its share is folded in here, on this thread (seconds
   * on a large library, but nothing is asked of a closing index).
   */
  close(): Promise<void> {
    this.closingDone ??= this.shutDown();
    return this.closingDone;
  }

  private async shutDown(): Promise<void> {
    this.closing = true;
    const running = this.compaction;
    if (running) {
      await running.running.cancel();
      await running.settled;
    }
    await this.saveNow();
    this.closed = true;
    if (!this.unsaved()) await markClosed(this.dataDir);
  }

  private async saveNow(): Promise<void> {
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    await this.idle();
    await this.enqueue(() => this.save());
  }

  /** Runs a step of saving after those queued (appends, compactions installed: one at a time); a failure is told, not thrown. */
  private enqueue(step: () => Promise<void>): Promise<void> {
    this.saving = this.saving.then(step).catch((err) => {
      this.warn(
        `The search index could not be saved (${(err as Error).message}); it will be rebuilt from the library if needed.`,
      );
    });
    return this.saving;
  }

  // ---- keeping in step -------------------------------------------------------

  /** Compares the index with the library and the notes files; queues what differs. */
  private async reconcile(entries: readonly LibraryEntry[], thorough: boolean): Promise<void> {
    for (const e of entries) this.entries.set(e.id, e);
    for (const e of entries) {
      if (this.index.articleInfo(e.id)?.stamp !== stampOfEntry(e)) this.want(e.id, { content: true });
    }
    for (const id of this.index.articleIds()) if (!this.entries.has(id)) this.want(id, { removed: true });
    const onDisk = new Set(
      (await fs.readdir(path.join(this.dataDir, NOTES_DIR)).catch(() => [] as string[]))
        .filter((n) => n.endsWith('.json'))
        .map((n) => n.slice(0, -'.json'.length))
        .filter(isSafeId),
    );
    for (const id of this.index.notesIds())
      if (this.entries.has(id) && !onDisk.has(id)) this.want(id, { notes: true });
    const withNotes = [...onDisk].filter((id) => this.entries.has(id));
    await mapLimit(withNotes, READ_CONCURRENCY, async (id) => {
      const known = this.index.notesStamp(id);
      if (!known) return this.want(id, { notes: true });
      const now = await statStamp(this.notesFile(id));
      if (!now || now.size !== known.size || now.mtimeMs !== known.mtimeMs)
        return this.want(id, { notes: true });
      if (thorough) {
        const bytes = await fs.readFile(this.notesFile(id)).catch(() => null);
        if (!bytes || crc32(bytes) !== known.crc) this.want(id, { notes: true });
      }
    });
  }

  private want(id: string, what: Partial<Pending>): void {
    const p = this.pending.get(id) ?? { content: false, notes: false, removed: false };
    if (what.removed) Object.assign(p, { content: false, notes: false, removed: true });
    else {
      p.removed = false;
      p.content ||= !!what.content;
      p.notes ||= !!what.notes;
    }
    this.pending.set(id, p);
    this.draining ??= this.drain().finally(() => {
      this.draining = null;
      this.scheduleSave();
    });
  }

  private async drain(): Promise<void> {
    await Promise.resolve(); // let a burst of changes queue up first
    while (this.pending.size > 0) {
      const batch = [...this.pending].slice(0, 64);
      for (const [id] of batch) this.pending.delete(id);
      const loaded = await mapLimit(batch, READ_CONCURRENCY, async ([id, p]) => ({
        id,
        p,
        data: await this.read(id, p),
      }));
      // Applied in order, on this thread, between reads.
      for (const { id, p, data } of loaded) {
        if (p.removed || !this.entries.has(id)) {
          if (this.index.articleInfo(id) || this.index.notesStamp(id) !== undefined) {
            this.index.removeArticle(id);
          }
          continue;
        }
        if (data.article) {
          this.index.setArticle(data.article.info, data.article.body);
        }
        if (data.notes) {
          this.index.setAnnotations(id, data.notes.annotations, data.notes.stamp);
        }
      }
    }
  }

  /** What the store holds for this article now. */
  private async read(id: string, p: Pending) {
    const entry = this.entries.get(id);
    if (p.removed || !entry) return {};
    return {
      article: p.content ? await this.readArticle(entry) : undefined,
      notes: p.notes ? await this.readNotes(id) : undefined,
    };
  }

  private async readArticle(entry: LibraryEntry) {
    const text = await this.readContent(entry);
    let body: string | null = null;
    let authors = entry.byline;
    if (text) {
      try {
        const parsed = JSON.parse(text) as { text?: unknown; meta?: { byline?: unknown } };
        if (typeof parsed.text === 'string') body = parsed.text;
        // An entry saved before bylines were listed: the content has it (unless corrected to none).
        if (
          authors === undefined &&
          entry.edited?.byline === undefined &&
          typeof parsed.meta?.byline === 'string'
        )
          authors = parsed.meta.byline;
      } catch {
        // Damaged: found by its metadata only, and read again at the next open (the stamp says so).
      }
    }
    const info = { id: entry.id, title: entry.title, source: entry.source, authors };
    return { info: { ...info, stamp: body === null ? 'unread' : stampOfEntry(entry) }, body };
  }

  /** The content file's text if it is the one the library entry names (its hash matches). */
  private async readContent(entry: LibraryEntry): Promise<string | null> {
    try {
      const bytes = await fs.readFile(path.join(this.dataDir, entry.contentFile));
      if (createHash('sha256').update(bytes).digest('hex') !== entry.contentHash) return null;
      return bytes.toString('utf8');
    } catch {
      return null;
    }
  }

  private async readNotes(id: string): Promise<{ annotations: Annotation[]; stamp: NotesStamp | null }> {
    const file = this.notesFile(id);
    // The stamp before the bytes: if the file is replaced in between, the stamp is the older one, so the next open reads it again.
    const stat = await statStamp(file);
    let bytes: Buffer;
    try {
      bytes = await fs.readFile(file);
    } catch {
      return { annotations: [], stamp: null }; // none (or unreadable: read again at the next open)
    }
    try {
      const notes = await parseNotesFile(JSON.parse(bytes.toString('utf8')));
      const annotations = notes.annotations.filter((a) => a.articleId === id);
      // The note on the whole article is found as a note, with no highlight to select.
      if (notes.articleNote?.text.trim()) annotations.push(articleNoteDoc(id, notes.articleNote));
      return { annotations, stamp: stat && { ...stat, crc: crc32(bytes) } };
    } catch {
      // Damaged: the store recovers it when the article is opened (and tells the user); the change event brings it here.
      return { annotations: [], stamp: null };
    }
  }

  /** An article's canonical text, for snippets and phrases (recently used ones kept). */
  private async textOf(id: string): Promise<SearchableText | null> {
    const cached = this.texts.get(id);
    if (cached) return cached;
    const entry = this.entries.get(id);
    const content = entry && (await this.readContent(entry));
    if (!content) return null;
    try {
      const text = (JSON.parse(content) as { text?: unknown }).text;
      if (typeof text !== 'string') return null;
      const searchable = new SearchableText(text);
      // A change to the article while it was being read has already dropped the stale copy.
      if (this.entries.get(id) === entry) this.texts.set(id, searchable);
      return searchable;
    } catch {
      return null;
    }
  }

  /** Fills the text cache, runs each kind of query a few times (warmCode), then collects the garbage if asked. */
  private async warm(): Promise<void> {
    await this.warmTexts();
    await this.warmCode();
    // What loading, building and warming left: kept by V8 until its next full collection otherwise.
    if (this.collectWhenWarm && !this.closed && !this.closing) this.garbageCollected = await collectGarbage();
  }

  /**
   * Searches the index's own words (from the first cached article: a word, two, a prefix, a phrase,
   * two words apart as a phrase, a typo, a note, a tag) a few times over, between real queries, so that the first searches a person
   * types run code V8 has compiled: it compiles a function only once it has run for a while, and
   * until then a query takes 3–10 times longer (measured in bench/README.md's search section).
   */
  private async warmCode(): Promise<void> {
    const queries = this.warmQueries();
    for (let round = 0; round < WARM_CODE_ROUNDS; round++)
      for (const query of queries) {
        await new Promise((resolve) => setImmediate(resolve)); // queries and changes first
        if (this.closed || this.closing) return;
        await this.search(query).catch(() => {});
        this.warmSearches++;
      }
  }

  private warmQueries(): string[] {
    const id = [...this.entries.keys()].find((x) => this.texts.peek(x));
    const words = (id ? this.texts.peek(id)!.prepare() : '').split('\n').filter((w) => w.length >= 5);
    if (words.length < 2) return [];
    const [a, b] = [words[0], words[Math.floor(words.length / 2)]];
    const tag = this.index.someTag();
    return [
      a,
      `${a} ${b}`,
      a.slice(0, 4),
      `"${b} ${words[Math.floor(words.length / 2) + 1] ?? a}"`,
      // Two words apart as a phrase: hundreds of candidates lack it, so the checks that rule them out
      // run often enough for V8 to compile them (one true phrase has few: the row's first phrases ran 4-7x slower).
      `"${a} ${b}"`,
      `${a.slice(0, -1)}q`,
      `is:note ${b}`,
      ...(tag ? [`tag:"${tag}"`] : []),
    ];
  }

  /** Reads article texts into the cache, newest first, while nothing else is queued and the budget allows. */
  private async warmTexts(): Promise<void> {
    const ids = [...this.entries.keys()];
    for (let i = 0; i < ids.length && !this.closed; i += WARM_BATCH) {
      await new Promise((resolve) => setImmediate(resolve)); // queries and changes first
      await this.idle();
      if (this.texts.chars >= WARM_TEXT_CHARS) return;
      const batch = ids.slice(i, i + WARM_BATCH);
      const texts = await Promise.all(batch.map((id) => this.textOf(id)));
      texts.forEach((text, k) => {
        text?.prepare();
        this.texts.get(batch[k]); // counted again, with its terms
      });
    }
  }

  // ---- saving ------------------------------------------------------------------

  private unsaved(): boolean {
    return this.index.hasChanges() || PART_NAMES.some((name) => !this.saved[name]);
  }

  private scheduleSave(): void {
    if (!this.unsaved() || this.saveTimer || this.closed || this.closing) return;
    this.saveTimer = setTimeout(
      () => {
        this.saveTimer = undefined;
        void this.enqueue(() => this.save());
      },
      Math.max(this.saveDelayMs, SAVE_COST_FACTOR * this.lastSaveMs),
    );
    this.saveTimer.unref?.();
  }

  /** Whether a part's journal has grown past its share of the snapshot (then it is folded into a new one). */
  private outgrown(saved: SavedPart | null): boolean {
    return !!saved?.journal && saved.journal.bytes >= Math.max(this.compactAtBytes, saved.snapshotBytes / 4);
  }

  /**
   * Each part's changes are appended to its journal (a few kilobytes an article), in batches between
   * which queries are answered. A part built from nothing gets an empty snapshot first, its changes
   * being the journal. A journal past its share of the snapshot is folded into a new snapshot by a
   * compaction in another thread (compaction-client.ts), or here when closing. Taken now, with
   * nothing queued: what is written describes one moment.
   */
  private async save(): Promise<void> {
    const started = performance.now();
    let whole = false;
    for (const name of PART_NAMES) {
      const changes = this.index.takeChanges(name);
      try {
        if (!this.saved[name] && (this.closing || !this.fromEmpty[name])) {
          // Closing: written whole at once (no journal of every change first). After a failed save:
          // changes were lost, and only the part itself says what it holds.
          await this.writeWhole(name);
          whole = true;
          continue;
        }
        if (!this.saved[name]) {
          const empty = SearchIndex.empty();
          const part = name === 'articles' ? empty.articlesPart() : empty.annotationsPart();
          const { crc, bytes } = await writePart(this.dataDir, name, part);
          this.saved[name] = { snapshot: crc, snapshotBytes: bytes, empty: true, journal: null };
          this.fromEmpty[name] = false;
        }
        const saved = this.saved[name]!;
        // A snapshot with no journal of its own (none, or another snapshot's): one is started.
        if (!saved.journal)
          saved.journal = { bytes: await startJournal(this.dataDir, name, saved.snapshot), torn: false };
        await this.append(name, saved.journal, changes);
        // Closing, nothing is asked of the index: a part built this session is written whole, so the
        // next open loads it rather than replaying every change.
        if (
          this.closing &&
          (this.outgrown(saved) || (saved.empty && saved.journal.bytes > JOURNAL_HEADER_MAX))
        ) {
          await this.writeWhole(name);
          whole = true;
        }
      } catch (err) {
        // Not saved: written whole next time (the check at open covers what is lost meanwhile).
        this.saved[name] = null;
        this.fromEmpty[name] = false;
        throw err;
      }
    }
    if (!whole) this.lastSaveMs = performance.now() - started;
    if (!this.closing) this.compactIfOutgrown();
  }

  /** Appends the changes' lines, a batch at a time (after a crash cut its last line short, that line is cut off first). */
  private async append(
    name: PartName,
    journal: NonNullable<SavedPart['journal']>,
    changes: PartChanges[PartName],
  ): Promise<void> {
    let batch = '';
    const flushBatch = async () => {
      journal.bytes += await appendJournal(
        this.dataDir,
        name,
        batch,
        journal.torn ? journal.bytes : undefined,
      );
      journal.torn = false;
      batch = '';
    };
    for (const change of changes) {
      batch += journalLine(change);
      if (batch.length >= APPEND_BATCH_BYTES) await flushBatch();
    }
    if (batch) await flushBatch();
  }

  /** Writes a part whole, on this thread, and starts its journal (at close, or after a failed save). */
  private async writeWhole(name: PartName): Promise<void> {
    this.saved[name] = null; // until written
    const part = name === 'articles' ? this.index.articlesPart() : this.index.annotationsPart();
    const { crc, bytes } = await writePart(this.dataDir, name, part);
    const journalBytes = await startJournal(this.dataDir, name, crc);
    this.saved[name] = { snapshot: crc, snapshotBytes: bytes, journal: { bytes: journalBytes, torn: false } };
  }

  /** Starts folding an outgrown journal into a new snapshot, in another thread; one part at a time. */
  private compactIfOutgrown(): void {
    if (this.compaction || this.compactionFailed || this.closing || this.closed) return;
    const name = PART_NAMES.find((n) => this.outgrown(this.saved[n]));
    if (!name) return;
    const saved = this.saved[name]!;
    const request = {
      dataDir: this.dataDir,
      name,
      snapshot: saved.snapshot,
      journalBytes: saved.journal!.bytes,
    };
    let running: RunningCompaction;
    try {
      running = startCompaction(request, this.holdCompaction);
    } catch (err) {
      this.compactionFailed = true;
      this.warn(`The search index could not be compacted (${(err as Error).message}).`);
      return;
    }
    const settled = running.done
      .then(
        (part) => this.enqueue(() => this.installCompacted(request, part)),
        (err: Error) => {
          if (this.closing) return; // stopped by close
          this.compactionFailed = true;
          this.warn(`The search index could not be compacted (${err.message}); it is kept as it is.`);
        },
      )
      .finally(() => {
        this.compaction = null;
        this.compactIfOutgrown(); // the other part
      });
    this.compaction = { running, settled };
  }

  /**
   * Puts a compacted snapshot in place, then a new journal naming it with the lines appended since the
   * compaction read the old one. A crash between the two leaves the new snapshot and a journal naming
   * the old one (ignored): the lines appended meanwhile are found again by the check against the store.
   */
  private async installCompacted(request: CompactionRequest, part: CompactedPart): Promise<void> {
    const { name } = request;
    const saved = this.saved[name];
    if (this.closing || !saved?.journal || saved.snapshot !== request.snapshot) {
      await fs.rm(part.temp, { force: true }); // superseded (written whole, or a failed save)
      return;
    }
    const since = await journalLines(this.dataDir, name, request.journalBytes, saved.journal.bytes);
    this.saved[name] = null; // until both are in place
    await installPart(this.dataDir, name, part.temp);
    this.saved[name] = { snapshot: part.crc, snapshotBytes: part.bytes, journal: null };
    const bytes = await startJournal(this.dataDir, name, part.crc, since);
    this.saved[name] = { snapshot: part.crc, snapshotBytes: part.bytes, journal: { bytes, torn: false } };
  }

  private notesFile(id: string): string {
    return path.join(this.dataDir, NOTES_DIR, `${id}.json`);
  }
}

function stampOfEntry(e: LibraryEntry): string {
  return articleStamp(e.contentHash, {
    title: e.title,
    source: e.source,
    authors: e.byline ?? e.edited?.byline,
  });
}

async function statStamp(file: string): Promise<{ size: number; mtimeMs: number } | null> {
  try {
    const s = await fs.stat(file);
    return { size: s.size, mtimeMs: s.mtimeMs };
  } catch {
    return null;
  }
}
