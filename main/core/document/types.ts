/**
 * The document model: an article is metadata plus an ordered list of blocks.
 * The article's canonical text is the blocks' texts joined by BLOCK_SEPARATOR;
 * every block records where its text starts and ends in it, so highlights are
 * plain ranges of one string and may cross blocks.
 */

export const BLOCK_SEPARATOR = '\n\n';

export type SourceFormat = 'text' | 'html' | 'markdown' | 'epub' | 'pdf';

export interface ArticleMeta {
  title: string;
  /** Publication or site name, e.g. "Kurdistan 24". */
  source?: string;
  /** Place from the dateline, e.g. "ERBIL". */
  place?: string;
  /** Author names, several joined by ", " (never a URL, a date or "By"). */
  byline?: string;
  /** ISO 8601 date or date-time as the source gave it. */
  published?: string;
  url?: string;
  language?: string;
  /** ISO 8601 date-time of the import. */
  importedAt: string;
  format: SourceFormat;
  /** File name the article came from, when it came from a file. */
  fileName?: string;
  wordCount: number;
}

/**
 * An inline link: a range of its block's text (block-relative offsets) and where it points: an absolute
 * http(s) address (opened in the browser), or `#` and the id of a block of the same article (an
 * in-article link, e.g. a book's note reference: the reader scrolls there).
 */
export interface LinkRange {
  start: number;
  end: number;
  href: string;
}

interface BlockBase {
  /** Stable id: derived from the block's content and its ordinal among equal content. */
  id: string;
  text: string;
  /** Offset of `text` in the canonical text (UTF-16 code units). */
  start: number;
  end: number;
  /** Links inside the text; the text itself stays the canonical text, so annotations ignore them. */
  links?: LinkRange[];
  /** PDF only: the page (1-based) the block starts on; citations name it ("p. 7"). */
  page?: number;
  /** PDF only: offsets in `text` where each following page starts, when the block runs over a page turn. */
  pageBreaks?: number[];
}

export interface TitleBlock extends BlockBase {
  kind: 'title';
}
/** The short summary or pull quote printed under the title. */
export interface StandfirstBlock extends BlockBase {
  kind: 'standfirst';
}
export interface HeadingBlock extends BlockBase {
  kind: 'heading';
  level: 1 | 2 | 3 | 4 | 5 | 6;
}
export interface ParagraphBlock extends BlockBase {
  kind: 'paragraph';
  /** Leading dateline inside the text, e.g. "ERBIL (Kurdistan 24) – "; `text` starts with it. */
  dateline?: string;
}
export interface QuoteBlock extends BlockBase {
  kind: 'quote';
}
export interface ListItemBlock extends BlockBase {
  kind: 'list-item';
  ordered: boolean;
  depth: number;
}
export interface CaptionBlock extends BlockBase {
  kind: 'caption';
  /** Credit as printed, e.g. "Capt. Robyn Haake/U.S. Army". */
  credit?: string;
  /** Where the credit (with its wrapper, e.g. "(Photo: …)") starts inside `text`. */
  creditOffset?: number;
  /**
   * The pictured image, stored with the article (never loaded from the network),
   * with its size in pixels when known (the stored file's header, else the
   * page's width/height attributes), so the reader reserves its space before it loads.
   */
  image?: { asset: string; alt?: string; width?: number; height?: number };
  /**
   * The picture's web address when it was not stored (download off or failed):
   * the block is a placeholder figure. A figure may have empty text (no caption).
   */
  imageUrl?: string;
}
/**
 * One cell of a table: its block-relative range and, as in HTML, how many
 * columns and rows it spans (absent: one). A row lists only the cells that
 * start in it; the columns a spanning cell covers are in no row
 * (document/table-grid.ts lays them out).
 */
export interface TableCell {
  start: number;
  end: number;
  colSpan?: number;
  rowSpan?: number;
}
/**
 * A data table. `text` is its cells' texts, cells joined by a tab and rows by a
 * line break, so cell text is canonical text like any other (annotatable,
 * searchable); `rows` gives each cell's block-relative range and spans.
 */
export interface TableBlock extends BlockBase {
  kind: 'table';
  rows: TableCell[][];
  /** How many leading rows are header rows. */
  headerRows: number;
}
/** "Read More:" style pointers to other articles. */
export interface RelatedBlock extends BlockBase {
  kind: 'related';
  label: string;
  href?: string;
}

export type Block =
  | TitleBlock
  | StandfirstBlock
  | HeadingBlock
  | ParagraphBlock
  | QuoteBlock
  | ListItemBlock
  | CaptionBlock
  | TableBlock
  | RelatedBlock;

export type BlockKind = Block['kind'];

/**
 * A block as an importer produces it: no id or offsets yet (see buildArticle). Import only: `anchors`
 * name places in the block that an in-article link (`href: '#' + name`) may lead to; buildArticle turns
 * such links into `#<block id>` (a name no block holds: the link is dropped, its words kept).
 */
export type BlockInput = (Block extends infer B
  ? B extends Block
    ? Omit<B, 'id' | 'start' | 'end'>
    : never
  : never) & { anchors?: string[] };

/** The citation fields a reader may correct (a site's generic title, an author that is a URL…). */
export const EDITABLE_META = ['title', 'byline', 'published', 'source', 'url'] as const;
export type EditableMeta = (typeof EDITABLE_META)[number];
/** Corrected values, by field; the imported ones are kept in the article's own file. */
export type MetaEdits = Partial<Record<EditableMeta, string>>;

export interface Article {
  /** Content hash of the source: re-importing the same bytes yields the same id. */
  id: string;
  /** As the reader sees and cites it: the imported values with the user's corrections. */
  meta: ArticleMeta;
  /** For each corrected field, the value the import found (absent: nothing corrected, or it found none). */
  extracted?: Partial<Record<EditableMeta, string | null>>;
  blocks: Block[];
  /** Canonical text: blocks' texts joined by BLOCK_SEPARATOR. */
  text: string;
  /**
   * PDF only: the label each page is printed with, by place ([0] is page 1), when
   * the file labels its pages otherwise than 1, 2, 3… (roman numerals in the
   * front matter: "iv"). Blocks keep the page's place; citations and the reader's
   * margin show its label (document/pages.ts).
   */
  pageLabels?: string[];
  /** Files stored beside the article (images), by asset name. */
  assets?: Record<string, { mime: string; bytes: number }>;
  /** Every version of the article, oldest first; the last is this text. Absent: only one version so far. */
  versions?: ArticleVersion[];
}

/** One version of an article's text (main/core/versions/). */
export interface ArticleVersion {
  /** sha256 (hex) of the version's canonical text: annotations and exports name a version by it. */
  hash: string;
  /** The id its import gave it (the hash of its source): the same source imported again adds nothing. */
  sourceId: string;
  importedAt: string;
  title: string;
  wordCount: number;
  /** Older versions: their saved copy, relative to the data folder, and the sha256 of its bytes. */
  contentFile?: string;
  contentHash?: string;
}

/** One row of the library list. */
export interface ArticleSummary {
  id: string;
  title: string;
  source?: string;
  place?: string;
  /** Author(s) as the byline gives them. */
  byline?: string;
  published?: string;
  importedAt: string;
  format: SourceFormat;
  wordCount: number;
  annotationCount: number;
  /** The fields the user corrected. */
  edited?: EditableMeta[];
}
