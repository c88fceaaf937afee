/**
 * Notes as Markdown, for Obsidian and for anyone reading the plain file.
 *
 * One article: YAML front matter (Obsidian's properties), "# Title", passages.
 * Several: "# Notes from Gloss", then one "## Title" section per article
 * opening with the same properties in a fenced `yaml` block — Obsidian reads
 * front matter only at the top of a file, and a second `---` block would
 * render as a rule and a heading.
 *
 * Each passage is a blockquote with ">" on every line, ending in a block id
 * (^gloss-…) so it can be linked, followed by its tags, the note, and a
 * citation: `— Author, "Title", Source, Date, ¶N`.
 *
 * The tags' codebook, when any tag held has a colour or description, closes
 * the file as a "## Codebook" list (codebook-text.ts).
 */
import type { TagCode } from '../annotations/codebook';
import type { Annotation } from '../annotations/types';
import type { Article } from '../document/types';
import { citationFields, citationLine } from './citation';
import { codebookMarkdown, codebookOf, codebookOfTags } from './codebook-text';
import { escapeInline, quoteLines, toObsidianTag } from './markdown-escape';
import { passageLines } from './passage-markdown';
import { locationLabeller, splitOrphans } from './reading-order';
import { tagMemo, type TagMemo } from './tag-memo';
import type { ExportEntry, ExportPlan, ExportRenderer } from './types';
import { propertiesYaml, type Properties } from './yaml-properties';

/** The heading over an article's passages no longer found in its text (markdown-passages.ts reads past it). */
export const ORPHANS_HEADING = 'Passages no longer found in the text';

export interface MarkdownOptions {
  /** Heading of a several-article export. */
  title?: string;
  /** The tag codebook: the entries of the tags the export holds (and their parents) close it. */
  codebook?: readonly TagCode[];
}

const ASCII = /^[\x00-\x7f]*$/;

/** Block ids Obsidian accepts (letters, digits, dashes), unique within one file. */
function blockIdMaker(): (annotationId: string) => string {
  const used = new Set<string>();
  return (annotationId) => {
    // The first eight letters or digits of the id, lower-cased (a regex over every id cost 15 µs each).
    const lower = ASCII.test(annotationId) ? annotationId : annotationId.toLowerCase();
    let clean = '';
    for (let i = 0; i < lower.length && clean.length < 8; i++) {
      const c = lower.charCodeAt(i);
      if ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)) clean += lower[i];
      else if (c >= 0x41 && c <= 0x5a) clean += String.fromCharCode(c + 0x20);
    }
    clean ||= 'note';
    let id = `gloss-${clean}`;
    for (let n = 2; used.has(id); n++) id = `gloss-${clean}-${n}`;
    used.add(id);
    return id;
  };
}

/** What one export shares across its articles: tag spellings worked out once per spelling. */
interface ExportMemo {
  tags: TagMemo;
  obsidianTag: (tag: string) => string | null;
  /** The `#a #b` line of a passage's tags ('' when none). */
  tagLine: (tags: readonly string[]) => string;
}

function exportMemo(): ExportMemo {
  const tags = tagMemo();
  const obsidian = new Map<string, string | null>();
  const obsidianTag = (tag: string): string | null => {
    let t = obsidian.get(tag);
    if (t === undefined) {
      t = toObsidianTag(tag);
      if (obsidian.size < 50_000) obsidian.set(tag, t);
    }
    return t;
  };
  const tagLine = (list: readonly string[]): string => {
    if (list.length === 0) return '';
    const names = tags.normalize(list);
    if (names.length === 1) return obsidianTag(names[0]) ?? '';
    return [...new Set(names.map(obsidianTag).filter((t): t is string => t !== null))].join(' ');
  };
  return { tags, obsidianTag, tagLine };
}

/** normalizeTags of every passage's tags together, from the remembered spellings. */
function tagUnion(annotations: readonly Annotation[], memo: ExportMemo): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const a of annotations)
    for (const raw of a.tags) {
      const { tag, key } = memo.tags.parts(raw);
      if (tag === '' || seen.has(key)) continue;
      seen.add(key);
      out.push(tag);
    }
  return out;
}

/** The article's properties: title, author, source, place, date, url and the union of its passages' tags. */
function articleProperties(
  article: Article,
  annotations: readonly Annotation[],
  memo: ExportMemo,
): Properties {
  const { meta } = article;
  const fields: Properties = { title: meta.title };
  if (meta.byline) fields.author = meta.byline;
  if (meta.source) fields.source = meta.source;
  if (meta.place) fields.place = meta.place;
  if (meta.published) fields.date = meta.published;
  if (meta.url) fields.url = meta.url;
  const tags = tagUnion(annotations, memo)
    .map(memo.obsidianTag)
    .filter((t): t is string => t !== null)
    .map((t) => t.slice(1));
  if (tags.length > 0) fields.tags = [...new Set(tags)];
  return fields;
}

function frontMatter(article: Article, annotations: readonly Annotation[], memo: ExportMemo): string {
  return `---\n${propertiesYaml(articleProperties(article, annotations, memo))}---`;
}

/** The properties of one article among several, where front matter cannot go. */
function propertiesBlock(article: Article, annotations: readonly Annotation[], memo: ExportMemo): string {
  const yaml = propertiesYaml(articleProperties(article, annotations, memo));
  // A fence longer than any run of backticks in the values, so none can close it.
  const longest = Math.max(2, ...(yaml.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}yaml\n${yaml}${fence}`;
}

/** What every passage of one article shares, worked out once per article. */
interface ArticleContext {
  /** The citation line, escaped: `— Author, "Title", Source, Date` and the locator given. */
  cite: (locator?: string) => string;
  where: (offset: number) => string | undefined;
  tagLine: ExportMemo['tagLine'];
  /** The passage's lines for its blockquote, with its links and tables (see passage-markdown.ts). */
  lines: (annotation: Annotation) => string[];
}

function articleContext(article: Article, memo: ExportMemo): ArticleContext {
  const fields = citationFields(article.meta);
  // One line per locator: an article's passages share a few paragraphs.
  const cited = new Map<string | undefined, string>();
  return {
    cite: (locator) => {
      let line = cited.get(locator);
      if (line === undefined) {
        line = citationLine(fields, locator, { escape: escapeInline });
        cited.set(locator, line);
      }
      return line;
    },
    where: locationLabeller(article),
    tagLine: memo.tagLine,
    lines: (a) =>
      a.orphan
        ? quoteLines(a.target.quote.exact)
        : passageLines(article, a.target.position.start, a.target.position.end, a.target.quote.exact),
  };
}

function citation(ctx: ArticleContext, annotation: Annotation): string {
  if (annotation.orphan) return ctx.cite('no longer found in the text');
  return ctx.cite(ctx.where(annotation.target.position.start));
}

function passage(ctx: ArticleContext, annotation: Annotation, blockId: string): string {
  const lines = ctx.lines(annotation);
  // After a table the block id stands on its own line, as Obsidian reads it.
  if (lines[lines.length - 1].startsWith('|')) lines.push(`^${blockId}`);
  else lines[lines.length - 1] += ` ^${blockId}`;
  let out = '';
  for (let i = 0; i < lines.length; i++) {
    if (i > 0) out += '\n';
    out += lines[i] === '' ? '>' : `> ${lines[i]}`;
  }
  const tags = ctx.tagLine(annotation.tags);
  if (tags) out += `\n\n${tags}`;
  const note = annotation.note.trim();
  if (note) out += `\n\n${note}`;
  out += `\n\n${citation(ctx, annotation)}`;
  // Hidden when rendered: the article and version the words were taken from (gloss verify reads it).
  if (annotation.versionHash)
    out += `\n<!-- gloss article=${annotation.articleId} version=${annotation.versionHash} -->`;
  return out;
}

function articleBody(
  ctx: ArticleContext,
  annotations: readonly Annotation[],
  depth: number,
  nextId: (id: string) => string,
): string[] {
  const { anchored, orphans } = splitOrphans(annotations);
  const out = anchored.map((a) => passage(ctx, a, nextId(a.id)));
  if (anchored.length === 0 && orphans.length === 0) out.push('*No highlights.*');
  if (orphans.length > 0) {
    out.push(`${'#'.repeat(depth)} ${ORPHANS_HEADING}`);
    for (const a of orphans) out.push(passage(ctx, a, nextId(a.id)));
  }
  return out;
}

/**
 * The Markdown export written one article at a time (sections joined by a
 * blank line, the file ending in a newline); `plan.articles` chooses the
 * one-article layout or the several-article one.
 */
export function markdownRenderer(
  plan: Pick<ExportPlan, 'articles' | 'codebook' | 'estimated'>,
  opts: MarkdownOptions = {},
): ExportRenderer {
  const nextId = blockIdMaker();
  const memo = exportMemo();
  const single = plan.articles === 1;
  let started = false;
  let entries = 0;
  // An estimated plan's codebook is only the counts index's guess: the closing list is of the tags written.
  const tagsWritten = new Set<string>();
  const sections = (parts: string[]): string => {
    const text = (started ? '\n\n' : '') + parts.join('\n\n');
    started = true;
    return text;
  };
  return {
    head: () => (single ? '' : sections([`# ${escapeInline(opts.title ?? 'Notes from Gloss')}`])),
    entry: ({ article, annotations, articleNote }) => {
      entries++;
      if (plan.estimated) for (const a of annotations) for (const t of a.tags) tagsWritten.add(t);
      const parts = single
        ? [frontMatter(article, annotations, memo), `# ${escapeInline(article.meta.title)}`]
        : [`## ${escapeInline(article.meta.title)}`, propertiesBlock(article, annotations, memo)];
      if (articleNote?.text.trim()) parts.push(articleNote.text.trim());
      parts.push(...articleBody(articleContext(article, memo), annotations, single ? 2 : 3, nextId));
      return sections(parts);
    },
    tail: () => {
      const codes = plan.estimated ? codebookOfTags(tagsWritten, opts.codebook) : plan.codebook;
      const codebook = codebookMarkdown(codes, memo.obsidianTag);
      const parts = [
        ...(!single && entries === 0 ? ['*No articles.*'] : []),
        ...(codebook ? [codebook] : []),
      ];
      return (parts.length ? sections(parts) : '') + '\n';
    },
  };
}

export function toMarkdown(entries: readonly ExportEntry[], opts: MarkdownOptions = {}): string {
  const codebook = codebookOf(entries, opts.codebook);
  const renderer = markdownRenderer({ articles: entries.length, codebook }, opts);
  let out = renderer.head();
  for (const entry of entries) out += renderer.entry(entry);
  return out + renderer.tail();
}
