/**
 * Annotations follow the W3C Web Annotation model: the target names the article
 * and carries both a quote selector (survives edits) and a position selector
 * (fast, exact). Positions here are UTF-16 offsets into the article's canonical
 * text; the JSON export converts them to code points as the model requires.
 */

import type { AnnotationShape } from './schema';

export { COLORS, type Color } from './colors';
import type { Color } from './colors';

/** The shape is described once, in ./schema.ts; these names are views of it (flattened, so interfaces can extend it). */
type Flat<T> = { [K in keyof T]: T[K] };
export type Annotation = Flat<AnnotationShape>;
export type AnnotationTarget = Annotation['target'];
export type TextQuoteSelector = AnnotationTarget['quote'];
export type TextPositionSelector = AnnotationTarget['position'];
export type VersionChange = NonNullable<Annotation['versionChange']>;
/** The bands of re-anchoring on a new version: see main/core/versions/reanchor.ts. */
export type VersionBand = VersionChange['band'];

export interface TagCount {
  tag: string;
  count: number;
  /** From the tag codebook (annotations/codebook.ts): a palette colour and a description, when given. */
  color?: Color;
  description?: string;
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

/** One article's note before and after a change (null: none), so undo can put it back. */
export interface ArticleNoteChange {
  articleId: string;
  before: ArticleNote | null;
  after: ArticleNote | null;
}
