/** Every scenario, in the order the table shows them. */
import type { Scenario } from '../lib/scenario';
import { scenario as coldStart } from './cold-start';
import { scenario as openArticle } from './open-article';
import { json as exportJson, markdown as exportMarkdown } from './export';
import { scenario as saveAnnotation } from './save-annotation';

export const SCENARIOS: Scenario[] = [openArticle, saveAnnotation, exportMarkdown, exportJson, coldStart];
