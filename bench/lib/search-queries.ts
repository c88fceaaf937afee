/**
 * The search-10k row's queries over the big library, as words occur in it: common and rare body words,
 * a prefix, a phrase, a word of a quote, a note filter, a tag filter, two words. Shared by the scenario
 * and bench/profile-search.ts, so the profile times what the row measures.
 */
import type { BigLibrary } from './big-store';

export function searchQueries(lib: BigLibrary): string[] {
  const a = lib.articles[4321];
  const words = a.text.split(/\W+/).filter((w) => w.length > 5);
  const annotated = [...lib.annotations.values()].flat().find((x) => x.tags.length > 0 && x.note)!;
  const quoteWord = annotated.target.quote.exact.split(/\W+/).find((w) => w.length > 4) ?? words[0];
  const noteWord = annotated.note.split(/\W+/).find((w) => w.length > 4) ?? words[1];
  const all = a.text.split(/\W+/);
  return [
    words[0],
    words[words.length - 1],
    words[3].slice(0, 4),
    `"${words[5]} ${all[all.indexOf(words[5]) + 1]}"`,
    quoteWord,
    `is:note ${noteWord}`,
    `tag:${annotated.tags[0]}`,
    `${words[7]} ${words[9]}`,
  ];
}
