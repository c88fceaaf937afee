/**
 * Bringing a new version of an article into the library: the new text becomes
 * the article's current one, the old text is kept, and every annotation is
 * re-anchored on the new text with its band (reanchor.ts) — all in one
 * journaled store operation (store/article-versions.ts).
 */
import type { Annotation } from '../annotations/types';
import type { Article } from '../document/types';
import { GlossError } from '../errors';
import type { AssetInput, Store } from '../store/index';
import { reanchorOnVersion, type ReanchorBand } from './reanchor';
import { currentVersionHash, versionRecord, versionsOf } from './version-list';
import type { VersionAdded } from './types';

export type { VersionAdded } from './types';

/**
 * Adds `incoming` (as an import built it: its id is its source's hash) as the
 * newest version of article `articleId`. Answers null when its text is the
 * current text already (nothing to add).
 */
export async function addVersionFrom(
  store: Store,
  articleId: string,
  incoming: Article,
  assets?: Map<string, AssetInput>,
): Promise<VersionAdded | null> {
  const current = await store.getArticleIfIntact(articleId);
  if (!current)
    throw new GlossError(
      'CORRUPT',
      'The saved copy of this article is damaged, so a new version cannot be compared with it: import the same file again first.',
    );
  const fromVersion = currentVersionHash(current);
  const record = versionRecord(incoming, incoming.id);
  if (record.hash === fromVersion) return null;
  const before = versionsOf(current);
  const next: Article = { ...incoming, id: articleId, versions: [...before, record] };
  const annotations = await store.listAnnotations(articleId);
  const reanchored = reanchorOnVersion(annotations, {
    oldText: current.text,
    newText: next.text,
    fromVersion,
    toVersion: record.hash,
  });
  const bands: Record<ReanchorBand, number> = { silent: 0, moved: 0, changed: 0, 'not-found': 0 };
  for (const r of reanchored) bands[r.band]++;
  const stored = await store.addVersion(
    next,
    before.at(-1)!,
    reanchored.map((r): Annotation => r.annotation),
    assets,
  );
  return { articleId, title: stored.meta.title, version: record.hash, bands };
}
