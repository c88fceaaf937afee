/**
 * Changes that touch many notes files at once — a tag renamed, merged or
 * deleted across the library, or many annotations put back by undo — are one
 * operation: the change is written to batch-change.json (durably) before any
 * notes file is touched, each notes file concerned is rewritten once, and the
 * journal is removed at the end. Found at open, an interrupted change is
 * finished, so a crash leaves the old state only until the next start, never
 * half of it.
 *
 * A batch may bring new articles (Import Highlights' article for passages
 * found nowhere): their content is in the journal, and each is written
 * (content file, then index entry) before the annotations go in, so a crash
 * leaves the article with its passages or neither.
 *
 * Finishing is safe to repeat: a tag change stamps every annotation it changes
 * with the operation's `modified` time and skips those already stamped (so
 * renaming `claim` to `claim/official` is not applied twice); putting back an
 * annotation by id is the same however often it is done.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { applyTagChange, tagChangeKeys, type TagChange } from '../annotations/tags';
import { mapLimitUntilFailure } from '../util/map-limit';
import type { Annotation, ArticleNote, ArticleNoteChange } from '../annotations/types';
import { fsyncDir, replaceFileDurably } from './fs-durable';
import type { NotesFiles } from './notes';
import type { TagCode, TagCodeChange } from '../annotations/codebook';
import type { TagCodebook } from './tag-codebook';
import { parseArticleContent, type ArticleFiles } from './article-files';
import type { LibraryIndex } from './library-index';
import { indexEntryFor, withEdits } from './schemas';

export const BATCH_JOURNAL = 'batch-change.json';

type Batch =
  // `id`: told apart from any other change, so the codebook takes it once (journals without one: `modified`).
  | { kind: 'tags'; change: TagChange; modified: string; id?: string }
  // `remove`: annotations taken out in the same operation (a Markdown sync deleting passages); undone by putting them back.
  // `codebook`: tags' colours and descriptions put back with them (undo of a tag change or a description).
  // `articleNotes`: article notes set in the same write as their article's annotations (a Markdown sync).
  // `articles`: new articles' content (JSON), each written before the annotations (Import Highlights).
  | {
      kind: 'restore';
      articles?: Array<{ id: string; content: string }>;
      annotations: Annotation[];
      remove?: AnnotationRef[];
      codebook?: CodebookPut[];
      articleNotes?: ArticleNotePut[];
      modified?: string;
    };

/** One article's note as it should be (null: none). */
export interface ArticleNotePut {
  articleId: string;
  note: ArticleNote | null;
}

/** One tag's codebook entry as it should be (null: none). */
export interface CodebookPut {
  tag: string;
  code: TagCode | null;
}

/** One annotation, by its article and id. */
export interface AnnotationRef {
  articleId: string;
  id: string;
}

export interface BatchResult {
  /** Notes files rewritten. */
  articles: number;
  /** Each changed annotation as it was, for undo. */
  before: Annotation[];
  /** And as it is now. */
  after: Annotation[];
  /** Tags whose colour or description changed (a tag change carries the codebook along). */
  codebook: TagCodeChange[];
  /** Article notes set by the batch, as they were and are, for undo. */
  articleNotes: ArticleNoteChange[];
}

/** Where a batch's new articles are written. */
export interface ArticleParts {
  articles: ArticleFiles;
  library: LibraryIndex;
}

/** Runs a batch under the journal: nothing of it is lost or half done across a crash. */
export async function runBatch(
  dataDir: string,
  notes: NotesFiles,
  codebook: TagCodebook,
  articleIds: readonly string[],
  batch: Batch,
  articleParts?: ArticleParts,
): Promise<BatchResult> {
  const journal = path.join(dataDir, BATCH_JOURNAL);
  await replaceFileDurably(journal, JSON.stringify(batch), { backup: false });
  const result = await applyBatch(notes, codebook, articleIds, batch, articleParts);
  await fs.rm(journal, { force: true });
  await fsyncDir(dataDir);
  return result;
}

/** At open: finish a batch a crash interrupted; says so through `warn`. */
export async function finishInterruptedBatch(
  dataDir: string,
  notes: NotesFiles,
  codebook: TagCodebook,
  articleIds: readonly string[],
  warn: (s: string) => void,
  articleParts?: ArticleParts,
): Promise<void> {
  const journal = path.join(dataDir, BATCH_JOURNAL);
  let batch: Batch;
  try {
    batch = JSON.parse(await fs.readFile(journal, 'utf8')) as Batch;
  } catch (err) {
    // Absent: nothing was interrupted. Unreadable: it was cut while being written, before any notes file changed.
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') await fs.rm(journal, { force: true });
    return;
  }
  const { articles, codebook: codes } = await applyBatch(notes, codebook, articleIds, batch, articleParts);
  await fs.rm(journal, { force: true });
  await fsyncDir(dataDir);
  if (articles > 0 || codes.length > 0)
    warn(`Gloss was closed while ${describe(batch)}; it has now been finished.`);
}

function describe(batch: Batch): string {
  if (batch.kind === 'restore' && !batch.annotations.length && !batch.remove?.length)
    return batch.articleNotes?.length
      ? `syncing ${batch.articleNotes.length} article notes`
      : `putting back the colours and descriptions of ${batch.codebook?.length ?? 0} tags`;
  if (batch.kind === 'restore') {
    const notes = batch.articleNotes?.length ? ` and ${batch.articleNotes.length} article notes` : '';
    return batch.remove?.length
      ? `changing ${batch.annotations.length} and deleting ${batch.remove.length} highlights${notes}`
      : `putting back ${batch.annotations.length} highlights${notes}`;
  }
  const { change } = batch;
  return change.kind === 'delete'
    ? `deleting the tag ${change.tags.map((t) => `“${t}”`).join(', ')}`
    : `renaming ${change.from.map((t) => `“${t}”`).join(', ')} to “${change.to}”`;
}

/**
 * Notes files rewritten at once. Each still goes whole through write, fsync, rename and fsync of
 * its folder; with a few in flight, one file's serialising overlaps another's wait for the disk,
 * and the disk takes their syncs together (bench tag-rename; its baseline writes as many at once).
 */
export const BATCH_WRITE_CONCURRENCY = 4;

async function applyBatch(
  notes: NotesFiles,
  codebook: TagCodebook,
  articleIds: readonly string[],
  batch: Batch,
  articleParts?: ArticleParts,
): Promise<BatchResult> {
  if (batch.kind === 'restore' && batch.articles?.length) {
    if (!articleParts) throw new Error('A batch bringing articles needs where to write them.');
    for (const { id, content } of batch.articles) await writeArticle(articleParts, id, content);
    articleIds = [...articleIds, ...batch.articles.map((a) => a.id)];
  }
  // One part per article, joined in article order: the result does not depend on which write ended first.
  const parts =
    batch.kind === 'tags'
      ? await mapLimitUntilFailure(
          await notes.articlesWithTags(articleIds, tagChangeKeys(batch.change)),
          BATCH_WRITE_CONCURRENCY,
          (id) => changeTagsIn(notes, id, batch.change, batch.modified),
        )
      : await restoreInto(notes, articleIds, batch.annotations, batch.remove ?? [], batch.articleNotes ?? []);
  const result: BatchResult = { articles: 0, before: [], after: [], codebook: [], articleNotes: [] };
  for (const part of parts) {
    if (!part) continue;
    result.articles++;
    for (const a of part.before) result.before.push(a);
    for (const a of part.after) result.after.push(a);
    if (part.note) result.articleNotes.push(part.note);
  }
  // After the notes: a crash before this line is finished at open, and the codebook's stamps make it once.
  if (batch.kind === 'tags')
    result.codebook = await codebook.applyTagChange(batch.change, batch.id ?? batch.modified, batch.modified);
  else if (batch.codebook?.length)
    result.codebook = await codebook.put(batch.codebook, batch.modified ?? new Date().toISOString());
  return result;
}

/** A new article's content file, then its index entry (content first, as putArticle does); safe to repeat. */
async function writeArticle({ articles, library }: ArticleParts, id: string, content: string): Promise<void> {
  const article = await parseArticleContent(content, id);
  const { contentFile, contentHash } = await articles.writeContent(id, content);
  await library.upsert(withEdits(indexEntryFor(article, contentFile, contentHash), library.get(id)?.edited));
}

type Part = { before: Annotation[]; after: Annotation[]; note?: ArticleNoteChange } | null;

/** One article's annotations with the tag change applied (those stamped `modified` already skipped). */
async function changeTagsIn(
  notes: NotesFiles,
  articleId: string,
  change: TagChange,
  modified: string,
): Promise<Part> {
  const part = { before: [] as Annotation[], after: [] as Annotation[] };
  await notes.edit(articleId, (list) => {
    let changed = false;
    const next = list.map((a) => {
      const tags = a.modified === modified ? null : applyTagChange(a.tags, change);
      if (!tags) return a;
      changed = true;
      const after = { ...a, tags, modified };
      part.before.push(a);
      part.after.push(after);
      return after;
    });
    return changed ? next : null;
  });
  return part.after.length ? part : null;
}

/** Annotations put back by id (and those named taken out, and article notes set), one write of one notes file per article. */
async function restoreInto(
  notes: NotesFiles,
  articleIds: readonly string[],
  annotations: readonly Annotation[],
  remove: readonly AnnotationRef[],
  articleNotes: readonly ArticleNotePut[],
): Promise<Part[]> {
  const byArticle = new Map<string, Annotation[]>(); // Map.groupBy is Node 21+
  for (const a of annotations) {
    const list = byArticle.get(a.articleId);
    if (list) list.push(a);
    else byArticle.set(a.articleId, [a]);
  }
  const removing = new Map<string, Set<string>>();
  for (const r of remove) {
    const ids = removing.get(r.articleId);
    if (ids) ids.add(r.id);
    else removing.set(r.articleId, new Set([r.id]));
    if (!byArticle.has(r.articleId)) byArticle.set(r.articleId, []);
  }
  const noteOf = new Map(articleNotes.map((n) => [n.articleId, n.note]));
  for (const articleId of noteOf.keys()) if (!byArticle.has(articleId)) byArticle.set(articleId, []);
  const known = new Set(articleIds);
  // Removed since: nothing to put back into.
  const targets = [...byArticle].filter(([articleId]) => known.has(articleId));
  return mapLimitUntilFailure(targets, BATCH_WRITE_CONCURRENCY, async ([articleId, put]) => {
    const part: NonNullable<Part> = { before: [], after: [] };
    const note = noteOf.get(articleId);
    const noteBefore = await notes.edit(
      articleId,
      (list) => {
        const gone = removing.get(articleId);
        // Removing by id is the same however often it is done: finishing after a crash repeats it safely.
        const next = gone
          ? list.filter((x) => {
              if (!gone.has(x.id)) return true;
              part.before.push(x);
              return false;
            })
          : list.slice();
        const at = new Map(next.map((x, i) => [x.id, i])); // by id: a batch may put back 100,000
        for (const a of put) {
          const i = at.get(a.id);
          if (i !== undefined) {
            part.before.push(next[i]);
            next[i] = a;
          } else {
            at.set(a.id, next.length);
            next.push(a);
          }
          part.after.push(a);
        }
        return put.length || gone ? next : null;
      },
      note,
    );
    if (note !== undefined) part.note = { articleId, before: noteBefore ?? null, after: note && { ...note } };
    return part;
  });
}
