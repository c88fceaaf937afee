import type { TagCode } from '../annotations/codebook';
import type { Annotation, ArticleNote } from '../annotations/types';
import type { Article } from '../document/types';

/** One article and the annotations to export from it. */
export interface ExportEntry {
  article: Article;
  annotations: Annotation[];
  /** The note on the whole article, exported before its passages. */
  articleNote?: ArticleNote;
  /** Set when `article` only stands in for one whose saved copy is damaged (metadata, no text): why. */
  warning?: string;
}

/** What an export says of who wrote it. */
export interface ExportOptions {
  /** The user's name (settings), as the annotations' creator. */
  userName?: string;
  /** The tag codebook: the JSON export carries the entries of the tags it holds (and their parents). */
  codebook?: readonly TagCode[];
}
