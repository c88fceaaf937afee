/**
 * "Copy with citation" in the renderer, which alone holds the clipboard: main
 * builds each passage's citation (quote, `— Author, "Title", Source, Date,
 * ¶N`, a text-fragment link), and this writes it as HTML and plain text at
 * once, so a word processor pastes the linked form and a plain editor the text.
 * Ctrl/Cmd+Shift+C copies the highlight selected in the reader (or the text
 * selected, not highlighted yet), or the passages chosen in the notebook.
 */
import { useEffect } from 'react';
import type { Request } from '@core/contract';
import { annotationsStore } from '../annotations/annotationsStore';
import { shortcutOf } from '../app/shortcuts';
import { showError, showInfo } from '../app/toasts';
import { gloss } from '../gloss';
import { plural } from './format';
import { notebookStore } from '../notebook/notebookStore';
import { readerStore } from '../reader/readerStore';
import { viewStore } from './views';

type Cited = Request<'citeAnnotations'>['annotations'];

/** Both forms on the clipboard; plain text alone where the page cannot write HTML. */
async function writeClipboard(text: string, html: string): Promise<void> {
  if (typeof ClipboardItem === 'undefined' || !navigator.clipboard.write)
    return navigator.clipboard.writeText(text);
  await navigator.clipboard.write([
    new ClipboardItem({
      'text/plain': new Blob([text], { type: 'text/plain' }),
      'text/html': new Blob([html], { type: 'text/html' }),
    }),
  ]);
}

export async function copyWithCitation(items: Cited): Promise<void> {
  if (!items.length) return;
  try {
    const cited = await gloss().citeAnnotations({ annotations: items });
    await writeClipboard(cited.text, cited.html);
    showInfo(
      items.length === 1
        ? 'Copied the passage with its citation'
        : `Copied ${plural(items.length, 'passage')} with their citations`,
    );
  } catch (err) {
    showError(`Could not copy: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** What Ctrl/Cmd+Shift+C copies where the user is: nothing when nothing is chosen. */
function chosenPassages(): Cited {
  const { article, selection } = readerStore.get();
  if (article) {
    if (selection) return [{ articleId: article.id, start: selection.start, end: selection.end }];
    const { items, selectedKey } = annotationsStore.get();
    // One just drawn and not saved yet has no id main knows.
    const selected = items.find((i) => i.key === selectedKey && !i.unsaved);
    return selected ? [{ articleId: article.id, id: selected.id }] : [];
  }
  if (viewStore.get().view !== 'notebook') return [];
  // The notebook holds the ids chosen (main finds their articles), or the one open for editing.
  const { selected, editing } = notebookStore.get();
  const ids = selected.size ? [...selected] : editing ? [editing] : [];
  return ids.map((id) => ({ id }));
}

const isTyping = (t: EventTarget | null) =>
  !!(t as Element | null)?.closest?.('input, textarea, select, [contenteditable="true"]');

/** The shortcut, listened for while the app is mounted. */
export function useCopyCitationKey(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (shortcutOf(e, ['copy-citation']) !== 'copy-citation') return;
      if (isTyping(e.target) || document.querySelector('[aria-modal="true"]')) return;
      const items = chosenPassages();
      if (!items.length) return;
      e.preventDefault();
      void copyWithCitation(items);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
