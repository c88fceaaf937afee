/**
 * Annotations follow the W3C Web Annotation model: the target names the article
 * and carries both a quote selector (survives edits) and a position selector
 * (fast, exact). Positions here are UTF-16 offsets into the article's canonical
 * text; the JSON export converts them to code points as the model requires.
 */

export const COLORS = ['yellow', 'green', 'blue', 'pink', 'purple'] as const;
export type Color = (typeof COLORS)[number];

export interface TextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix: string;
  suffix: string;
}

export interface TextPositionSelector {
  type: 'TextPositionSelector';
  start: number;
  end: number;
}

export interface AnnotationTarget {
  /** Article id. */
  source: string;
  quote: TextQuoteSelector;
  position: TextPositionSelector;
}

export interface Annotation {
  id: string;
  articleId: string;
  target: AnnotationTarget;
  color: Color;
  /** As first written; compared case-insensitively. */
  tags: string[];
  note: string;
  /** ISO 8601 date-times. */
  created: string;
  modified: string;
  /** Set when the quote could no longer be found in the article's text; kept, never dropped. */
  orphan?: boolean;
  /** sha256 (hex) of the canonical text of the article version it was made or last confirmed on. */
  versionHash?: string;
  /** How a new version of its article moved it (versions/reanchor.ts); 'changed' and 'not-found' wait in review. */
  versionChange?: VersionChange;
}

/** The bands of re-anchoring on a new version: see main/core/versions/reanchor.ts. */
export type VersionBand = 'moved' | 'changed' | 'not-found';

export interface VersionChange {
  band: VersionBand;
  /** The version it was on before, and its words and place there. */
  fromVersion: string;
  previous: { exact: string; prefix: string; suffix: string; start: number; end: number };
}

export interface TagCount {
  tag: string;
  count: number;
}

/**
 * What the user is typing into an annotation's note or tag field, saved as they
 * type so a reload or a quit loses nothing; applied to the annotation when its
 * article next opens. `note` is the whole note as typed; `tag` the text in the
 * tag field not yet added as a tag.
 */
export interface Draft {
  articleId: string;
  annotationId: string;
  note?: string;
  tag?: string;
  /** ISO 8601 date-time of the last keystroke saved. */
  saved: string;
}

/** A note on the whole article (not on a passage): searchable, exported at the top of its notes. */
export interface ArticleNote {
  text: string;
  /** ISO 8601 date-time. */
  modified: string;
}
