/**
 * The one shape every highlight importer produces: documents (a book, a web
 * page, a PDF) each holding the passages someone marked in another tool, in
 * the order that tool gives them. Nothing here knows about the library; the
 * service matches these to articles and anchors the passages (see place.ts).
 */

export const HIGHLIGHT_FORMATS = [
  'kindle',
  'readwise',
  'hypothesis',
  'koreader',
  'calibre',
  'zotero',
] as const;
export type HighlightFormat = (typeof HIGHLIGHT_FORMATS)[number];

/** What each format is called in sentences for the user. */
export const FORMAT_NAMES: Record<HighlightFormat, string> = {
  kindle: 'Kindle clippings',
  readwise: 'Readwise CSV',
  hypothesis: 'Hypothesis JSON',
  koreader: 'KOReader highlights',
  calibre: 'Calibre annotations',
  zotero: 'Zotero annotations',
};

export interface ForeignHighlight {
  /** The words marked, as the tool stored them. */
  text: string;
  /** The reader's note on them ('' when none). */
  note: string;
  tags: string[];
  /** The tool's colour: a name ("yellow") or a hex value ("#ffd400"); mapped by colors.ts. */
  color?: string;
  /** ISO 8601 date-times, when the tool kept them. */
  created?: string;
  modified?: string;
  /** Where the tool says it was ("location 170–172", "page 12"), for the report and the article's order. */
  location?: string;
  /** Sorts passages in reading order within their document (location, page, position…). */
  order?: number;
  /** Words just before and after, when the tool kept them (Hypothesis): help find a repeated phrase. */
  prefix?: string;
  suffix?: string;
}

/** A note the reader wrote without marking any words (a Kindle note on its own, a Hypothesis page note). */
export interface ForeignNote {
  text: string;
  location?: string;
  created?: string;
}

export interface ForeignDocument {
  title: string;
  /** As the tool wrote them, one name each. */
  authors: string[];
  url?: string;
  highlights: ForeignHighlight[];
  notes: ForeignNote[];
}

export interface ForeignHighlights {
  format: HighlightFormat;
  documents: ForeignDocument[];
  /** Something the user should know that did not stop the import (entries skipped, encoding guessed). */
  warnings: string[];
}

/** One file to parse: its text (already decoded) and its name, for messages and titles. */
export interface ForeignFile {
  text: string;
  fileName: string;
}
