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
  /**
   * Download the page's web images once, at import, within these limits (see
   * remote-images.ts): set for a page fetched from a URL, and for a saved
   * page when the service is told to. Unset: not asked (a file import touches
   * no network); false: the user turned picture downloads off. Either way the
   * pictures stay placeholder figures with their address, and a warning says so.
   */
  fetchImages?: RemoteImageOptions | false;
}

export interface RemoteImageOptions {
  fetchImpl?: typeof fetch;
  /** At most this many distinct images are downloaded; the rest keep only their caption. */
  maxImages?: number;
  maxBytesEach?: number;
  maxTotalBytes?: number;
  /** Per image, over the whole exchange (redirects and body). */
  timeoutMs?: number;
  /** Cancels the downloads (and the import) together with the page fetch. */
  signal?: AbortSignal;
}

export interface Asset {
  mime: string;
  data: Uint8Array;
}

/** What a format parser produces; buildArticle turns it into an Article. */
export interface ParsedDocument {
  blocks: BlockInput[];
  meta: Partial<Omit<ArticleMeta, 'wordCount' | 'importedAt' | 'format'>> & { title: string };
  /** Images kept with the article, by asset name (referenced from caption blocks). */
  assets?: Map<string, Asset>;
  /** Things the user should know but that did not stop the import. */
  warnings?: string[];
  /**
   * Images still to download, by the placeholder asset name their caption
   * blocks hold → absolute http(s) URL. importSource resolves them (or drops
   * them from the blocks); an Article never sees a placeholder.
   */
  remoteImages?: Map<string, string>;
  /** PDF only: each page's printed label, when not 1, 2, 3… (see Article.pageLabels). */
  pageLabels?: string[];
}

/** Upper bound for any single imported file. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
