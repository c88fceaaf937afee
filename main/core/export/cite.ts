/**
 * "Copy with citation": one passage as it is pasted elsewhere — the quote,
 * then `— Author, "Title", Source, Date, ¶N`, and where the article has an
 * address, a text-fragment link that opens the live page at the words. Plain
 * text, Markdown and HTML of the same thing, so the clipboard offers each
 * application the richest form it reads.
 */
import type { Annotation } from '../annotations/types';
import type { Citation } from '../contract';
import type { Article } from '../document/types';
import { citationFields, citationLine } from './citation';
import { locationLabeller } from './reading-order';
import { textFragmentLink } from './text-fragment';

export const CITE_FORMATS = ['text', 'md', 'html'] as const;
export type CiteFormat = (typeof CITE_FORMATS)[number];

export type { Citation } from '../contract';

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Markdown's inline specials, so a title or quote is read as text. */
const escapeMd = (s: string): string => s.replace(/([\\`*_[\]<>#|])/g, '\\$1');

/** Where the passage is: its locator, or nothing for one no longer found in the text. */
function locatorOf(a: Annotation, where: (offset: number) => string | undefined) {
  return a.orphan ? undefined : where(a.target.position.start);
}

/** The link for a passage: from its place in the text, or its quote alone when it is no longer there. */
function linkOf(article: Article, a: Annotation): string | undefined {
  const url = article.meta.url;
  if (!url) return undefined;
  const { start, end } = a.target.position;
  const inText =
    !a.orphan && end <= article.text.length && article.text.slice(start, end) === a.target.quote.exact;
  return inText
    ? textFragmentLink(url, article.text, start, end)
    : textFragmentLink(url, a.target.quote.exact, 0, a.target.quote.exact.length);
}

/** Citations of several passages of one article share its paragraph numbering. */
export function citer(article: Article): (a: Annotation) => Citation {
  const fields = citationFields(article.meta);
  const where = locationLabeller(article);
  return (a) => {
    const locator = locatorOf(a, where);
    const link = linkOf(article, a);
    const quote = a.target.quote.exact.trim();
    const paragraphs = quote.split(/\n\s*\n/).map((p) => p.replace(/\s+/g, ' ').trim());

    const text = [
      `“${paragraphs.join('\n\n')}”`,
      citationLine(fields, locator),
      ...(link ? [link] : []),
    ].join('\n');
    const md = [
      paragraphs.map((p) => `> ${escapeMd(p)}`).join('\n>\n'),
      '',
      citationLine(fields, locator, {
        escape: escapeMd,
        ...(link ? { title: `"[${escapeMd(fields.title)}](<${link}>)"` } : {}),
      }),
    ].join('\n');
    const html =
      `<blockquote>${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('')}</blockquote>` +
      `<p>${citationLine(fields, locator, {
        escape: escapeHtml,
        ...(link ? { title: `"<a href="${escapeHtml(link)}">${escapeHtml(fields.title)}</a>"` } : {}),
      })}</p>`;
    return { text, md, html, ...(link ? { link } : {}) };
  };
}

export function citeAnnotation(article: Article, a: Annotation): Citation {
  return citer(article)(a);
}

/** Several citations as one clipboard entry, in the order given: a blank line between passages. */
export function joinCitations(list: readonly Citation[]): Citation {
  return {
    text: list.map((c) => c.text).join('\n\n'),
    md: list.map((c) => c.md).join('\n\n'),
    html: list.map((c) => c.html).join('\n'),
  };
}
