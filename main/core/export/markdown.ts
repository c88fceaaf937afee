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
 */
import { stringify } from 'yaml';
import type { Annotation } from '../annotations/types';
import { normalizeTags } from '../annotations/tags';
import type { Article } from '../document/types';
import { citationFields, citationLine } from './citation';
import { escapeInline, quoteLines, toObsidianTag } from './markdown-escape';
import { passageLines } from './passage-markdown';
import { locationLabeller, splitOrphans } from './reading-order';
import { memoizedTagNormalizer } from './tag-memo';
import type { ExportEntry } from './types';

/** The heading over an article's passages no longer found in its text (markdown-passages.ts reads past it). */
export const ORPHANS_HEADING = 'Passages no longer found in the text';

export interface MarkdownOptions {
  /** Heading of a several-article export. */
  title?: string;
}

/** Block ids Obsidian accepts (letters, digits, dashes), unique within one file. */
function blockIdMaker(): (annotationId: string) => string {
  const used = new Set<string>();
  return (annotationId) => {
    const clean = annotationId.toLowerCase().replace(/[^a-z0-9]/g, '') || 'note';
    let id = `gloss-${clean.slice(0, 8)}`;
    for (let n = 2; used.has(id); n++) id = `gloss-${clean.slice(0, 8)}-${n}`;
    used.add(id);
    return id;
  };
}

function tagUnion(annotations: readonly Annotation[]): string[] {
  return normalizeTags(annotations.flatMap((a) => a.tags));
}

/** The article's properties: title, author, source, place, date, url and the union of its passages' tags. */
function articleProperties(article: Article, annotations: readonly Annotation[]): Record<string, unknown> {
  const { meta } = article;
  const fields: Record<string, unknown> = { title: meta.title };
  if (meta.byline) fields.author = meta.byline;
  if (meta.source) fields.source = meta.source;
  if (meta.place) fields.place = meta.place;
  if (meta.published) fields.date = meta.published;
  if (meta.url) fields.url = meta.url;
  const tags = tagUnion(annotations)
    .map(toObsidianTag)
    .filter((t): t is string => t !== null)
    .map((t) => t.slice(1));
  if (tags.length > 0) fields.tags = [...new Set(tags)];
  return fields;
}

function frontMatter(article: Article, annotations: readonly Annotation[]): string {
  return `---\n${stringify(articleProperties(article, annotations), { lineWidth: 0 })}---`;
}

/** The properties of one article among several, where front matter cannot go. */
function propertiesBlock(article: Article, annotations: readonly Annotation[]): string {
  const yaml = stringify(articleProperties(article, annotations), { lineWidth: 0 });
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
  tidyTags: (tags: readonly string[]) => string[];
  obsidianTag: (tag: string) => string | null;
  /** The passage's lines for its blockquote, with its links and tables (see passage-markdown.ts). */
  lines: (annotation: Annotation) => string[];
}

function articleContext(
  article: Article,
  tidyTags: ArticleContext['tidyTags'],
  obsidianTag: ArticleContext['obsidianTag'],
): ArticleContext {
  const fields = citationFields(article.meta);
  return {
    cite: (locator) => citationLine(fields, locator, { escape: escapeInline }),
    where: locationLabeller(article),
    tidyTags,
    obsidianTag,
    lines: (a) =>
      a.orphan
        ? quoteLines(a.target.quote.exact)
        : passageLines(article, a.target.position.start, a.target.position.end, a.target.quote.exact),
  };
}

/** toObsidianTag remembered per spelling for one export. */
function memoizedObsidianTag(): (tag: string) => string | null {
  const seen = new Map<string, string | null>();
  return (tag) => {
    let t = seen.get(tag);
    if (t === undefined) {
      t = toObsidianTag(tag);
      seen.set(tag, t);
    }
    return t;
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
  const parts = [lines.map((l) => (l === '' ? '>' : `> ${l}`)).join('\n')];
  const tags = [
    ...new Set(
      ctx
        .tidyTags(annotation.tags)
        .map(ctx.obsidianTag)
        .filter((t): t is string => t !== null),
    ),
  ];
  if (tags.length > 0) parts.push(tags.join(' '));
  const note = annotation.note.trim();
  if (note) parts.push(note);
  // Hidden when rendered: the article and version the words were taken from (gloss verify reads it).
  const version = annotation.versionHash
    ? `\n<!-- gloss article=${annotation.articleId} version=${annotation.versionHash} -->`
    : '';
  parts.push(`${citation(ctx, annotation)}${version}`);
  return parts.join('\n\n');
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
    out.push(...orphans.map((a) => passage(ctx, a, nextId(a.id))));
  }
  return out;
}

export function toMarkdown(entries: readonly ExportEntry[], opts: MarkdownOptions = {}): string {
  const nextId = blockIdMaker();
  const tidyTags = memoizedTagNormalizer();
  const obsidianTag = memoizedObsidianTag();
  const sections: string[] = [];
  if (entries.length === 1) {
    const { article, annotations, articleNote } = entries[0];
    sections.push(frontMatter(article, annotations), `# ${escapeInline(article.meta.title)}`);
    if (articleNote?.text.trim()) sections.push(articleNote.text.trim());
    sections.push(...articleBody(articleContext(article, tidyTags, obsidianTag), annotations, 2, nextId));
  } else {
    sections.push(`# ${escapeInline(opts.title ?? 'Notes from Gloss')}`);
    if (entries.length === 0) sections.push('*No articles.*');
    for (const { article, annotations, articleNote } of entries) {
      sections.push(`## ${escapeInline(article.meta.title)}`, propertiesBlock(article, annotations));
      if (articleNote?.text.trim()) sections.push(articleNote.text.trim());
      sections.push(...articleBody(articleContext(article, tidyTags, obsidianTag), annotations, 3, nextId));
    }
  }
  return `${sections.join('\n\n')}\n`;
}
