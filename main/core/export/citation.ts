/**
 * What a citation names, taken once from an article's metadata (the user's
 * corrections included), so every export and "copy with citation" cites the
 * same author, title, source, date and address in the same words.
 */
import type { ArticleMeta } from '../document/types';

export interface CitationFields {
  /** Each author, in byline order (empty when the article names none). */
  authors: string[];
  title: string;
  source?: string;
  /** The published date as YYYY-MM-DD when it starts so, else as the source gave it. */
  date?: string;
  url?: string;
}

/** "2024-03-05T10:00:00Z" → "2024-03-05"; other spellings as given. */
export function shortDate(published: string | undefined): string | undefined {
  if (!published) return undefined;
  const m = /^\d{4}-\d{2}-\d{2}/.exec(published);
  return m ? m[0] : published;
}

/**
 * A byline's authors: importers join several with ", "; a typed one may use
 * "and", "&" or ";" instead, or start with "By".
 */
export function splitAuthors(byline: string | undefined): string[] {
  if (!byline) return [];
  return byline
    .replace(/^\s*by\s+/i, '')
    .split(/\s*(?:,|;|&|\band\b)\s*/i)
    .map((a) => a.trim())
    .filter(Boolean);
}

/** "A", "A and B", "A, B and C". */
export function authorList(authors: readonly string[]): string {
  if (authors.length <= 1) return authors[0] ?? '';
  return `${authors.slice(0, -1).join(', ')} and ${authors[authors.length - 1]}`;
}

export function citationFields(meta: ArticleMeta): CitationFields {
  return {
    authors: splitAuthors(meta.byline),
    title: meta.title,
    ...(meta.source ? { source: meta.source } : {}),
    ...(meta.published ? { date: shortDate(meta.published) } : {}),
    ...(meta.url ? { url: meta.url } : {}),
  };
}

/**
 * The line under a quote: `— Author, "Title", Source, Date, ¶N`, leaving out
 * what the article does not know. `escape` is applied to each part but the
 * title, which `title` may give already rendered (a link).
 */
export function citationLine(
  fields: CitationFields,
  locator?: string,
  { escape = (s: string) => s, title }: { escape?: (s: string) => string; title?: string } = {},
): string {
  const parts = [authorList(fields.authors), fields.source, fields.date, locator].map((p) =>
    p ? escape(p) : p,
  );
  parts.splice(1, 0, title ?? `"${escape(fields.title)}"`);
  return `— ${parts.filter((p): p is string => !!p).join(', ')}`;
}
