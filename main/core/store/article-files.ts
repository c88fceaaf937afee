/**
 * articles/<id>.json (the Article, written once at import) and
 * articles/<id>/assets/<name> (its images). Content files are checked against
 * the hash recorded in the index, so damage is found even when it still parses.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Article } from '../document/types';
import { GlossError } from '../errors';
import { code, moveAside, replaceFileDurably } from './fs-durable';
import { assertSafeAssetName, assertSafeId } from './safe-names';
import { loadFileSchemas, type ArticleIndexEntry } from './schemas';
import { nodeCrypto } from '../util/lazy-builtins';

export const ARTICLES_DIR = 'articles';
/** Importing the same source again writes a fresh copy and keeps the notes (the id is the source's hash). */
const REPAIR_HINT = 'Import the same file again to repair it (its notes are kept), or remove the article.';

/**
 * Parsed articles kept in memory, most recently read last. A book's content is
 * megabytes: hashing and checking it on every save of a note would cost more
 * than the save itself, so each article is verified once per session, while it
 * stays among the last few read. Articles are treated as read-only by callers.
 */
const CACHED_ARTICLES = 8;

/** How an article is read. */
export interface ArticleReadOptions {
  /**
   * false: read for one pass over many articles (an export), not remembered. Such an article is dropped
   * at once instead of pushing the articles in use out of the cache, and a 10,000-article export no longer
   * moves every article it parses into V8's old generation (46 of the 104 MB an export promoted there).
   */
  keep?: boolean;
}

export interface AssetInput {
  mime: string;
  data: Uint8Array;
}

export function sha256(data: string | Uint8Array): string {
  return nodeCrypto().createHash('sha256').update(data).digest('hex');
}

export function contentFileFor(id: string): string {
  return `${ARTICLES_DIR}/${assertSafeId(id, 'article id')}.json`;
}

/** Parses and checks a content file's text; throws a plain Error saying what is wrong. */
export async function parseArticleContent(text: string, expectedId: string): Promise<Article> {
  const { ArticleContentSchema } = await loadFileSchemas();
  const parsed = ArticleContentSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error('it does not have the shape of an article');
  if (parsed.data.id !== expectedId) throw new Error(`it holds article ${parsed.data.id}`);
  return parsed.data as unknown as Article;
}

/**
 * What the index knows of an article, as an Article with no text: it stands in
 * for one whose saved copy is damaged, so its notes can still be listed and
 * exported (from their own quotes) until it is imported again.
 */
export function standInArticle(entry: ArticleIndexEntry): Article {
  const meta: Article['meta'] = {
    title: entry.title,
    importedAt: entry.importedAt,
    format: entry.format,
    wordCount: entry.wordCount,
  };
  for (const key of ['source', 'place', 'byline', 'published', 'fileName', 'url'] as const)
    if (entry[key] !== undefined) meta[key] = entry[key];
  return { id: entry.id, meta, blocks: [], text: '' };
}

export class ArticleFiles {
  /** Asset records of recently read articles, so serving images does not re-read the content. */
  private assetRecords = new Map<string, NonNullable<Article['assets']>>();
  /** id → the article as verified against the index entry's hash (LRU, see CACHED_ARTICLES). */
  private parsed = new Map<string, { hash: string; article: Article }>();

  constructor(
    private readonly dataDir: string,
    private readonly onWarning: (sentence: string) => void,
  ) {}

  private abs(rel: string): string {
    return path.join(this.dataDir, ...rel.split('/'));
  }

  private assetDir(id: string): string {
    return path.join(this.dataDir, ARTICLES_DIR, assertSafeId(id, 'article id'), 'assets');
  }

  /** Writes assets first, then the content that names them; returns what the index records. */
  async write(
    article: Article,
    assets?: Map<string, AssetInput>,
  ): Promise<{ stored: Article; contentFile: string; contentHash: string }> {
    const records: NonNullable<Article['assets']> = {
      ...(article.assets ?? {}),
      ...(await this.writeAssets(article.id, assets)),
    };
    const stored: Article = Object.keys(records).length > 0 ? { ...article, assets: records } : article;
    return { stored, ...(await this.writeContent(article.id, JSON.stringify(stored))) };
  }

  /** Stores images (named by their content, so a version's images never overwrite another's); answers their records. */
  async writeAssets(id: string, assets?: Map<string, AssetInput>): Promise<NonNullable<Article['assets']>> {
    const records: NonNullable<Article['assets']> = {};
    if (!assets || assets.size === 0) return records;
    const dir = this.assetDir(id);
    await fs.mkdir(dir, { recursive: true });
    for (const [name, asset] of assets) {
      await replaceFileDurably(path.join(dir, assertSafeAssetName(name)), asset.data);
      records[name] = { mime: asset.mime, bytes: asset.data.byteLength };
    }
    return records;
  }

  /** Replaces the content file with these exact bytes; answers what the index records. */
  async writeContent(id: string, json: string): Promise<{ contentFile: string; contentHash: string }> {
    const contentFile = contentFileFor(id);
    this.forget(id);
    await replaceFileDurably(this.abs(contentFile), json);
    this.forget(id);
    return { contentFile, contentHash: sha256(json) };
  }

  async read(entry: ArticleIndexEntry, { keep = true }: ArticleReadOptions = {}): Promise<Article> {
    const cached = this.parsed.get(entry.id);
    if (cached && cached.hash === entry.contentHash) {
      if (keep) {
        this.parsed.delete(entry.id);
        this.parsed.set(entry.id, cached);
      }
      return cached.article;
    }
    const file = this.abs(contentFileFor(entry.id));
    let bytes: Buffer;
    try {
      bytes = await fs.readFile(file);
    } catch (err) {
      if (code(err) === 'ENOENT') {
        throw new GlossError(
          'CORRUPT',
          `The saved copy of “${entry.title}” is missing from ${entry.contentFile}. ${REPAIR_HINT}`,
        );
      }
      throw new GlossError('IO', `Could not read “${entry.title}”: ${(err as Error).message}`, {
        cause: err,
      });
    }
    try {
      if (sha256(bytes) !== entry.contentHash) throw new Error('its contents changed since it was saved');
      const article = await parseArticleContent(bytes.toString('utf8'), entry.id);
      if (keep) {
        this.rememberAssets(entry.id, article.assets ?? {});
        this.remember(entry, article);
      }
      return article;
    } catch {
      const aside = path
        .relative(this.dataDir, await moveAside(file))
        .split(path.sep)
        .join('/');
      const sentence = `The saved copy of “${entry.title}” was damaged and has been moved to ${aside}. ${REPAIR_HINT}`;
      this.onWarning(sentence);
      throw new GlossError('CORRUPT', sentence);
    }
  }

  async readAsset(entry: ArticleIndexEntry, name: string): Promise<AssetInput> {
    assertSafeAssetName(name);
    let records = this.assetRecords.get(entry.id);
    if (!records) {
      await this.read(entry);
      records = this.assetRecords.get(entry.id) ?? {};
    }
    const record = Object.hasOwn(records, name) ? records[name] : undefined;
    if (!record) throw new GlossError('NOT_FOUND', `“${entry.title}” has no image named ${name}.`);
    try {
      const data = await fs.readFile(path.join(this.assetDir(entry.id), name));
      return { mime: record.mime, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
    } catch (err) {
      if (code(err) === 'ENOENT')
        throw new GlossError(
          'NOT_FOUND',
          `The image ${name} of “${entry.title}” is missing from the library folder.`,
        );
      throw new GlossError('IO', `Could not read the image ${name}: ${(err as Error).message}`, {
        cause: err,
      });
    }
  }

  async remove(id: string): Promise<void> {
    this.forget(id);
    await fs.rm(this.abs(contentFileFor(id)), { force: true });
    await fs.rm(path.join(this.dataDir, ARTICLES_DIR, assertSafeId(id, 'article id')), {
      recursive: true,
      force: true,
    });
  }

  /** Drops what is cached of an article whose files were moved or removed. */
  forget(id: string): void {
    this.parsed.delete(id);
    this.assetRecords.delete(id);
  }

  private remember(entry: ArticleIndexEntry, article: Article): void {
    this.parsed.delete(entry.id);
    this.parsed.set(entry.id, { hash: entry.contentHash, article });
    if (this.parsed.size > CACHED_ARTICLES) this.parsed.delete(this.parsed.keys().next().value as string);
  }

  private rememberAssets(id: string, records: NonNullable<Article['assets']>): void {
    this.assetRecords.delete(id);
    this.assetRecords.set(id, records);
    if (this.assetRecords.size > 64)
      this.assetRecords.delete(this.assetRecords.keys().next().value as string);
  }
}
