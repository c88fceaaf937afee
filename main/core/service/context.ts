/**
 * What every part of the service works with: the store, the drafts, the
 * clock, the event sink and the queue that keeps one article's changes in order.
 */
import type { GlossEvent } from '../contract';
import type { Drafts } from '../store/drafts';
import type { Store } from '../store/index';
import type { ArticleQueue } from './article-queue';

export interface ServiceContext {
  dataDir: string;
  store: Store;
  drafts: Drafts;
  /** The time now, as an ISO string (a test's clock when one is given). */
  now: () => string;
  /** Progress and warnings, forwarded to the renderer by the shell. */
  emit: (event: GlossEvent) => void;
  /** Problems found outside any one request (a sample that failed, a damaged file): shown by storeStatus. */
  warnings: string[];
  articleQueue: ArticleQueue;
}
