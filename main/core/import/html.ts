/**
 * HTML pages and pasted HTML → ParsedDocument.
 *   bytes → charset-aware text (charset.ts) → jsdom (scripts never run, nothing
 *   loaded) → page metadata (html-meta.ts) → Readability picks the article from
 *   a clone → DOMPurify (sanitize.ts) → text blocks (html-blocks.ts).
 * When Readability finds nothing (or the page is too big for it) the whole
 * sanitized body is read instead, with a warning; when the walk keeps much
 * less than Readability's article (the layout hid it), Readability's article
 * is read again without the sanitizer's layout rules, with a warning; a page
 * with no text at all is an EMPTY error. Links are kept as absolute http(s)
 * addresses (page-links.ts); a saved page's web pictures become placeholders
 * that importSource downloads or keeps as addresses (remote-images.ts).
 */
import { pathToFileURL } from 'node:url';
import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';
import { countWords } from '../document/build';
import type { BlockInput } from '../document/types';
import { GlossError } from '../errors';
import { decodeHtml } from './charset';
import { blocksFromDom } from './html-blocks';
import { pageMeta } from './html-meta';
import { chooseByline } from './authors';
import { cleanBlocks } from './html-cleanup';
import { AssetCollector, savedPageImages } from './image-assets';
import { absolutizePageAddresses, linkBase, webLinkResolver } from './page-links';
import { remoteImagePlaceholders } from './remote-images';
import { sanitizeElementInPlace, sanitizeHtml } from './sanitize';
import { parsePlainText } from './text';
import type { ImportInput, ParsedDocument } from './types';

/** Readability walks every element several times; past this it gives up and we read the body. */
const READABILITY_MAX_ELEMENTS = 50_000;
/**
 * jsdom + DOMPurify cost ~130 MB of heap and ~4 s per MB of dense markup
 * (measured here), so pages are first stripped of scripts, styles and comments
 * (where real pages keep their megabytes) and what remains must fit under this.
 */
export const MAX_MARKUP_BYTES = 3 * 1024 * 1024;
const REDUCE_ABOVE_CHARS = 512 * 1024;

/**
 * Drop <script> (except JSON-LD metadata), <style> and comments with one
 * linear scan — no regex backtracking on hostile input. Only size matters
 * here: whatever is left still goes through DOMPurify.
 */
export function stripHeavyMarkup(html: string): string {
  const lower = html.toLowerCase();
  const out: string[] = [];
  let i = 0;
  // Each token's next position is cached and only searched again once passed, so the scan stays linear.
  const tokens = ['<!--', '<script', '<style'];
  const pos = tokens.map(() => -2);
  const next = (from: number): number => {
    let best = -1;
    tokens.forEach((t, k) => {
      if (pos[k] !== -1 && pos[k] < from) pos[k] = lower.indexOf(t, from);
      if (pos[k] >= 0 && (best < 0 || pos[k] < best)) best = pos[k];
    });
    return best;
  };
  for (let at = next(0); at >= 0; at = next(i)) {
    out.push(html.slice(i, at));
    if (lower.startsWith('<!--', at)) {
      const end = lower.indexOf('-->', at + 4);
      i = end < 0 ? html.length : end + 3;
      continue;
    }
    const tag = lower.startsWith('<script', at) ? 'script' : 'style';
    const openEnd = lower.indexOf('>', at);
    const close = lower.indexOf(`</${tag}`, at);
    const closeEnd = close < 0 ? -1 : lower.indexOf('>', close);
    const end = closeEnd < 0 ? html.length : closeEnd + 1;
    if (tag === 'script' && openEnd >= 0 && /application\/ld\+json/.test(lower.slice(at, openEnd)))
      out.push(html.slice(at, end));
    i = end;
  }
  out.push(html.slice(i));
  return out.join('');
}

export async function parseHtmlFile(input: ImportInput): Promise<ParsedDocument> {
  const { text, warnings } = decodeHtml(input.bytes, input.contentType, input.fileName);
  const doc = parseHtmlString(text, input);
  return { ...doc, warnings: [...warnings, ...(doc.warnings ?? [])] };
}

function baseUrlOf(input: Pick<ImportInput, 'url' | 'filePath'>): string | undefined {
  if (input.url && /^https?:\/\//i.test(input.url)) return input.url;
  if (input.filePath) return pathToFileURL(input.filePath).href;
  return undefined;
}

/** Pages' broken CSS and the like are not the user's concern: jsdom's console goes nowhere. */
export const quietConsole = (): VirtualConsole => new VirtualConsole();

const norm = (s: string): string => s.replace(/\s+/g, ' ').trim().toLowerCase();

/** Title block first; the page's own copy of the title (an early heading) is dropped. */
function withTitle(title: string, blocks: BlockInput[]): BlockInput[] {
  const i = blocks
    .slice(0, 3)
    .findIndex((b) => (b.kind === 'heading' || b.kind === 'title') && norm(b.text) === norm(title));
  const rest = i >= 0 ? [...blocks.slice(0, i), ...blocks.slice(i + 1)] : blocks;
  return [{ kind: 'title', text: title }, ...rest];
}

function stem(fileName?: string): string | undefined {
  return (
    fileName
      ?.split(/[\\/]/)
      .pop()
      ?.replace(/\.[^.]+$/, '')
      .trim() || undefined
  );
}

/** Below this share of Readability's words, the walk lost the article (a form, a dialog…). */
const FALLBACK_SHARE = 0.5;
/** Elements whose text is never the article's, in Readability's content as in the walk. */
const NOT_READING_MATTER =
  'script, style, noscript, template, svg, math, iframe, object, embed, select, option, button, textarea, input';
/** Readability's article must be at least this long for the comparison to mean anything. */
const FALLBACK_MIN_WORDS = 60;

/**
 * Readability's article read again when the walk kept much less of it:
 * its content walked without the sanitizer's layout rules (it holds no
 * script, and the walk keeps only text), else its plain text by lines.
 */
function readabilityFallback(
  document: Document,
  article: { content?: string | null; textContent?: string | null },
  walked: BlockInput[],
  walk: Parameters<typeof blocksFromDom>[1],
): BlockInput[] | undefined {
  if (countWords(article.textContent ?? '') < FALLBACK_MIN_WORDS) return undefined;
  const holder = document.createElement('div');
  holder.innerHTML = article.content ?? '';
  // Words no reader reads as the article (a country <select>, buttons, code) do not count, and never come back.
  holder.querySelectorAll(NOT_READING_MATTER).forEach((el) => el.remove());
  const theirs = countWords(holder.textContent ?? '');
  const ours = countWords(walked.map((b) => b.text).join(' '));
  if (theirs < FALLBACK_MIN_WORDS || ours >= theirs * FALLBACK_SHARE) return undefined;
  holder.querySelectorAll('dialog, form, fieldset, details').forEach((el) => {
    // Keep their contents, lose the element the walk would have dropped or folded.
    const div = document.createElement('div');
    while (el.firstChild) div.appendChild(el.firstChild);
    el.replaceWith(div);
  });
  const again = blocksFromDom(holder, walk);
  if (countWords(again.map((b) => b.text).join(' ')) >= theirs * FALLBACK_SHARE) return again;
  return (holder.textContent ?? '')
    .split(/\n+/)
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .map((text) => ({ kind: 'paragraph', text }));
}

export function parseHtmlString(
  html: string,
  input: Pick<ImportInput, 'url' | 'filePath' | 'fileName' | 'fetchImages'> = {},
): ParsedDocument {
  const warnings: string[] = [];
  const name = input.fileName ? `“${input.fileName}”` : input.url ? `“${input.url}”` : 'The page';
  if (html.length > REDUCE_ABOVE_CHARS) html = stripHeavyMarkup(html);
  if (html.length > MAX_MARKUP_BYTES) {
    throw new GlossError(
      'TOO_LARGE',
      `${name} has ${(html.length / 1048576).toFixed(1)} MB of page markup even without its scripts and styles; Gloss reads web pages up to ${MAX_MARKUP_BYTES / 1048576} MB. Try saving it as text.`,
    );
  }
  const url = baseUrlOf(input);
  // No `runScripts`, no `resources`: jsdom neither executes nor fetches anything.
  const dom = new JSDOM(html, { ...(url ? { url } : {}), virtualConsole: quietConsole() });
  const { document } = dom.window;
  // Where the page's relative links point on the web: <base>, its own URL, canonical, og:url.
  const webBase = linkBase(document, input.url);
  // A <base href> would let the page point our relative image paths anywhere.
  document.querySelectorAll('base').forEach((b) => b.remove());
  const meta = pageMeta(document);
  // Before Readability makes them absolute against the file: links and unsaved pictures → the web.
  absolutizePageAddresses(document, webBase, input.filePath);

  let article: ReturnType<Readability['parse']> = null;
  if (document.getElementsByTagName('*').length > READABILITY_MAX_ELEMENTS) {
    warnings.push(
      'The page is too large for Gloss to pick out the article, so all of its text was imported.',
    );
  } else {
    // Readability rewrites the document it is given: hand it a copy.
    const clone = document.cloneNode(true) as Document;
    article = new Readability(clone, { keepClasses: true, charThreshold: 250 }).parse();
  }

  const collector = new AssetCollector();
  const embedded = (src: string): string | undefined =>
    /^data:/i.test(src) ? collector.fromDataUrl(src) : undefined;
  // Web pictures (of a fetched page, or a saved page's not saved with it) become placeholders
  // that importSource downloads once, or keeps as addresses; nothing here touches the network.
  const pageUrl = url && /^https?:/i.test(url) ? url : undefined;
  const remote = pageUrl || input.filePath ? remoteImagePlaceholders(pageUrl ?? webBase) : undefined;
  const local = input.filePath ? savedPageImages(input.filePath, collector) : embedded;
  const resolveImage = remote ? (src: string) => local(src) ?? remote.resolve(src) : local;
  const walk = {
    resolveImage,
    resolveLink: webLinkResolver(webBase),
  };

  let blocks: BlockInput[] = [];
  if (article?.content) blocks = blocksFromDom(sanitizeHtml(dom.window, article.content), walk);
  if (blocks.length === 0) {
    const body = document.body;
    if (body) {
      if (article !== null)
        warnings.push('Gloss could not pick out the article, so all of the page’s text was imported.');
      // In place: a second copy of a big page's DOM is what would exhaust memory.
      blocks = blocksFromDom(sanitizeElementInPlace(dom.window, body), walk);
    }
  } else if (article?.content) {
    const fallback = readabilityFallback(dom.window.document, article, blocks, walk);
    if (fallback) {
      blocks = fallback;
      warnings.push(
        'The page’s layout hid most of the article from Gloss, so its text was read again from the article Readability found; check its headings and pictures.',
      );
    }
  }
  blocks = cleanBlocks(blocks);
  if (blocks.length === 0) throw new GlossError('EMPTY', `${name} has no article text Gloss could find.`);

  const firstHeading = blocks.find((b) => b.kind === 'heading')?.text;
  const title =
    meta.title ?? (article?.title || undefined) ?? firstHeading ?? stem(input.fileName) ?? 'Untitled';
  // A printed byline before a name guessed from a profile URL.
  const byline = meta.byline ?? chooseByline([article?.byline ?? undefined, meta.authorUrls]);
  const out: ParsedDocument = {
    blocks: withTitle(title, blocks),
    meta: {
      title,
      ...(byline ? { byline } : {}),
      ...((meta.source ?? article?.siteName) ? { source: meta.source ?? article!.siteName! } : {}),
      ...((meta.published ?? article?.publishedTime)
        ? { published: meta.published ?? article!.publishedTime! }
        : {}),
      ...((meta.url ?? (input.url && /^https?:/i.test(input.url) ? input.url : undefined))
        ? { url: meta.url ?? input.url }
        : {}),
      ...((meta.language ?? article?.lang) ? { language: meta.language ?? article!.lang! } : {}),
    },
    warnings: [...warnings, ...collector.warnings],
  };
  if (collector.assets.size) out.assets = collector.assets;
  if (remote?.urls.size) out.remoteImages = remote.urls;
  dom.window.close();
  return out;
}

/**
 * What the clipboard gave us: a fragment (no Readability — the user chose
 * exactly this) or, if it is a whole document, the page pipeline. Falls back
 * to the plain-text flavour when the HTML holds no text.
 */
export function parsePastedHtml(html: string, text?: string): ParsedDocument {
  if (/<html[\s>]|<body[\s>]/i.test(html.slice(0, 2000))) {
    try {
      return parseHtmlString(html, { fileName: undefined });
    } catch (err) {
      if (!(err instanceof GlossError) || !text?.trim()) throw err;
    }
  }
  const dom = new JSDOM('', { virtualConsole: quietConsole() });
  const collector = new AssetCollector();
  const blocks = blocksFromDom(sanitizeHtml(dom.window, html), {
    resolveImage: (src) => collector.fromDataUrl(src),
    resolveLink: webLinkResolver(undefined),
  });
  dom.window.close();
  if (blocks.length === 0) {
    if (text?.trim()) return parsePlainText(text);
    throw new GlossError('EMPTY', 'The pasted content has no text to import.');
  }
  const first = blocks[0];
  const title = first.kind === 'heading' ? first.text : first.text.split('\n')[0].slice(0, 80).trim();
  const out: ParsedDocument = {
    blocks: first.kind === 'heading' ? [{ kind: 'title', text: title }, ...blocks.slice(1)] : blocks,
    meta: { title },
    warnings: collector.warnings,
  };
  if (collector.assets.size) out.assets = collector.assets;
  return out;
}
