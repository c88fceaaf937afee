/**
 * The search index over a library: MiniSearch (a well-kept, dependency-free
 * full-text index with prefix and fuzzy search, BM25 ranking, AND/AND_NOT query
 * trees and JSON serialisation) holding two indexes:
 *   articles     one document per article: title, authors, source, body text
 *   annotations  one document per highlight: quote, note, tags (and colour)
 * Two, not one: annotating (often) then changes and saves only the small
 * annotations index, never the large one holding every article's text.
 *
 * Article bodies are indexed but not stored: a library of books would keep
 * gigabytes in memory and on disk. Snippets and phrase checks read an article's
 * text when a hit needs it (`textOf`, from the store's files; see index-keeper.ts).
 * Highlights store their quote and note (short) for both.
 *
 * A query runs MiniSearch for its words (every word must match, each as a
 * prefix and with a typo allowed), then checks phrases (the folded words in
 * order, in one field) and filters, and answers hits grouped by article.
 * Pure: no files, no threads; the keeper and the worker build on it.
 */
import MiniSearch, { type Query, type SearchResult as MiniResult } from 'minisearch';
import type { Color } from '../annotations/types';
import { normalizeTags, tagKey } from '../annotations/tags';
import { findRun, fold, placedTerms, processTerm, terms, tokenize } from './fold';
import { HIT_KINDS, isEmptyQuery, type HitKind, type SearchQuery } from './query';
import { firstMatch, snippetOf, type Match } from './snippets';
import type { HitField, SearchGroup, SearchHit, SearchResult } from './types';
import { ARTICLE_NOTE_ID } from './article-note';
import { SearchableText } from './searchable-text';
import { shardedLookup, type Accept, type LookupPlan } from './bounded-lookup';
import { Shards } from './shards';
import { postingsOf, type DocumentFreqs } from './postings';

const NO_TEXT = new SearchableText('');

/** What the index knows of an article besides its words. */
export interface ArticleInfo {
  id: string;
  title: string;
  source?: string;
  authors?: string;
  /** What this entry was built from (content hash and metadata): compared with the store's to find changes. */
  stamp: string;
}

/** A notes file as it was when its highlights were indexed. */
export interface NotesStamp {
  size: number;
  mtimeMs: number;
  /** crc32 of the file's bytes. */
  crc: number;
}

interface NotesInfo {
  stamp: NotesStamp | null;
  annotationIds: string[];
}

interface ArticleDoc {
  id: string;
  title: string;
  authors: string;
  source: string;
  body: string;
}

interface AnnotationDoc {
  id: string;
  articleId: string;
  annotationId: string;
  /** Indexed whole. */
  quote: string;
  note: string;
  /** Stored, cut at STORED_TEXT_LIMIT: for snippets and phrase checks. */
  shownQuote: string;
  shownNote: string;
  tagText: string;
  tags: string[];
  color: Color;
}

/** Stored quotes and notes are cut here (the whole text is still indexed; a phrase beyond it is not seen). */
const STORED_TEXT_LIMIT = 4000;
export const DEFAULT_LIMIT = 50;

/** An article's short fields, ranked first: looked up in every shard, even those a common word leaves unwalked. */
const ARTICLE_META_FIELDS = ['title', 'authors', 'source'];
const ARTICLE_OPTIONS = {
  fields: [...ARTICLE_META_FIELDS, 'body'],
  storeFields: [] as string[],
  tokenize,
  processTerm,
};
const ANNOTATION_OPTIONS = {
  fields: ['quote', 'note', 'tagText'],
  storeFields: ['articleId', 'annotationId', 'shownQuote', 'shownNote', 'tags', 'color'],
  tokenize,
  processTerm,
};
const ARTICLE_BOOST = { title: 3, authors: 2, source: 1.5, body: 1 };
const ANNOTATION_BOOST = { quote: 1.5, note: 1.5, tagText: 2 };

const articleDocId = (id: string) => id;
const annotationDocId = (articleId: string, id: string) => `${articleId}/${id}`;

/** The stamp of an article's entry: content hash plus the metadata that is indexed. */
export function articleStamp(
  contentHash: string,
  info: Pick<ArticleInfo, 'title' | 'source' | 'authors'>,
): string {
  return JSON.stringify([contentHash, info.title, info.source ?? null, info.authors ?? null]);
}

export interface SearchOptions {
  limit?: number;
  /** An article's canonical text, for body snippets and phrase checks; null when it cannot be read. */
  textOf: (articleId: string) => Promise<SearchableText | string | null>;
  /** The article's text if it is at hand (cached), without waiting: phrase candidates are mostly ruled out from it. */
  cachedText?: (articleId: string) => SearchableText | undefined;
  /** The same for a text shown in a hit (counted as used by a cache that keeps the recently used). */
  usedText?: (articleId: string) => SearchableText | undefined;
}

/** What the index reads of a highlight (an Annotation has it; so does a journal line, which holds no more). */
export interface HighlightText {
  id: string;
  target: { quote: { exact: string } };
  note: string;
  tags: string[];
  color: Color;
}

/** A change to each part, as its journal records it (index-journal.ts), replayed over the snapshot at load. */
export type ArticlesChange =
  { k: 'set'; info: ArticleInfo; body: string | null } | { k: 'remove'; id: string };
export interface AnnotationsChange {
  k: 'notes';
  articleId: string;
  highlights: HighlightText[];
  stamp: NotesStamp | null;
}
export interface PartChanges {
  articles: ArticlesChange[];
  annotations: AnnotationsChange[];
}

export interface IndexParts {
  /** `index`: each shard's MiniSearch JSON (shards.ts). */
  articles: { infos: ArticleInfo[]; index: string[] };
  annotations: { notes: Array<[string, NotesInfo]>; index: string[] };
}

export class SearchIndex {
  /** Changes since the last takeChanges, per part: what the journal is to record. */
  private changes: PartChanges = { articles: [], annotations: [] };
  private readonly metaTexts = new Map<string, Record<'title' | 'authors' | 'source', SearchableText>>();
  private shownTexts = new WeakMap<object, readonly [SearchableText, SearchableText, SearchableText]>();
  private shownTextCount = 0;
  /** metaMayHold's answer for each phrase of the query being answered (forgotten with the query). */
  private metaHolders = new WeakMap<readonly string[], Set<string>>();
  private replaying = false;

  private constructor(
    private readonly articleIndex: Shards<ArticleDoc>,
    private readonly annotationIndex: Shards<AnnotationDoc>,
    private readonly articles: Map<string, ArticleInfo>,
    private readonly notes: Map<string, NotesInfo>,
  ) {}

  /** `shards`: each part's shard count (an index saved by an older Gloss may have more; see shards.ts). */
  static empty(shards?: number): SearchIndex {
    return new SearchIndex(
      Shards.empty<ArticleDoc>(ARTICLE_OPTIONS, shards),
      Shards.empty<AnnotationDoc>(ANNOTATION_OPTIONS, shards),
      new Map(),
      new Map(),
    );
  }

  /** From serialised parts (see parts()); either may be null (then that part starts empty). Throws on a damaged part. */
  static fromParts(
    articles: IndexParts['articles'] | null,
    annotations: IndexParts['annotations'] | null,
  ): SearchIndex {
    return new SearchIndex(
      articles
        ? Shards.load<ArticleDoc>(articles.index, ARTICLE_OPTIONS)
        : Shards.empty<ArticleDoc>(ARTICLE_OPTIONS),
      annotations
        ? Shards.load<AnnotationDoc>(annotations.index, ANNOTATION_OPTIONS)
        : Shards.empty<AnnotationDoc>(ANNOTATION_OPTIONS),
      new Map((articles?.infos ?? []).map((i) => [i.id, i])),
      new Map(annotations?.notes ?? []),
    );
  }

  articlesPart(): IndexParts['articles'] {
    return { infos: [...this.articles.values()], index: this.articleIndex.serialize() };
  }

  annotationsPart(): IndexParts['annotations'] {
    return { notes: [...this.notes], index: this.annotationIndex.serialize() };
  }

  get articleCount(): number {
    return this.articles.size;
  }

  get annotationCount(): number {
    return this.annotationIndex.documentCount;
  }

  articleIds(): string[] {
    return [...this.articles.keys()];
  }

  /** Articles whose highlights are indexed (those with a notes file when last read). */
  notesIds(): string[] {
    return [...this.notes.keys()];
  }

  /** A tag some highlight has (the first found), if any. */
  someTag(): string | undefined {
    for (const [articleId, notes] of this.notes)
      for (const id of notes.annotationIds) {
        const stored = this.annotationIndex.getStoredFields(annotationDocId(articleId, id)) as
          Partial<AnnotationDoc> | undefined;
        if (stored?.tags?.length) return stored.tags[0];
      }
    return undefined;
  }

  articleInfo(id: string): ArticleInfo | undefined {
    return this.articles.get(id);
  }

  notesStamp(articleId: string): NotesStamp | null | undefined {
    return this.notes.get(articleId)?.stamp;
  }

  /** The part's changes since they were last taken (for its journal), forgotten here. */
  takeChanges<P extends keyof PartChanges>(part: P): PartChanges[P] {
    const taken = this.changes[part];
    this.changes[part] = [] as PartChanges[P];
    return taken;
  }

  hasChanges(): boolean {
    return this.changes.articles.length > 0 || this.changes.annotations.length > 0;
  }

  /** Applies a part's journal (as takeChanges gave it) over its snapshot; recorded nowhere. Throws on a malformed change. */
  replay<P extends keyof PartChanges>(part: P, changes: PartChanges[P]): void {
    this.replaying = true;
    try {
      for (const c of changes as Array<ArticlesChange | AnnotationsChange>) {
        if (part === 'articles' && c.k === 'set') this.setArticle(c.info, c.body);
        else if (part === 'articles' && c.k === 'remove') this.dropArticle(c.id);
        else if (part === 'annotations' && c.k === 'notes')
          this.setAnnotations(c.articleId, c.highlights, c.stamp);
        else throw new Error(`not a change to ${part}`);
      }
    } finally {
      this.replaying = false;
    }
  }

  private record<P extends keyof PartChanges>(part: P, change: PartChanges[P][number]): void {
    if (!this.replaying) (this.changes[part] as Array<typeof change>).push(change);
  }

  /** Adds or replaces an article; `body` null when its text cannot be read (its metadata is still found). */
  setArticle(info: ArticleInfo, body: string | null): void {
    this.record('articles', { k: 'set', info: { ...info }, body });
    this.metaTexts.delete(info.id);
    const id = articleDocId(info.id);
    if (this.articleIndex.has(id)) this.articleIndex.discard(id);
    this.articleIndex.add({
      id,
      title: info.title,
      authors: info.authors ?? '',
      source: info.source ?? '',
      body: body ?? '',
    });
    this.articles.set(info.id, { ...info });
  }

  /** Forgets an article and its highlights. */
  removeArticle(articleId: string): void {
    this.dropArticle(articleId);
    this.setAnnotations(articleId, [], null);
  }

  /** Forgets an article in the articles part. */
  private dropArticle(articleId: string): void {
    this.record('articles', { k: 'remove', id: articleId });
    this.metaTexts.delete(articleId);
    const id = articleDocId(articleId);
    if (this.articleIndex.has(id)) this.articleIndex.discard(id);
    this.articles.delete(articleId);
  }

  /** Makes the article's highlights in the index exactly `annotations`, touching only those that changed. */
  setAnnotations(articleId: string, annotations: readonly HighlightText[], stamp: NotesStamp | null): void {
    this.record('annotations', {
      k: 'notes',
      articleId,
      highlights: annotations.map(({ id, target, note, tags, color }) => ({
        id,
        target: { quote: { exact: target.quote.exact } },
        note,
        tags,
        color,
      })),
      stamp,
    });
    const before = new Set(this.notes.get(articleId)?.annotationIds ?? []);
    const ids: string[] = [];
    for (const a of annotations) {
      const doc = toDoc(articleId, a);
      ids.push(a.id);
      before.delete(a.id);
      const stored = this.annotationIndex.getStoredFields(doc.id) as Partial<AnnotationDoc> | undefined;
      if (
        stored &&
        stored.shownQuote === doc.shownQuote &&
        stored.shownNote === doc.shownNote &&
        stored.color === doc.color &&
        sameList(stored.tags, doc.tags)
      )
        continue;
      if (stored) this.annotationIndex.discard(doc.id);
      this.annotationIndex.add(doc);
    }
    for (const gone of before) {
      const id = annotationDocId(articleId, gone);
      if (this.annotationIndex.has(id)) this.annotationIndex.discard(id);
    }
    if (ids.length === 0 && stamp === null) this.notes.delete(articleId);
    else this.notes.set(articleId, { stamp, annotationIds: ids });
  }

  async search(q: SearchQuery, options: SearchOptions): Promise<SearchResult> {
    const limit = options.limit ?? DEFAULT_LIMIT;
    const result: SearchResult = { groups: [], hits: 0, truncated: false, warnings: [...q.warnings] };
    if (isEmptyQuery(q)) return result;
    const kinds = new Set<HitKind>(q.kinds.length ? q.kinds : HIT_KINDS);
    for (const k of q.notKinds) kinds.delete(k);
    // Tags and colours belong to highlights: asking for one leaves articles out.
    const wantArticles = kinds.has('article') && q.tags.length === 0 && q.colors.length === 0;
    const wantAnnotations = kinds.has('passage') || kinds.has('note');

    // Whole words first, then prefixes, while the page is not full: each later variant ranks lower
    // and costs more. Typos only when the words as typed (whole or as prefixes) match nothing: a
    // typo walks every word within two edits and every document holding one (20 ms for two words
    // on 10,000 articles), and beside real matches its finds are noise (Algolia's
    // `typoTolerance: 'min'` keeps only the fewest typos for the same reason).
    // A word found in thousands of documents is scored only in the first of them (see
    // bounded-lookup.ts) while that fills the page; else the stage is looked up whole.
    // A prefix stage finds nothing new when no indexed word is longer than one typed (then it is skipped).
    const stages = variantStages(q).filter((s) => s !== 'prefix' || this.someWordIsAPrefix(q.words));
    // A phrase is checked after the lookup and most candidates lack it: capped to a page's worth,
    // the first pass would rarely fill the page and the lookup would be done twice.
    const cap = q.phrases.length
      ? Math.max(PHRASE_CAP_FACTOR * limit, PHRASE_CAP_MIN)
      : Math.max(CAP_FACTOR * limit, CAP_MIN);
    for (const [i, stage] of stages.entries()) {
      let found: Pick<SearchResult, 'groups' | 'hits' | 'truncated'> | undefined;
      // Asked again without the cap, the documents already checked (a phrase's hundreds) are not checked again.
      const checked = new Map<string, SearchHit | null>();
      for (const stageCap of [cap, null]) {
        const { candidates, capped } = this.candidates(
          q,
          kinds,
          wantArticles,
          wantAnnotations,
          stage,
          stageCap,
          options.cachedText,
        );
        found = await this.collect(q, candidates, kinds, limit, options, checked);
        if (!capped) break;
        if (found.hits >= limit) {
          found.truncated = true;
          break;
        }
      }
      const last = i === stages.length - 1;
      if (last || found!.hits >= limit) return { ...result, ...found!, truncated: found!.truncated || !last };
      if (stages[i + 1] === 'typo' && found!.hits > 0) return { ...result, ...found! };
    }
    return result;
  }

  /** Whether an indexed word (in either part) starts with one of `words` and is longer. */
  private someWordIsAPrefix(words: readonly string[]): boolean {
    const shards = [...this.articleIndex.shards, ...this.annotationIndex.shards];
    return words.some(
      (w) =>
        w.length >= PREFIX_FROM &&
        shards.some((shard) => {
          for (const [term] of postingsOf(shard).prefixed(w)) if (term !== w) return true;
          return false;
        }),
    );
  }

  /** Hits from the candidates, in their order, up to the limit, grouped by article. */
  private async collect(
    q: SearchQuery,
    candidates: Iterable<{ r: MiniResult; annotation: boolean }>,
    kinds: ReadonlySet<HitKind>,
    limit: number,
    { textOf, cachedText, usedText }: SearchOptions,
    /** Hits (or none) of documents checked before in this stage: the same document gives the same hit. */
    checked: Map<string, SearchHit | null>,
  ): Promise<Pick<SearchResult, 'groups' | 'hits' | 'truncated'>> {
    // A phrase's candidates whose texts are not cached yet (the cache fills after opening) are read
    // all at once, not one by one as each is checked: hundreds of files, in parallel.
    if (q.phrases.length && cachedText) {
      const list = [...candidates];
      const unread = list.filter(({ r, annotation }) => !annotation && !cachedText(String(r.id)));
      await inParallel(unread, READ_AHEAD, ({ r }) => textOf(String(r.id)));
      candidates = list;
    }
    const result = { hits: 0 };
    const phraseWords = new Set(q.phrases.flat());
    const groups = new Map<string, SearchGroup>();
    let more = false;
    for (const { r, annotation } of candidates) {
      if (result.hits >= limit) {
        more = true;
        break;
      }
      const key = `${annotation ? 'h' : 'a'}${r.id}`;
      let hit = checked.get(key);
      // Most of a phrase's candidates lack it: ruled out without a hit's making when the text is at hand.
      if (hit === undefined && !annotation && cachedText && this.lacksPhrase(q, String(r.id), cachedText))
        checked.set(key, (hit = null));
      if (hit === undefined) {
        const words = new Set(
          r.terms.filter((t) => !phraseWords.has(t) || q.words.some((w) => t.startsWith(w))),
        );
        const match: Match = { words, phrases: q.phrases };
        if (annotation) hit = this.annotationHit(q, r, kinds, match);
        else {
          const id = String(r.id);
          // Most bodies are cached: read without a promise; the others from the store's file.
          const body = !this.needsBody(q, r) ? NO_TEXT : (usedText?.(id) ?? asSearchable(await textOf(id)));
          hit = this.articleHit(q, r, match, body);
        }
        checked.set(key, hit);
      }
      if (!hit) continue;
      const info = this.articles.get(hit.articleId);
      let group = groups.get(hit.articleId);
      if (!group) {
        group = {
          articleId: hit.articleId,
          title: info?.title ?? '',
          ...(info?.source !== undefined && { source: info.source }),
          hits: [],
        };
        groups.set(hit.articleId, group);
      }
      group.hits.push(hit);
      result.hits++;
    }
    return { groups: [...groups.values()], hits: result.hits, truncated: more };
  }

  /**
   * Documents that may match, best first: MiniSearch's results (scored only in the first `cap`
   * documents holding a common word, if a cap is given), or (filters alone) every highlight in library order.
   */
  private candidates(
    q: SearchQuery,
    kinds: ReadonlySet<HitKind>,
    wantArticles: boolean,
    wantAnnotations: boolean,
    stage: VariantStage,
    cap: number | null,
    cachedText?: SearchOptions['cachedText'],
  ): { candidates: Iterable<{ r: MiniResult; annotation: boolean }>; capped: boolean } {
    const plan = lookupPlan(q, stage);
    const found: Array<{ r: MiniResult; annotation: boolean }> = [];
    let capped = false;
    if (wantArticles) {
      const options = { boost: ARTICLE_BOOST };
      const lookup = shardedLookup(
        this.articleIndex.shards,
        plan,
        options,
        cap,
        both(this.articleFilter(q), this.articlePhraseFilter(q, cachedText)),
        ARTICLE_META_FIELDS,
      );
      for (const r of lookup.results) found.push({ r, annotation: false });
      capped ||= lookup.capped;
    }
    // A wildcard over 100,000 highlights costs MiniSearch seconds (a result object each); reading
    // stored fields one by one, only until the limit is reached, costs milliseconds.
    const everyHighlight = q.words.length === 0 && q.phrases.length === 0 && q.notWords.length === 0;
    if (wantAnnotations && !everyHighlight) {
      // is:note looks for the words in notes only; is:passage in quotes and tags only.
      const fields = !kinds.has('passage') ? ['note'] : !kinds.has('note') ? ['quote', 'tagText'] : undefined;
      const options = { boost: ANNOTATION_BOOST, ...(fields && { fields }) };
      const accept = both(this.annotationFilter(q), this.annotationPhraseFilter(q));
      const lookup = shardedLookup(this.annotationIndex.shards, plan, options, cap, accept);
      for (const r of lookup.results) found.push({ r, annotation: true });
      capped ||= lookup.capped;
    }
    found.sort((a, b) => b.r.score - a.r.score);
    const rest = wantAnnotations && everyHighlight ? this.everyHighlight(q) : [];
    return { candidates: concat(found, rest), capped };
  }

  /**
   * The query's phrases as a test of an article, pushed into the lookup so that only articles holding
   * them are scored and counted against the cap (most of a phrase's candidates lack it). An article
   * whose text is not cached passes (its hit is checked when made).
   */
  private articlePhraseFilter(q: SearchQuery, cachedText: SearchOptions['cachedText']): Accept | undefined {
    if (q.phrases.length === 0 || !cachedText) return undefined;
    return (id) => !this.lacksPhrase(q, id, cachedText);
  }

  /** The query's phrases as a test of a highlight's stored quote, note and tags (as annotationHit checks them). */
  private annotationPhraseFilter(q: SearchQuery): Accept | undefined {
    if (q.phrases.length === 0) return undefined;
    return (_id, stored) => {
      if (!stored) return false;
      const [quote, note, tags] = this.shownTextsOf(stored as unknown as AnnotationDoc);
      for (const p of q.phrases)
        if (!quote.hasPhrase(p) && !note.hasPhrase(p) && !tags.hasPhrase(p)) return false;
      return true;
    };
  }

  /**
   * A highlight's quote, note and tags with their folded terms, kept by its stored fields (MiniSearch
   * keeps one object per document until it changes): a phrase query checks hundreds.
   */
  private shownTextsOf(doc: AnnotationDoc): readonly [SearchableText, SearchableText, SearchableText] {
    let texts = this.shownTexts.get(doc);
    if (!texts) {
      if (++this.shownTextCount > SHOWN_TEXTS_KEPT) {
        this.shownTexts = new WeakMap();
        this.shownTextCount = 1;
      }
      texts = [
        new SearchableText(doc.shownQuote),
        new SearchableText(doc.shownNote),
        new SearchableText(doc.tags.join(', ')),
      ];
      this.shownTexts.set(doc, texts);
    }
    return texts;
  }

  /** The query's source filter as a test of an article id (each source decided once per query); undefined when none. */
  private articleFilter(q: SearchQuery): Accept | undefined {
    if (q.sources.length === 0 && q.notSources.length === 0) return undefined;
    const bySource = new Map<string | undefined, boolean>();
    return (id) => {
      const source = this.articles.get(id)?.source;
      let ok = bySource.get(source);
      if (ok === undefined) bySource.set(source, (ok = sourceMatches(q, source)));
      return ok;
    };
  }

  /** The query's filters (tags, colours, source) as a test of a highlight's stored fields; undefined when none. */
  private annotationFilter(q: SearchQuery): Accept | undefined {
    const bySource = this.articleFilter(q);
    if (!bySource && !q.tags.length && !q.notTags.length && !q.colors.length && !q.notColors.length)
      return undefined;
    return (_id, stored) => {
      const doc = stored as unknown as AnnotationDoc | undefined;
      if (!doc) return false;
      if ((q.colors.length && !q.colors.includes(doc.color)) || q.notColors.includes(doc.color)) return false;
      if ((q.tags.length || q.notTags.length) && !tagsPass(q, doc.tags)) return false;
      return !bySource || bySource(doc.articleId, undefined);
    };
  }

  /** Every highlight a filter alone may select, in library order (narrowed by the tag words when tags are asked for). */
  private *everyHighlight(q: SearchQuery): Generator<{ r: MiniResult; annotation: boolean }> {
    // Tags are indexed as words too: a highlight with a tag covered by tag:coalition/strategy has the
    // words coalition and strategy among its tag words, so those words narrow the candidates.
    const tagWords = [...new Set(q.tags.flatMap((t) => terms(t)))];
    if (tagWords.length > 0) {
      const tagged: Query = {
        combineWith: 'AND',
        queries: tagWords.map((w) => ({ queries: [w], prefix: false, fuzzy: false, fields: ['tagText'] })),
      };
      for (const r of this.annotationIndex.search(tagged))
        yield { r: { ...r, terms: [], match: {} }, annotation: true };
      return;
    }
    for (const [articleId, notes] of this.notes) {
      for (const annotationId of notes.annotationIds) {
        const id = annotationDocId(articleId, annotationId);
        const stored = this.annotationIndex.getStoredFields(id);
        if (stored)
          yield { r: { id, score: 0, terms: [], queryTerms: [], match: {}, ...stored }, annotation: true };
      }
    }
  }

  private annotationHit(
    q: SearchQuery,
    r: MiniResult,
    kinds: ReadonlySet<HitKind>,
    match: Match,
  ): SearchHit | null {
    const doc = r as unknown as MiniResult & AnnotationDoc;
    const info = this.articles.get(doc.articleId);
    if (!info) return null; // its article is gone: never a hit that cannot be opened
    if (!tagsPass(q, doc.tags)) return null;
    if ((q.colors.length && !q.colors.includes(doc.color)) || q.notColors.includes(doc.color)) return null;
    if (!sourceMatches(q, info.source)) return null;
    const texts: Record<'quote' | 'note' | 'tagText', string> = {
      quote: doc.shownQuote,
      note: doc.shownNote,
      tagText: doc.tags.join(', '),
    };
    if (q.notPhrases.some((p) => Object.values(texts).some((t) => hasPhrase(t, p)))) return null;
    // Which fields the words and phrases were found in decides the kind.
    const fields = new Set<string>(Object.values(r.match).flat());
    for (const p of q.phrases) {
      const where = (Object.keys(texts) as Array<keyof typeof texts>).filter((f) => hasPhrase(texts[f], p));
      if (where.length === 0) return null;
      where.forEach((f) => fields.add(f));
    }
    const noWords = q.words.length === 0 && q.phrases.length === 0;
    let kind: HitKind | null = null;
    if (kinds.has('note') && (noWords ? doc.shownNote !== '' && !kinds.has('passage') : fields.has('note')))
      kind = 'note';
    else if (kinds.has('passage') && (noWords || fields.has('quote') || fields.has('tagText')))
      kind = 'passage';
    if (!kind) return null;
    const field: HitField = kind === 'note' ? 'note' : noWords || fields.has('quote') ? 'quote' : 'tags';
    const text = texts[field === 'tags' ? 'tagText' : field];
    return {
      kind,
      articleId: doc.articleId,
      ...(doc.annotationId !== ARTICLE_NOTE_ID && { annotationId: doc.annotationId }),
      field,
      snippet: snippetOf(text, match, firstMatch(text, match)),
      color: doc.color,
      tags: doc.tags,
      score: r.score,
    };
  }

  /** Whether the article (its text cached) surely lacks one of the query's phrases in every field. */
  private lacksPhrase(
    q: SearchQuery,
    id: string,
    cachedText: (id: string) => SearchableText | undefined,
  ): boolean {
    if (q.phrases.length === 0) return false;
    const body = cachedText(id);
    if (!body) return false;
    let meta: Record<'title' | 'authors' | 'source', SearchableText> | undefined;
    for (const p of q.phrases) {
      if (body.hasPhrase(p)) continue;
      // Most candidates lack the phrase's words in their title, authors and source alike: known from
      // the postings, without reading the article's record or those texts.
      if (!this.metaMayHold(p).has(id)) return true;
      const info = this.articles.get(id);
      if (!info) return false;
      meta ??= this.metaTextsOf(info);
      if (!meta.title.hasPhrase(p) && !meta.authors.hasPhrase(p) && !meta.source.hasPhrase(p)) return true;
    }
    return false;
  }

  /**
   * The articles whose title, authors or source hold every word of the phrase (in one of them): the
   * only ones where it may stand outside the body. From the words' postings in those short fields
   * (a few documents each), once per phrase of a query (each query's phrases are new arrays).
   */
  private metaMayHold(phrase: readonly string[]): Set<string> {
    let ids = this.metaHolders.get(phrase);
    if (ids) return ids;
    ids = new Set();
    for (const shard of this.articleIndex.shards) {
      const postings = postingsOf(shard);
      for (const field of ARTICLE_META_FIELDS) {
        const fieldId = postings.fieldId(field);
        if (fieldId === undefined) continue;
        const lists = phrase.map((w) => postings.term(w)?.get(fieldId));
        if (lists.length === 0 || lists.some((l) => l === undefined)) continue;
        const [first, ...rest] = (lists as DocumentFreqs[]).sort((a, b) => a.size - b.size);
        for (const doc of first.keys())
          if (postings.live(doc) && rest.every((l) => l.has(doc))) ids.add(postings.id(doc));
      }
    }
    this.metaHolders.set(phrase, ids);
    return ids;
  }

  /** An article's title, authors and source with their folded terms, for phrase checks (kept: a phrase query checks hundreds). */
  private metaTextsOf(info: ArticleInfo): Record<'title' | 'authors' | 'source', SearchableText> {
    let texts = this.metaTexts.get(info.id);
    if (!texts) {
      if (this.metaTexts.size >= META_TEXTS_KEPT) this.metaTexts.clear();
      texts = {
        title: new SearchableText(info.title),
        authors: new SearchableText(info.authors ?? ''),
        source: new SearchableText(info.source ?? ''),
      };
      this.metaTexts.set(info.id, texts);
    }
    return texts;
  }

  /**
   * An article's hit, given its body (read by the caller, and only when needed: see needsBody).
   * Synchronous: fifty hits made in a row, without a promise each.
   */
  private articleHit(q: SearchQuery, r: MiniResult, match: Match, body: SearchableText): SearchHit | null {
    const info = this.articles.get(String(r.id));
    if (!info) return null;
    if (!sourceMatches(q, info.source)) return null;
    const meta: Record<MetaField, string> = {
      title: info.title,
      authors: info.authors ?? '',
      source: info.source ?? '',
    };
    let field: MetaField | undefined;
    if (q.phrases.length || q.notPhrases.length) {
      const fields = new Set<string>(Object.values(r.match).flat());
      const metaTexts = this.metaTextsOf(info);
      for (const p of q.notPhrases)
        if (META_FIELDS.some((f) => metaTexts[f].hasPhrase(p)) || body.hasPhrase(p)) return null;
      for (const p of q.phrases) {
        const where = META_FIELDS.filter((f) => metaTexts[f].hasPhrase(p));
        if (where.length === 0 && !body.hasPhrase(p)) return null;
        for (const f of where) fields.add(f);
      }
      field = META_FIELDS.find((f) => fields.has(f));
    } else field = metaFieldOf(r.match);
    const base = { kind: 'article' as const, articleId: info.id, score: r.score };
    // The title is also the text's first block: a match there is shown as the title.
    if (field)
      return { ...base, field, snippet: snippetOf(meta[field], match, firstMatch(meta[field], match)) };
    const { text } = body;
    const at = firstMatch(text, match);
    if (at) return { ...base, field: 'body', snippet: snippetOf(text, match, at), at };
    return { ...base, field: 'title', snippet: snippetOf(meta.title, match, null) };
  }

  /** Whether an article's hit reads its body: a phrase to check, or no match in its title, authors or source to show. */
  private needsBody(q: SearchQuery, r: MiniResult): boolean {
    return q.phrases.length > 0 || q.notPhrases.length > 0 || metaFieldOf(r.match) === undefined;
  }
}

type MetaField = 'title' | 'authors' | 'source';
/** In the order a hit prefers them. */
const META_FIELDS: readonly MetaField[] = ['title', 'authors', 'source'];

/** The first of title, authors, source in which a result matched, if any. */
function metaFieldOf(match: MiniResult['match']): MetaField | undefined {
  let found = 0;
  for (const term in match)
    for (const f of match[term]) {
      const i = META_FIELDS.indexOf(f as MetaField);
      if (i >= 0) found |= 1 << i;
    }
  for (let i = 0; i < META_FIELDS.length; i++) if (found & (1 << i)) return META_FIELDS[i];
  return undefined;
}

/** A one- or two-letter prefix would expand to a good part of the vocabulary (seconds on 10,000 articles); typos from four letters. */
const PREFIX_FROM = 3;
const FUZZY_FROM = 4;
/**
 * A common word is scored in at most max(CAP_FACTOR × the page, CAP_MIN) documents per index while that
 * fills the page (the filters are checked before, so what is scored is kept unless a phrase is missing);
 * a query with a phrase in max(PHRASE_CAP_FACTOR × the page, PHRASE_CAP_MIN).
 */
/** Articles whose title, authors and source keep their folded terms (cleared past this: a few MB). */
const META_TEXTS_KEPT = 20_000;
/** Highlights whose texts (quote, note, tag list) keep their folded terms (forgotten past this: ~30 MB at most). */
const SHOWN_TEXTS_KEPT = 100_000;
/** Article files read at once for a phrase's uncached candidates. */
const READ_AHEAD = 16;
const CAP_FACTOR = 2;
const CAP_MIN = 100;
const PHRASE_CAP_FACTOR = 10;
const PHRASE_CAP_MIN = 500;

/** Which variants of the words a lookup includes: whole words only, prefixes too, or prefixes and typos. */
export type VariantStage = 'exact' | 'prefix' | 'typo';

/** The lookups a query needs, cheapest first (a stage that would add no variant is left out). */
export function variantStages(q: Pick<SearchQuery, 'words'>): VariantStage[] {
  const stages: VariantStage[] = ['exact'];
  if (q.words.some((w) => w.length >= PREFIX_FROM)) stages.push('prefix');
  if (q.words.some((w) => w.length >= FUZZY_FROM)) stages.push('typo');
  return stages;
}

/** MiniSearch's lookup: every word (with the stage's variants) scored, every phrase word (exact) required, minus excluded words. */
function lookupPlan(q: SearchQuery, stage: VariantStage = 'typo'): LookupPlan {
  const exact = { prefix: false, fuzzy: false };
  const required: Query[] = q.words.map((w) =>
    stage === 'exact'
      ? { queries: [w], ...exact }
      : {
          queries: [w],
          prefix: w.length >= PREFIX_FROM,
          fuzzy: stage === 'typo' && w.length >= FUZZY_FROM ? 0.2 : false,
          maxFuzzy: 2,
        },
  );
  // A phrase's words narrow the lookup; the phrase itself is checked in each candidate's text.
  const checked = [...new Set(q.phrases.flat())].map((w) => ({ queries: [w], ...exact }));
  const excluded = q.notWords.map((w) => ({ queries: [w], ...exact }));
  return {
    required,
    checked,
    excluded,
    scored: (words) => {
      const base: Query = words.length ? { queries: words, combineWith: 'AND' } : MiniSearch.wildcard;
      return excluded.length ? { queries: [base, ...excluded], combineWith: 'AND_NOT' } : base;
    },
  };
}

/** Runs `work` on every item, at most `width` at a time. */
async function inParallel<T>(
  items: readonly T[],
  width: number,
  work: (item: T) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
}

/** Both tests (either may be absent). */
function both(a: Accept | undefined, b: Accept | undefined): Accept | undefined {
  return a && b ? (id, stored) => a(id, stored) && b(id, stored) : (a ?? b);
}

function* concat<T>(...lists: Iterable<T>[]): Generator<T> {
  for (const list of lists) yield* list;
}

function sourceMatches(q: SearchQuery, source: string | undefined): boolean {
  if (q.sources.length === 0 && q.notSources.length === 0) return true;
  const text = source ?? '';
  if (q.sources.length && !q.sources.some((s) => hasPhrase(text, s))) return false;
  return !q.notSources.some((s) => hasPhrase(text, s));
}

function asSearchable(text: SearchableText | string | null): SearchableText {
  return typeof text === 'string' ? new SearchableText(text) : (text ?? NO_TEXT);
}

function hasPhrase(text: string, phrase: readonly string[]): boolean {
  if (text === '') return false;
  // Most texts checked lack a word of the phrase: one fold of the whole text says so without
  // placing every term (a term's fold is part of the text's, except a capital sigma, whose lower
  // case depends on what follows).
  if (!text.includes('Σ')) {
    const folded = fold(text);
    if (!phrase.every((w) => folded.includes(w))) return false;
  }
  return findRun(placedTerms(text), phrase) >= 0;
}

function toDoc(articleId: string, a: HighlightText): AnnotationDoc {
  const tags = normalizeTags(a.tags);
  return {
    id: annotationDocId(articleId, a.id),
    articleId,
    annotationId: a.id,
    quote: a.target.quote.exact,
    note: a.note,
    shownQuote: a.target.quote.exact.slice(0, STORED_TEXT_LIMIT),
    shownNote: a.note.slice(0, STORED_TEXT_LIMIT),
    tagText: tags.join(' '),
    tags,
    color: a.color,
  };
}

/** Whether a highlight's tags cover every tag the query asks for and none it excludes (a tag covers its children). */
function tagsPass(q: SearchQuery, tags: readonly string[]): boolean {
  if (q.tags.length === 0 && q.notTags.length === 0) return true;
  const keys = tags.map(foldedTagKey);
  for (const f of q.tags) if (!covers(keys, f)) return false;
  for (const f of q.notTags) if (covers(keys, f)) return false;
  return true;
}

function covers(tagKeys: readonly string[], f: string): boolean {
  for (const t of tagKeys)
    if (t === f || (t.length > f.length && t[f.length] === '/' && t.startsWith(f))) return true;
  return false;
}

/** Tags repeat across thousands of highlights: each spelling is folded once (a filter over 100,000 reads each). */
const tagKeyMemo = new Map<string, string>();
function foldedTagKey(tag: string): string {
  let key = tagKeyMemo.get(tag);
  if (key === undefined) {
    key = fold(tagKey(tag));
    if (tagKeyMemo.size > 50_000) tagKeyMemo.clear();
    tagKeyMemo.set(tag, key);
  }
  return key;
}

function sameList(a: readonly string[] | undefined, b: readonly string[]): boolean {
  return !!a && a.length === b.length && a.every((x, i) => x === b[i]);
}
