/**
 * Import: files, pasted text or HTML, and web pages become articles. Each
 * source is stored once (its id is its content's hash); importing it again
 * repairs a damaged saved copy and keeps its notes.
 */
import { basename } from 'node:path';
import type { ImportFailure, ImportFilesRequest, ImportReport, Request } from '../contract';
import { parsePathRequest, parseRequest } from '../dispatch';
import { toSerializedError } from '../errors';
import { importSource, type Imported } from '../import/index';
import { readImportFile } from '../import/read-file';
import type { RemoteImageOptions } from '../import/types';
import type { ServiceContext } from './context';
import { summaryOf } from './library';
import { placeImport } from './versions';

export interface ImportOptions {
  /** Download a saved page's web pictures at import (see GlossOptions.savedPageImages). */
  savedPageImages?: RemoteImageOptions;
  /** Download no picture at all (see GlossOptions.noImages). */
  noImages?: boolean;
}

export function importRequests(ctx: ServiceContext, options: ImportOptions = {}) {
  const { emit } = ctx;
  // The user's setting is read at each import, so a change in Preferences applies to the next one.
  const imagesOff = (): boolean => !!options.noImages || ctx.store.getSettings().downloadImages === false;
  // Asked for (--new-article), or new versions turned off in Preferences: an article of its own.
  const separate = (newArticle: boolean | undefined) =>
    !!newArticle || ctx.store.getSettings().detectVersions === false;
  return {
    async importFiles(request: ImportFilesRequest): Promise<ImportReport> {
      const { paths, newArticle: asked } = await parsePathRequest('importFiles', request);
      const report = emptyReport();
      const newArticle = separate(asked);
      const off = imagesOff();
      for (const [i, path] of paths.entries()) {
        emit({ type: 'import-progress', done: i, total: paths.length, current: basename(path) });
        try {
          const input = await readImportFile(path);
          if (off) input.fetchImages = false;
          else if (options.savedPageImages) input.fetchImages = options.savedPageImages;
          await storeImported(ctx, await importSource(input), report, { newArticle });
        } catch (err) {
          report.failed.push(failure(basename(path), err));
        }
      }
      emit({ type: 'import-progress', done: paths.length, total: paths.length });
      return report;
    },

    async importText(request: Request<'importText'>): Promise<ImportReport> {
      const req = await parseRequest('importText', request);
      const report = emptyReport();
      try {
        await storeImported(ctx, await importPasted(req.text, req.html, req.title), report, {
          newArticle: separate(req.newArticle),
        });
      } catch (err) {
        report.failed.push(failure('Pasted text', err));
      }
      return report;
    },

    async importUrl(request: Request<'importUrl'>): Promise<ImportReport> {
      const { url, newArticle } = await parseRequest('importUrl', request);
      const report = emptyReport();
      try {
        const { importUrlBytes } = await import('../import/url');
        const input = await importUrlBytes(url, imagesOff() ? { images: false } : {});
        await storeImported(ctx, await importSource(input), report, { newArticle: separate(newArticle) });
      } catch (err) {
        report.failed.push(failure(url, err));
      }
      return report;
    },
  };
}

/** Pasted HTML keeps its structure; plain text is read like a .txt file. A given title replaces the found one. */
async function importPasted(
  text: string,
  html: string | undefined,
  title: string | undefined,
): Promise<Imported> {
  if (!html?.trim()) {
    const withTitle = title ? `${title}\n\n${text}` : text;
    return importSource({ bytes: new TextEncoder().encode(withTitle), fileName: undefined });
  }
  const { parsePastedHtml } = await import('../import/html');
  const { buildArticle } = await import('../document/build');
  const doc = parsePastedHtml(html, text);
  doc.blocks = (await import('../import/image-assets')).withImageSizes(doc.blocks, doc.assets);
  if (title) {
    doc.meta.title = title;
    doc.blocks = [{ kind: 'title', text: title }, ...doc.blocks.filter((b) => b.kind !== 'title')];
  }
  const article = buildArticle(doc.blocks, { ...doc.meta, format: 'html', fileName: undefined }, html);
  return { article, assets: doc.assets ?? new Map(), warnings: doc.warnings ?? [] };
}

/**
 * Store an imported article unless the same content is already there (a damaged saved copy is
 * repaired), or it is a new version of an article in the library (added to it: service/versions.ts).
 */
export async function storeImported(
  ctx: ServiceContext,
  imported: Imported,
  report: ImportReport,
  opts: { newArticle?: boolean } = {},
): Promise<void> {
  const { store } = ctx;
  const { article, assets, warnings } = imported;
  const placed = await placeImport(ctx, imported, opts);
  if (placed?.kind === 'existing') {
    report.existing.push(await summaryOf(store, placed.articleId));
    return;
  }
  if (placed?.kind === 'version') {
    (report.versions ??= []).push(placed.added);
    return;
  }
  const repairing = store.hasArticle(article.id) && !(await store.getArticleIfIntact(article.id));
  if (store.hasArticle(article.id) && !repairing) {
    report.existing.push(await summaryOf(store, article.id));
    return;
  }
  await store.putArticle(article, assets);
  const summary = await summaryOf(store, article.id);
  report.imported.push(summary);
  if (repairing)
    (report.warnings ??= []).push({
      source: summary.title,
      message: 'Its saved copy in the library was damaged; this import repaired it, and its notes are kept.',
    });
  for (const message of warnings) (report.warnings ??= []).push({ source: summary.title, message });
  if (placed?.kind === 'ask')
    (report.possibleVersions ??= []).push({
      articleId: summary.id,
      title: summary.title,
      of: placed.of,
      ofTitle: store.articleEntry(placed.of)?.title ?? '',
      resemblance: placed.resemblance,
    });
}

function emptyReport(): ImportReport {
  return { imported: [], existing: [], failed: [] };
}

function failure(source: string, err: unknown): ImportFailure {
  const { code, message } = toSerializedError(err);
  return { source, code, message };
}
