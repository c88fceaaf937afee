/** For small side files outside the store's lowdb files (e.g. the window state): atomic, durable, compact. */
import { replaceFileDurably } from './fs-durable';

export function writeJsonAtomic(file: string, data: unknown): Promise<void> {
  return replaceFileDurably(file, JSON.stringify(data));
}
