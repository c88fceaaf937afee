/**
 * Adding a version to an article, as one operation across three files.
 *
 * An article's current text stays in articles/<id>.json (what everything else
 * reads); each older version is kept, byte for byte, in
 * articles/<id>/versions/<text hash>.json, written once. Switching to a new
 * version rewrites the content file, the library entry (its content hash) and
 * the notes file (the annotations re-anchored on the new text) — a crash
 * between two of those writes would leave positions of one text over another.
 * So the whole switch is first written to version-change.json (durably); the
 * three files are rewritten; the journal is removed. Found at open, a journal
 * is finished (each step is safe to repeat); one that does not parse was cut
 * while being written, before any of the three files changed, and is removed.
 * After a crash the library is therefore the old state or the new, never a mix.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Annotation } from '../annotations/types';
import type { Article, ArticleVersion } from '../document/types';
import { GlossError } from '../errors';
import { ARTICLES_DIR, type ArticleFiles, parseArticleContent, sha256 } from './article-files';
import { fsyncDir, replaceFileDurably } from './fs-durable';
import type { LibraryIndex } from './library-index';
import type { NotesFiles } from './notes';
import { assertSafeId } from './safe-names';
import { indexEntryFor, withEdits } from './schemas';

export const VERSION_JOURNAL = 'version-change.json';

interface VersionJournal {
  kind: 'version';
  articleId: string;
  /** The new content file's exact bytes (as text): its hash goes into the library entry. */
  content: string;
  /** Every annotation of the article, re-anchored on the new text. */
  annotations: Annotation[];
}

/** Where an older version's text is kept. The hash is hex, so it is safe in a path. */
export function versionFileFor(articleId: string, hash: string): string {
  if (!/^[0-9a-f]{64}$/.test(hash))
    throw new GlossError('INVALID_REQUEST', 'That is not a version of this article.');
  return `${ARTICLES_DIR}/${assertSafeId(articleId, 'article id')}/versions/${hash}.json`;
}

export interface VersionParts {
  dataDir: string;
  library: LibraryIndex;
  articles: ArticleFiles;
  notes: NotesFiles;
}

/**
 * Keeps the current text as an older version, then switches the article to
 * `next` (its id already the article's, its `versions` list ending with its
 * own record) with `annotations` re-anchored on it. `currentBytes` are the
 * current content file's bytes, already checked against the library entry.
 */
export async function addVersion(
  parts: VersionParts,
  next: Article,
  currentVersion: ArticleVersion,
  annotations: Annotation[],
): Promise<Article> {
  const { dataDir, library } = parts;
  const entry = library.get(next.id);
  if (!entry) throw new GlossError('NOT_FOUND', 'This article is not in the library.');
  // 1. The old text, kept as it is (idempotent: named by its hash, never changed once written).
  const keptFile = versionFileFor(next.id, currentVersion.hash);
  const currentBytes = await fs.readFile(path.join(dataDir, ...entry.contentFile.split('/')));
  if (sha256(currentBytes) !== entry.contentHash)
    throw new GlossError(
      'CORRUPT',
      `The saved copy of “${entry.title}” is damaged: import the same file again first.`,
    );
  const keptAbs = path.join(dataDir, ...keptFile.split('/'));
  await fs.mkdir(path.dirname(keptAbs), { recursive: true });
  await replaceFileDurably(keptAbs, currentBytes);
  const versions = (next.versions ?? []).map((v) =>
    v.hash === currentVersion.hash && v !== next.versions?.at(-1)
      ? { ...v, contentFile: keptFile, contentHash: entry.contentHash }
      : v,
  );
  const stored: Article = { ...next, meta: { ...next.meta, importedAt: entry.importedAt }, versions };
  // 2. The switch, journaled, then applied.
  const journal: VersionJournal = {
    kind: 'version',
    articleId: next.id,
    content: JSON.stringify(stored),
    annotations,
  };
  const journalFile = path.join(dataDir, VERSION_JOURNAL);
  await replaceFileDurably(journalFile, JSON.stringify(journal));
  await applyJournal(parts, journal);
  await fs.rm(journalFile, { force: true });
  await fsyncDir(dataDir);
  return stored;
}

async function applyJournal(parts: VersionParts, journal: VersionJournal): Promise<void> {
  const { library, articles, notes } = parts;
  const entry = library.get(journal.articleId);
  if (!entry) return; // removed since: nothing to switch
  const article = await parseArticleContent(journal.content, journal.articleId);
  const { contentFile, contentHash } = await articles.writeContent(journal.articleId, journal.content);
  await library.upsert(withEdits(indexEntryFor(article, contentFile, contentHash), entry.edited));
  // Copies: NotesFiles.edit keeps what it is given, and the caller still holds (and goes on using) these objects.
  const byId = new Map(journal.annotations.map((a) => [a.id, structuredClone(a)]));
  await notes.edit(journal.articleId, (list) => list.map((a) => byId.get(a.id) ?? a));
}

/** At open: finish a version switch a crash interrupted; says so through `warn`. */
export async function finishInterruptedVersion(
  parts: VersionParts,
  warn: (s: string) => void,
): Promise<void> {
  const journalFile = path.join(parts.dataDir, VERSION_JOURNAL);
  let journal: VersionJournal;
  try {
    journal = JSON.parse(await fs.readFile(journalFile, 'utf8')) as VersionJournal;
    if (
      journal?.kind !== 'version' ||
      typeof journal.content !== 'string' ||
      !Array.isArray(journal.annotations)
    )
      throw new Error('not a version journal');
  } catch (err) {
    // Absent: nothing was interrupted. Unreadable: cut while being written, before any file changed.
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') await fs.rm(journalFile, { force: true });
    return;
  }
  const title = parts.library.get(journal.articleId)?.title;
  await applyJournal(parts, journal);
  await fs.rm(journalFile, { force: true });
  await fsyncDir(parts.dataDir);
  if (title) warn(`Gloss was closed while adding a new version of “${title}”; it has now been finished.`);
}

/** An older version's text, checked against the hash its record gives. */
export async function readVersion(
  dataDir: string,
  articleId: string,
  version: ArticleVersion,
): Promise<Article> {
  if (!version.contentFile || !version.contentHash)
    throw new GlossError('NOT_FOUND', 'That version of the article is not kept in the library.');
  const expected = versionFileFor(articleId, version.hash);
  if (version.contentFile !== expected)
    throw new GlossError('CORRUPT', 'The list of this article’s versions is damaged.');
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(path.join(dataDir, ...expected.split('/')));
  } catch {
    throw new GlossError(
      'CORRUPT',
      `The saved copy of the version of ${version.importedAt.slice(0, 10)} is missing.`,
    );
  }
  if (sha256(bytes) !== version.contentHash)
    throw new GlossError(
      'CORRUPT',
      `The saved copy of the version of ${version.importedAt.slice(0, 10)} is damaged.`,
    );
  return parseArticleContent(bytes.toString('utf8'), articleId);
}
