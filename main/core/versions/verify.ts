/**
 * Quote integrity: each quote of an export checked against the library.
 *
 * - **current** — the words are in the article's current version (exactly,
 *   or up to white space, Unicode normalisation, curly quotes and dashes, which
 *   a text editor or a copy may change without changing the words);
 * - **older** — they are only in an older version of it: the article changed;
 * - **changed** — a passage of the current version matches them approximately
 *   (the fuzzy search of re-anchoring): the words were edited;
 * - **not-found** — nowhere.
 *
 * The article is the one the export names (its id, its address, its title);
 * a quote without any of those is looked for in every article.
 */
import { codePointToUtf16 } from '../anchoring/codepoints';
import { matchQuote } from '../anchoring/match-quote';
import type { Article, ArticleVersion } from '../document/types';
import type { ArticleIndexEntry, ArticleReadOptions } from '../store/index';
import { canonicalUrl, sameLabel } from './detect';
import type { ExportedQuote } from './exported-quotes';
import { currentVersionHash, versionsOf } from './version-list';

export type QuoteStatus = 'current' | 'older' | 'changed' | 'not-found';

export interface QuoteCheck {
  label: string;
  exact: string;
  status: QuoteStatus;
  articleId?: string;
  title?: string;
  /** The version the words were found in (current or older). */
  version?: string;
  /** changed (and older, when found): the words now in the current version. */
  now?: string;
  /** JSON exports: whether the stored position (code points) still holds the words in the current version. */
  position?: 'holds' | 'moved';
}

export interface VerifyLibrary {
  listArticles(): ArticleIndexEntry[];
  getArticleIfIntact(id: string, options?: ArticleReadOptions): Promise<Article | null>;
  getArticleVersion(id: string, version: ArticleVersion): Promise<Article>;
}

/** Folded for comparison: NFC, white space runs, curly quotes, dashes. */
export function foldQuote(s: string): string {
  return s
    .normalize('NFC')
    .replace(/[‘’‚‛]/g, "'")
    .replace(/[“”„‟]/g, '"')
    .replace(/[‐‑‒–—―]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

export async function verifyQuotes(
  library: VerifyLibrary,
  quotes: readonly ExportedQuote[],
): Promise<QuoteCheck[]> {
  const entries = library.listArticles();
  const texts = new Map<string, Article | null>();
  const folded = new Map<string, string>();
  const current = async (id: string) => {
    // Read in passing (held here for this check only): a quote naming no article is looked for in every one,
    // which would otherwise push the article open in the app out of the store's cache.
    if (!texts.has(id)) texts.set(id, await library.getArticleIfIntact(id, { keep: false }));
    return texts.get(id) ?? null;
  };
  const foldedText = (key: string, text: string) => {
    let f = folded.get(key);
    if (f === undefined) folded.set(key, (f = foldQuote(text)));
    return f;
  };
  const holds = (key: string, text: string, exact: string) =>
    text.includes(exact) || foldedText(key, text).includes(foldQuote(exact));

  const out: QuoteCheck[] = [];
  for (const q of quotes) {
    const base = { label: q.label, exact: q.exact };
    const candidates = candidatesFor(entries, q);
    let check: QuoteCheck | null = null;
    for (const e of candidates) {
      const a = await current(e.id);
      if (a && holds(e.id, a.text, q.exact)) {
        check = {
          ...base,
          status: 'current',
          articleId: a.id,
          title: a.meta.title,
          version: currentVersionHash(a),
        };
        if (q.position && (!q.articleId || q.articleId === a.id)) {
          const start = codePointToUtf16(a.text, q.position.start);
          const end = codePointToUtf16(a.text, q.position.end);
          check.position = a.text.slice(start, end) === q.exact ? 'holds' : 'moved';
        }
        break;
      }
    }
    for (const e of check ? [] : candidates) {
      const a = await current(e.id);
      if (!a) continue;
      for (const v of versionsOf(a).slice(0, -1).reverse()) {
        const old = await library.getArticleVersion(a.id, v).catch(() => null);
        if (old && holds(`${a.id}:${v.hash}`, old.text, q.exact)) {
          // What the current version says there instead, when it can be found.
          const m = matchQuote(a.text, q.exact);
          check = {
            ...base,
            status: 'older',
            articleId: a.id,
            title: a.meta.title,
            version: v.hash,
            ...(m && { now: a.text.slice(m.start, m.end) }),
          };
          break;
        }
      }
      if (check) break;
    }
    for (const e of check ? [] : candidates) {
      const a = await current(e.id);
      const m = a && matchQuote(a.text, q.exact);
      if (a && m) {
        check = {
          ...base,
          status: 'changed',
          articleId: a.id,
          title: a.meta.title,
          version: currentVersionHash(a),
          now: a.text.slice(m.start, m.end),
        };
        break;
      }
    }
    out.push(
      check ?? {
        ...base,
        status: 'not-found',
        ...(candidates.length === 1 && { articleId: candidates[0].id, title: candidates[0].title }),
      },
    );
  }
  return out;
}

/** The articles a quote names: by id, else address, else title; none named (or none found) → all. */
function candidatesFor(entries: readonly ArticleIndexEntry[], q: ExportedQuote): ArticleIndexEntry[] {
  if (q.articleId) {
    const byId = entries.filter((e) => e.id === q.articleId);
    if (byId.length) return byId;
  }
  const url = canonicalUrl(q.url);
  if (url) {
    const byUrl = entries.filter((e) => canonicalUrl(e.url) === url);
    if (byUrl.length) return byUrl;
  }
  if (q.title) {
    const byTitle = entries.filter((e) => sameLabel(e.title, q.title));
    if (byTitle.length) return byTitle;
  }
  return [...entries];
}
