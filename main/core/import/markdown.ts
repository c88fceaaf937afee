/**
 * Markdown → ParsedDocument through marked's lexer (never its HTML renderer):
 * headings, paragraphs, quotes, lists, code as paragraphs, images as
 * captions. Inline markup becomes its text (links keep their words); raw HTML
 * blocks go through the same sanitize-and-walk as web pages. YAML front
 * matter supplies the metadata.
 */
import path from 'node:path';
import { marked, type Token, type Tokens } from 'marked';
import { parse as parseYaml } from 'yaml';
import type { BlockInput, LinkRange } from '../document/types';
import { decodeText } from './decode';
import { decodeEntities } from './entities';
import { finishText, LINK_CLOSE, LINK_OPEN, tableBlocks } from './html-blocks';
import { AssetCollector, localImages } from './image-assets';
import type { ImportInput, ParsedDocument } from './types';

type Meta = ParsedDocument['meta'];

const FRONT_MATTER = /^---[ \t]*\n([\s\S]*?)\n(?:---|\.\.\.)[ \t]*(?:\n|$)/;

/** Split YAML front matter off; unknown keys are ignored, bad YAML is a warning. */
export function frontMatter(text: string): { body: string; meta: Partial<Meta>; warnings: string[] } {
  const m = FRONT_MATTER.exec(text);
  if (!m) return { body: text, meta: {}, warnings: [] };
  const body = text.slice(m[0].length);
  let data: unknown;
  try {
    data = parseYaml(m[1]);
  } catch (err) {
    return {
      body,
      meta: {},
      warnings: [
        `The front matter is not valid YAML (${(err as Error).message.split('\n')[0]}); it was skipped.`,
      ],
    };
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return { body, meta: {}, warnings: [] };
  const d = data as Record<string, unknown>;
  const str = (...keys: string[]): string | undefined => {
    for (const k of keys) {
      const v = d[k];
      if (v instanceof Date && !Number.isNaN(v.getTime())) {
        // YAML reads "2024-03-05" as midnight UTC: give back the date as written.
        const iso = v.toISOString();
        return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
      }
      if (Array.isArray(v) && v.length) return v.map(String).join(', ');
      if (typeof v === 'string' || typeof v === 'number') return String(v).trim() || undefined;
    }
    return undefined;
  };
  const meta: Partial<Meta> = {};
  const set = (k: keyof Meta, v: string | undefined): void => {
    if (v) (meta as Record<string, string>)[k] = v;
  };
  set('title', str('title'));
  set('byline', str('author', 'authors', 'byline'));
  set('published', str('date', 'published', 'pubDate'));
  set('source', str('source', 'site', 'publication'));
  set('url', str('url', 'canonical', 'link'));
  set('language', str('lang', 'language'));
  if (meta.url && !/^https?:\/\//i.test(meta.url)) delete meta.url;
  return { body, meta, warnings: [] };
}

const SKIP_INLINE_HTML = /^<(script|style|template|noscript|iframe|object|svg|math|textarea)\b/i;

/** An absolute http(s) address to keep as a link (a Markdown file has no web address to resolve against). */
function webHref(href: string): string | undefined {
  try {
    const u = new URL(href.trim());
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Inline tokens → the text a reader sees. With `hrefs`, links to web
 * addresses are marked in the text (finishText turns the marks into ranges)
 * and their addresses collected in order.
 */
function inlineText(tokens: Token[] | undefined, hrefs?: string[]): string {
  let out = '';
  let skipping: string | undefined;
  for (const t of tokens ?? []) {
    if (skipping) {
      if (t.type === 'html' && new RegExp(`^</${skipping}`, 'i').test(t.text)) skipping = undefined;
      continue;
    }
    switch (t.type) {
      case 'text':
        out +=
          'tokens' in t && t.tokens?.length
            ? inlineText(t.tokens, hrefs)
            : decodeEntities(t.text).replace(/\s*\n\s*/g, ' ');
        break;
      case 'escape':
        out += t.text;
        break;
      case 'codespan':
        out += decodeEntities(t.text);
        break;
      case 'br':
        out += '\n';
        break;
      case 'html': {
        const open = SKIP_INLINE_HTML.exec(t.text);
        if (open && !new RegExp(`</${open[1]}`, 'i').test(t.text)) skipping = open[1];
        break; // inline tags themselves are dropped; their text arrives as text tokens
      }
      case 'link': {
        const href = hrefs && webHref((t as Tokens.Link).href);
        const words = inlineText((t as Tokens.Link).tokens);
        if (href) {
          hrefs!.push(href);
          out += LINK_OPEN + words + LINK_CLOSE;
        } else out += words;
        break;
      }
      case 'image':
        out += decodeEntities(t.text);
        break;
      default:
        out +=
          'tokens' in t && Array.isArray(t.tokens)
            ? inlineText(t.tokens, hrefs)
            : typeof (t as { text?: unknown }).text === 'string'
              ? decodeEntities((t as { text: string }).text)
              : '';
    }
  }
  return out;
}

const tidy = (s: string): string =>
  s
    .replace(/[ \t]+/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .trim();

type Ctx = { quote: boolean; list?: { ordered: boolean; depth: number } };

interface Walk {
  blocks: BlockInput[];
  resolveImage: (src: string) => string | undefined;
  htmlBlocks: Array<{ index: number; html: string; ctx: Ctx }>;
}

function emit(w: Walk, ctx: Ctx, text: string, links: LinkRange[] = []): void {
  if (!text) return;
  const linked = links.length ? { links } : {};
  if (ctx.list)
    w.blocks.push({ kind: 'list-item', text, ordered: ctx.list.ordered, depth: ctx.list.depth, ...linked });
  else if (ctx.quote) w.blocks.push({ kind: 'quote', text, ...linked });
  else w.blocks.push({ kind: 'paragraph', text, ...linked });
}

/** Inline tokens as a block's text and its links. */
function linkedText(tokens: Token[] | undefined): { text: string; links: LinkRange[] } {
  const hrefs: string[] = [];
  const raw = inlineText(tokens, hrefs);
  return finishText(raw.replace(/[ \t]+/g, ' '), hrefs);
}

/** A paragraph's inline tokens, split so each image becomes a caption of its own. */
function paragraph(w: Walk, ctx: Ctx, tokens: Token[]): void {
  let run: Token[] = [];
  const flush = (): void => {
    const { text, links } = linkedText(run);
    emit(w, ctx, text, links);
    run = [];
  };
  for (const t of tokens) {
    if (t.type !== 'image') {
      run.push(t);
      continue;
    }
    flush();
    const img = t as Tokens.Image;
    const alt = tidy(decodeEntities(img.text));
    const title = img.title ? tidy(decodeEntities(img.title)) : '';
    const asset = w.resolveImage(img.href);
    const text = title || alt;
    if (text)
      w.blocks.push({ kind: 'caption', text, ...(asset ? { image: alt ? { asset, alt } : { asset } } : {}) });
  }
  flush();
}

function walk(w: Walk, tokens: Token[], ctx: Ctx): void {
  for (const t of tokens) {
    switch (t.type) {
      case 'heading': {
        const { text, links } = linkedText(t.tokens);
        w.blocks.push({
          kind: 'heading',
          text: text.replace(/\n/g, ' '),
          level: Math.min(6, Math.max(1, t.depth)) as 1 | 2 | 3 | 4 | 5 | 6,
          ...(links.length ? { links } : {}),
        });
        break;
      }
      case 'paragraph':
      case 'text':
        paragraph(
          w,
          ctx,
          (t as Tokens.Paragraph).tokens ?? [{ type: 'text', raw: t.raw, text: (t as Tokens.Text).text }],
        );
        break;
      case 'blockquote':
        walk(w, t.tokens ?? [], { ...ctx, quote: true });
        break;
      case 'list': {
        const depth = ctx.list ? ctx.list.depth + 1 : 0;
        for (const item of (t as Tokens.List).items)
          walk(w, item.tokens, { ...ctx, list: { ordered: (t as Tokens.List).ordered, depth } });
        break;
      }
      case 'code':
        emit(w, ctx, (t as Tokens.Code).text.replace(/\s+$/, ''));
        break;
      case 'table': {
        const table = t as Tokens.Table;
        const rows = [table.header, ...table.rows].map((row) => row.map((c) => linkedText(c.tokens)));
        w.blocks.push(...tableBlocks(rows, 1));
        break;
      }
      case 'html':
        // Raw HTML: sanitized and walked later (that pulls in jsdom, so only when present).
        w.htmlBlocks.push({ index: w.blocks.length, html: (t as Tokens.HTML).text, ctx });
        break;
      default:
        break; // space, hr, def: no text
    }
  }
}

async function htmlToBlocks(
  html: string,
  resolveImage: (src: string) => string | undefined,
): Promise<BlockInput[]> {
  const [{ JSDOM, VirtualConsole }, { sanitizeHtml }, { blocksFromDom }] = await Promise.all([
    import('jsdom'),
    import('./sanitize'),
    import('./html-blocks'),
  ]);
  const dom = new JSDOM('', { virtualConsole: new VirtualConsole() });
  try {
    return blocksFromDom(sanitizeHtml(dom.window, html), { resolveImage, resolveLink: webHref });
  } finally {
    dom.window.close();
  }
}

export async function parseMarkdownFile(input: ImportInput): Promise<ParsedDocument> {
  const { text, warnings } = decodeText(input.bytes, input.fileName);
  return parseMarkdown(text, input, warnings);
}

export async function parseMarkdown(
  text: string,
  input: Pick<ImportInput, 'fileName' | 'filePath'> = {},
  warnings: string[] = [],
): Promise<ParsedDocument> {
  const fm = frontMatter(text.replace(/^\uFEFF/, ''));
  const collector = new AssetCollector();
  const local = input.filePath ? markdownImages(input.filePath, collector) : undefined;
  const resolveImage = (src: string): string | undefined =>
    /^data:/i.test(src) ? collector.fromDataUrl(src) : local?.(src);

  const w: Walk = { blocks: [], resolveImage, htmlBlocks: [] };
  // The link marks are ours: the document's own copies of those characters go.
  walk(w, marked.lexer(fm.body.replace(/[\uE000\uE001]/g, ''), { gfm: true }), { quote: false });
  // Splice sanitized raw-HTML blocks in where they stood, back to front so indices hold.
  for (const h of [...w.htmlBlocks].reverse()) {
    const blocks = (await htmlToBlocks(h.html, resolveImage)).map((b) =>
      b.kind === 'paragraph' && h.ctx.quote ? ({ kind: 'quote', text: b.text } as BlockInput) : b,
    );
    w.blocks.splice(h.index, 0, ...blocks);
  }

  // Title: front matter, else the first h1 (which then is the title block), else the file name.
  let blocks = w.blocks.filter((b) => b.text);
  const h1 = blocks.findIndex((b) => b.kind === 'heading' && b.level === 1);
  let title = fm.meta.title;
  if (
    h1 >= 0 &&
    (!title || blocks[h1].text.toLowerCase() === title.toLowerCase()) &&
    blocks.slice(0, h1).every((b) => b.kind !== 'heading')
  ) {
    title ??= blocks[h1].text;
    blocks = [...blocks.slice(0, h1), ...blocks.slice(h1 + 1)];
  }
  title ??= input.fileName ? path.basename(input.fileName).replace(/\.[^.]+$/, '') : 'Untitled';
  const out: ParsedDocument = {
    blocks: [{ kind: 'title', text: title }, ...blocks],
    meta: { ...fm.meta, title },
    warnings: [...warnings, ...fm.warnings, ...collector.warnings],
  };
  if (collector.assets.size) out.assets = collector.assets;
  return out;
}

/** Images beside a Markdown file: inside the file's own folder (not above it), never remote. */
function markdownImages(filePath: string, collector: AssetCollector): (src: string) => string | undefined {
  const dir = path.dirname(filePath);
  return localImages(dir, dir, collector);
}
