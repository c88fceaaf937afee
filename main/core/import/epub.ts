/**
 * EPUB → ParsedDocument. The archive is read under zip-bomb limits
 * (safe-unzip.ts); container.xml names the OPF package, whose spine gives the
 * chapter order and whose Dublin Core metadata gives title, creator, date,
 * language and publisher. Each chapter goes through the same sanitize + walk
 * as a web page (no Readability: chapters are all content) and opens with a
 * level-1 heading — its title from the table of contents (EPUB 3 nav or
 * EPUB 2 NCX), else its first heading — so level-1 headings are the book's TOC.
 *
 * Links are kept as in a web page: an absolute http(s) address stays a link
 * on its words. A link to another place in the book (a chapter, a note
 * reference `ch2.xhtml#fn3`, `#fn3`) becomes an in-article link to the block
 * holding that place: each chapter's element ids are kept as anchors of their
 * blocks (and the chapter's file name as its heading's), and buildArticle
 * turns `#<file>#<id>` into `#<block id>`. A place the book does not have
 * leads to its chapter, or, in no chapter of the spine, to nothing (the words
 * stay). Any other scheme is dropped.
 */
import path from 'node:path/posix';
import { JSDOM, VirtualConsole } from 'jsdom';
import type { BlockInput } from '../document/types';
import { GlossError } from '../errors';
import { decodeHtml } from './charset';
import { blocksFromDom } from './html-blocks';
import { AssetCollector } from './image-assets';
import { webLinkResolver } from './page-links';
import { SafeZip } from './safe-unzip';
import { sanitizeHtml } from './sanitize';
import type { ImportInput, ParsedDocument } from './types';

const quiet = (): VirtualConsole => new VirtualConsole();

/** Parse XML leniently: strict XML first, the HTML parser if the file is not well-formed. */
function parseXml(text: string): Document {
  try {
    return new JSDOM(text, { contentType: 'application/xml', virtualConsole: quiet() }).window.document;
  } catch {
    return new JSDOM(text, { virtualConsole: quiet() }).window.document;
  }
}

/** Elements by local name, whatever prefix or namespace the file used. */
function els(doc: Document | Element, name: string): Element[] {
  return Array.from(doc.getElementsByTagName('*')).filter(
    (e) => e.localName.replace(/^.*:/, '').toLowerCase() === name.toLowerCase(),
  );
}

const textOf = (e: Element | undefined): string | undefined =>
  e?.textContent?.replace(/\s+/g, ' ').trim() || undefined;

/** The fragment of an href (after `#`), decoded; '' when there is none. */
function fragmentOf(href: string): string {
  const hash = href.indexOf('#');
  if (hash < 0) return '';
  try {
    return decodeURIComponent(href.slice(hash + 1));
  } catch {
    return href.slice(hash + 1);
  }
}

/** A path inside the archive, resolved from the file that refers to it; undefined if it leaves the archive root. */
function resolveIn(fromFile: string, href: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) return undefined;
  let target: string;
  try {
    target = decodeURIComponent(href.split('#')[0]);
  } catch {
    target = href.split('#')[0];
  }
  if (!target) return undefined;
  const joined = path.normalize(path.join(path.dirname(fromFile), target));
  return joined.startsWith('../') || joined === '..' ? undefined : joined.replace(/^\.?\//, '');
}

const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);

/** XHTML's `<div/>` means an empty element; the HTML parser would leave it open (and `<title/>` would swallow the page). */
function expandSelfClosing(xhtml: string): string {
  return xhtml.replace(/<([a-zA-Z][\w:-]*)(\s[^<>]*?)?\/>/g, (whole, tag: string, attrs = '') =>
    VOID.has(tag.toLowerCase()) ? whole : `<${tag}${attrs}></${tag}>`,
  );
}

interface ManifestItem {
  href: string;
  type: string;
  properties: string;
}

/** chapter path → title, from the EPUB 3 nav document or the EPUB 2 NCX. */
function tableOfContents(
  zip: SafeZip,
  manifest: Map<string, ManifestItem>,
  tocId: string | undefined,
): Map<string, string> {
  const toc = new Map<string, string>();
  const add = (file: string, href: string | null | undefined, title: string | undefined): void => {
    const target = href ? resolveIn(file, href) : undefined;
    if (target && title && !toc.has(target)) toc.set(target, title);
  };
  const nav = [...manifest.values()].find((m) => m.properties.split(/\s+/).includes('nav'));
  if (nav) {
    const bytes = zip.read(nav.href);
    if (bytes) {
      const doc = new JSDOM(expandSelfClosing(decodeHtml(bytes).text), { virtualConsole: quiet() }).window
        .document;
      const navs = els(doc, 'nav');
      const tocNav = navs.find((n) => /\btoc\b/.test(n.getAttribute('epub:type') ?? '')) ?? navs[0];
      for (const a of tocNav ? els(tocNav, 'a') : []) add(nav.href, a.getAttribute('href'), textOf(a));
    }
  }
  const ncx =
    (tocId && manifest.get(tocId)) ||
    [...manifest.values()].find((m) => m.type === 'application/x-dtbncx+xml');
  if (toc.size === 0 && ncx) {
    const bytes = zip.read(ncx.href);
    if (bytes) {
      for (const point of els(parseXml(decodeHtml(bytes).text), 'navPoint')) {
        const label = textOf(els(point, 'text')[0]);
        add(ncx.href, els(point, 'content')[0]?.getAttribute('src'), label);
      }
    }
  }
  return toc;
}

/**
 * A link to a place the book does not have (an id no chapter holds) leads to its chapter; a link to a
 * skipped chapter (a blank page) leads nowhere and is dropped. Anchors no link uses are not kept.
 */
function pointInBookLinks(blocks: BlockInput[]): void {
  const named = new Set(blocks.flatMap((b) => b.anchors ?? []));
  const used = new Set<string>();
  for (const b of blocks) {
    if (!b.links?.some((l) => l.href.startsWith('#'))) continue;
    const links = b.links.flatMap((l) => {
      if (!l.href.startsWith('#')) return [l];
      const name = l.href.slice(1);
      const to = named.has(name) ? name : name.split('#')[0];
      if (!named.has(to)) return [];
      used.add(to);
      return [{ ...l, href: `#${to}` }];
    });
    if (links.length) b.links = links;
    else delete b.links;
  }
  for (const b of blocks) {
    if (!b.anchors) continue;
    const kept = b.anchors.filter((a) => used.has(a));
    if (kept.length) b.anchors = kept;
    else delete b.anchors;
  }
}

export async function parseEpubFile(input: ImportInput): Promise<ParsedDocument> {
  const label = input.fileName ? `“${input.fileName}”` : 'The book';
  const zip = new SafeZip(input.bytes, label);
  const warnings: string[] = [];

  const container = zip.read('META-INF/container.xml');
  if (!container)
    throw new GlossError('CORRUPT', `${label} has no META-INF/container.xml, so it is not a readable EPUB.`);
  const opfPath =
    els(parseXml(decodeHtml(container).text), 'rootfile')[0]?.getAttribute('full-path') ?? undefined;
  const opfBytes = opfPath ? zip.read(opfPath) : undefined;
  if (!opfPath || !opfBytes)
    throw new GlossError(
      'CORRUPT',
      `${label} does not say where its package (OPF) file is, or that file is missing.`,
    );
  const opf = parseXml(decodeHtml(opfBytes).text);

  const manifest = new Map<string, ManifestItem>();
  for (const item of els(opf, 'item')) {
    const href = resolveIn(opfPath, item.getAttribute('href') ?? '');
    const id = item.getAttribute('id');
    if (id && href)
      manifest.set(id, {
        href,
        type: item.getAttribute('media-type') ?? '',
        properties: item.getAttribute('properties') ?? '',
      });
  }
  const spineEl = els(opf, 'spine')[0];
  const spine = els(opf, 'itemref')
    .map((r) => manifest.get(r.getAttribute('idref') ?? ''))
    .filter((m): m is ManifestItem => !!m && /html|xml/.test(m.type) && !m.type.includes('ncx'));
  const toc = tableOfContents(zip, manifest, spineEl?.getAttribute('toc') ?? undefined);

  const dc = (name: string): string[] =>
    els(opf, name)
      .map((e) => textOf(e))
      .filter((s): s is string => !!s);
  const title = dc('title')[0] ?? input.fileName?.replace(/\.[^.]+$/, '') ?? 'Untitled';
  const creators = dc('creator');

  const collector = new AssetCollector();
  const window = new JSDOM('', { virtualConsole: quiet() }).window;
  // No base address: only absolute http(s) links go to the web; relative ones point inside the book.
  const webLink = webLinkResolver(undefined);
  const chapters = new Set(spine.map((item) => item.href));
  /** An in-book href as `#<chapter file>#<id>` (buildArticle's anchor name), or undefined. */
  const bookLink = (fromFile: string, href: string): string | undefined => {
    const file = href.trim().startsWith('#') ? fromFile : resolveIn(fromFile, href.trim());
    if (!file || !chapters.has(file)) return undefined;
    const id = fragmentOf(href.trim());
    return id ? `#${file}#${id}` : `#${file}`;
  };
  const blocks: BlockInput[] = [{ kind: 'title', text: title }];
  spine.forEach((item, n) => {
    const bytes = zip.read(item.href);
    if (!bytes) {
      warnings.push(`The chapter “${item.href}” is missing from ${label}; it was skipped.`);
      return;
    }
    const decoded = decodeHtml(bytes);
    const doc = new JSDOM(expandSelfClosing(decoded.text), { virtualConsole: quiet() }).window.document;
    const resolveImage = (src: string): string | undefined => {
      if (/^data:/i.test(src)) return collector.fromDataUrl(src);
      const target = resolveIn(item.href, src);
      const data = target ? zip.read(target) : undefined;
      return data ? collector.add(data, `“${target}”`) : undefined;
    };
    const body = sanitizeHtml(window, doc.body?.innerHTML ?? '');
    const resolveLink = (href: string) => webLink(href) ?? bookLink(item.href, href);
    const chapter = blocksFromDom(body, { resolveImage, resolveLink, headingShift: 1, keepAnchors: true });
    for (const b of chapter) if (b.anchors) b.anchors = b.anchors.map((id) => `${item.href}#${id}`);
    const firstHeading = chapter.findIndex((b) => b.kind === 'heading');
    const heading =
      toc.get(item.href) ??
      (firstHeading >= 0 ? chapter[firstHeading].text : undefined) ??
      textOf(doc.querySelector('title') ?? undefined);
    if (chapter.length === 0 && !toc.has(item.href)) return; // a cover page or blank divider
    const chapterTitle = heading ?? `Chapter ${n + 1}`;
    // The chapter's own copy of its title is not repeated under the level-1 heading.
    const anchors = [item.href];
    if (
      firstHeading >= 0 &&
      firstHeading < 2 &&
      chapter[firstHeading].text.toLowerCase() === chapterTitle.toLowerCase()
    )
      anchors.push(...(chapter.splice(firstHeading, 1)[0].anchors ?? []));
    blocks.push({ kind: 'heading', text: chapterTitle, level: 1, anchors }, ...chapter);
  });
  window.close();
  if (blocks.length === 1)
    throw new GlossError('EMPTY', `${label} has no chapters with text Gloss could read.`);
  pointInBookLinks(blocks);

  const meta: ParsedDocument['meta'] = { title };
  if (creators.length) meta.byline = creators.join(', ');
  const date = dc('date')[0];
  if (date) meta.published = date;
  const language = dc('language')[0];
  if (language) meta.language = language;
  const publisher = dc('publisher')[0];
  if (publisher) meta.source = publisher;
  const out: ParsedDocument = { blocks, meta, warnings: [...warnings, ...collector.warnings] };
  if (collector.assets.size) out.assets = collector.assets;
  return out;
}
