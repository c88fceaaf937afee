/**
 * Sanitized DOM → BlockInput[]. Text only: every block's text is what a
 * browser would show (whitespace collapsed, <br> as a line break), never
 * markup. Figures become captions with their credit split off; images are
 * referenced through `resolveImage`, which decides what may be stored.
 */
import type { BlockInput } from '../document/types';

export type ImageResolver = (src: string) => string | undefined;

export interface WalkOptions {
  /** Turns an <img src> into a stored asset name, or undefined to keep no image. */
  resolveImage?: ImageResolver;
  /** Added to every heading level (EPUB chapters demote their own h1s). */
  headingShift?: number;
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

/** Collapse whitespace as CSS `white-space: normal` does; U+00A0 is not whitespace. */
export function collapse(s: string): string {
  return s.replace(/[ \t\n\r\f]+/g, ' ');
}

/** Rendered text of an element: collapsed, <br> kept as "\n", trimmed. */
export function renderedText(node: Node): string {
  const parts: string[] = [];
  const visit = (n: Node): void => {
    if (n.nodeType === 3) parts.push(collapse(n.nodeValue ?? ''));
    else if (n.nodeType === 1) {
      const tag = (n as Element).localName;
      if (SKIP_TAGS.has(tag)) return;
      if (tag === 'br') parts.push('\n');
      else if (BLOCK_TAGS.has(tag) || tag === 'li') {
        parts.push('\n');
        n.childNodes.forEach(visit);
        parts.push('\n');
      } else n.childNodes.forEach(visit);
    }
  };
  visit(node);
  return tidy(parts.join(''));
}

function tidy(s: string): string {
  return s
    .replace(/ *\n */g, '\n')
    .replace(/\n{2,}/g, '\n')
    .replace(/^[ \n]+|[ \n]+$/g, '');
}

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

type Ctx = { list: Array<{ ordered: boolean }>; quote: boolean; figure: boolean };

export function blocksFromDom(root: Element, opts: WalkOptions = {}): BlockInput[] {
  const out: BlockInput[] = [];
  let buf: string[] = [];

  const emit = (ctx: Ctx, text: string): void => {
    if (!text) return;
    if (ctx.list.length) {
      out.push({
        kind: 'list-item',
        text,
        ordered: ctx.list[ctx.list.length - 1].ordered,
        depth: ctx.list.length - 1,
      });
    } else if (ctx.quote) out.push({ kind: 'quote', text });
    else out.push({ kind: 'paragraph', text });
  };
  const flush = (ctx: Ctx): void => {
    const text = tidy(buf.join(''));
    buf = [];
    emit(ctx, text);
  };

  const image = (img: Element): { asset: string; alt?: string } | undefined => {
    const src = img.getAttribute('src') ?? '';
    const asset = src && opts.resolveImage ? opts.resolveImage(src) : undefined;
    if (!asset) return undefined;
    const alt = collapse(img.getAttribute('alt') ?? '').trim();
    return alt ? { asset, alt } : { asset };
  };

  const figure = (el: Element, ctx: Ctx): void => {
    const img = el.querySelector('img');
    const cap = el.querySelector('figcaption');
    if (!img) {
      // Pull quotes and code listings are figures too: read them as ordinary content.
      el.childNodes.forEach((n) => visit(n, ctx));
      flush(ctx);
      return;
    }
    const pic = image(img);
    const alt = collapse(img.getAttribute('alt') ?? '').trim();
    const capText = cap ? renderedText(cap) : '';
    if (capText) {
      const marked = Array.from(cap!.querySelectorAll('*')).find((e) =>
        CREDIT_CLASS.test(e.getAttribute('class') ?? ''),
      );
      const split = splitCredit(capText, marked ? renderedText(marked) : undefined);
      out.push({ kind: 'caption', ...split, ...(pic ? { image: pic } : {}) });
    } else if (alt) {
      out.push({ kind: 'caption', text: alt, ...(pic ? { image: pic } : {}) });
    }
  };

  const visit = (n: Node, ctx: Ctx): void => {
    if (n.nodeType === 3) {
      buf.push(collapse(n.nodeValue ?? ''));
      return;
    }
    if (n.nodeType !== 1) return;
    const el = n as Element;
    const tag = el.localName;
    if (SKIP_TAGS.has(tag)) return;
    if (el.getAttribute('hidden') !== null || el.getAttribute('aria-hidden') === 'true') return;
    const heading = /^h([1-6])$/.exec(tag);
    if (heading) {
      flush(ctx);
      const text = renderedText(el).replace(/\n/g, ' ');
      const level = Math.min(6, Number(heading[1]) + (opts.headingShift ?? 0)) as 1 | 2 | 3 | 4 | 5 | 6;
      if (text) out.push({ kind: 'heading', text, level });
      return;
    }
    switch (tag) {
      case 'br':
        buf.push('\n');
        return;
      case 'img': {
        // A standalone picture with alt text reads as a caption; icons without alt are dropped.
        const alt = collapse(el.getAttribute('alt') ?? '').trim();
        const w = Number(el.getAttribute('width') ?? '999');
        if (!alt || w <= 32) return;
        flush(ctx);
        const pic = image(el);
        out.push({ kind: 'caption', text: alt, ...(pic ? { image: pic } : {}) });
        return;
      }
      case 'figure':
        flush(ctx);
        figure(el, ctx);
        return;
      case 'pre': {
        flush(ctx);
        const text = (el.textContent ?? '').replace(/^\n|\s+$/g, '');
        emit(ctx, text);
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
      case 'tr': {
        flush(ctx);
        const cells = Array.from(el.children)
          .map((c) => renderedText(c).replace(/\n/g, ' '))
          .filter(Boolean);
        emit(ctx, cells.join('\t'));
        return;
      }
    }
    if (BLOCK_TAGS.has(tag)) {
      flush(ctx);
      el.childNodes.forEach((c) => visit(c, ctx));
      flush(ctx);
      return;
    }
    el.childNodes.forEach((c) => visit(c, ctx));
  };

  const ctx: Ctx = { list: [], quote: false, figure: false };
  visit(root, ctx);
  flush(ctx);
  return out;
}
