/**
 * What a Markdown file Gloss exported says should change: each passage in the
 * file is compared with the same passage as Gloss would export it now (the
 * caller renders that with export/markdown.ts and reads it back with the same
 * reader), so whatever the export writes around a note — front matter,
 * citation fields — is the same on both sides and only the reader's edits
 * differ. Edited notes and added or removed #tags become changes; a passage
 * missing from the file is a deletion (only for articles the file holds
 * passages of); a quote edited in the file is reported and never written
 * back — the article's words are the article's. The paragraphs under an
 * article's heading, before its first passage, are its article note, compared
 * the same way. Applying the plan and reading the same file again plans nothing.
 */
import { normalizeTags, tagKey } from '../annotations/tags';
import type { Annotation } from '../annotations/types';
import { NOTE_MAX } from '../annotations/limits';
import { toObsidianTag } from '../export/markdown-escape';
import { paragraphs, type FilePassage, type MarkdownPassages } from './markdown-passages';

/** The first eight letters and digits of an annotation's id, as the export's block ids use them. */
export function blockPrefix(annotationId: string): string {
  return (annotationId.toLowerCase().replace(/[^a-z0-9]/g, '') || 'note').slice(0, 8);
}

const prefixOf = (blockId: string) => blockId.replace(/^gloss-/, '').replace(/-\d+$/, '');
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * Which annotation each passage of an export is, in a rendering of known
 * annotations: by the id's prefix; two ids sharing one ("-2", "-3") in the
 * order the export wrote them.
 */
export function matchRendered(passages: FilePassage[], inOrder: Annotation[]): Map<string, FilePassage> {
  const byPrefix = new Map<string, Annotation[]>();
  for (const a of inOrder) {
    const p = blockPrefix(a.id);
    byPrefix.set(p, [...(byPrefix.get(p) ?? []), a]);
  }
  const seen = new Map<string, number>();
  const out = new Map<string, FilePassage>();
  for (const p of passages) {
    const prefix = prefixOf(p.blockId);
    const n = seen.get(prefix) ?? 0;
    seen.set(prefix, n + 1);
    const a = byPrefix.get(prefix)?.[n];
    if (a) out.set(a.id, p);
  }
  return out;
}

export interface SyncChange {
  before: Annotation;
  /** Absent for a deletion. */
  after?: Annotation;
  note?: { from: string; to: string };
  tags?: { added: string[]; removed: string[] };
  deleted?: boolean;
}

/** The article note as the file has it, where it differs from what Gloss would write now. */
export interface ArticleNoteChange {
  articleId: string;
  from: string;
  /** '' removes the note. */
  to: string;
}

export interface SyncProblem {
  blockId: string;
  line: number;
  kind: 'quote-changed' | 'unknown' | 'damaged' | 'repeated' | 'article-note-kept';
  message: string;
}

export interface SyncPlan {
  changes: SyncChange[];
  articleNotes: ArticleNoteChange[];
  problems: SyncProblem[];
  /** Articles the file holds passages of. */
  articleIds: string[];
  /** Passages in the file matched to annotations. */
  matched: number;
}

export interface SyncLibrary {
  /** Every annotation whose block prefix is one of these. */
  candidates(prefix: string): Annotation[];
  /** Each annotation of the article as Gloss would export it now (annotation id → passage). */
  expected(articleId: string): Map<string, FilePassage>;
  /** The article's note as saved ('' when none), and the lead of its first passage as Gloss would export it now. */
  articleNote(articleId: string): { text: string; lead: string[] };
}

/** A saved note's paragraphs as the file's reader would find them. */
const paragraphsOf = (text: string) => paragraphs(text.replace(/\r\n?/g, '\n').split('\n'));

/**
 * The article note each article's first passage in the file is led by, where
 * it differs from Gloss's rendering now. A saved note the export cannot give
 * back as it is (it holds a heading or a fence, which end the lead) is kept,
 * and said so, rather than cut.
 */
function planArticleNotes(
  found: Map<string, { annotation: Annotation; passage: FilePassage }>,
  library: SyncLibrary,
  problems: SyncProblem[],
): ArticleNoteChange[] {
  const firsts = new Map<string, FilePassage>();
  for (const { annotation, passage } of found.values())
    if (!firsts.has(annotation.articleId)) firsts.set(annotation.articleId, passage);
  const out: ArticleNoteChange[] = [];
  for (const [articleId, first] of firsts) {
    const { text, lead } = library.articleNote(articleId);
    const inFile = first.lead.join('\n\n');
    if (inFile === lead.join('\n\n')) continue;
    if (paragraphsOf(text).join('\n\n') !== lead.join('\n\n')) {
      problems.push({
        blockId: first.blockId,
        line: first.line,
        kind: 'article-note-kept',
        message: `The article note above ^${first.blockId} (line ${first.line}) was left alone: the one in the library holds headings or fenced blocks, which a Markdown file cannot give back unchanged.`,
      });
      continue;
    }
    if (inFile.length > NOTE_MAX) {
      problems.push({
        blockId: first.blockId,
        line: first.line,
        kind: 'article-note-kept',
        message: `The article note above ^${first.blockId} (line ${first.line}) is longer than a note may be (${NOTE_MAX.toLocaleString('en')} characters); it was left alone.`,
      });
      continue;
    }
    out.push({ articleId, from: text, to: inFile });
  }
  return out;
}

/** A tag as the file writes it ("#oil-exports") → the tag to store ("oil-exports"; "#_1984" → "1984"). */
function tagFromToken(token: string): string {
  const t = token.replace(/^#/, '');
  return /^_\d+$/.test(t) ? t.slice(1) : t;
}

function tokenOf(tag: string): string | null {
  return toObsidianTag(tag);
}

export function planSync(
  file: MarkdownPassages,
  library: SyncLibrary,
  opts: { now: string; writtenAt?: string },
): SyncPlan {
  const problems: SyncProblem[] = file.damaged.map((d) => ({
    blockId: d.text.replace(/^\^/, ''),
    line: d.line,
    kind: 'damaged' as const,
    message: `${d.text} (line ${d.line}) is not a block id Gloss writes; that passage was left alone.`,
  }));
  const found = new Map<string, { annotation: Annotation; passage: FilePassage }>();
  const articleIds: string[] = [];
  const expectedOf = new Map<string, Map<string, FilePassage>>();
  const expected = (articleId: string) => {
    let m = expectedOf.get(articleId);
    if (!m) expectedOf.set(articleId, (m = library.expected(articleId)));
    return m;
  };
  const usedPrefix = new Map<string, number>();
  for (const p of file.passages) {
    const prefix = prefixOf(p.blockId);
    const candidates = library.candidates(prefix).filter((a) => !found.has(a.id));
    // Ids sharing a prefix: the one whose quote the file holds, else the next in the order written.
    const n = usedPrefix.get(prefix) ?? 0;
    usedPrefix.set(prefix, n + 1);
    const annotation =
      candidates.find((a) => squash(expected(a.articleId).get(a.id)?.quote ?? '') === squash(p.quote)) ??
      candidates[0];
    if (!annotation) {
      const repeated = n > 0 && library.candidates(prefix).length > 0;
      problems.push({
        blockId: p.blockId,
        line: p.line,
        kind: repeated ? 'repeated' : 'unknown',
        message: repeated
          ? `^${p.blockId} (line ${p.line}) appears twice in the file; the second was ignored.`
          : `^${p.blockId} (line ${p.line}) is not a highlight in this library (deleted, or exported from another library); it was left alone.`,
      });
      continue;
    }
    found.set(annotation.id, { annotation, passage: p });
    if (!articleIds.includes(annotation.articleId)) articleIds.push(annotation.articleId);
  }

  const changes: SyncChange[] = [];
  for (const { annotation: a, passage: p } of found.values()) {
    const want = expected(a.articleId).get(a.id);
    if (!want) continue;
    if (squash(want.quote) !== squash(p.quote))
      problems.push({
        blockId: p.blockId,
        line: p.line,
        kind: 'quote-changed',
        message: `^${p.blockId} (line ${p.line}): quote changed in the file, ignored — the article’s words stay as they are.`,
      });
    const change: SyncChange = { before: a };
    let tags = a.tags;
    const inFile = new Set(p.tags.map((t) => t.replace(/^#/, '')));
    const written = new Set(want.tags.map((t) => t.replace(/^#/, '')));
    const removedTokens = [...written].filter((t) => !inFile.has(t));
    const addedTokens = [...inFile].filter((t) => !written.has(t));
    if (removedTokens.length || addedTokens.length) {
      const gone = new Set(removedTokens);
      const kept = a.tags.filter((t) => !gone.has(tokenOf(t)?.slice(1) ?? ''));
      const added = addedTokens.map(tagFromToken).filter((t) => !kept.some((k) => tagKey(k) === tagKey(t)));
      tags = normalizeTags([...kept, ...added]);
      const removed = a.tags.filter((t) => !kept.includes(t));
      if (added.length || removed.length) change.tags = { added, removed };
    }
    let note = a.note;
    if (p.note.join('\n\n') !== want.note.join('\n\n')) {
      // Paragraphs the export writes beside the note (not the note's own) are not the reader's.
      const own = new Set(a.note.split(/\n\s*\n/).map((x) => x.trim()));
      const extras = new Set(want.note.filter((x) => !own.has(x.trim())));
      note = p.note
        .filter((x) => !extras.has(x))
        .join('\n\n')
        .trim();
      if (note !== a.note.trim()) change.note = { from: a.note, to: note };
      else note = a.note;
    }
    if (change.tags || change.note) {
      change.after = { ...a, tags, note, modified: opts.now };
      changes.push(change);
    }
  }
  // Passages of these articles missing from the file were deleted there (unless made after the file was written).
  for (const articleId of articleIds)
    for (const id of expected(articleId).keys()) {
      if (found.has(id)) continue;
      const a = library.candidates(blockPrefix(id)).find((x) => x.id === id);
      if (!a || (opts.writtenAt && a.created > opts.writtenAt)) continue;
      changes.push({ before: a, deleted: true });
    }
  const articleNotes = planArticleNotes(found, library, problems);
  return { changes, articleNotes, problems, articleIds, matched: found.size };
}
