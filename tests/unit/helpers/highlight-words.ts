/** A passage highlighted by its words, as a reader selects them: where they first stand in the article's text. */
import assert from 'node:assert/strict';
import type { Annotation } from '@core/contract';
import type { GlossService } from '@core/service';

export async function highlightWords(
  gloss: GlossService,
  articleId: string,
  words: string,
  { note = '' }: { note?: string } = {},
): Promise<Annotation> {
  const { text } = await gloss.getArticle({ id: articleId });
  const start = text.indexOf(words);
  assert.ok(start >= 0, `the article holds “${words}”`);
  return gloss.createAnnotation({ articleId, start, end: start + words.length, color: 'yellow', note });
}
