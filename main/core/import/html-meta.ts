/**
 * What a page says about itself: Open Graph and article:* meta tags,
 * author meta, <time datetime>, JSON-LD (NewsArticle and friends), the
 * canonical link and <html lang>. Read from the page before Readability
 * strips its head. The headline and site are chosen in headline.ts, the
 * authors cleaned in authors.ts.
 */
import { chooseByline } from './authors';
import { chooseHeadline } from './headline';
import { stripMarkupText } from './html-blocks';

export interface PageMeta {
  title?: string;
  byline?: string;
  source?: string;
  published?: string;
  url?: string;
  language?: string;
  /** Author fields that held profile URLs: names are made from them only when nothing better is printed. */
  authorUrls?: string[];
}

const clean = (s: string | null | undefined): string | undefined => {
  const t = s === null || s === undefined ? undefined : stripMarkupText(s).replace(/\s+/g, ' ').trim();
  return t ? t : undefined;
};

function metaContent(doc: Document, ...keys: string[]): string | undefined {
  for (const key of keys) {
    for (const el of Array.from(doc.querySelectorAll('meta'))) {
      const k = (
        el.getAttribute('property') ??
        el.getAttribute('name') ??
        el.getAttribute('itemprop') ??
        ''
      ).toLowerCase();
      if (k === key) {
        const v = clean(el.getAttribute('content'));
        if (v) return v;
      }
    }
  }
  return undefined;
}

type Json = Record<string, unknown>;

/** Article-like objects in the page's JSON-LD, flattening @graph and arrays. */
function jsonLdArticles(doc: Document): Json[] {
  const out: Json[] = [];
  const collect = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(collect);
    else if (v && typeof v === 'object') {
      const o = v as Json;
      if (o['@graph']) collect(o['@graph']);
      const type = ([] as unknown[]).concat(o['@type'] ?? []).join(' ');
      if (/Article|BlogPosting|Report|WebPage/i.test(type)) out.push(o);
    }
  };
  for (const s of Array.from(doc.querySelectorAll('script[type="application/ld+json"]'))) {
    try {
      collect(JSON.parse(s.textContent ?? ''));
    } catch {
      // Malformed JSON-LD is common; it simply tells us nothing.
    }
  }
  // Articles before generic WebPage entries.
  return out.sort(
    (a, b) => Number(/WebPage/.test(String(a['@type']))) - Number(/WebPage/.test(String(b['@type']))),
  );
}

function personNames(v: unknown): string[] {
  if (typeof v === 'string') return clean(v) ? [clean(v)!] : [];
  if (Array.isArray(v)) return v.flatMap(personNames);
  if (v && typeof v === 'object') return personNames((v as Json).name);
  return [];
}
const personName = (v: unknown): string | undefined => personNames(v).join(', ') || undefined;

/** The page's <h1> texts, the article's own first (a logo's h1 often comes earlier). */
function headings(doc: Document): string[] {
  const all = Array.from(doc.querySelectorAll('h1'));
  const inArticle = (h: Element): boolean =>
    !!h.closest('article, main, [itemprop="headline"], [role="main"]');
  return [...all.filter(inArticle), ...all.filter((h) => !inArticle(h))]
    .map((h) => clean(h.textContent))
    .filter((t): t is string => !!t);
}

export function pageMeta(doc: Document): PageMeta {
  const ld = jsonLdArticles(doc);
  const fromLd = (key: string): unknown =>
    ld.map((o) => o[key]).find((v) => v !== undefined && v !== null && v !== '');
  const ldString = (key: string): string | undefined => {
    const v = fromLd(key);
    return typeof v === 'string' ? clean(v) : undefined;
  };
  const timeEl = doc.querySelector('article time[datetime], time[datetime]');
  const siteNames = [
    metaContent(doc, 'og:site_name'),
    metaContent(doc, 'application-name'),
    personName(fromLd('publisher')),
  ].filter((s): s is string => !!s);
  const { title, site } = chooseHeadline({
    ldHeadline: ldString('headline'),
    ogTitle: metaContent(doc, 'og:title'),
    twitterTitle: metaContent(doc, 'twitter:title'),
    docTitle: clean(doc.title),
    h1s: headings(doc),
    siteNames,
  });
  const authorFields: Array<string | string[]> = [
    personNames(fromLd('author')),
    metaContent(doc, 'author'),
    metaContent(doc, 'byl'),
    metaContent(doc, 'dc.creator'),
    metaContent(doc, 'parsely-author'),
    metaContent(doc, 'article:author'),
  ].filter((v): v is string | string[] => v !== undefined && v.length > 0);
  const isUrl = (v: string | string[]): boolean => typeof v === 'string' && /^https?:\/\//i.test(v);
  const authorUrls = authorFields.filter((v): v is string => isUrl(v));
  const meta: PageMeta = {
    title,
    byline: chooseByline(authorFields.filter((v) => !isUrl(v))),
    ...(authorUrls.length ? { authorUrls } : {}),
    source: site,
    published:
      ldString('datePublished') ??
      metaContent(
        doc,
        'article:published_time',
        'datepublished',
        'publishdate',
        'date',
        'dc.date',
        'dc.date.issued',
      ) ??
      clean(timeEl?.getAttribute('datetime')),
    url:
      clean(doc.querySelector('link[rel~="canonical"]')?.getAttribute('href')) ?? metaContent(doc, 'og:url'),
    language:
      clean(doc.documentElement.getAttribute('lang')) ??
      metaContent(doc, 'og:locale', 'language', 'content-language'),
  };
  // Only http(s) URLs are kept.
  if (meta.url && !/^https?:\/\//i.test(meta.url)) delete meta.url;
  for (const k of Object.keys(meta) as Array<keyof PageMeta>) if (meta[k] === undefined) delete meta[k];
  return meta;
}
