/**
 * The notebook's passages, one window at a time, filtered and sorted in main
 * (see notebook/passage-catalog.ts): the renderer never holds 100,000 of them.
 */
import type { Request } from '../contract';
import { parseRequest } from '../dispatch';
import { PassageCatalog } from '../notebook/passage-catalog';
import type { ServiceContext } from './context';

export function notebookRequests({ store }: ServiceContext) {
  let catalog: PassageCatalog | null = null;
  return {
    listPassages: async (request: Request<'listPassages'>) =>
      (catalog ??= new PassageCatalog(store)).page(await parseRequest('listPassages', request)),
    /** Stops following the store (at close). */
    closeNotebook: () => catalog?.close(),
  };
}
