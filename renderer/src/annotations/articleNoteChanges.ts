/**
 * An article note changed by something other than its field (a Markdown sync,
 * its undo): the open article's field shows the new text at once, so typing
 * there never writes the old one back over it.
 */
type Listener = (articleId: string, text: string) => void;

const listeners = new Set<Listener>();

export function onArticleNoteChanged(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function articleNoteChanged(articleId: string, text: string): void {
  for (const l of listeners) l(articleId, text);
}
