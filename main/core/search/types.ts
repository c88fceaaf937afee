/** What a search answers: hits grouped by article, each with a snippet to show and highlight. */
import type { Color } from '../annotations/types';
import type { HitKind } from './query';

export type { HitKind } from './query';

/** Where in an article or highlight the words were found. */
export type HitField = 'title' | 'authors' | 'source' | 'body' | 'quote' | 'note' | 'tags';

export interface Snippet {
  /** A short stretch of the field's text ("…" marks where it was cut). */
  text: string;
  /** The matched words, as [start, end) offsets into `text`. */
  ranges: Array<[number, number]>;
}

export interface SearchHit {
  kind: HitKind;
  articleId: string;
  /** For passage and note hits. */
  annotationId?: string;
  field: HitField;
  snippet: Snippet;
  /** For body hits: the first match as offsets into the article's canonical text, to scroll to. */
  at?: { start: number; end: number };
  /** For passage and note hits. */
  color?: Color;
  tags?: string[];
  score: number;
}

export interface SearchGroup {
  articleId: string;
  title: string;
  source?: string;
  hits: SearchHit[];
}

export interface SearchResult {
  /** Best group first (by its best hit). */
  groups: SearchGroup[];
  /** Hits returned (at most the limit asked for). */
  hits: number;
  /** The limit was reached: more may match than were returned. */
  truncated: boolean;
  /** Parts of the query that were ignored, as sentences. */
  warnings: string[];
}
