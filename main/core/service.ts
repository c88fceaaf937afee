/**
 * The Gloss service: everything the UI and the command line can ask of the
 * disk. A thin object over the parts in service/ — import, library,
 * annotations, drafts, workspace (the library-wide views and tag changes),
 * export — each of which validates its requests through the contract.
 * Plain Node: the Electron shell, the CLI and every test drive this object.
 */
import { resolve } from 'node:path';
import type { GlossCoreApi, GlossEvent, Request, StoreStatus } from './contract';
import { parseRequest } from './dispatch';
import { SOURCE_SEEDS_DIR } from './paths';
import { librarySearch, type LibrarySearchOptions } from './search/library-search';
import { Drafts } from './store/drafts';
import { openStore } from './store/index';
import { annotationRequests, anchoredOn } from './service/annotations';
import { citeRequests } from './service/cite';
import { createArticleQueue } from './service/article-queue';
import type { ServiceContext } from './service/context';
import { draftRequests } from './service/drafts';
import { exportRequests } from './service/export';
import type { RemoteImageOptions } from './import/types';
import { importRequests } from './service/import';
import type { interopRequests } from './service/interop';
import { onFirstUse } from './service/on-first-use';
import { libraryRequests } from './service/library';
import { librarySelectionRequests } from './service/library-selection';
import { seedIfNew } from './service/seed';
import { workspaceRequests } from './service/workspace';
import { notebookRequests } from './service/notebook';
import { versionRequests } from './service/versions';
import type { QuoteCheck } from './versions/verify';

export interface GlossOptions {
  dataDir: string;
  /** Folder of articles a new library starts with (default: the repository's seeds/). */
  seedsDir?: string;
  /** Progress of long work, forwarded to the renderer by the shell. */
  onEvent?: (event: GlossEvent) => void;
  /** Clock, for tests. */
  now?: () => Date;
  /** The search index: opened at start (the app) or at the first query; its save delay; on the calling thread (tests). */
  search?: Omit<LibrarySearchOptions, 'onWarning'>;
  /**
   * Download the web pictures of saved pages imported from files, once, within
   * these limits (remote-images.ts). Off by default: a file import then touches
   * no network, and such pictures stay placeholders with their address.
   */
  savedPageImages?: RemoteImageOptions;
  /** Download no picture at import, whatever the settings say (gloss import --no-images). */
  noImages?: boolean;
}

export interface GlossService extends GlossCoreApi {
  readonly dataDir: string;
  /** An image stored with an article (served to the reader by the shell, never over IPC). */
  readAsset(articleId: string, name: string): Promise<{ mime: string; data: Uint8Array }>;
  /** The quotes of an export checked against the library (gloss verify). */
  verifyExport(text: string): Promise<QuoteCheck[]>;
  close(): Promise<void>;
}

export async function createGloss(options: GlossOptions): Promise<GlossService> {
  const dataDir = resolve(options.dataDir);
  const warnings: string[] = [];
  const store = await openStore(dataDir);
  const drafts = await Drafts.open(dataDir, (sentence) => warnings.push(sentence)).catch(async (err) => {
    await store.close();
    throw err;
  });
  const emit = options.onEvent ?? (() => {});
  store.onWarning((message) => emit({ type: 'store-warning', message }));
  const search = librarySearch(store, {
    ...options.search,
    onWarning: (message) => {
      warnings.push(message);
      emit({ type: 'store-warning', message });
    },
  });
  const ctx: ServiceContext = {
    dataDir,
    store,
    drafts,
    now: () => (options.now?.() ?? new Date()).toISOString(),
    emit,
    warnings,
    articleQueue: createArticleQueue(),
  };

  const importing = importRequests(ctx, {
    savedPageImages: options.savedPageImages,
    noImages: options.noImages,
  });
  const { closeNotebook, ...notebook } = notebookRequests(ctx);
  await seedIfNew(ctx, options.seedsDir ?? SOURCE_SEEDS_DIR, importing.importFiles);

  return {
    dataDir,
    ...importing,
    ...libraryRequests(ctx),
    ...librarySelectionRequests(ctx),
    ...annotationRequests(ctx),
    ...draftRequests(ctx),
    ...workspaceRequests(ctx),
    ...notebook,
    ...exportRequests(ctx),
    ...onFirstUse<ReturnType<typeof interopRequests>>(
      async () => (await import('./service/interop')).interopRequests(ctx),
      ['importHighlights', 'syncMarkdown'],
    ),
    ...citeRequests({
      store,
      anchoredOn: async (article, articleId) =>
        anchoredOn(ctx, article, await store.listAnnotations(articleId)),
    }),
    ...versionRequests(ctx),
    search: async (request: Request<'search'>) => {
      const { query, limit } = await parseRequest('search', request);
      return search.search(query, limit);
    },
    getSettings: async () => store.getSettings(),
    updateSettings: async (request) => store.updateSettings(await parseRequest('updateSettings', request)),
    storeStatus: async (): Promise<StoreStatus> => ({
      dataDir,
      warnings: [...store.warnings(), ...warnings],
    }),
    readAsset: (articleId, name) => store.readAsset(articleId, name),
    close: async () => {
      await drafts.idle();
      closeNotebook();
      await search.close();
      await store.close();
    },
  };
}
