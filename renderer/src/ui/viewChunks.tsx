/** The library's views that live in chunks of their own (rarely the first thing opened). */
import { lazyView } from './lazyView';

export const NotebookView = lazyView(() => import('../notebook/NotebookView').then((m) => m.NotebookView));
export const TagManagerView = lazyView(() => import('../tags/TagManagerView').then((m) => m.TagManagerView));
