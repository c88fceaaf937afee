/**
 * An article arrives with its canonical text and, in each block, the block's
 * own text again (separate strings after IPC's structured clone, or JSON): a
 * book holds its words twice in the renderer's heap. Each block's text is
 * replaced by a slice of the canonical text, which V8 keeps as a view into it
 * (a sliced string) rather than a copy — the same characters, half the memory.
 */
import type { Article } from '@core/contract';

export function withSharedBlockTexts(article: Article): Article {
  const text = article.text;
  const blocks = article.blocks.map((b) => {
    const slice = text.slice(b.start, b.end);
    // Only where the model's invariant holds (it always should): never change what a block says.
    return slice === b.text ? { ...b, text: slice } : b;
  });
  return { ...article, blocks };
}
