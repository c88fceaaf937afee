/**
 * Import dispatcher: detect the format from the bytes (not just the name),
 * load that format's parser lazily (they pull in heavy DOM libraries), and
 * build the Article. Every failure is a GlossError with a sentence a user can act on.
 */
import { buildArticle } from '../document/build';
import type { Article, SourceFormat } from '../document/types';
import { GlossError } from '../errors';
import { detectFormat } from './detect';
import { withImageSizes } from './image-assets';
import { MAX_IMPORT_BYTES, type Asset, type ImportInput, type ParsedDocument } from './types';

export interface Imported {
  article: Article;
  assets: Map<string, Asset>;
  warnings: string[];
}

async function parse(format: SourceFormat, input: ImportInput): Promise<ParsedDocument> {
  switch (format) {
    case 'text':
      return (await import('./text')).parseTextFile(input);
    case 'html':
      return (await import('./html')).parseHtmlFile(input);
    case 'markdown':
      return (await import('./markdown')).parseMarkdownFile(input);
    case 'epub':
      return (await import('./epub')).parseEpubFile(input);
    case 'pdf':
      return (await import('./pdf')).parsePdfFile(input);
  }
}

export async function importSource(input: ImportInput): Promise<Imported> {
  if (input.bytes.byteLength === 0)
    throw new GlossError('EMPTY', `${label(input)} is empty: there is nothing to import.`);
  if (input.bytes.byteLength > MAX_IMPORT_BYTES) {
    throw new GlossError(
      'TOO_LARGE',
      `${label(input)} is ${(input.bytes.byteLength / 1048576).toFixed(1)} MB; Gloss imports files up to ${MAX_IMPORT_BYTES / 1048576} MB.`,
    );
  }
  const format = detectFormat(input);
  let doc = await parse(format, input);
  // A fetched page's web images are downloaded now, once; a file's are never fetched.
  if (doc.remoteImages)
    doc = await (await import('./remote-images')).fetchRemoteImages(doc, input.fetchImages);
  doc.blocks = withImageSizes(doc.blocks, doc.assets);
  if (doc.blocks.every((b) => b.text.trim() === '')) {
    throw new GlossError('EMPTY', `${label(input)} has no readable text.`);
  }
  const article = buildArticle(
    doc.blocks,
    { ...doc.meta, format, fileName: input.fileName, url: doc.meta.url ?? input.url },
    input.bytes,
  );
  if (doc.pageLabels) article.pageLabels = doc.pageLabels;
  return { article, assets: doc.assets ?? new Map(), warnings: doc.warnings ?? [] };
}

export function label(input: ImportInput): string {
  return input.fileName ? `“${input.fileName}”` : input.url ? `“${input.url}”` : 'The input';
}
