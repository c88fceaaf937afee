/**
 * Two versions of a text compared word by word (jsdiff). Paragraphs are
 * matched first (a diff of paragraphs is cheap: a few hundred items), and only
 * the paragraphs that differ are compared word by word, so a 20,000-word
 * article with a few edits costs a few small word diffs, not one large one.
 */
import { diffArrays, diffWordsWithSpace } from 'diff';
import { BLOCK_SEPARATOR } from '../document/types';

import type { ChangeOp, TextChange } from './types';
export type { ChangeOp, TextChange } from './types';

/** Word-level changes from `before` to `after`, adjacent parts of one kind merged. */
export function compareTexts(before: string, after: string): TextChange[] {
  const out: TextChange[] = [];
  const push = (op: ChangeOp, text: string) => {
    if (!text) return;
    const last = out.at(-1);
    if (last?.op === op) last.text += text;
    else out.push({ op, text });
  };
  const parts = diffArrays(before.split(BLOCK_SEPARATOR), after.split(BLOCK_SEPARATOR));
  let first = true;
  const sep = () => {
    if (!first) push('same', BLOCK_SEPARATOR);
    first = false;
  };
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    const next = parts[i + 1];
    if (!part.added && !part.removed) {
      for (const p of part.value) {
        sep();
        push('same', p);
      }
    } else if (part.removed && next?.added) {
      // Paragraphs replaced: compare their words, so an edited sentence shows only what changed.
      sep();
      for (const w of compareWords(part.value.join(BLOCK_SEPARATOR), next.value.join(BLOCK_SEPARATOR)))
        push(w.op, w.text);
      i++;
    } else {
      for (const p of part.value) {
        // A whole paragraph added or removed: its separator belongs to it.
        if (!first) push(part.added ? 'inserted' : 'deleted', BLOCK_SEPARATOR);
        first = false;
        push(part.added ? 'inserted' : 'deleted', p);
      }
    }
  }
  return out;
}

/** Word-level changes between two short texts (a quote's old and new wording). */
export function compareWords(before: string, after: string): TextChange[] {
  return diffWordsWithSpace(before, after).map((c) => ({
    op: c.added ? 'inserted' : c.removed ? 'deleted' : 'same',
    text: c.value,
  }));
}
