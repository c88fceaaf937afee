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

/**
 * Each quote checked in three passes — current text, older versions, approximate match — and each pass goes
 * article by article, in the library's order, over the quotes still open that name that article (or none):
 * an article is read once per pass, in passing, and dropped before the next is read, so a check of a whole
 * library's export holds one article's text at a time. A quote takes the first article that answers it, as
 * when each quote's candidates were tried in order.
 */
export async function verifyQuotes(
  library: VerifyLibrary,
  quotes: readonly ExportedQuote[],
): Promise<QuoteCheck[]> {
  const entries = library.listArticles();
  const checks: Array<QuoteCheck | undefined> = quotes.map(() => undefined);
  let unanswered = quotes.length;
  // Which quotes name which article; a quote naming none (or none found) is looked for in every one.
  const named = new Map<string, number[]>();
  const everywhere: number[] = [];
  /** A quote's one named article, which "not found" names. */
  const only = new Map<number, ArticleIndexEntry>();
  quotes.forEach((q, i) => {
    const list = candidatesFor(entries, q);
    if (list.length === 1) only.set(i, list[0]);
    if (list.length === entries.length) return everywhere.push(i);
    for (const e of list) {
      const at = named.get(e.id);
      if (at) at.push(i);
      else named.set(e.id, [i]);
    }
  });
  /** One pass: each article an open quote names, read in passing (not kept in the store's cache either). */
  const pass = async (check: (a: Article, open: number[]) => Promise<void> | void) => {
    for (const e of entries) {
      if (unanswered === 0) return;
      const open = [...(named.get(e.id) ?? []), ...everywhere].filter((i) => !checks[i]);
      if (open.length === 0) continue;
      const a = await library.getArticleIfIntact(e.id, { keep: false });
      if (a)
        await check(
          a,
          open.sort((x, y) => x - y),
        );
    }
  };
  const answer = (i: number, check: QuoteCheck) => {
    checks[i] = check;
    unanswered--;
  };

  await pass((a, open) => {
    const folded = lazyFold(a.text);
    for (const i of open) {
      const q = quotes[i];
      if (!holds(a.text, folded, q.exact)) continue;
      const check: QuoteCheck = {
        label: q.label,
        exact: q.exact,
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
      answer(i, check);
    }
  });
  // Only in an older version: the newest one holding the words, and what the current text says there instead.
  await pass(async (a, open) => {
    for (const v of versionsOf(a).slice(0, -1).reverse()) {
      const still = open.filter((i) => !checks[i]);
      if (still.length === 0) return;
      const old = await library.getArticleVersion(a.id, v).catch(() => null);
      if (!old) continue;
      const folded = lazyFold(old.text);
      for (const i of still) {
        const q = quotes[i];
        if (!holds(old.text, folded, q.exact)) continue;
        const m = matchQuote(a.text, q.exact);
        answer(i, {
          label: q.label,
          exact: q.exact,
          status: 'older',
          articleId: a.id,
          title: a.meta.title,
          version: v.hash,
          ...(m && { now: a.text.slice(m.start, m.end) }),
        });
      }
    }
  });
  await pass((a, open) => {
    for (const i of open) {
      const q = quotes[i];
      const m = matchQuote(a.text, q.exact);
      if (m)
        answer(i, {
          label: q.label,
          exact: q.exact,
          status: 'changed',
          articleId: a.id,
          title: a.meta.title,
          version: currentVersionHash(a),
          now: a.text.slice(m.start, m.end),
        });
    }
  });
  return quotes.map((q, i) => {
    const one = only.get(i);
    return (
      checks[i] ?? {
        label: q.label,
        exact: q.exact,
        status: 'not-found',
        ...(one && { articleId: one.id, title: one.title }),
      }
    );
  });
}

/** A text folded for comparison, made only if some quote is not in it as typed. */
function lazyFold(text: string): () => string {
  let folded: string | undefined;
  return () => (folded ??= foldQuote(text));
}

const holds = (text: string, folded: () => string, exact: string) =>
  text.includes(exact) || folded().includes(foldQuote(exact));

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
