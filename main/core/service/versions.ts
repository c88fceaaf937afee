/**
 * Article versions as service requests: an import that is a new version of an
 * article in the library becomes one (placeImport, called by the import code
 * before it stores anything), the versions listed, read and compared word by
 * word, and the review of annotations whose words changed or were not found on
 * the new version — accept, re-select, keep on the old version (delete and its
 * undo are the ordinary deleteAnnotation / restoreAnnotations).
 */
import type {
  ArticleVersions,
  BatchReport,
  PlacedImport,
  Request,
  ReviewAnswer,
  ReviewItem,
  VersionComparison,
} from '../contract';
import { parseRequest } from '../dispatch';
import type { Annotation } from '../annotations/types';
import { describeRange } from '../anchoring/describe';
import type { Article, ArticleVersion } from '../document/types';
import { GlossError } from '../errors';
import type { Imported } from '../import/index';
import type { ServiceContext } from './context';
import {
  boilerplateOf,
  candidateKind,
  judgeVersion,
  MAX_RETITLED_CANDIDATES,
  MAX_TITLE_MATCHED_CANDIDATES,
  resemblance,
  shingles,
  titlesShareWords,
  titleWords,
  without,
} from '../versions/detect';
import type { ArticleIndexEntry } from '../store/schemas';
import { inReview } from '../versions/review-band';
import type { compareWords as CompareWords } from '../versions/compare';
import { currentVersionHash, versionsOf } from '../versions/version-list';
import { separable } from '../versions/separable';
import { quotesFromExport } from '../versions/exported-quotes';
import { verifyQuotes, type QuoteCheck } from '../versions/verify';

/**
 * Before an import is stored: the same source as one of an article's versions → that article
 * (nothing to add); a new version of an article → added to it; uncertain → the caller stores
 * it as a new article and asks. Null: an ordinary import.
 */
export async function placeImport(
  { store, articleQueue }: ServiceContext,
  imported: Imported,
  opts: { newArticle?: boolean } = {},
): Promise<PlacedImport | null> {
  const incoming = imported.article;
  const known = store.articleWithVersionSource(incoming.id);
  if (known) return { kind: 'existing', articleId: known };
  if (opts.newArticle || store.hasArticle(incoming.id)) return null;
  const meta = {
    title: incoming.meta.title,
    source: incoming.meta.source,
    url: incoming.meta.url,
    wordCount: incoming.meta.wordCount,
  };
  // Index fields first: only an article of the same address, title and source, or source is read.
  const read: { entry: ArticleIndexEntry; shingles: Set<number> }[] = [];
  let retitled = 0;
  let titled = 0;
  const words = titleWords(meta.title);
  for (const entry of store.listArticles()) {
    const kind = candidateKind(meta, entry);
    if (!kind) continue;
    if (kind === 'source' && ++retitled > MAX_RETITLED_CANDIDATES) {
      // Past the source's newest, across the whole library: only a title sharing most of its words is read.
      if (titled >= MAX_TITLE_MATCHED_CANDIDATES || !titlesShareWords(words, titleWords(entry.title)))
        continue;
      titled++;
    }
    // In passing: only its shingles are kept, and the candidates do not push the open article out of the cache.
    const existing = await store.getArticleIfIntact(entry.id, { keep: false });
    if (existing) read.push({ entry, shingles: shingles(existing.text) });
  }
  if (read.length === 0) return null;
  const all = shingles(incoming.text);
  let boilerplate = boilerplateOf(
    all,
    read.map((c) => c.shingles),
  );
  // A text that is all boilerplate is measured whole (two empty sets would look alike).
  if (boilerplate.size >= all.size) boilerplate = new Set();
  const mine = without(all, boilerplate);
  let best: { articleId: string; verdict: 'version' | 'ask'; resemblance: number } | null = null;
  for (const { entry, shingles: theirs } of read) {
    const r = resemblance(mine, without(theirs, boilerplate));
    const { verdict } = judgeVersion(meta, entry, () => r);
    if (verdict === 'different') continue;
    // A version beats an uncertain match; among equals, the more alike.
    const rank = (v: 'version' | 'ask', x: number) => (v === 'version' ? 2 : 0) + x;
    if (!best || rank(verdict, r) > rank(best.verdict, best.resemblance))
      best = { articleId: entry.id, verdict, resemblance: r };
  }
  if (!best) return null;
  if (best.verdict === 'ask') return { kind: 'ask', of: best.articleId, resemblance: best.resemblance };
  const into = best.articleId;
  const { addVersionFrom } = await import('../versions/add-version');
  const added = await articleQueue.run(into, () => addVersionFrom(store, into, incoming, imported.assets));
  return added ? { kind: 'version', added } : { kind: 'existing', articleId: into };
}

export function versionRequests({ store, now, articleQueue }: ServiceContext) {
  const inTurn = <T>(articleId: string, work: () => Promise<T>) => articleQueue.run(articleId, work);
  async function article(id: string): Promise<Article> {
    if (!store.hasArticle(id)) throw new GlossError('NOT_FOUND', `No article with id ${id} in the library.`);
    return store.getArticle(id);
  }

  function versionOf(a: Article, hash: string): ArticleVersion {
    const found = versionsOf(a).find((v) => v.hash === hash);
    if (!found) throw new GlossError('NOT_FOUND', `“${a.meta.title}” has no version ${hash.slice(0, 12)}.`);
    return found;
  }

  async function textOf(a: Article, hash: string): Promise<Article> {
    return hash === currentVersionHash(a) ? a : store.getArticleVersion(a.id, versionOf(a, hash));
  }

  async function reviewAnnotation(articleId: string, id: string): Promise<Annotation> {
    const found = (await store.listAnnotations(articleId)).find((a) => a.id === id);
    if (!found)
      throw new GlossError('NOT_FOUND', `No annotation ${id} on this article; it may have been deleted.`);
    return found;
  }

  /** Confirmed on the current version, nothing left to review. */
  function confirmed(a: Annotation, version: string, target = a.target): Annotation {
    const { versionChange: _c, orphan: _o, ...rest } = a;
    return { ...rest, target, versionHash: version, modified: now() };
  }

  /** Back on the version it was on, as it was there: an orphan of the current text. */
  function keptOnOld(a: Annotation): Annotation {
    const change = a.versionChange;
    if (!change) return a;
    const { versionChange: _c, ...rest } = a;
    const { exact, prefix, suffix, start, end } = change.previous;
    return {
      ...rest,
      orphan: true,
      versionHash: change.fromVersion,
      target: {
        ...a.target,
        quote: { type: 'TextQuoteSelector', exact, prefix, suffix },
        position: { type: 'TextPositionSelector', start, end },
      },
      modified: now(),
    };
  }

  function accepted(a: Annotation, current: string): Annotation {
    // Words not found in the new text: accepting can only keep them where they were.
    return a.versionChange?.band === 'not-found' ? keptOnOld(a) : confirmed(a, current);
  }

  return {
    /** Makes an article imported separately a version of another (the answer to "is this a new version?"). */
    async addAsVersion(request: Request<'addAsVersion'>) {
      const req = await parseRequest('addAsVersion', request);
      if (req.articleId === req.of)
        throw new GlossError('INVALID_REQUEST', 'An article cannot be a version of itself.');
      const incoming = await article(req.articleId);
      await article(req.of);
      if ((await store.listAnnotations(req.articleId)).length > 0)
        throw new GlossError(
          'INVALID_REQUEST',
          `“${incoming.meta.title}” has highlights of its own: it stays a separate article.`,
        );
      const { addVersionFrom } = await import('../versions/add-version');
      const added = await inTurn(req.of, () => addVersionFrom(store, req.of, incoming));
      await store.removeArticle(req.articleId);
      return added;
    },

    /** A version made an article of its own (one journaled store operation; versions/separate-version.ts). */
    async separateVersion(request: Request<'separateVersion'>) {
      const req = await parseRequest('separateVersion', request);
      await article(req.articleId);
      const { separateVersion } = await import('../versions/separate-version');
      return inTurn(req.articleId, () => separateVersion(store, req.articleId, req.version));
    },

    /** Undo of separateVersion. */
    async rejoinVersion(request: Request<'rejoinVersion'>) {
      const req = await parseRequest('rejoinVersion', request);
      await article(req.articleId);
      await article(req.into);
      const { rejoinVersion } = await import('../versions/separate-version');
      return inTurn(req.into, () =>
        inTurn(req.articleId, () => rejoinVersion(store, req.articleId, req.into)),
      );
    },

    async listVersions(request: Request<'listVersions'>): Promise<ArticleVersions> {
      const req = await parseRequest('listVersions', request);
      const a = await article(req.articleId);
      const annotations = await store.listAnnotations(req.articleId);
      const current = currentVersionHash(a);
      return {
        articleId: a.id,
        title: a.meta.title,
        current,
        versions: versionsOf(a).map((v) => ({
          hash: v.hash,
          importedAt: v.importedAt,
          title: v.title,
          wordCount: v.wordCount,
          current: v.hash === current,
          annotations: annotations.filter((x) => x.versionHash === v.hash).length,
          separable: separable(a, v),
        })),
        inReview: annotations.filter(inReview).length,
      };
    },

    async getArticleVersion(request: Request<'getArticleVersion'>): Promise<Article> {
      const req = await parseRequest('getArticleVersion', request);
      return textOf(await article(req.articleId), req.version);
    },

    async compareVersions(request: Request<'compareVersions'>): Promise<VersionComparison> {
      const req = await parseRequest('compareVersions', request);
      const a = await article(req.articleId);
      const [from, to] = await Promise.all([textOf(a, req.from), textOf(a, req.to)]);
      const { compareTexts } = await import('../versions/compare');
      const changes = compareTexts(from.text, to.text);
      const words = (op: string) =>
        changes
          .filter((c) => c.op === op)
          .reduce((n, c) => n + (c.text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0), 0);
      return { from: req.from, to: req.to, changes, inserted: words('inserted'), deleted: words('deleted') };
    },

    async listReview(request: Request<'listReview'>): Promise<ReviewItem[]> {
      const req = await parseRequest('listReview', request);
      await article(req.articleId);
      // A first screen copies and diffs only its own items.
      const waiting = await store.listAnnotations(req.articleId, (all) => {
        const out = all.filter(inReview);
        return req.limit === undefined ? out : out.slice(0, req.limit);
      });
      // diff (compare.ts) is loaded when a review is first listed, not at start.
      const { compareWords } = await import('../versions/compare');
      return waiting.map((a) => reviewItem(a, compareWords));
    },

    async resolveReview(request: Request<'resolveReview'>): Promise<ReviewAnswer> {
      const req = await parseRequest('resolveReview', request);
      return inTurn(req.articleId, async () => {
        const a = await article(req.articleId);
        const before = await reviewAnnotation(req.articleId, req.id);
        const current = currentVersionHash(a);
        let after: Annotation;
        if (req.action === 'reselect') {
          if (req.start === undefined || req.end === undefined)
            throw new GlossError('INVALID_REQUEST', 'Select the words in the new text first.');
          after = confirmed(before, current, {
            ...before.target,
            ...describeRange(a.text, req.start, req.end),
          });
        } else if (!inReview(before))
          throw new GlossError('INVALID_REQUEST', 'This highlight is not waiting for review.');
        else after = req.action === 'keep-old' ? keptOnOld(before) : accepted(before, current);
        await store.putAnnotation(after);
        return { before, after };
      });
    },

    /** Every quote of an export's text (Markdown or Web Annotation JSON) checked against the library (the CLI's verify). */
    async verifyExport(text: string): Promise<QuoteCheck[]> {
      return verifyQuotes(store, quotesFromExport(text));
    },

    async acceptAllReview(request: Request<'acceptAllReview'>): Promise<BatchReport> {
      const req = await parseRequest('acceptAllReview', request);
      return inTurn(req.articleId, async () => {
        const a = await article(req.articleId);
        const current = currentVersionHash(a);
        const waiting = (await store.listAnnotations(req.articleId)).filter(inReview);
        if (waiting.length === 0) return { articles: 0, before: [], after: [] };
        return store.restoreAnnotations(waiting.map((x) => accepted(x, current)));
      });
    },
  };
}

function reviewItem(a: Annotation, compareWords: typeof CompareWords): ReviewItem {
  const change = a.versionChange!;
  const band = change.band as ReviewItem['band'];
  const current = band === 'changed' ? a.target.quote.exact : null;
  return {
    annotation: a,
    band,
    fromVersion: change.fromVersion,
    previous: change.previous.exact,
    current,
    changes: current === null ? [] : compareWords(change.previous.exact, current),
  };
}

export type VersionRequests = ReturnType<typeof versionRequests>;
