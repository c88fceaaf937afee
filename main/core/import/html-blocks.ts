/**
 * Sanitized DOM → BlockInput[]. Text only: every block's text is what a
 * browser would show (whitespace collapsed, <br> as a line break), never
 * markup. Links stay as ranges of that text (`resolveLink` decides which);
 * figures become caption blocks (a figure may have no caption) with their
 * credit split off, images referenced through `resolveImage`, which decides
 * what may be stored; data tables become table blocks. What is chrome rather
 * than content (decorative images, file-name captions, Wikipedia's [edit])
 * is left out here; block-level clean-up is in html-cleanup.ts.
 */
import type { BlockInput, LinkRange, TableCell } from '../document/types';
import { captionWorthy, isDecorativeImage } from './html-figures';
import { MAX_IMAGE_SIDE_PX } from './image-assets';

export type ImageResolver = (src: string) => string | undefined;

export interface WalkOptions {
  /** Turns an <img src> into a stored asset name, or undefined to keep no image. */
  resolveImage?: ImageResolver;
  /** Turns an <a href> into the absolute http(s) address to keep, or undefined to keep no link. */
  resolveLink?: (href: string) => string | undefined;
  /** Added to every heading level (EPUB chapters demote their own h1s). */
  headingShift?: number;
  /**
   * Keep each element's `id` (and an `<a name>`) as an anchor of the block it falls in (the next block
   * made from there on), so in-book links can point at it (EPUB: chapter-to-chapter, note references).
   */
  keepAnchors?: boolean;
}

/** The walk's own options: where an anchor met while reading text is recorded. */
type Walk = WalkOptions & { onAnchor?: (el: Element) => void };

/** The sanitizer's prefix on every id and name (SANITIZE_NAMED_PROPS: no id can clobber the DOM). */
const NAMED_PROP_PREFIX = /^user-content-/;

/** The names an element can be linked to by: its id, and an old-style `<a name>`, as the book wrote them. */
function anchorNames(el: Element): string[] {
  const id = el.getAttribute('id')?.trim().replace(NAMED_PROP_PREFIX, '');
  const name =
    el.localName === 'a' ? el.getAttribute('name')?.trim().replace(NAMED_PROP_PREFIX, '') : undefined;
  return [id, name].filter((n, i, all): n is string => !!n && all.indexOf(n) === i);
}

const BLOCK_TAGS = new Set([
  'address',
  'article',
  'aside',
  'body',
  'center',
  'details',
  'dialog',
  'dd',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'footer',
  'header',
  'hgroup',
  'main',
  'nav',
  'section',
  'summary',
  'table',
  'tbody',
  'thead',
  'tfoot',
  'caption',
  'p',
  'hr',
  'html',
  'legend',
  'menu',
]);
const BLOCK_SELECTOR = [
  ...BLOCK_TAGS,
  'li',
  'ul',
  'ol',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'pre',
  'figure',
].join(', ');
/** Elements whose content starts a new block (the text read before them is a block of its own). */
const STARTS_BLOCKS = new Set([
  ...BLOCK_TAGS,
  'li',
  'ul',
  'ol',
  'blockquote',
  'pre',
  'figure',
  'tr',
  'td',
  'th',
]);
const SKIP_TAGS = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'head',
  'title',
  'svg',
  'math',
  'iframe',
  'object',
  'embed',
  'button',
  'select',
  'textarea',
]);

/**
 * Link edges travel inside the collected text as two private-use characters,
 * so whitespace can be collapsed after the fact and the edges still land on
 * the right characters (see finishText). The page's own copies are removed.
 */
export const LINK_OPEN = '\uE000';
export const LINK_CLOSE = '\uE001';

/**
 * Markup that reached a page's text (escaped twice by its CMS, or an attribute
 * holding HTML): the tags of HTML's common elements. A tag with attributes
 * (`<span style="…">`) is never meant as words; a bare one may be (an article
 * about HTML prints `<script>`), so body text loses tags only when it has an
 * attributed one, and captions, alt texts and metadata lose them always.
 */
const TAG_NAMES =
  'a|abbr|b|blockquote|br|caption|cite|code|div|em|figcaption|figure|font|h[1-6]|i|iframe|img|li|link|meta|ol|p|picture|script|small|source|span|strong|style|sub|sup|table|tbody|td|th|thead|tr|u|ul|video';
const ANY_TAG = new RegExp(`<\\/?(?:${TAG_NAMES})\\b[^<>]*>`, 'gi');
const ATTRIBUTED_TAG = new RegExp(`<(?:${TAG_NAMES})\\s+[\\w:-]+\\s*=[^<>]*>`, 'i');

/** Text without HTML tags written into it as characters (all of them, or only where one has attributes). */
export function stripMarkupText(s: string, always = true): string {
  if (!s.includes('<') || (!always && !ATTRIBUTED_TAG.test(s))) return s;
  return s.replace(ANY_TAG, ' ');
}

/** Collapse whitespace as CSS `white-space: normal` does; U+00A0 is not whitespace. */
export function collapse(s: string): string {
  return stripMarkupText(s, false)
    .replace(/[ \t\n\r\f]+/g, ' ')
    .replace(/[\uE000\uE001]/g, '');
}

/** Wikipedia's "[edit]" beside headings, and other editors' chrome: never reading matter. */
function isEditorChrome(el: Element): boolean {
  return /(?:^|\s)mw-editsection(?:\s|$)/.test(el.getAttribute('class') ?? '');
}

/** Text collected with link edges, before whitespace is settled. */
interface RawText {
  parts: string[];
  hrefs: string[];
}

/** Collect `node`'s rendered text into `raw`: block edges and <br> as "\n", links marked. */
function collectInline(node: Node, raw: RawText, opts: Walk, inLink = false): void {
  if (node.nodeType === 3) {
    raw.parts.push(collapse(node.nodeValue ?? ''));
    return;
  }
  if (node.nodeType !== 1) return;
  const el = node as Element;
  const tag = el.localName;
  if (SKIP_TAGS.has(tag) || isEditorChrome(el)) return;
  opts.onAnchor?.(el);
  if (tag === 'br') raw.parts.push('\n');
  else if (tag === 'img') return;
  else if (BLOCK_TAGS.has(tag) || tag === 'li') {
    raw.parts.push('\n');
    el.childNodes.forEach((c) => collectInline(c, raw, opts, inLink));
    raw.parts.push('\n');
  } else if (tag === 'a' && !inLink && linkTarget(el, opts)) {
    raw.hrefs.push(linkTarget(el, opts)!);
    raw.parts.push(LINK_OPEN);
    el.childNodes.forEach((c) => collectInline(c, raw, opts, true));
    raw.parts.push(LINK_CLOSE);
  } else el.childNodes.forEach((c) => collectInline(c, raw, opts, inLink));
}

function linkTarget(a: Element, opts: WalkOptions): string | undefined {
  const href = a.getAttribute('href');
  return href && opts.resolveLink ? opts.resolveLink(href) : undefined;
}

/**
 * Settle collected text as a browser shows it — runs of spaces as one, no
 * space around a line break, one line break at most, trimmed — and take the
 * link marks out, recording each link's range in the settled text.
 */
export function finishText(raw: string, hrefs: readonly string[] = []): { text: string; links: LinkRange[] } {
  let out = '';
  let pending = '';
  const links: LinkRange[] = [];
  let k = 0;
  let open: { href: string; start: number } | undefined;
  let opening: string | undefined;
  for (const ch of raw) {
    if (ch === LINK_OPEN) {
      opening = hrefs[k++];
      continue;
    }
    if (ch === LINK_CLOSE) {
      if (open && out.length > open.start)
        links.push({ start: open.start, end: out.length, href: open.href });
      open = undefined;
      opening = undefined;
      continue;
    }
    if (ch === ' ') {
      if (!pending) pending = ' ';
      continue;
    }
    if (ch === '\n') {
      pending = '\n';
      continue;
    }
    if (pending && out.length > 0) out += pending;
    pending = '';
    if (opening !== undefined) {
      open = { href: opening, start: out.length };
      opening = undefined;
    }
    out += ch;
  }
  return { text: out, links };
}

/** Rendered text of an element: collapsed, <br> kept as "\n", trimmed. */
export function renderedText(node: Node): string {
  return inlineText(node, {}).text;
}

/** Rendered text of an element with its links. */
function inlineText(node: Node, opts: Walk): { text: string; links: LinkRange[] } {
  const raw: RawText = { parts: [], hrefs: [] };
  collectInline(node, raw, opts);
  return finishText(raw.parts.join(''), raw.hrefs);
}

/** "[edit]" (Wikipedia, MediaWiki) left at the end of a heading's text. */
const EDIT_MARK = /\s*\[\s*edit(?:\s*(?:\||source)\s*(?:edit\s+)?(?:source)?)?\s*\]\s*$/i;

/** `links` only when there are some, so blocks without links stay as they were. */
const withLinks = (links: LinkRange[]): { links?: LinkRange[] } => (links.length ? { links } : {});

// ----------------------------------------------------------------- credits

const CREDIT_CLASS = /credit|copyright|byline|attribution|source|author/i;
/** "(Photo: X)", "Photo: X", "Credit: X", "Image courtesy of X", "© X" at the end of a caption. */
const CREDIT_WRAPPER =
  /(\(\s*)?(?:\b(?:(?:file\s+)?photo(?:graph)?s?(?:\s+credit)?|image|picture|credits?|courtesy(?:\s+of)?|source|illustration)\s*:\s*|\bcourtesy\s+of\s+|©\s*|\(c\)\s+|\bcopyright\s+)/gi;

export interface CaptionCredit {
  text: string;
  credit?: string;
  creditOffset?: number;
}

/** Strip a wrapper like "(Photo: …)" or "© " from a credit as printed. */
function creditName(s: string): string {
  CREDIT_WRAPPER.lastIndex = 0;
  const m = CREDIT_WRAPPER.exec(s);
  let name = m && m.index === 0 ? s.slice(m[0].length) : s;
  if (m?.[1] || (m && m.index === 0 && s.startsWith('('))) name = name.replace(/\)\.?\s*$/, '');
  return name.replace(/^[\s/|–—-]+|[\s.]+$/g, '');
}

/** Split the credit off a caption's text: from a credit-marked element when given, else from a trailing pattern. */
export function splitCredit(text: string, markedCredit?: string): CaptionCredit {
  if (markedCredit) {
    const at = text.lastIndexOf(markedCredit);
    const credit = creditName(markedCredit);
    if (at >= 0 && credit) return { text, credit, creditOffset: at };
  }
  let last: RegExpExecArray | undefined;
  CREDIT_WRAPPER.lastIndex = 0;
  for (let m = CREDIT_WRAPPER.exec(text); m; m = CREDIT_WRAPPER.exec(text)) last = m;
  if (!last) return { text };
  const rest = text.slice(last.index + last[0].length);
  // A bracketed wrapper must close at the end; an open one runs to the end and stays short.
  if (last[1] ? !/^[^()]+\)\.?$/.test(rest) : rest.length > 120 || /[()]/.test(rest)) return { text };
  // A wrapper word inside a sentence ("the image: …") is not a credit unless it starts the caption or follows punctuation.
  const before = text.slice(0, last.index);
  if (before.trim() && !last[1] && !last[0].startsWith('©') && !/[.!?;:|–—)\]-]\s*$|\n$/.test(before))
    return { text };
  const credit = creditName(text.slice(last.index));
  return credit ? { text, credit, creditOffset: last.index } : { text };
}

// ------------------------------------------------------------------- walk

type Ctx = { list: Array<{ ordered: boolean }>; quote: boolean; figure: boolean; link: boolean };

/** Past this many columns a "table" is a layout grid or hostile, and is read as text. */
export const MAX_TABLE_COLUMNS = 64;
/** A long table becomes several table blocks, so the reader can window it like paragraphs. */
export const TABLE_ROWS_PER_BLOCK = 200;
/** A cell holding more running text than this is a layout cell, not data. */
const MAX_DATA_CELL_CHARS = 600;

/** A width or height attribute in whole pixels ("640", "640px"), or undefined for "100%", "auto", junk or absurd sizes. */
function pixels(value: string | null): number | undefined {
  const m = /^\s*(\d{1,6})(?:\.\d*)?\s*(?:px)?\s*$/i.exec(value ?? '');
  const n = m ? Number(m[1]) : 0;
  return n >= 1 && n <= MAX_IMAGE_SIDE_PX ? n : undefined;
}

/** A colspan or rowspan attribute as a number (0 kept: "to the end"), at most `max`; junk is 1. */
function spanOf(value: string | null, max: number): number {
  const n = Number.parseInt(value ?? '', 10);
  return Number.isFinite(n) && n >= 0 ? Math.min(n, max) : 1;
}

const cellsOf = (tr: Element): Element[] =>
  Array.from(tr.children).filter((c) => c.localName === 'td' || c.localName === 'th');

/** The rows of a data table, or undefined for a layout table (read as ordinary content). */
function dataTableRows(table: Element): Element[][] | undefined {
  if (/^(?:presentation|none)$/i.test(table.getAttribute('role') ?? '')) return undefined;
  if (table.querySelector('table, h1, h2, h3, h4, h5, h6, blockquote, figure, ul, ol')) return undefined;
  const rows = Array.from(table.querySelectorAll('tr')).filter((tr) => tr.closest('table') === table);
  const cells = rows.map(cellsOf).filter((r) => r.length > 0);
  let width = 0;
  for (const r of cells) width = Math.max(width, r.length);
  if (cells.length === 0 || width < 2 || width > MAX_TABLE_COLUMNS) return undefined;
  for (const r of cells)
    for (const c of r) if ((c.textContent ?? '').length > MAX_DATA_CELL_CHARS) return undefined;
  return cells;
}

/** A cell as the walk reads it: its text and links, and the columns and rows it spans (HTML's colspan, rowspan). */
export interface CellInput {
  text: string;
  links: readonly LinkRange[];
  colSpan?: number;
  rowSpan?: number;
}

/**
 * Table blocks from rows of cells (text, links and spans each): at most
 * MAX_TABLE_COLUMNS columns a row, TABLE_ROWS_PER_BLOCK rows a block, the
 * header rows counted on the first; nothing for a table with no text. Spans
 * are kept within those bounds, laid out as HTML does (a cell takes the next
 * column a span from above leaves free), so a hostile colspan or rowspan
 * cannot make the grid larger than the table's own columns and rows.
 */
export function tableBlocks(rows: ReadonlyArray<ReadonlyArray<CellInput>>, headerRows: number): BlockInput[] {
  const out: BlockInput[] = [];
  for (let from = 0; from < rows.length; from += TABLE_ROWS_PER_BLOCK) {
    let text = '';
    const links: LinkRange[] = [];
    const ranges: TableCell[][] = [];
    const slice = rows.slice(from, from + TABLE_ROWS_PER_BLOCK);
    // For each column, how many more rows a span from above covers.
    const below: number[] = [];
    slice.forEach((row, r) => {
      if (r > 0) text += '\n';
      const cells: TableCell[] = [];
      let col = 0;
      row.forEach((cell, i) => {
        while (col < MAX_TABLE_COLUMNS && (below[col] ?? 0) > 0) col++;
        if (col >= MAX_TABLE_COLUMNS) return;
        // A span leaves a column for each of the row's cells after it.
        const room = MAX_TABLE_COLUMNS - col - (row.length - 1 - i);
        let colSpan = 1;
        while (colSpan < Math.min(cell.colSpan ?? 1, room) && (below[col + colSpan] ?? 0) === 0) colSpan++;
        // rowspan="0" runs to the end of the table, as in HTML; a span never leaves its block.
        const asked = cell.rowSpan === 0 ? slice.length : (cell.rowSpan ?? 1);
        const rowSpan = Math.max(1, Math.min(asked, slice.length - r));
        if (cells.length > 0) text += '\t';
        // Tabs and line breaks separate cells and rows: inside a cell they are spaces.
        const value = cell.text.replace(/[\t\n]/g, ' ');
        for (const l of cell.links)
          if (l.end <= value.length)
            links.push({ ...l, start: l.start + text.length, end: l.end + text.length });
        cells.push({
          start: text.length,
          end: text.length + value.length,
          ...(colSpan > 1 ? { colSpan } : {}),
          ...(rowSpan > 1 ? { rowSpan } : {}),
        });
        text += value;
        for (let k = 0; k < colSpan; k++) below[col + k] = rowSpan;
        col += colSpan;
      });
      for (let k = 0; k < below.length; k++) if (below[k] > 0) below[k]--;
      ranges.push(cells);
    });
    if (!text.replace(/[\t\n ]/g, '')) continue;
    out.push({
      kind: 'table',
      text,
      rows: ranges,
      headerRows: Math.min(from === 0 ? headerRows : 0, ranges.length),
      ...withLinks(links),
    });
  }
  return out;
}

export function blocksFromDom(root: Element, options: WalkOptions = {}): BlockInput[] {
  const out: BlockInput[] = [];
  let raw: RawText = { parts: [], hrefs: [] };
  // Each anchor with the index of the block it falls in: the next block made (an element that starts
  // blocks is met after the text before it is flushed; inline, its text joins the block being read).
  const anchors: Array<[string, number]> = [];
  const onAnchor = (el: Element): void => {
    for (const name of anchorNames(el)) anchors.push([name, out.length]);
  };
  const opts: Walk = options.keepAnchors ? { ...options, onAnchor } : options;

  const emit = (ctx: Ctx, text: string, links: LinkRange[]): void => {
    if (!text) return;
    if (ctx.list.length) {
      out.push({
        kind: 'list-item',
        text,
        ordered: ctx.list[ctx.list.length - 1].ordered,
        depth: ctx.list.length - 1,
        ...withLinks(links),
      });
    } else if (ctx.quote) out.push({ kind: 'quote', text, ...withLinks(links) });
    else out.push({ kind: 'paragraph', text, ...withLinks(links) });
  };
  const flush = (ctx: Ctx): void => {
    const { text, links } = finishText(raw.parts.join(''), raw.hrefs);
    raw = { parts: [], hrefs: [] };
    emit(ctx, text, links);
  };

  /** The stored picture of an <img>, or undefined. */
  const image = (
    img: Element,
  ): { asset: string; alt?: string; width?: number; height?: number } | undefined => {
    const src = img.getAttribute('src') ?? '';
    const asset = src && opts.resolveImage ? opts.resolveImage(src) : undefined;
    if (!asset) return undefined;
    const alt = stripMarkupText(collapse(img.getAttribute('alt') ?? '')).trim();
    // The markup's size, until the stored file's header says better (finishImageSizes).
    const width = pixels(img.getAttribute('width'));
    const height = pixels(img.getAttribute('height'));
    return {
      asset,
      ...(alt && captionWorthy(alt, src) ? { alt } : {}),
      ...(width && height ? { width, height } : {}),
    };
  };

  /** One figure block for `img`, with `caption` (a figcaption's text) when it is a real caption. */
  const pushFigure = (
    img: Element,
    caption?: { text: string; links: LinkRange[]; marked?: string },
  ): void => {
    const pic = image(img);
    const alt = collapse(img.getAttribute('alt') ?? '').trim();
    const src = img.getAttribute('src') ?? '';
    let text = '';
    let links: LinkRange[] = [];
    let marked: string | undefined;
    if (caption?.text && captionWorthy(caption.text, src)) ({ text, links, marked } = caption);
    else if (!caption?.text && alt && captionWorthy(alt, src)) text = stripMarkupText(alt);
    if (!pic && !text) return;
    const split = text ? splitCredit(text, marked) : { text };
    // A caption that is only a credit ("Photo: Getty Images") names who took it, not what it shows.
    const captionText = split.creditOffset === 0 ? '' : split.text;
    out.push({
      kind: 'caption',
      text: captionText,
      ...(split.credit ? { credit: split.credit } : {}),
      ...(split.creditOffset !== undefined && captionText ? { creditOffset: split.creditOffset } : {}),
      ...(captionText ? withLinks(links) : {}),
      ...(pic ? { image: pic } : {}),
    });
  };

  const figure = (el: Element, ctx: Ctx): void => {
    const all = Array.from(el.querySelectorAll('img'));
    if (all.length === 0) {
      // Pull quotes and code listings are figures too: read them as ordinary content.
      el.childNodes.forEach((n) => visit(n, ctx));
      flush(ctx);
      return;
    }
    // Whatever else a figure holds (a slideshow counter, a note) is read as text, before the picture.
    const inner = { ...ctx, figure: true };
    el.childNodes.forEach((n) => visit(n, inner));
    flush(inner);
    const cap = el.querySelector('figcaption');
    let caption: { text: string; links: LinkRange[]; marked?: string } | undefined;
    if (cap) {
      const { text, links } = inlineText(cap, opts);
      const marked = Array.from(cap.querySelectorAll('*')).find((e) =>
        CREDIT_CLASS.test(e.getAttribute('class') ?? ''),
      );
      caption = { text, links, ...(marked ? { marked: renderedText(marked) } : {}) };
    }
    const pictures = all.filter((img) => !isDecorativeImage(img));
    if (pictures.length === 0) {
      if (caption?.text && captionWorthy(caption.text, '')) out.push({ kind: 'caption', text: caption.text });
      return;
    }
    pictures.forEach((img, i) => pushFigure(img, i === 0 ? caption : undefined));
  };

  const table = (el: Element, ctx: Ctx): void => {
    const rows = dataTableRows(el);
    if (!rows) {
      el.childNodes.forEach((c) => visit(c, ctx));
      flush(ctx);
      return;
    }
    const cap = Array.from(el.children).find((c) => c.localName === 'caption');
    if (cap) {
      const { text, links } = inlineText(cap, opts);
      if (text) out.push({ kind: 'caption', text: text.replace(/\n/g, ' '), ...withLinks(links) });
    }
    let headerRows = 0;
    while (
      headerRows < rows.length &&
      (rows[headerRows][0].parentElement?.parentElement?.localName === 'thead' ||
        rows[headerRows].every((c) => c.localName === 'th'))
    )
      headerRows++;
    const cells = rows.map((row) =>
      row.map((cell): CellInput => {
        const colSpan = spanOf(cell.getAttribute('colspan'), MAX_TABLE_COLUMNS);
        const rowSpan = spanOf(cell.getAttribute('rowspan'), TABLE_ROWS_PER_BLOCK);
        return {
          ...inlineText(cell, opts),
          ...(colSpan !== 1 ? { colSpan } : {}),
          ...(rowSpan !== 1 ? { rowSpan } : {}),
        };
      }),
    );
    out.push(...tableBlocks(cells, headerRows));
  };

  const visit = (n: Node, ctx: Ctx): void => {
    if (n.nodeType === 3) {
      raw.parts.push(collapse(n.nodeValue ?? ''));
      return;
    }
    if (n.nodeType !== 1) return;
    const el = n as Element;
    const tag = el.localName;
    if (SKIP_TAGS.has(tag) || isEditorChrome(el)) return;
    if (el.getAttribute('hidden') !== null || el.getAttribute('aria-hidden') === 'true') return;
    const heading = /^h([1-6])$/.exec(tag);
    if (opts.onAnchor && anchorNames(el).length) {
      if (heading || STARTS_BLOCKS.has(tag)) flush(ctx);
      opts.onAnchor(el);
    }
    if (heading) {
      flush(ctx);
      const inline = inlineText(el, opts);
      const text = inline.text.replace(/\n/g, ' ').replace(EDIT_MARK, '');
      const links = inline.links.filter((l) => l.end <= text.length);
      const level = Math.min(6, Number(heading[1]) + (opts.headingShift ?? 0)) as 1 | 2 | 3 | 4 | 5 | 6;
      if (text) out.push({ kind: 'heading', text, level, ...withLinks(links) });
      return;
    }
    switch (tag) {
      case 'br':
        raw.parts.push('\n');
        return;
      case 'a': {
        const href = linkTarget(el, opts);
        // Links never nest; one around a picture or whole blocks (a teaser card) is read as its content.
        if (!href || ctx.link || el.querySelector(`img, ${BLOCK_SELECTOR}`)) break;
        raw.hrefs.push(href);
        raw.parts.push(LINK_OPEN);
        const inner = { ...ctx, link: true };
        el.childNodes.forEach((c) => visit(c, inner));
        raw.parts.push(LINK_CLOSE);
        return;
      }
      case 'img': {
        if (ctx.figure || isDecorativeImage(el)) return;
        flush(ctx);
        pushFigure(el);
        return;
      }
      case 'figcaption':
        if (ctx.figure) return;
        break;
      case 'figure':
        flush(ctx);
        figure(el, ctx);
        return;
      case 'table':
        flush(ctx);
        table(el, ctx);
        return;
      case 'pre': {
        flush(ctx);
        const text = (el.textContent ?? '').replace(/[\uE000\uE001]/g, '').replace(/^\n|\s+$/g, '');
        emit(ctx, text, []);
        return;
      }
      case 'blockquote': {
        flush(ctx);
        const inner = { ...ctx, quote: true };
        el.childNodes.forEach((c) => visit(c, inner));
        flush(inner);
        return;
      }
      case 'ul':
      case 'ol': {
        flush(ctx);
        const inner = { ...ctx, list: [...ctx.list, { ordered: tag === 'ol' }] };
        el.childNodes.forEach((c) => visit(c, inner));
        flush(inner);
        return;
      }
      case 'li': {
        flush(ctx);
        const inner = ctx.list.length ? ctx : { ...ctx, list: [{ ordered: false }] };
        el.childNodes.forEach((c) => visit(c, inner));
        flush(inner);
        return;
      }
      case 'tr':
      case 'td':
      case 'th':
        // Cells of a layout table are containers like <div>s.
        flush(ctx);
        el.childNodes.forEach((c) => visit(c, ctx));
        flush(ctx);
        return;
    }
    if (BLOCK_TAGS.has(tag)) {
      flush(ctx);
      el.childNodes.forEach((c) => visit(c, ctx));
      flush(ctx);
      return;
    }
    el.childNodes.forEach((c) => visit(c, ctx));
  };

  const ctx: Ctx = { list: [], quote: false, figure: false, link: false };
  visit(root, ctx);
  flush(ctx);
  // An anchor after the last block (an empty element at the end) belongs to the last block.
  const named = new Set<string>(); // an element's id is met twice when its text is read inline too
  for (const [name, at] of anchors) {
    const block = out[Math.min(at, out.length - 1)];
    if (!block || named.has(`${at}\n${name}`)) continue;
    named.add(`${at}\n${name}`);
    (block.anchors ??= []).push(name);
  }
  return out;
}
