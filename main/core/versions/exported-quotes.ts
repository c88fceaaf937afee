/**
 * The quotes of an export, read back: Gloss's Markdown (a blockquote per
 * passage, its `<!-- gloss … -->` comment naming article and version) or W3C
 * Web Annotation JSON (a collection, a page, one annotation or a list), as
 * Gloss wrote them or as a person edited them afterwards. Pure: no library.
 */
import { GlossError } from '../errors';

export interface ExportedQuote {
  /** Where in the file: "passage 3 (line 41)" or "item 3". */
  label: string;
  exact: string;
  articleId?: string;
  /** The article's title as the export gives it (a heading, front matter). */
  title?: string;
  /** The page's address as the export gives it. */
  url?: string;
  /** The version the passage was made or confirmed on. */
  version?: string;
  /** Code points, as the W3C model counts (JSON only). */
  position?: { start: number; end: number };
}

/** Markdown's backslash escapes undone (CommonMark: any ASCII punctuation). */
function unescapeMarkdown(s: string): string {
  return s.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

const GLOSS_COMMENT = /<!--\s*gloss\b([^>]*)-->/;
const BLOCK_ID = /\s\^[A-Za-z0-9-]+\s*$/;

export function quotesFromMarkdown(text: string): ExportedQuote[] {
  const lines = text.split(/\r\n|\r|\n/);
  const out: ExportedQuote[] = [];
  let title: string | undefined;
  let url: string | undefined;
  let i = 0;
  // Front matter: the single-article export's title and url.
  if (lines[0] === '---') {
    const end = lines.indexOf('---', 1);
    for (const l of lines.slice(1, end > 0 ? end : 1)) {
      const m = /^(title|url):\s*(.*)$/.exec(l);
      if (m) {
        const value = m[2].replace(/^(["'])(.*)\1$/, '$2');
        if (m[1] === 'title') title = value;
        else url = value;
      }
    }
    i = end > 0 ? end + 1 : 0;
  }
  let current: { start: number; body: string[] } | null = null;
  const finish = () => {
    if (!current) return;
    const body = current.body.join('\n').replace(BLOCK_ID, '');
    const exact = unescapeMarkdown(body).trim();
    if (exact)
      out.push({ label: `passage ${out.length + 1} (line ${current.start + 1})`, exact, title, url });
    current = null;
  };
  for (; i < lines.length; i++) {
    const line = lines[i];
    const quoted = /^\s{0,3}>\s?(.*)$/.exec(line);
    if (quoted) {
      current ??= { start: i, body: [] };
      current.body.push(quoted[1]);
      continue;
    }
    finish();
    const heading = /^#{1,2}\s+(.*)$/.exec(line);
    if (heading && !/^Passages no longer found/.test(heading[1])) {
      title = unescapeMarkdown(heading[1]).trim();
      url = undefined;
    }
    const link = /^\*.*\*\s*·\s*<(https?:[^>]+)>\s*$|^<(https?:[^>]+)>\s*$/.exec(line);
    if (link) url = link[1] ?? link[2];
    const comment = GLOSS_COMMENT.exec(line);
    const last = out.at(-1);
    if (comment && last && !last.articleId) {
      const fields = Object.fromEntries(
        [...comment[1].matchAll(/([a-z]+)=(\S+)/g)].map((m) => [m[1], m[2]] as const),
      );
      if (fields.article) last.articleId = fields.article;
      if (fields.version) last.version = fields.version;
    }
  }
  finish();
  return out;
}

interface WebAnnotationLike {
  target?: unknown;
  'gloss:version'?: unknown;
}

export function quotesFromWebAnnotations(raw: unknown): ExportedQuote[] {
  const r = raw as Record<string, unknown> | null;
  const items: unknown[] = Array.isArray(raw)
    ? raw
    : r && typeof r === 'object'
      ? r.type === 'AnnotationCollection'
        ? (((r.first as Record<string, unknown> | undefined)?.items as unknown[]) ?? [])
        : r.type === 'AnnotationPage'
          ? ((r.items as unknown[]) ?? [])
          : [r]
      : [];
  const out: ExportedQuote[] = [];
  items.forEach((item, n) => {
    const a = item as WebAnnotationLike;
    const targets = Array.isArray(a?.target) ? a.target : [a?.target];
    for (const t of targets as Array<Record<string, unknown> | undefined>) {
      if (!t || typeof t !== 'object') continue;
      const selectors = (Array.isArray(t.selector) ? t.selector : [t.selector]) as Array<
        Record<string, unknown> | undefined
      >;
      const quote = selectors.find((s) => s?.type === 'TextQuoteSelector');
      if (!quote || typeof quote.exact !== 'string' || !quote.exact) continue;
      const pos = selectors.find((s) => s?.type === 'TextPositionSelector');
      const source = typeof t.source === 'string' ? t.source : undefined;
      const articleId = source?.startsWith('urn:gloss:article:')
        ? source.slice('urn:gloss:article:'.length)
        : typeof (a as Record<string, unknown>)['gloss:article'] === 'string'
          ? ((a as Record<string, unknown>)['gloss:article'] as string)
          : undefined;
      out.push({
        label: `item ${n + 1}`,
        exact: quote.exact,
        ...(articleId && { articleId }),
        ...(source && /^https?:/.test(source) && { url: source }),
        ...(typeof a['gloss:version'] === 'string' && { version: a['gloss:version'] }),
        ...(pos &&
          Number.isInteger(pos.start) &&
          Number.isInteger(pos.end) && { position: { start: pos.start as number, end: pos.end as number } }),
      });
    }
  });
  return out;
}

/** JSON when it parses as JSON, else Markdown. */
export function quotesFromExport(text: string): ExportedQuote[] {
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    let raw: unknown;
    try {
      raw = JSON.parse(trimmed);
    } catch {
      throw new GlossError(
        'UNSUPPORTED_FORMAT',
        'The file looks like JSON but does not parse: is it complete?',
      );
    }
    return quotesFromWebAnnotations(raw);
  }
  return quotesFromMarkdown(text);
}
