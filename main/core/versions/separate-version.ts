/**
 * A version made an article of its own again, and back: for a version Gloss
 * added when it was sure, but that the reader holds to be another article.
 *
 * The version becomes an article under the id its own import gave it (so
 * importing that source again finds it), with the highlights made on its text
 * since it came in. When it was the current version, the article goes back to
 * the version before it, and its other highlights are re-anchored there as on
 * any new version (reanchor.ts: a changed passage waits in review). Both
 * directions are one journaled store operation (store/article-versions.ts).
 */
import type { Annotation } from '../annotations/types';
import type { Article } from '../document/types';
import { GlossError } from '../errors';
import type { Store } from '../store/index';
import { reanchorOnVersion } from './reanchor';
import { inReview } from './review-band';
import { separable } from './separable';
import { currentVersionHash, versionRecord, versionsOf } from './version-list';
import type { VersionRejoined, VersionSeparated } from './types';

/** The annotation as one of article `articleId` on version `version`, nothing left of its review. */
function movedTo(a: Annotation, articleId: string, version: string, orphan: boolean): Annotation {
  const { versionChange: _c, orphan: _o, ...rest } = a;
  return {
    ...rest,
    articleId,
    target: { ...a.target, source: articleId },
    versionHash: version,
    ...(orphan && { orphan: true }),
  };
}

/** An annotation as it was on the version before its review began (its `previous` place). */
function asBefore(a: Annotation, version: string): Annotation {
  const { versionChange: change, orphan: _o, ...rest } = a;
  const { exact, prefix, suffix, start, end } = change!.previous;
  return {
    ...rest,
    versionHash: version,
    target: {
      ...a.target,
      quote: { type: 'TextQuoteSelector', exact, prefix, suffix },
      position: { type: 'TextPositionSelector', start, end },
    },
  };
}

async function imported(store: Store, id: string): Promise<Article> {
  const article = await store.getImportedArticle(id);
  if (!article)
    throw new GlossError(
      'CORRUPT',
      'The saved copy of this article is damaged, so its versions cannot be changed: import the same file again first.',
    );
  return article;
}

export async function separateVersion(
  store: Store,
  articleId: string,
  hash: string,
): Promise<VersionSeparated> {
  const current = await imported(store, articleId);
  const list = versionsOf(current);
  const i = list.findIndex((v) => v.hash === hash);
  if (i < 0)
    throw new GlossError('NOT_FOUND', `“${current.meta.title}” has no version ${hash.slice(0, 12)}.`);
  const version = list[i];
  if (!separable(current, version))
    throw new GlossError(
      'INVALID_REQUEST',
      list.length < 2
        ? `“${current.meta.title}” has one version only.`
        : `Version 1 is “${current.meta.title}” as first imported, so it stays the article: make a later version a separate article instead.`,
    );
  if (store.hasArticle(version.sourceId))
    throw new GlossError('INVALID_REQUEST', 'That version is an article of its own already.');
  const isCurrent = i === list.length - 1;
  const text = isCurrent ? current : await store.getArticleVersion(articleId, version);
  const all = await store.listAnnotations(articleId);
  // Made on that version's text since it came in (those on it from before were re-anchored onto it).
  const goes = (a: Annotation) =>
    a.versionHash === hash && (!isCurrent || (a.created >= version.importedAt && !a.orphan));
  const { versions: _v, ...own } = text;
  const separate: Article = {
    ...own,
    id: version.sourceId,
    meta: { ...text.meta, importedAt: version.importedAt, title: version.title },
  };
  const moving = all.filter(goes).map((a) => movedTo(a, separate.id, hash, false));
  const remaining = list.filter((v) => v !== version);
  let next: Article;
  let staying: Annotation[] = [];
  if (isCurrent) {
    const before = list[i - 1];
    const back = await store.getArticleVersion(articleId, before);
    const { contentFile: _f, contentHash: _h, ...record } = before;
    next = { ...back, id: articleId, versions: [...remaining.slice(0, -1), record] };
    // Those brought across when the version came in and not confirmed since go back as they were there.
    const cameAcross = (a: Annotation) => !goes(a) && a.versionChange?.fromVersion === before.hash;
    staying = [
      ...all.filter(cameAcross).map((a) => asBefore(a, before.hash)),
      // Those on its text since (moved silently, or confirmed): re-anchored, as on any new version.
      ...reanchorOnVersion(
        all.filter((a) => !goes(a) && !cameAcross(a) && a.versionHash === hash),
        { oldText: current.text, newText: back.text, fromVersion: hash, toVersion: before.hash },
      ).map((r) => r.annotation),
    ];
  } else next = { ...current, versions: remaining };
  const stored = await store.changeVersions({
    kind: 'split',
    next,
    annotations: staying,
    drop: moving.map((a) => a.id),
    separate: { article: separate, annotations: moving },
  });
  const after = await store.listAnnotations(articleId);
  return {
    articleId: separate.id,
    title: separate.meta.title,
    from: articleId,
    fromTitle: store.articleEntry(articleId)?.title ?? stored.meta.title,
    version: hash,
    annotations: moving.length,
    inReview: after.filter(inReview).length,
  };
}

/**
 * Article `separateId` (one version, as separateVersion left it) made a version of `intoId` again, in
 * its place by import time, with its highlights (undo of separateVersion); `separateId` is removed.
 */
export async function rejoinVersion(
  store: Store,
  separateId: string,
  intoId: string,
): Promise<VersionRejoined> {
  if (separateId === intoId)
    throw new GlossError('INVALID_REQUEST', 'An article cannot be a version of itself.');
  const into = await imported(store, intoId);
  const separate = await imported(store, separateId);
  if (versionsOf(separate).length > 1)
    throw new GlossError(
      'INVALID_REQUEST',
      `“${separate.meta.title}” has versions of its own: it stays a separate article.`,
    );
  const record = versionRecord(separate, separateId);
  const list = versionsOf(into);
  if (list.some((v) => v.hash === record.hash))
    throw new GlossError('INVALID_REQUEST', `That text is a version of “${into.meta.title}” already.`);
  const theirs = await store.listAnnotations(separateId);
  const currentHash = currentVersionHash(into);
  const { versions: _v, ...text } = separate;
  let change: Parameters<Store['changeVersions']>[0];
  if (record.importedAt > list.at(-1)!.importedAt) {
    // The newest: it becomes the current text, as a new version does.
    const mine = await store.listAnnotations(intoId);
    const reanchored = reanchorOnVersion(mine, {
      oldText: into.text,
      newText: separate.text,
      fromVersion: currentHash,
      toVersion: record.hash,
    }).map((r) => r.annotation);
    change = {
      kind: 'join',
      next: { ...text, id: intoId, versions: [...list, record] },
      annotations: [...reanchored, ...theirs.map((a) => movedTo(a, intoId, record.hash, false))],
      keep: [{ hash: currentHash, content: 'current' }],
      remove: separateId,
    };
  } else {
    // An older version, in its place by import time; its highlights kept on it.
    const at = list.findIndex((v, i) => i === list.length - 1 || v.importedAt > record.importedAt);
    change = {
      kind: 'join',
      next: { ...into, versions: [...list.slice(0, at), record, ...list.slice(at)] },
      annotations: theirs.map((a) => movedTo(a, intoId, record.hash, true)),
      keep: [{ hash: record.hash, content: JSON.stringify({ ...text, id: intoId }) }],
      remove: separateId,
    };
  }
  const stored = await store.changeVersions(change);
  return { articleId: intoId, title: stored.meta.title, version: record.hash, annotations: theirs.length };
}
