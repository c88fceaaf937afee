/**
 * An article's text as a search reads it: the text itself (for snippets) and,
 * computed the first time a phrase is looked for, its folded terms in one
 * string, so checking a phrase is one `includes` instead of folding every word
 * of the text again for each candidate (a phrase query checks hundreds).
 */
import { terms } from './fold';

/** Between terms: a character no folded term contains (terms never hold line breaks). */
const GAP = '\n';

/**
 * What a phrase is looked for as in the joined terms: its words, each followed by GAP. It starts with
 * the phrase's first letter, not a GAP: V8 scans for a needle's first character before comparing,
 * and GAP is every few characters (3× slower); the GAP before it is checked at each place found.
 * Made once per phrase (a query's phrase is checked in hundreds of texts: a string joined at each
 * check was a new string to flatten each time).
 */
const needles = new WeakMap<readonly string[], string>();
function needleOf(phrase: readonly string[]): string {
  let needle = needles.get(phrase);
  if (needle === undefined) needles.set(phrase, (needle = phrase.join(GAP) + GAP));
  return needle;
}

export class SearchableText {
  private flat?: string;

  constructor(readonly text: string) {}

  /** Whether the folded words of `phrase` stand one after the other in the text (as fold.ts's findRun decides). */
  hasPhrase(phrase: readonly string[]): boolean {
    if (phrase.length === 0 || this.text === '') return false;
    const flat = this.prepare();
    const needle = needleOf(phrase);
    for (let at = flat.indexOf(needle, 1); at > 0; at = flat.indexOf(needle, at + 1))
      if (flat[at - 1] === GAP) return true;
    return false;
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
