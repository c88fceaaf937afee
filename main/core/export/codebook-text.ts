/**
 * The tag codebook (each tag's colour and description) in the text exports,
 * where a reader of each format looks for it. The entries are the plan's: the
 * tags the export holds and their parents by '/' (codebookOf), as JSON's
 * `gloss:codebook` carries them.
 *
 * Markdown: a closing "Codebook" section, one list item per tag — its
 * Obsidian #tag, its colour, its description — after the passages, so the
 * article note under the title and the passages Sync reads back stay where
 * they are. CSV: a last column, `codebook`, on each passage's row: the
 * description of each of its tags (or of the nearest parent that has one) as
 * `tag: description`, one per line — a spreadsheet is read row by row, and an
 * export stays one file whose rows are all passages or article notes.
 */
import type { TagCode } from '../annotations/codebook';
import type { Annotation } from '../annotations/types';
import { normalizeTags, tagKey } from '../annotations/tags';
import { escapeInline } from './markdown-escape';

export const CODEBOOK_HEADING = 'Codebook';

/** The codebook entries of the tags the entries use, and of their parents by '/', by name. */
export function codebookOf(
  entries: Iterable<{ annotations: readonly Annotation[] }>,
  codebook: readonly TagCode[] | undefined,
): TagCode[] {
  if (!codebook?.length) return [];
  const tags = new Set<string>(); // a library has few tags over many passages: each spelling keyed once
  for (const { annotations } of entries) for (const a of annotations) for (const t of a.tags) tags.add(t);
  return codebookOfTags(tags, codebook);
}

/** The codebook entries of these tags (each spelling once), and of their parents by '/', by name. */
export function codebookOfTags(tags: Iterable<string>, codebook: readonly TagCode[] | undefined): TagCode[] {
  if (!codebook?.length) return [];
  const used = new Set<string>();
  for (const t of tags) {
    const parts = tagKey(t).split('/');
    for (let i = 1; i <= parts.length; i++) used.add(parts.slice(0, i).join('/'));
  }
  return codebook
    .filter((c) => used.has(tagKey(c.tag)))
    .sort((a, b) => a.tag.localeCompare(b.tag))
    .map((c) => ({
      tag: c.tag,
      ...(c.color && { color: c.color }),
      ...(c.description && { description: c.description }),
    }));
}

/** A description's lines as a list item's body: the first after the marker, the rest indented under it. */
function listItemLines(text: string): string {
  return text
    .trim()
    .split(/\r\n|\r|\n/)
    .map((line, i) => (i === 0 || line.trim() === '' ? line.trimEnd() : `  ${line.trimEnd()}`))
    .join('\n');
}

/**
 * The Markdown section ('' when no tag of the export has an entry). `spell`
 * writes a tag as the export writes it elsewhere (`#claim/official`), or null
 * when Obsidian would not read it as a tag: it is then written as text.
 */
export function codebookMarkdown(
  codes: readonly TagCode[] | undefined,
  spell: (tag: string) => string | null,
): string {
  if (!codes?.length) return '';
  const items = codes.map((c) => {
    const name = spell(c.tag) ?? `**${escapeInline(c.tag)}**`;
    const colour = c.color ? ` (${c.color})` : '';
    const description = c.description?.trim() ? `: ${listItemLines(c.description)}` : '';
    return `- ${name}${colour}${description}`;
  });
  return `## ${CODEBOOK_HEADING}\n\n${items.join('\n')}`;
}

/**
 * The CSV cell of a passage's tags: `tag: description` per tag the codebook
 * describes (a child without a description of its own takes its nearest
 * parent's, named as the parent), one per line, each description once.
 */
export function codebookCells(codes: readonly TagCode[] | undefined): (tags: readonly string[]) => string {
  const described = new Map<string, TagCode>();
  for (const c of codes ?? []) if (c.description?.trim()) described.set(tagKey(c.tag), c);
  if (described.size === 0) return () => '';
  const remembered = new Map<string, TagCode | null>();
  const describing = (tag: string): TagCode | null => {
    let found = remembered.get(tag);
    if (found !== undefined) return found;
    const parts = tagKey(tag).split('/');
    found = null;
    for (let n = parts.length; n > 0 && !found; n--)
      found = described.get(parts.slice(0, n).join('/')) ?? null;
    remembered.set(tag, found);
    return found;
  };
  return (tags) => {
    const lines: string[] = [];
    const seen = new Set<TagCode>();
    for (const tag of normalizeTags(tags)) {
      const code = describing(tag);
      if (!code || seen.has(code)) continue;
      seen.add(code);
      lines.push(`${code.tag}: ${code.description!.trim()}`);
    }
    return lines.join('\n');
  };
}
