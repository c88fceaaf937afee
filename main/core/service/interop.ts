/**
 * Interop with other tools: highlights brought in from Kindle, Readwise,
 * Hypothesis, KOReader, Calibre and Zotero (parsed by main/core/interop).
 *
 * Each foreign document is looked for in the library (by URL, else title and
 * author); found, each of its passages is anchored into the article's text
 * and becomes an ordinary annotation (colour mapped, tags, note and original
 * times kept). Passages that cannot be found, and documents the library does
 * not have, go into a new article holding the passages in the source's
 * order, titled and attributed as there: nothing is lost, nothing is
 * silently misplaced. Every imported annotation's id is derived from what it
 * says and where, so importing the same file again adds nothing twice.
 */
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type {
  ArticleNoteChange,
  BatchReport,
  HighlightImportDocument,
  HighlightImportFile,
  HighlightImportReport,
  ImportHighlightsRequest,
  MarkdownSyncReport,
  SyncMarkdownRequest,
} from '../contract';
import { stat } from 'node:fs/promises';
import { GlossError } from '../errors';
import { decodeText } from '../import/decode';
import { toMarkdown } from '../export/markdown';
import { inReadingOrder } from '../export/reading-order';
import { readMarkdownPassages, type FilePassage } from '../interop/markdown-passages';
import { blockPrefix, matchRendered, planSync } from '../interop/markdown-sync';
import { describeRange } from '../anchoring/describe';
import { normalizeTags } from '../annotations/tags';
import type { Annotation } from '../annotations/types';
import { buildArticle } from '../document/build';
import type { Article, BlockInput } from '../document/types';
import { toSerializedError } from '../errors';
import { readImportFile } from '../import/read-file';
import { mapColor } from '../interop/colors';
import {
  FORMAT_NAMES,
  parseHighlightsFile,
  type ForeignDocument,
  type ForeignHighlight,
  type HighlightFormat,
} from '../interop/index';
import { findArticle, placeHighlight, type LibraryDocument } from '../interop/place';
import { parsePathRequest } from '../dispatch';
import type { ServiceContext } from './context';

type ArticleNoteNow = { text: string; lead: string[] };

/** The contract's limits on an annotation (contract.ts): a foreign file may hold more. */
const MAX_TAGS = 100;
const MAX_NOTE = 100_000;

/** A UUID-shaped id from what the passage is: the same highlight imported twice gets the same id. */
function importedId(format: HighlightFormat, doc: ForeignDocument, h: ForeignHighlight): string {
  const hex = createHash('sha256')
    .update(
      JSON.stringify([
        format,
        doc.title,
        doc.authors,
        doc.url ?? '',
        h.text,
        h.location ?? '',
        h.created ?? '',
      ]),
    )
    .digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** In the source's order: by its location, then as listed. */
function inOrder(highlights: ForeignHighlight[]): ForeignHighlight[] {
  return highlights
    .map((h, i) => ({ h, i }))
    .sort((a, b) => (a.h.order ?? Infinity) - (b.h.order ?? Infinity) || a.i - b.i)
    .map(({ h }) => h);
}

const IMPORT_SOURCES = new Set<string>(Object.values(FORMAT_NAMES));
/** An article made by an earlier import to hold passages (its source names the tool). */
const holdsImports = (e: { source?: string; format: string }) =>
  e.format === 'text' && IMPORT_SOURCES.has(e.source ?? '');

/**
 * What an import's files wrote, as one change for undo: each annotation as it was before the first file
 * touched it (none: added) and as the last left it, each article note likewise, and the articles added.
 */
class ImportChange {
  private readonly before = new Map<string, Annotation>();
  private readonly after = new Map<string, Annotation>();
  private readonly notes = new Map<string, ArticleNoteChange>();
  private readonly articles: string[] = [];

  add(written: BatchReport, articlesAdded: string[]): void {
    // An annotation an earlier file added is still added, whatever a later file merged into it.
    for (const a of written.before)
      if (!this.before.has(a.id) && !this.after.has(a.id)) this.before.set(a.id, a);
    for (const a of written.after) this.after.set(a.id, a);
    for (const n of written.articleNotes ?? [])
      this.notes.set(n.articleId, { ...n, before: this.notes.get(n.articleId)?.before ?? n.before });
    this.articles.push(...articlesAdded);
  }

  report(): BatchReport | null {
    if (this.after.size === 0 && this.notes.size === 0 && this.articles.length === 0) return null;
    return {
      articles: new Set([...this.after.values()].map((a) => a.articleId)).size,
      before: [...this.before.values()],
      after: [...this.after.values()],
      ...(this.notes.size && { articleNotes: [...this.notes.values()] }),
      ...(this.articles.length && { articlesAdded: this.articles }),
    };
  }
}

const oneParagraph = (text: string) =>
  text
    .trim()
    .replace(/\r/g, '')
    .replace(/\n{2,}/g, '\n');

export function interopRequests({ store, now }: ServiceContext) {
  function annotationFor(
    article: Article,
    id: string,
    h: ForeignHighlight,
    start: number,
    end: number,
  ): Annotation {
    const { quote, position } = describeRange(article.text, start, end);
    const created = h.created ?? now();
    return {
      id,
      articleId: article.id,
      target: { source: article.id, quote, position },
      color: mapColor(h.color),
      tags: normalizeTags(h.tags).slice(0, MAX_TAGS),
      note: h.note.trim().slice(0, MAX_NOTE),
      created,
      modified: h.modified ?? created,
    };
  }

  /** The foreign tags and note added to an annotation over the same words; null when it holds them already. */
  function mergeInto(a: Annotation, h: ForeignHighlight): Annotation | null {
    const tags = normalizeTags([...a.tags, ...h.tags]).slice(0, MAX_TAGS);
    const theirs = h.note.trim();
    const note =
      !theirs || a.note.includes(theirs) ? a.note : a.note.trim() ? `${a.note.trim()}\n\n${theirs}` : theirs;
    if (tags.length === a.tags.length && note === a.note) return null;
    return { ...a, tags, note: note.slice(0, MAX_NOTE), modified: now() };
  }

  /**
   * A new article holding these passages, one paragraph each, in order; the same passages again give the
   * same article. One not in the library yet is put in `made`: written with the file's passages, in their batch.
   */
  async function articleHolding(
    format: HighlightFormat,
    doc: ForeignDocument,
    title: string,
    passages: ForeignHighlight[],
    fileName: string,
    made: Map<string, Article>,
  ): Promise<{ article: Article; at: Array<{ start: number; end: number }> }> {
    const blocks: BlockInput[] = [
      { kind: 'title', text: title },
      ...passages.map((h): BlockInput => ({ kind: 'paragraph', text: oneParagraph(h.text) })),
    ];
    const source = JSON.stringify({
      from: format,
      title,
      authors: doc.authors,
      url: doc.url,
      passages: passages.map((h) => h.text),
    });
    const article = buildArticle(
      blocks,
      {
        title,
        byline: doc.authors.join(', ') || undefined,
        url: doc.url,
        source: FORMAT_NAMES[format],
        format: 'text',
        fileName,
        importedAt: now(),
      },
      source,
    );
    const kept =
      made.get(article.id) ??
      (store.hasArticle(article.id) ? await store.getArticleIfIntact(article.id) : null);
    // A saved copy found damaged is written again at once (a repair, as importing its source again is).
    if (!kept && store.hasArticle(article.id)) await store.putArticle(article);
    else if (!kept) made.set(article.id, article);
    const held = kept ?? article;
    return { article: held, at: held.blocks.slice(1).map((b) => ({ start: b.start, end: b.end })) };
  }

  /**
   * Notes written without a passage join the article's note, each once: the note as it will be is
   * put in `notes` (by article), written with the file's passages in one journaled batch.
   */
  async function addNotes(
    articleId: string,
    doc: ForeignDocument,
    format: HighlightFormat,
    notes: Map<string, string>,
    made: ReadonlyMap<string, Article>,
  ): Promise<number> {
    if (doc.notes.length === 0) return 0;
    const current =
      notes.get(articleId) ?? (made.has(articleId) ? '' : ((await store.articleNote(articleId))?.text ?? ''));
    const fresh = doc.notes
      .map((n) => `${n.text.trim()}${n.location ? ` (${FORMAT_NAMES[format]}, ${n.location})` : ''}`)
      .filter((line) => line && !current.includes(line));
    if (fresh.length === 0) return 0;
    notes.set(articleId, [current.trim(), ...fresh].filter(Boolean).join('\n\n'));
    return fresh.length;
  }

  async function importDocument(
    format: HighlightFormat,
    doc: ForeignDocument,
    fileName: string,
    library: LibraryDocument[],
    known: Map<string, string>,
    out: Annotation[],
    notes: Map<string, string>,
    made: Map<string, Article>,
  ): Promise<HighlightImportDocument> {
    const fresh: Array<{ id: string; h: ForeignHighlight }> = [];
    let alreadyImported = 0;
    /** The article an earlier import of this document put its passages in. */
    let earlier: string | undefined;
    for (const h of inOrder(doc.highlights)) {
      const id = importedId(format, doc, h);
      const holder = known.get(id);
      if (holder !== undefined) {
        alreadyImported++;
        earlier ??= holder;
      } else fresh.push({ id, h });
    }
    const match = findArticle(doc, library);
    let matched = match ? (made.get(match.id) ?? (await store.getArticleIfIntact(match.id))) : null;
    // A title alone is not sure: the passages must confirm it — most of them found in that text — or it is another work.
    if (matched && match?.by === 'title' && fresh.length > 0) {
      const text = matched.text;
      const found = fresh.filter(({ h }) => placeHighlight(text, h).kind !== 'unanchored').length;
      if (found * 2 < fresh.length) matched = null;
    }
    const report: HighlightImportDocument = {
      title: doc.title,
      authors: doc.authors,
      articleId: '',
      articleTitle: '',
      anchored: 0,
      lowConfidence: [],
      unanchored: 0,
      alreadyImported,
      notes: 0,
    };
    const homeless: Array<{ id: string; h: ForeignHighlight }> = [];
    if (match && matched) {
      report.matchedBy = match.by;
      report.articleId = matched.id;
      report.articleTitle = store.articleEntry(matched.id)?.title ?? matched.meta.title;
      // A passage already highlighted there (by hand, or from another tool) is not highlighted twice.
      const atRange = new Map<string, Annotation>();
      for (const a of [
        ...(made.has(matched.id) ? [] : await store.listAnnotations(matched.id)),
        ...out.filter((a) => a.articleId === matched.id),
      ])
        atRange.set(`${a.target.position.start}:${a.target.position.end}`, a);
      for (const { id, h } of fresh) {
        const placed = placeHighlight(matched.text, h);
        if (placed.kind === 'unanchored') {
          homeless.push({ id, h });
          continue;
        }
        const there = atRange.get(`${placed.start}:${placed.end}`);
        if (there) {
          const merged = mergeInto(there, h);
          if (merged) {
            const i = out.findIndex((a) => a.id === there.id);
            if (i === -1) out.push(merged);
            else out[i] = merged;
            atRange.set(`${placed.start}:${placed.end}`, merged);
            report.anchored++;
          } else report.alreadyImported++;
          continue;
        }
        const made = annotationFor(matched, id, h, placed.start, placed.end);
        atRange.set(`${placed.start}:${placed.end}`, made);
        out.push(made);
        if (placed.kind === 'anchored') report.anchored++;
        else
          report.lowConfidence.push({
            quote: h.text,
            location: h.location,
            why: placed.why,
            annotationId: id,
          });
      }
    } else if (fresh.length === 0 && earlier && (store.hasArticle(earlier) || made.has(earlier))) {
      // Everything was imported before, into an article not found by title now (renamed since): nothing to do.
      report.articleId = earlier;
      report.articleTitle = store.articleEntry(earlier)?.title ?? doc.title;
    } else homeless.push(...fresh);

    if (homeless.length > 0 || (!report.articleId && (fresh.length > 0 || doc.notes.length > 0))) {
      const title = matched ? `${doc.title} — passages not found in the article` : doc.title;
      const { article, at } = await articleHolding(
        format,
        doc,
        title,
        homeless.map((x) => x.h),
        fileName,
        made,
      );
      homeless.forEach(({ id, h }, i) => out.push(annotationFor(article, id, h, at[i].start, at[i].end)));
      report.unanchored = homeless.length;
      if (matched) report.keptIn = { articleId: article.id, title: article.meta.title };
      else {
        report.articleId = article.id;
        report.articleTitle = article.meta.title;
        library.push({
          id: article.id,
          title: article.meta.title,
          byline: article.meta.byline,
          url: article.meta.url,
          holdsImports: true,
        });
      }
    }
    for (const a of out) known.set(a.id, a.articleId);
    if (report.articleId) report.notes = await addNotes(report.articleId, doc, format, notes, made);
    return report;
  }

  async function importHighlights(request: ImportHighlightsRequest): Promise<HighlightImportReport> {
    const req = await parsePathRequest('importHighlights', request);
    const report: HighlightImportReport = { files: [], failed: [] };
    const change = new ImportChange();
    const known = new Map<string, string>();
    for await (const { articleId, annotations } of store.allAnnotations())
      for (const a of annotations) known.set(a.id, articleId);
    for (const path of req.paths) {
      const source = basename(path);
      try {
        const input = await readImportFile(path);
        const parsed = parseHighlightsFile(input.bytes, source);
        const library: LibraryDocument[] = store.listArticles().map((e) => ({
          id: e.id,
          title: e.title,
          byline: e.byline,
          url: e.url,
          holdsImports: holdsImports(e),
        }));
        const file: HighlightImportFile = {
          source,
          format: FORMAT_NAMES[parsed.format],
          documents: [],
          warnings: parsed.warnings,
        };
        const annotations: Annotation[] = [];
        const notes = new Map<string, string>();
        /** Articles made to hold passages, written in the batch. */
        const made = new Map<string, Article>();
        for (const doc of parsed.documents)
          file.documents.push(
            await importDocument(parsed.format, doc, source, library, known, annotations, notes, made),
          );
        // One journaled batch for the whole file: a crash leaves all of its passages, notes and the
        // articles made to hold them, or none (each article's note in the same write as its passages).
        if (annotations.length || notes.size || made.size) {
          const modified = now();
          const written = await store.restoreAnnotations(
            annotations,
            [],
            [],
            [...notes].map(([articleId, text]) => ({ articleId, note: { text, modified } })),
            [...made.values()],
          );
          change.add(written, [...made.keys()]);
        }
        report.files.push(file);
      } catch (err) {
        const { code, message } = toSerializedError(err);
        report.failed.push({ source, code, message });
      }
    }
    const batch = change.report();
    if (batch) report.batch = batch;
    return report;
  }

  /** Gloss's own Markdown of one article now, read back: what the file would say had nobody edited it. */
  async function expectedPassages(articleId: string, annotations: Annotation[]) {
    // In passing: a whole library's export synced reads every article once.
    const article =
      (await store.getArticleIfIntact(articleId, { keep: false })) ?? store.articleStandIn(articleId);
    const articleNote = await store.articleNote(articleId);
    const ordered = inReadingOrder(annotations);
    const rendered = readMarkdownPassages(toMarkdown([{ article, annotations: ordered, articleNote }]));
    // The export puts orphans after the rest; the prefix match does not depend on that order.
    const passages = matchRendered(rendered.passages, [
      ...ordered.filter((a) => !a.orphan),
      ...ordered.filter((a) => a.orphan),
    ]);
    const note = { text: articleNote?.text ?? '', lead: rendered.passages[0]?.lead ?? [] };
    return { passages, note };
  }

  async function syncMarkdown(request: SyncMarkdownRequest): Promise<MarkdownSyncReport> {
    const req = await parsePathRequest('syncMarkdown', request);
    const source = basename(req.path);
    const input = await readImportFile(req.path);
    const { text } = decodeText(input.bytes, source);
    const file = readMarkdownPassages(text);
    if (file.passages.length === 0 && file.damaged.length === 0)
      throw new GlossError(
        'UNSUPPORTED_FORMAT',
        `“${source}” has no passages exported by Gloss (no ^gloss- block ids), so there is nothing to sync. Export notes as Markdown first, edit that file, then sync it.`,
      );
    const byPrefix = new Map<string, Annotation[]>();
    const byArticle = new Map<string, Annotation[]>();
    for await (const { articleId, annotations } of store.allAnnotations()) {
      byArticle.set(articleId, annotations);
      for (const a of annotations) {
        const p = blockPrefix(a.id);
        const list = byPrefix.get(p);
        if (list) list.push(a);
        else byPrefix.set(p, [a]);
      }
    }
    // Rendered once per article the file names, as the planner asks.
    const expected = new Map<string, { passages: Map<string, FilePassage>; note: ArticleNoteNow }>();
    for (const p of file.passages)
      for (const a of byPrefix.get(p.blockId.replace(/^gloss-/, '').replace(/-\d+$/, '')) ?? [])
        if (!expected.has(a.articleId))
          expected.set(a.articleId, await expectedPassages(a.articleId, byArticle.get(a.articleId) ?? []));
    // A passage made after the file was written is not in it: not a deletion.
    const writtenAt = await stat(req.path).then(
      (s) => s.mtime.toISOString(),
      () => undefined,
    );
    const plan = planSync(
      file,
      {
        candidates: (prefix) => byPrefix.get(prefix) ?? [],
        expected: (articleId) => expected.get(articleId)?.passages ?? new Map(),
        articleNote: (articleId) => expected.get(articleId)?.note ?? { text: '', lead: [] },
      },
      { now: now(), writtenAt },
    );
    const updates = plan.changes.filter((c) => c.after);
    const deletions = plan.changes.filter((c) => c.deleted);
    const deleting = !req.dryRun && !!req.delete;
    const report: MarkdownSyncReport = {
      source,
      dryRun: !!req.dryRun,
      passages: plan.matched,
      changes: plan.changes.map((c) => ({
        annotationId: c.before.id,
        articleId: c.before.articleId,
        articleTitle: store.articleEntry(c.before.articleId)?.title ?? '',
        quote: c.before.target.quote.exact.slice(0, 120),
        ...(c.note && { note: c.note }),
        ...(c.tags && { tags: c.tags }),
        ...(c.deleted && { deleted: true }),
        applied: !req.dryRun && (!c.deleted || deleting),
      })),
      articleNotes: plan.articleNotes.map((n) => ({
        ...n,
        articleTitle: store.articleEntry(n.articleId)?.title ?? '',
        applied: !req.dryRun,
      })),
      deletionsHeldBack: deleting ? 0 : deletions.length,
      problems: plan.problems,
    };
    if (!req.dryRun && (updates.length || (deleting && deletions.length) || plan.articleNotes.length)) {
      // One journaled batch: all of the file's changes or none — the article notes too, each in the
      // same write as its article's passages; undo puts `before` back (and setArticleNote(from)).
      const modified = now();
      report.batch = await store.restoreAnnotations(
        updates.map((c) => c.after!),
        deleting ? deletions.map((c) => ({ articleId: c.before.articleId, id: c.before.id })) : [],
        [],
        plan.articleNotes.map((n) => ({
          articleId: n.articleId,
          note: n.to.trim() ? { text: n.to, modified } : null,
        })),
      );
    }
    return report;
  }

  return { importHighlights, syncMarkdown };
}
