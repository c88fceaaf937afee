/**
 * Annotations as W3C Web Annotations (https://www.w3.org/TR/annotation-model/),
 * one AnnotationCollection whose single page holds every item, so any tool
 * that reads the model (Hypothesis-style clients, Recogito, a JSON-LD processor)
 * can take them. tests/unit/core/export/web-annotation-assertions.test.ts checks every item
 * against the model's MUST and SHOULD assertions.
 *
 * Each item carries what a citation rests on:
 * - target.source is the article's URL when it has one, else
 *   "urn:gloss:article:<id>"; the local id is kept as "gloss:article" either way.
 * - The target names the article in Dublin Core terms (dcterms:title,
 *   dcterms:creator — one per author, dcterms:publisher, dcterms:issued), its
 *   format and language; "gloss:location" says where the passage starts, as
 *   its citation does ("¶3", or "p. 7" in a PDF: the model has no page of a
 *   text position).
 * - creator is the user (a Person, named from settings when a name is set);
 *   generator is Gloss (Software, with its version).
 * - Every annotation has a body: its colour, as a "highlighting" TextualBody
 *   (the model has no colour; "gloss:color" keeps it as a plain value too),
 *   then the note ("commenting") and each tag ("tagging").
 *
 * Departures from Gloss's own storage the model requires or suggests:
 * - TextPositionSelector counts Unicode code points, not UTF-16 units.
 * - Orphans carry "gloss:orphan": true and no position.
 * - The collection carries "gloss:codebook": the colour and description of each
 *   tag it holds (and of their parents), when the user described any; the
 *   collection's context then names the gloss: vocabulary too.
 * - The article note is an annotation of the whole article (its target the
 *   article itself, no selector), first among that article's items.
 */
// Node's ESM (the harness, the CLI under tsx) reads JSON only with this attribute; bundlers inline it.
import packageJson from '../../../package.json' with { type: 'json' };
import type { Annotation } from '../annotations/types';
import { normalizeTags } from '../annotations/tags';
import type { TagCode } from '../annotations/codebook';
import { codePointCounter } from '../anchoring/codepoints';
import type { Article } from '../document/types';
import { citationFields } from './citation';
import { codebookOf, codebookOfTags } from './codebook-text';
import { inReadingOrder, locationLabeller } from './reading-order';
import { memoizedTagNormalizer } from './tag-memo';
import type { ArticleNote } from '../annotations/types';
import type { ExportEntry, ExportOptions, ExportPlan, ExportRenderer } from './types';

const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
/** The model allows extra contexts after its own; this one gives "gloss:" terms an IRI ("dcterms:" is in the model's). */
const GLOSS_CONTEXT = { gloss: 'urn:gloss:vocab#' };

export interface WebAnnotationOptions extends ExportOptions {
  /** Prefix for ids, e.g. "https://example.org/notes/"; ids default to urn:gloss:annotation:<id>. */
  baseId?: string;
}

export interface WebAgent {
  id: string;
  type: 'Person' | 'Software';
  name?: string;
  nickname?: string;
  'schema:softwareVersion'?: string;
}

export interface WebTextualBody {
  type: 'TextualBody';
  value: string;
  purpose: 'commenting' | 'tagging' | 'highlighting';
  format?: 'text/plain';
  language?: string;
  creator?: WebAgent;
}

/** What the target says of the article, beside where the passage is. */
export interface WebArticleDescription {
  format: string;
  language?: string;
  'dcterms:title': string;
  'dcterms:creator'?: string[];
  'dcterms:publisher'?: string;
  'dcterms:issued'?: string;
  'gloss:article': string;
}

export type WebSelector =
  | { type: 'TextQuoteSelector'; exact: string; prefix?: string; suffix?: string }
  | { type: 'TextPositionSelector'; start: number; end: number };

export interface WebAnnotation {
  '@context': [typeof ANNO_CONTEXT, typeof GLOSS_CONTEXT];
  id: string;
  type: 'Annotation';
  motivation: 'highlighting' | 'commenting';
  created?: string;
  modified: string;
  creator: WebAgent;
  generator: WebAgent;
  body: WebTextualBody[];
  /** A passage: a SpecificResource of the article. The article note: the article itself. */
  target:
    | (WebArticleDescription & {
        source: string;
        selector: WebSelector[];
        /** The version of the article the selectors were taken on: when it was imported (W3C TimeState). */
        state?: { type: 'TimeState'; sourceDate: string };
      })
    | (WebArticleDescription & { id: string; type: 'Text' });
  'gloss:color'?: string;
  'gloss:orphan'?: true;
  /** Where the passage starts: "¶3", "caption", or "p. 7" in a PDF. */
  'gloss:location'?: string;
  /** sha256 of the text of the article version it was made or last confirmed on (gloss verify). */
  'gloss:version'?: string;
}

export interface WebAnnotationCollection {
  '@context': typeof ANNO_CONTEXT | [typeof ANNO_CONTEXT, typeof GLOSS_CONTEXT];
  id: string;
  type: 'AnnotationCollection';
  label: string;
  total: number;
  generator: WebAgent;
  first: { type: 'AnnotationPage'; startIndex: 0; items: WebAnnotation[] };
  /** The codebook of the tags exported: each tag's colour and description (a Gloss term, hence the second context). */
  'gloss:codebook'?: TagCode[];
}

/** Gloss, as the software that wrote the annotations. */
export const GENERATOR: WebAgent = {
  id: 'urn:gloss:software:gloss',
  type: 'Software',
  name: 'Gloss',
  nickname: 'gloss',
  'schema:softwareVersion': packageJson.version,
};

/** The user, as the annotations' author: named when settings hold a name (the model's SHOULD), else anonymous. */
export function creatorAgent(userName?: string): WebAgent {
  const name = userName?.trim();
  if (!name) return { id: 'urn:gloss:person:unnamed', type: 'Person' };
  return { id: `urn:gloss:person:${encodeURIComponent(name)}`, type: 'Person', name, nickname: name };
}

/** Media type of what the article was imported from (the document the URL names). */
const SOURCE_MEDIA_TYPES: Record<string, string> = {
  html: 'text/html',
  markdown: 'text/markdown',
  text: 'text/plain',
  epub: 'application/epub+zip',
  pdf: 'application/pdf',
};

/** Already what toISOString() writes: most stamps, since Gloss writes them so. */
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** xsd:dateTime in UTC ("…Z"), as the model asks; an unreadable stamp is passed through rather than invented. */
function dateTime(stamp: string): string {
  if (ISO_UTC.test(stamp)) return stamp;
  const ms = Date.parse(stamp);
  return Number.isNaN(ms) ? stamp : new Date(ms).toISOString();
}

function annotationId(id: string, baseId?: string): string {
  return baseId ? `${baseId}${encodeURIComponent(id)}` : `urn:gloss:annotation:${id}`;
}

export function articleSource(article: Pick<Article, 'id' | 'meta'>): string {
  return article.meta.url || `urn:gloss:article:${article.id}`;
}

/** "en", "pt-br": the lower-case BCP 47 form the model's checks read; undefined for anything else. */
function languageTag(language: string | undefined): string | undefined {
  const tag = language?.trim().toLowerCase().replace(/_/g, '-');
  return tag && /^[a-z]{2,3}(-[a-z0-9]+)*$/.test(tag) ? tag : undefined;
}

export function describeArticle(article: Pick<Article, 'id' | 'meta'>): WebArticleDescription {
  const fields = citationFields(article.meta);
  const language = languageTag(article.meta.language);
  return {
    format: SOURCE_MEDIA_TYPES[article.meta.format] ?? 'text/plain',
    ...(language ? { language } : {}),
    'dcterms:title': fields.title,
    ...(fields.authors.length ? { 'dcterms:creator': fields.authors } : {}),
    ...(fields.source ? { 'dcterms:publisher': fields.source } : {}),
    ...(article.meta.published ? { 'dcterms:issued': article.meta.published } : {}),
    'gloss:article': article.id,
  };
}

/** What converting many annotations of one article can share; made once per article. */
export interface Helpers {
  tidyTags: (tags: readonly string[]) => string[];
  codePoints: (offset: number) => number;
  where: (offset: number) => string | undefined;
  described: WebArticleDescription;
  creator: WebAgent;
}

function helpersFor(
  article: Article,
  tidyTags: Helpers['tidyTags'] = normalizeTags,
  creator: WebAgent = creatorAgent(),
): Helpers {
  return {
    tidyTags,
    codePoints: codePointCounter(article.text),
    where: locationLabeller(article),
    described: describeArticle(article),
    creator,
  };
}

export function toWebAnnotation(
  article: Article,
  a: Annotation,
  opts: WebAnnotationOptions = {},
  helpers: Helpers = helpersFor(article, normalizeTags, creatorAgent(opts.userName)),
): WebAnnotation {
  const { tidyTags, codePoints, creator } = helpers;
  // The colour body carries format, language and creator, so every annotation's bodies describe themselves.
  const body: WebTextualBody[] = [
    {
      type: 'TextualBody',
      value: a.color,
      purpose: 'highlighting',
      format: 'text/plain',
      language: 'en',
      creator,
    },
  ];
  const note = a.note.trim();
  if (note) body.push({ type: 'TextualBody', value: a.note, format: 'text/plain', purpose: 'commenting' });
  for (const tag of tidyTags(a.tags)) body.push({ type: 'TextualBody', value: tag, purpose: 'tagging' });

  const { exact, prefix, suffix } = a.target.quote;
  const selector: WebSelector[] = [
    { type: 'TextQuoteSelector', exact, ...(prefix ? { prefix } : {}), ...(suffix ? { suffix } : {}) },
  ];
  const { start, end } = a.target.position;
  // An orphan's stored position points at text that is no longer there.
  const inText = !a.orphan && start >= 0 && end <= article.text.length && start < end;
  if (inText) selector.push({ type: 'TextPositionSelector', start: codePoints(start), end: codePoints(end) });
  const locator = inText ? helpers.where(start) : undefined;

  return {
    '@context': [ANNO_CONTEXT, GLOSS_CONTEXT],
    id: annotationId(a.id, opts.baseId),
    type: 'Annotation',
    motivation: note ? 'commenting' : 'highlighting',
    created: dateTime(a.created),
    modified: dateTime(a.modified),
    creator,
    generator: GENERATOR,
    body,
    target: {
      source: articleSource(article),
      ...helpers.described,
      selector,
      ...versionState(article, a.versionHash),
    },
    'gloss:color': a.color,
    ...(a.orphan ? { 'gloss:orphan': true as const } : {}),
    ...(locator ? { 'gloss:location': locator } : {}),
    ...(a.versionHash ? { 'gloss:version': a.versionHash } : {}),
  };
}

/** The TimeState of a version the article still lists (none for an article of one version: its source is as imported). */
function versionState(
  article: Article,
  hash: string | undefined,
): { state?: { type: 'TimeState'; sourceDate: string } } {
  const version = hash ? article.versions?.find((v) => v.hash === hash) : undefined;
  return version ? { state: { type: 'TimeState', sourceDate: dateTime(version.importedAt) } } : {};
}

/** The note on a whole article, as an annotation whose target is the article itself. */
export function articleNoteAnnotation(
  article: Article,
  note: NonNullable<ExportEntry['articleNote']>,
  opts: WebAnnotationOptions = {},
  helpers: Pick<Helpers, 'described' | 'creator'> = {
    described: describeArticle(article),
    creator: creatorAgent(opts.userName),
  },
): WebAnnotation {
  return {
    '@context': [ANNO_CONTEXT, GLOSS_CONTEXT],
    id: opts.baseId
      ? `${opts.baseId}article-note-${encodeURIComponent(article.id)}`
      : `urn:gloss:article-note:${article.id}`,
    type: 'Annotation',
    motivation: 'commenting',
    modified: dateTime(note.modified),
    creator: helpers.creator,
    generator: GENERATOR,
    // The user's own words, in a language Gloss does not know: "und" (BCP 47: undetermined).
    body: [
      {
        type: 'TextualBody',
        value: note.text.trim(),
        purpose: 'commenting',
        format: 'text/plain',
        language: 'und',
        creator: helpers.creator,
      },
    ],
    target: { id: articleSource(article), type: 'Text', ...helpers.described },
  };
}

/** The collection's IRI (the model requires one): the base given, else what it holds. */
function collectionId(entries: readonly ExportEntry[], opts: WebAnnotationOptions): string {
  if (opts.baseId) return opts.baseId;
  return entries.length === 1
    ? `urn:gloss:collection:article:${entries[0].article.id}`
    : 'urn:gloss:collection:library';
}

/** One article's items: its note first, then its passages in reading order. */
function* articleItems(
  entry: ExportEntry,
  opts: WebAnnotationOptions,
  tidyTags: Helpers['tidyTags'],
  creator: WebAgent,
): Generator<WebAnnotation> {
  const { article, annotations, articleNote } = entry;
  const helpers = helpersFor(article, tidyTags, creator);
  if (articleNote?.text.trim()) yield articleNoteAnnotation(article, articleNote, opts, helpers);
  for (const a of inReadingOrder(annotations)) yield toWebAnnotation(article, a, opts, helpers);
}

export function toWebAnnotations(
  entries: readonly ExportEntry[],
  opts: WebAnnotationOptions = {},
): WebAnnotationCollection {
  const tidyTags = memoizedTagNormalizer();
  const creator = creatorAgent(opts.userName);
  const items = entries.flatMap((entry) => [...articleItems(entry, opts, tidyTags, creator)]);
  const codebook = codebookOf(entries, opts.codebook);
  return {
    '@context': codebook.length ? [ANNO_CONTEXT, GLOSS_CONTEXT] : ANNO_CONTEXT,
    id: collectionId(entries, opts),
    type: 'AnnotationCollection',
    label: 'Annotations exported from Gloss',
    total: items.length,
    generator: GENERATOR,
    ...(codebook.length && { 'gloss:codebook': codebook }),
    first: { type: 'AnnotationPage', startIndex: 0, items },
  };
}

/** JSON of a string (or anything), as JSON.stringify writes it inside an object. */
const q = JSON.stringify;

/**
 * One annotation's JSON text, exactly JSON.stringify(toWebAnnotation(…)) but
 * built from strings: what every item of an article shares (context, creator,
 * generator, the target's description of the article) is turned to text once
 * per article, not once per annotation. toWebAnnotation stays the definition;
 * tests/unit/core/export/web-annotation.test.ts holds them equal.
 */
function webAnnotationJsonMaker(
  article: Article,
  opts: WebAnnotationOptions,
  helpers: Helpers,
): (a: Annotation, out: string[]) => void {
  const { tidyTags, codePoints, creator } = helpers;
  const creatorJson = q(creator);
  const head = `{"@context":${q([ANNO_CONTEXT, GLOSS_CONTEXT])},"id":`;
  const agents = `,"creator":${creatorJson},"generator":${q(GENERATOR)},"body":[`;
  const colorBodyEnd = `,"purpose":"highlighting","format":"text/plain","language":"en","creator":${creatorJson}}`;
  const target = `]${',"target":{"source":'}${q(articleSource(article))},${q(helpers.described).slice(1, -1)},"selector":[`;
  // Pieces are gathered and joined once per article: a string built by `+=` is a tree of pieces that
  // must be flattened before it is written, and that cost as much as building it.
  return (a, out) => {
    const note = a.note.trim();
    out.push(
      head,
      q(annotationId(a.id, opts.baseId)),
      note
        ? ',"type":"Annotation","motivation":"commenting","created":'
        : ',"type":"Annotation","motivation":"highlighting","created":',
      q(dateTime(a.created)),
      ',"modified":',
      q(dateTime(a.modified)),
      agents,
      '{"type":"TextualBody","value":',
      q(a.color),
      colorBodyEnd,
    );
    if (note)
      out.push(
        ',{"type":"TextualBody","value":',
        q(a.note),
        ',"format":"text/plain","purpose":"commenting"}',
      );
    for (const tag of tidyTags(a.tags))
      out.push(',{"type":"TextualBody","value":', q(tag), ',"purpose":"tagging"}');
    const { exact, prefix, suffix } = a.target.quote;
    out.push(target, '{"type":"TextQuoteSelector","exact":', q(exact));
    if (prefix) out.push(',"prefix":', q(prefix));
    if (suffix) out.push(',"suffix":', q(suffix));
    out.push('}');
    const { start, end } = a.target.position;
    const inText = !a.orphan && start >= 0 && end <= article.text.length && start < end;
    if (inText)
      out.push(
        ',{"type":"TextPositionSelector","start":',
        String(codePoints(start)),
        ',"end":',
        String(codePoints(end)),
        '}',
      );
    out.push(']');
    const { state } = versionState(article, a.versionHash);
    if (state) out.push(',"state":', q(state));
    out.push('},"gloss:color":', q(a.color));
    if (a.orphan) out.push(',"gloss:orphan":true');
    const locator = inText ? helpers.where(start) : undefined;
    if (locator) out.push(',"gloss:location":', q(locator));
    if (a.versionHash) out.push(',"gloss:version":', q(a.versionHash));
    out.push('}');
  };
}

/**
 * The collection as JSON text, written one article at a time: the frame
 * indented, each annotation compact on its own line. Half the size of
 * indenting everything, and several times faster to write for a whole
 * library, while a diff still shows one line per annotation. The frame's
 * `total` comes first, so the plan must count the items the entries will hold.
 */
export function webAnnotationRenderer(plan: ExportPlan, opts: WebAnnotationOptions = {}): ExportRenderer {
  const tidyTags = memoizedTagNormalizer();
  const creator = creatorAgent(opts.userName);
  let written = 0;
  /** What goes before the next item: nothing before the first. */
  const separator = () => (written++ === 0 ? '' : ',\n      ');
  // What an estimated plan is checked against: the articles and tags actually written.
  let articles = 0;
  let firstArticleId: string | undefined;
  const tagsWritten = new Set<string>();
  const head = (plan: ExportPlan) => {
    const codebook = plan.codebook ?? [];
    const frame = [
      `  "@context": ${q(codebook.length ? [ANNO_CONTEXT, GLOSS_CONTEXT] : ANNO_CONTEXT)},`,
      `  "id": ${q(planCollectionId(plan, opts))},`,
      '  "type": "AnnotationCollection",',
      '  "label": "Annotations exported from Gloss",',
      `  "total": ${plan.items},`,
      `  "generator": ${q(GENERATOR)},`,
      ...(codebook.length ? [`  "gloss:codebook": ${q(codebook)},`] : []),
      '  "first": {',
      '    "type": "AnnotationPage",',
      '    "startIndex": 0,',
    ];
    return `{\n${frame.join('\n')}\n${plan.items === 0 ? '    "items": []' : '    "items": [\n      '}`;
  };
  return {
    head: () => head(plan),
    entry: ({ article, annotations, articleNote }) => {
      if (articles++ === 0) firstArticleId = article.id;
      const helpers = helpersFor(article, tidyTags, creator);
      const out: string[] = [];
      if (articleNote?.text.trim()) {
        out.push(separator());
        out.push(q(articleNoteAnnotation(article, articleNote, opts, helpers)));
      }
      const json = webAnnotationJsonMaker(article, opts, helpers);
      for (const a of inReadingOrder(annotations)) {
        out.push(separator());
        json(a, out);
        if (plan.estimated) for (const t of a.tags) tagsWritten.add(t);
      }
      return out.join('');
    },
    tail: () => {
      // The total was written first: an export whose entries disagree with it must not be kept.
      if (written !== plan.items && !plan.estimated)
        throw new Error(`The export counted ${plan.items} items but wrote ${written}.`);
      return `${written === 0 ? '' : '\n    ]'}\n  }\n}\n`;
    },
    finalHead: () => {
      const codebook = codebookOfTags(tagsWritten, opts.codebook);
      return head({
        articles,
        ...(articles === 1 ? { onlyArticleId: firstArticleId } : {}),
        items: written,
        ...(codebook.length ? { codebook } : {}),
      });
    },
  };
}

/**
 * What an export holds, known from its notes before any article's text is
 * read: how many articles, how many items (JSON's total) and the codebook
 * entries of the tags it uses (JSON's frame).
 */
export function exportPlan(
  notes: readonly { id: string; annotations: readonly Annotation[]; articleNote?: ArticleNote }[],
  opts: ExportOptions = {},
): ExportPlan {
  let items = 0;
  for (const n of notes) items += n.annotations.length + (n.articleNote?.text.trim() ? 1 : 0);
  const codebook = codebookOf(notes, opts.codebook);
  return {
    articles: notes.length,
    ...(notes.length === 1 ? { onlyArticleId: notes[0].id } : {}),
    items,
    ...(codebook.length ? { codebook } : {}),
  };
}

/** The plan of an export of these entries. */
export function planOf(entries: readonly ExportEntry[], opts: ExportOptions = {}): ExportPlan {
  return exportPlan(
    entries.map((e) => ({ id: e.article.id, annotations: e.annotations, articleNote: e.articleNote })),
    opts,
  );
}

function planCollectionId(plan: ExportPlan, opts: WebAnnotationOptions): string {
  if (opts.baseId) return opts.baseId;
  return plan.articles === 1 && plan.onlyArticleId !== undefined
    ? `urn:gloss:collection:article:${plan.onlyArticleId}`
    : 'urn:gloss:collection:library';
}

export function toWebAnnotationsJson(
  entries: readonly ExportEntry[],
  opts: WebAnnotationOptions = {},
): string {
  const renderer = webAnnotationRenderer(planOf(entries, opts), opts);
  const pieces = [renderer.head()];
  for (const entry of entries) pieces.push(renderer.entry(entry));
  pieces.push(renderer.tail());
  return pieces.join('');
}
