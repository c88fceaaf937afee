/**
 * A highlights file from another tool → foreign highlights. The format is
 * told from the content (a Kindle file may be called anything once copied),
 * the file name helping only for KOReader's `metadata.*.lua`. Each format has
 * its own small parser; a file none of them recognises is refused with a
 * sentence naming the formats Gloss reads.
 */
import { GlossError } from '../errors';
import { decodeText } from '../import/decode';
import { looksLikeCalibre, parseCalibre } from './calibre';
import { looksLikeHypothesis, parseHypothesis } from './hypothesis';
import { looksLikeKindle, parseKindle } from './kindle';
import { looksLikeKoreader, parseKoreader } from './koreader';
import { looksLikeReadwiseCsv, parseReadwiseCsv } from './readwise-csv';
import type { ForeignHighlights } from './types';
import { looksLikeZotero, parseZotero } from './zotero';

export type * from './types';
export { FORMAT_NAMES, HIGHLIGHT_FORMATS } from './types';

export const KNOWN_FORMATS =
  'Kindle’s My Clippings.txt, a Readwise CSV export, Hypothesis JSON, a KOReader metadata.*.lua file, or a Calibre or Zotero annotations export';

export function parseHighlightsFile(bytes: Uint8Array, fileName: string): ForeignHighlights {
  if (bytes.length === 0) throw new GlossError('EMPTY', `“${fileName}” is empty.`);
  const { text, warnings } = decodeText(bytes, fileName);
  if (text.includes('\0'))
    throw new GlossError(
      'UNSUPPORTED_FORMAT',
      `“${fileName}” is not a text file, so it holds no highlights Gloss can read: use ${KNOWN_FORMATS}.`,
    );
  const file = { text, fileName };
  const result = parseText(file);
  result.warnings.unshift(...warnings);
  const count = result.documents.reduce((n, d) => n + d.highlights.length + d.notes.length, 0);
  if (count === 0) throw new GlossError('EMPTY', `“${fileName}” holds no highlights or notes to import.`);
  return result;
}

function parseText(file: { text: string; fileName: string }): ForeignHighlights {
  const trimmed = file.text.replace(/^\ufeff/, '').trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (err) {
      throw new GlossError(
        'UNSUPPORTED_FORMAT',
        `“${file.fileName}” looks like JSON but does not parse (${(err as Error).message}); was it cut short?`,
      );
    }
    if (looksLikeHypothesis(value)) return parseHypothesis(value, file);
    if (looksLikeCalibre(value)) return parseCalibre(value, file);
    if (looksLikeZotero(value)) return parseZotero(value, file);
    throw new GlossError(
      'UNSUPPORTED_FORMAT',
      `“${file.fileName}” is JSON, but not highlights Gloss knows: use ${KNOWN_FORMATS}.`,
    );
  }
  if (looksLikeKindle(trimmed)) return parseKindle(file);
  if (looksLikeReadwiseCsv(trimmed)) return parseReadwiseCsv(file);
  if (looksLikeKoreader(trimmed, file.fileName)) return parseKoreader(file);
  throw new GlossError(
    'UNSUPPORTED_FORMAT',
    `“${file.fileName}” is not a highlights file Gloss knows: use ${KNOWN_FORMATS}.`,
  );
}
