/**
 * What a page says about itself: Open Graph and article:* meta tags,
 * author meta, <time datetime>, JSON-LD (NewsArticle and friends), the
 * canonical link and <html lang>. Read from the page before Readability
 * strips its head.
 */
export interface PageMeta {
  title?: string;
  byline?: string;
  source?: string;
  published?: string;
  url?: string;
  language?: string;
}

const clean = (s: string | null | undefined): string | undefined => {
  const t = s?.replace(/\s+/g, ' ').trim();
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

function personName(v: unknown): string | undefined {
  if (typeof v === 'string') return clean(v);
  if (Array.isArray(v)) {
    const names = v.map(personName).filter(Boolean);
    return names.length ? names.join(', ') : undefined;
  }
  if (v && typeof v === 'object') return personName((v as Json).name);
  return undefined;
}

export function pageMeta(doc: Document): PageMeta {
  const ld = jsonLdArticles(doc);
  const fromLd = (key: string): unknown =>
    ld.map((o) => o[key]).find((v) => v !== undefined && v !== null && v !== '');
  const timeEl = doc.querySelector('article time[datetime], time[datetime]');
  const meta: PageMeta = {
    title:
      metaContent(doc, 'og:title', 'twitter:title') ??
      clean(typeof fromLd('headline') === 'string' ? (fromLd('headline') as string) : undefined) ??
      clean(doc.title),
    byline:
      metaContent(doc, 'author', 'article:author', 'byl', 'dc.creator', 'parsely-author') ??
      personName(fromLd('author')),
    source: metaContent(doc, 'og:site_name', 'application-name') ?? personName(fromLd('publisher')),
    published:
      metaContent(
        doc,
        'article:published_time',
        'datepublished',
        'publishdate',
        'date',
        'dc.date',
        'dc.date.issued',
      ) ??
      clean(typeof fromLd('datePublished') === 'string' ? (fromLd('datePublished') as string) : undefined) ??
      clean(timeEl?.getAttribute('datetime')),
    url:
      clean(doc.querySelector('link[rel~="canonical"]')?.getAttribute('href')) ?? metaContent(doc, 'og:url'),
    language:
      clean(doc.documentElement.getAttribute('lang')) ??
      metaContent(doc, 'og:locale', 'language', 'content-language'),
  };
  // Bylines often arrive as "By Jane Doe"; only http(s) URLs are kept.
  if (meta.byline) meta.byline = meta.byline.replace(/^by\s+/i, '');
  if (meta.url && !/^https?:\/\//i.test(meta.url)) delete meta.url;
  for (const k of Object.keys(meta) as Array<keyof PageMeta>) if (meta[k] === undefined) delete meta[k];
  return meta;
}
