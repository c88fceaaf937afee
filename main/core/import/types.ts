import type { ArticleMeta, BlockInput } from '../document/types';

/** Raw input to an import: bytes plus whatever is known of where they came from. */
export interface ImportInput {
  bytes: Uint8Array;
  fileName?: string;
  /** Absolute path of the file, when imported from disk (for pages' `_files` folders). */
  filePath?: string;
  url?: string;
  /** Content-Type as a server sent it, when fetched. */
  contentType?: string;
}

export interface Asset { mime: string; data: Uint8Array }

/** What a format parser produces; buildArticle turns it into an Article. */
export interface ParsedDocument {
  blocks: BlockInput[];
  meta: Partial<Omit<ArticleMeta, 'wordCount' | 'importedAt' | 'format'>> & { title: string };
  /** Images kept with the article, by asset name (referenced from caption blocks). */
  assets?: Map<string, Asset>;
  /** Things the user should know but that did not stop the import. */
  warnings?: string[];
}

/** Upper bound for any single imported file. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
