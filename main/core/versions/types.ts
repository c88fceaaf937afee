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
