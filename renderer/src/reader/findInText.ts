/**
 * Find in the article (Ctrl/Cmd+F): every place a phrase occurs in the
 * canonical text, ignoring case and diacritics the way search does ("cafe"
 * finds "Café"), as offsets into the original text. The folded copy of the
 * text and the map back are built once per article.
 */
import { fold } from '@core/search/fold';

export interface FoldedText {
  folded: string;
  /** For each UTF-16 unit of `folded`: where its character starts and ends in the original. */
  starts: Int32Array;
  ends: Int32Array;
}

export function foldText(text: string): FoldedText {
  let folded = '';
  const starts: number[] = [];
  const ends: number[] = [];
  let i = 0;
  for (const ch of text) {
    const f = fold(ch);
    // A combining mark folds to nothing: it belongs to the letter before it.
    if (f === '' && ends.length > 0) ends[ends.length - 1] = i + ch.length;
    folded += f;
    for (let k = 0; k < f.length; k++) {
      starts.push(i);
      ends.push(i + ch.length);
    }
    i += ch.length;
  }
  return { folded, starts: Int32Array.from(starts), ends: Int32Array.from(ends) };
}

/** Where `query` occurs, in order, as [start, end) of the original text; at most `limit`. */
export function findAll(text: FoldedText, query: string, limit = 5000): Array<[number, number]> {
  const needle = fold(query.trim().replace(/\s+/g, ' '));
  if (!needle) return [];
  const out: Array<[number, number]> = [];
  // Whitespace in the text is folded as typed: runs of it match one space in the query.
  const haystack = text.folded.replace(/\s/g, ' ');
  for (
    let at = haystack.indexOf(needle);
    at >= 0 && out.length < limit;
    at = haystack.indexOf(needle, at + needle.length)
  ) {
    out.push([text.starts[at], text.ends[at + needle.length - 1]]);
  }
  return out;
}
