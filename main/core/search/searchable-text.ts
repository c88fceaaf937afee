/**
 * An article's text as a search reads it: the text itself (for snippets) and,
 * computed the first time a phrase is looked for, its folded terms in one
 * string, so checking a phrase is one `includes` instead of folding every word
 * of the text again for each candidate (a phrase query checks hundreds).
 */
import { terms } from './fold';

/** Between terms: a character no folded term contains (terms never hold line breaks). */
const GAP = '\n';

export class SearchableText {
  private flat?: string;

  constructor(readonly text: string) {}

  /** Whether the folded words of `phrase` stand one after the other in the text (as fold.ts's findRun decides). */
  hasPhrase(phrase: readonly string[]): boolean {
    if (phrase.length === 0 || this.text === '') return false;
    return this.prepare().includes(GAP + phrase.join(GAP) + GAP);
  }

  /** Computes the folded terms now (ahead of a phrase query); returns them joined. */
  prepare(): string {
    return (this.flat ??= GAP + terms(this.text).join(GAP) + GAP);
  }

  /** Characters held (the text, and its terms once computed): what a cache of these counts. */
  get size(): number {
    return this.text.length + (this.flat?.length ?? 0);
  }
}
