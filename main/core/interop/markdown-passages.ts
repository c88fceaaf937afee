/**
 * The passages of a Markdown file Gloss exported (export/markdown.ts), read
 * back after someone edited it in Obsidian or any editor. A passage is the
 * blockquote ending in a `^gloss-…` block id; what follows it, up to the next
 * blockquote, heading, rule or fence, is its segment: a first paragraph made
 * only of #tags is its tags, a paragraph starting with "— " its citation,
 * and the paragraphs between them its note. Everything else — front matter,
 * headings, lines added after the citation — is not a passage and is left
 * alone, so changes to the export's surroundings (front matter fields,
 * citation forms) do not disturb reading it back.
 *
 * The paragraphs under an article's heading, before its first passage, are
 * that article's note (the export writes it there): each passage carries the
 * paragraphs that come before its quote since the last heading or passage —
 * its `lead`, empty for all but an article's first passage. Headings (but
 * the one over passages no longer found) and fenced blocks (the properties of
 * one article among several) are not part of it.
 */
import { ORPHANS_HEADING } from '../export/markdown';

export interface FilePassage {
  /** "gloss-1a2b3c4d" or "gloss-1a2b3c4d-2" (without the caret). */
  blockId: string;
  /** 1-based line of the block id, for messages. */
  line: number;
  /** The quote's lines as written (markers and block id removed), joined by "\n". */
  quote: string;
  /** Tag tokens as written, with their "#". */
  tags: string[];
  /** The note's paragraphs as written. */
  note: string[];
  citation?: string;
  /** The paragraphs before the quote since the last heading or passage (an article's first: its note). */
  lead: string[];
}

export interface DamagedBlockId {
  text: string;
  line: number;
}

export interface MarkdownPassages {
  passages: FilePassage[];
  damaged: DamagedBlockId[];
}

const BLOCK_ID = /(?:^|\s)\^(gloss-\S*)\s*$/;
const VALID_ID = /^gloss-[a-z0-9]{1,8}(?:-\d+)?$/;
const BOUNDARY = /^(>|#{1,6}(\s|$)|(-{3,}|\*{3,}|_{3,})\s*$|```|~~~)/;
const TAG_LINE = /^(#[^\s#]+)(\s+#[^\s#]+)*$/u;
const HEADING = /^#{1,6}(\s|$)/;
const ORPHANS = new RegExp(`^#{1,6}\\s+${ORPHANS_HEADING}\\s*$`);

/** The lines between a heading (or passage) and a quote, less fenced blocks and headings. */
function leadParagraphs(lines: string[]): string[] {
  const kept: string[] = [];
  let fenced = false;
  for (const l of lines) {
    if (/^(```|~~~)/.test(l)) {
      fenced = !fenced;
      continue;
    }
    if (!fenced && !HEADING.test(l)) kept.push(l);
  }
  return paragraphs(kept);
}

/** Front matter at the very top ("---" … "---"): not part of any passage. */
function bodyStart(lines: string[]): number {
  if (lines[0]?.trim() !== '---') return 0;
  const end = lines.findIndex((l, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(l));
  return end === -1 ? 0 : end + 1;
}

/** Lines as paragraphs: split at blank lines, each line's trailing space dropped. */
export function paragraphs(lines: string[]): string[] {
  const out: string[] = [];
  let current: string[] = [];
  for (const l of lines) {
    if (l.trim() === '') {
      if (current.length) out.push(current.join('\n'));
      current = [];
    } else current.push(l.trimEnd());
  }
  if (current.length) out.push(current.join('\n'));
  return out;
}

export function readMarkdownPassages(markdown: string): MarkdownPassages {
  const lines = markdown
    .replace(/^\ufeff/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n');
  const passages: FilePassage[] = [];
  const damaged: DamagedBlockId[] = [];
  let inFence = false;
  const start = bodyStart(lines);
  // Where the next passage's lead begins: after the last heading or passage.
  let leadFrom = start;
  for (let i = start; i < lines.length; i++) {
    const line = lines[i];
    if (/^(```|~~~)/.test(line)) inFence = !inFence;
    if (inFence) continue;
    if (HEADING.test(line) && !ORPHANS.test(line)) leadFrom = i + 1;
    const m = BLOCK_ID.exec(line);
    if (!m) continue;
    if (!VALID_ID.test(m[1])) {
      damaged.push({ text: `^${m[1]}`, line: i + 1 });
      continue;
    }
    // The quote: the blockquote lines up to and including this one.
    const quoted = line.startsWith('>');
    let first = i;
    while (first > start && (quoted ? lines[first - 1].startsWith('>') : lines[first - 1].trim() !== ''))
      first--;
    const quote = lines
      .slice(first, i + 1)
      .map((l, k) => {
        const text = quoted ? l.replace(/^>\s?/, '') : l;
        return first + k === i ? text.replace(BLOCK_ID, '') : text;
      })
      .join('\n')
      .trim();
    // Its segment: until the next blockquote, heading, rule, fence, or block id.
    let end = i + 1;
    while (end < lines.length && !BOUNDARY.test(lines[end]) && !BLOCK_ID.test(lines[end])) end++;
    const paras = paragraphs(lines.slice(i + 1, end));
    let tags: string[] = [];
    if (paras.length && TAG_LINE.test(paras[0].trim())) tags = paras.shift()!.trim().split(/\s+/);
    const cited = paras.findIndex((p) => p.startsWith('— '));
    const note = cited === -1 ? paras : paras.slice(0, cited);
    passages.push({
      blockId: m[1],
      line: i + 1,
      quote,
      tags,
      note,
      ...(cited !== -1 && { citation: paras[cited] }),
      lead: leadParagraphs(lines.slice(leadFrom, first)),
    });
    i = end - 1;
    leadFrom = end;
  }
  return { passages, damaged };
}
