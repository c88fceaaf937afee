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

/** What an export knows before its first article is read, so it can be written as it goes. */
export interface ExportPlan {
  /** How many articles it holds (one article is laid out on its own, several under one heading). */
  articles: number;
  /** The article's id when it holds exactly one (the JSON collection is named by it). */
  onlyArticleId?: string;
  /** Annotations plus article notes with text: the JSON collection's `total`. */
  items: number;
  /** The codebook entries of the tags it holds and their parents (JSON's `gloss:codebook`). */
  codebook?: TagCode[];
  /**
   * Counted from the counts index, not from the notes themselves: the head is written from it and
   * corrected once every entry is written (the renderer's finalHead), so the notes need not be held first.
   */
  estimated?: true;
}

/** An export written one article at a time: head, then each entry's text in order, then tail. */
export interface ExportRenderer {
  head(): string;
  entry(entry: ExportEntry): string;
  tail(): string;
  /** For an estimated plan: the head as the entries written call for it (writeExport's finalHead). */
  finalHead?(): string;
}
