/** Every scenario, in the order the table shows them. */
import type { Scenario } from '../lib/scenario';
import { addHighlight, bookHeap, bookScroll, openBook } from './book';
import { coreMemory, scenario as coldStart } from './cold-start';
import { json as exportJson, markdown as exportMarkdown } from './export';
import { scenario as library } from './library';
import { scenario as notebook } from './notebook';
import { scenario as openArticle } from './open-article';
import { scenario as saveAnnotation } from './save-annotation';
import { scenario as tagRename } from './tag-rename';
import { scenario as search } from './search';
import { scenario as indexArticle } from './index-article';
import { scenario as importPdf } from './import-pdf';
import { scenario as reanchorVersion } from './reanchor-version';
import { scenario as review } from './review';
import { scenario as indexMemory } from './index-memory';

export const SCENARIOS: Scenario[] = [
  openArticle,
  openBook,
  bookScroll,
  addHighlight,
  bookHeap,
  saveAnnotation,
  tagRename,
  search,
  indexArticle,
  reanchorVersion,
  review,
  library,
  notebook,
  exportMarkdown,
  exportJson,
  importPdf,
  coldStart,
  coreMemory,
  indexMemory,
];
