/**
 * Hypothesis annotations as its API returns them (GET /api/search: `{ total,
 * rows: [...] }`, or a bare array of rows): each row has `uri`, `text` (the
 * note), `tags`, `created`/`updated`, `document.title` (an array) and
 * `target[0].selector` — a TextQuoteSelector (exact, prefix, suffix), a
 * TextPositionSelector and a RangeSelector (XPaths, which mean nothing
 * outside the page and are ignored). A row without a quote is a page note;
 * a row with `references` is a reply in a discussion and is not the user's
 * highlight.
 */
import { GlossError } from '../errors';
import { toIsoDate } from './dates';
import type { ForeignDocument, ForeignFile, ForeignHighlights } from './types';

interface Selector {
  type?: string;
  exact?: unknown;
  prefix?: unknown;
  suffix?: unknown;
  start?: unknown;
}
interface Row {
  uri?: unknown;
  text?: unknown;
  tags?: unknown;
  created?: unknown;
  updated?: unknown;
  references?: unknown;
  document?: { title?: unknown };
  target?: Array<{ source?: unknown; selector?: Selector[] }>;
}

export function looksLikeHypothesis(value: unknown): boolean {
  const rows = rowsOf(value);
  return (
    !!rows &&
    rows.length > 0 &&
    rows.some((r) => isObject(r) && typeof r.uri === 'string' && Array.isArray(r.target))
  );
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function rowsOf(value: unknown): unknown[] | undefined {
  if (Array.isArray(value)) return value;
  if (isObject(value) && Array.isArray(value.rows)) return value.rows;
  return undefined;
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

export function parseHypothesis(value: unknown, file: ForeignFile): ForeignHighlights {
  const rows = rowsOf(value);
  if (!rows)
    throw new GlossError(
      'UNSUPPORTED_FORMAT',
      `“${file.fileName}” is JSON, but not a Hypothesis export (no rows).`,
    );
  const documents = new Map<string, ForeignDocument>();
  let replies = 0;
  let unreadable = 0;
  for (const raw of rows) {
    if (!isObject(raw) || typeof raw.uri !== 'string') {
      unreadable++;
      continue;
    }
    const row = raw as Row;
    if (Array.isArray(row.references) && row.references.length > 0) {
      replies++;
      continue;
    }
    const uri = str(row.uri);
    const titles = row.document?.title;
    const title = (Array.isArray(titles) ? str(titles[0]) : str(titles)).trim() || uri;
    let doc = documents.get(uri);
    if (!doc) {
      doc = { title, authors: [], url: /^https?:/i.test(uri) ? uri : undefined, highlights: [], notes: [] };
      documents.set(uri, doc);
    }
    const selectors = Array.isArray(row.target) ? (row.target[0]?.selector ?? []) : [];
    const quote = selectors.find((s) => s?.type === 'TextQuoteSelector');
    const position = selectors.find((s) => s?.type === 'TextPositionSelector');
    const note = str(row.text).trim();
    const created = toIsoDate(row.created);
    const tags = Array.isArray(row.tags) ? row.tags.filter((t): t is string => typeof t === 'string') : [];
    const exact = str(quote?.exact).trim();
    if (!exact) {
      if (note || tags.length)
        doc.notes.push({
          text: [note, tags.map((t) => `#${t}`).join(' ')].filter(Boolean).join('\n'),
          created,
        });
      continue;
    }
    doc.highlights.push({
      text: exact,
      note,
      tags,
      created,
      modified: toIsoDate(row.updated) ?? created,
      prefix: str(quote?.prefix) || undefined,
      suffix: str(quote?.suffix) || undefined,
      order: typeof position?.start === 'number' ? position.start : undefined,
    });
  }
  const warnings: string[] = [];
  if (replies) warnings.push(`${replies} repl${replies === 1 ? 'y' : 'ies'} to other annotations skipped.`);
  if (unreadable)
    warnings.push(`${unreadable} row${unreadable === 1 ? '' : 's'} without a page address skipped.`);
  return { format: 'hypothesis', documents: [...documents.values()], warnings };
}
