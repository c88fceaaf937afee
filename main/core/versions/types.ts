/** The shapes of versions that cross to the renderer: plain types, no Node. */
import type { ReanchorBand } from './reanchor-band';

export type { ReanchorBand } from './reanchor-band';

/** What adding a version did. */
export interface VersionAdded {
  articleId: string;
  title: string;
  /** The new version's hash. */
  version: string;
  /** How many annotations fell in each band (versions/reanchor.ts). */
  bands: Record<ReanchorBand, number>;
}

export type ChangeOp = 'same' | 'inserted' | 'deleted';
/** One run of a word-by-word comparison. */
export interface TextChange {
  op: ChangeOp;
  text: string;
}

/** What making a version an article of its own did (undone by rejoinVersion). */
export interface VersionSeparated {
  /** The new article (its id: the one the version's import gave it). */
  articleId: string;
  title: string;
  /** The article it was a version of. */
  from: string;
  fromTitle: string;
  /** The version's hash. */
  version: string;
  /** Highlights made on that version, moved with it. */
  annotations: number;
  /** The article's highlights now waiting for review (re-anchored on the version before, when it was the current one). */
  inReview: number;
}

/** What making an article a version of another again did. */
export interface VersionRejoined {
  articleId: string;
  title: string;
  version: string;
  /** Its highlights, moved into the article. */
  annotations: number;
}
