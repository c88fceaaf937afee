/**
 * Make article text safe to place inside Markdown (as read by CommonMark and
 * Obsidian): what the article said must render as written, never become a
 * tag, link, list, heading, highlight or block id.
 */

/** Escape characters that change meaning anywhere in a line. */
/** Any character escapeInline may change; most lines of prose have none. */
const INLINE_SPECIAL = /[\\`*_[\]<#$|=~%^&]/;

export function escapeInline(text: string): string {
  if (!INLINE_SPECIAL.test(text)) return text;
  return (
    text
      // Emphasis, code, links/wikilinks, HTML, tags, math, table cells, and the escape itself.
      .replace(/[\\`*_[\]<#$|]/g, '\\$&')
      // Obsidian's ==highlight==, ~~strike~~ and %%comment%% need the mark doubled; a lone one is prose.
      .replace(/={2,}|~{2,}|%{2,}/g, (run) => run.replace(/./g, '\\$&'))
      // " ^word" at a line's end would be read as a block id.
      .replace(/(^|\s)\^/g, '$1\\^')
      // "&amp;" would render as "&".
      .replace(/&(?=#?\w+;)/g, '\\&')
  );
}

/** Escape what changes meaning at the start of a line: lists, quotes, setext/thematic lines, indented code. */
export function escapeLineStart(line: string): string {
  // Most lines start with a letter: nothing to escape or trim.
  const c = line.charCodeAt(0) | 0x20;
  if (c >= 0x61 && c <= 0x7a) return line;
  const trimmed = line.replace(/^\s+/, '');
  return trimmed.replace(/^[-+=>]/, '\\$&').replace(/^(\d+)([.)])/, '$1\\$2');
}

/** Article text as the lines of a blockquote body (without the "> " marks). */
export function quoteLines(text: string): string[] {
  return text
    .trim()
    .split(/\r\n|\r|\n/)
    .map((line) => (line.trim() === '' ? '' : escapeLineStart(escapeInline(line.trimEnd()))));
}

/** An Obsidian tag from a free-text tag, or null when nothing usable is left. */
export function toObsidianTag(tag: string): string | null {
  const t = tag
    .normalize('NFC')
    .trim()
    .replace(/\s+/gu, '-')
    // Obsidian tags allow letters, digits, marks, "_", "-" and "/" (nesting).
    .replace(/[^\p{L}\p{N}\p{M}_\-/]/gu, '')
    .replace(/-{2,}/g, '-')
    .replace(/\/{2,}/g, '/')
    .replace(/^[-/]+|[-/]+$/g, '');
  if (t === '') return null;
  // An all-digit tag ("#1984") is not a tag to Obsidian: it needs one non-digit.
  return /^\d+$/.test(t) ? `#_${t}` : `#${t}`;
}
