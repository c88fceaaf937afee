/**
 * What the renderer may ask of main: the service's requests, with the shell's
 * dialogs in front of every file the page touches. The Electron shell and the
 * test harness build it the same way and differ only in their ShellHost (real
 * dialogs and IPC there, scripted answers and exposeBinding here).
 */
import { resolve } from 'node:path';
import type { ChosenFiles, GlossApi, GlossEvent, ImportKind, Request } from './contract';
import { createFlushHandshake } from './flush-handshake';
import { createGrants } from './grants';
import type { GlossService } from './service';

/** What only the desktop (or the harness standing in for it) can do. */
export interface ShellHost {
  /** The open dialog (filtered for articles, highlights files or Markdown): the files the user chose, [] when cancelled. */
  chooseImportFiles(kind: ImportKind): Promise<string[]>;
  /** The save dialog: where the user chose to write, null when cancelled. */
  chooseExportPath(req: Request<'chooseExportPath'>): Promise<string | null>;
  /** Opens an http(s) link in the system browser (the host checks the scheme). */
  openExternal(url: string): Promise<void>;
  /** Main → renderer event. */
  send(event: GlossEvent): void;
}

export interface RendererApi extends GlossApi {
  /** Files the shell saw dropped on its window (the preload names their paths). */
  grantDroppedFiles(paths: string[]): ChosenFiles | null;
  /** Ask the renderer to save what is being typed; resolves when it has, or after `timeoutMs`. */
  flushDrafts(timeoutMs: number): Promise<'flushed' | 'timeout'>;
}

export function createRendererApi(service: GlossService, host: ShellHost): RendererApi {
  const grants = createGrants();
  const handshake = createFlushHandshake(host.send);
  return {
    ...service,
    async chooseImportFiles(req) {
      const paths = await host.chooseImportFiles(req?.kind ?? 'articles');
      return paths.length ? grants.grant('import', paths) : null;
    },
    async chooseExportPath(req) {
      const path = await host.chooseExportPath(req);
      return path ? grants.grant('export', [path]) : null;
    },
    importFiles: async (req) => service.importFiles({ paths: grants.take('import', req.grant) }),
    exportNotes: async (req) => {
      const [path] = grants.take('export', req.grant);
      return service.exportNotes({
        articleId: req.articleId,
        annotationIds: req.annotationIds,
        format: req.format,
        path,
      });
    },
    importHighlights: async (req) => {
      const paths = grants.take('import', req.grant);
      const report = await service.importHighlights({ paths });
      // Redo imports the same files again: they are granted once more.
      return { ...report, grant: grants.grant('import', paths).grant };
    },
    syncMarkdown: async (req) => {
      const paths = grants.take('import', req.grant);
      const report = await service.syncMarkdown({ path: paths[0], dryRun: req.dryRun, delete: req.delete });
      // A dry run lists what would change and the user's yes applies it; redo syncs again: the same file is granted once more.
      return { ...report, grant: grants.grant('import', paths).grant };
    },
    openExternal: (req) => host.openExternal(req.url),
    draftsFlushed: async (req) => handshake.acknowledge(req.request),
    grantDroppedFiles: (paths) =>
      paths.length && paths.every((p) => p && resolve(p) === p) ? grants.grant('import', paths) : null,
    flushDrafts: (timeoutMs) => handshake.request(timeoutMs),
  };
}
