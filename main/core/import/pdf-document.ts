/**
 * A PDF's article from what pdf.js read (pdf-extract.ts): lines in reading
 * order (pdf-lines.ts), blocks by typography (pdf-blocks.ts), title, authors
 * and date from the metadata and the first page, the pages' labels. Runs in
 * the PDF worker thread (pdf-worker.ts) beside pdf.js, so the importing thread
 * — the app's main process — receives the blocks alone, never the thousands of
 * positioned runs (their structured clone alone held it for tens of ms).
 */
import type { BlockInput } from '../document/types';
import type { PdfText } from './pdf-extract';
import { blocksFromLines, dateIn } from './pdf-blocks';
import { linesInReadingOrder } from './pdf-lines';
import type { ParsedDocument } from './types';

/** The Info dictionary's "Microsoft Word - x.docx", "untitled", a file name, markup: not a title. */
export function isJunkTitle(title: string | undefined, fileName?: string): boolean {
  if (!title || title.trim().length < 3) return true;
  const t = title.trim();
  return (
    /^(microsoft (word|powerpoint|excel) - |untitled\b|document\d*$|slide \d+$|powerpoint presentation$|title$)/i.test(
      t,
    ) ||
    /\.(docx?|pdf|tex|dvi|indd|pptx?|odt|rtf|qxp|ps|eps)$/i.test(t) ||
    /<\/?[a-z][^>]*>/i.test(t) ||
    /^[\w.-]+$/.test(t) ||
    (fileName !== undefined && t === fileName.replace(/\.pdf$/i, ''))
  );
}

/** An Info Author that is a login or a machine, not a person. */
export function isJunkAuthor(author: string | undefined): boolean {
  if (!author || author.trim().length < 3) return true;
  return (
    /^(administrator|admin|user|owner|windows user|microsoft office user|hp|dell|unknown|author)$/i.test(
      author.trim(),
    ) || /^[a-z0-9._-]+$/.test(author.trim())
  );
}

/** "D:20240305101500Z" → "2024-03-05". */
export function pdfDate(value: string | undefined): string | undefined {
  const m = /^(?:D:)?(\d{4})(\d{2})?(\d{2})?/.exec(value?.trim() ?? '');
  if (!m || m[1] === '0000') return undefined;
  return [m[1], m[2], m[3]].filter(Boolean).join('-');
}

function surname(name: string): string | undefined {
  return name.trim().split(/\s+/).pop()?.toLowerCase();
}

/**
 * The article from the pages' runs and the file's metadata, or 'no-text' when
 * no page has any (a scan). `label` names the file in warnings ("“paper.pdf”").
 */
export function pdfDocumentOf(
  { pages, pageLabels, info, xmp }: PdfText,
  label: string,
  fileName?: string,
): ParsedDocument | 'no-text' {
  const textless = pages.filter((p) => !p.runs.some((r) => r.text.trim() !== '')).map((p) => p.page);
  if (textless.length === pages.length) return 'no-text';
  const { blocks, firstPage } = blocksFromLines(linesInReadingOrder(pages));
  // Cite the page numbers printed on the pages (a journal's pp. 233–247) when the file labels them all with numbers.
  const printed = numericPageLabels(pageLabels, pages.length);
  if (printed) for (const b of blocks) if (b.page !== undefined) b.page = printed[b.page - 1];
  // Other labels (roman numerals for the front matter, then 1, 2…): blocks keep the page's place, citations say "p. iv".
  const labels = printed ? undefined : citablePageLabels(pageLabels, pages.length);
  const infoTitle = [xmp.title, info.Title].find((t) => !isJunkTitle(t, fileName));
  const infoAuthor = [xmp.creator, info.Author].find((a) => !isJunkAuthor(a));
  // The names printed under the title, when they include the Info author (or there is none): usually every author.
  const byline =
    firstPage.byline &&
    (!infoAuthor || firstPage.byline.toLowerCase().includes(surname(infoAuthor) ?? '\u0000'))
      ? firstPage.byline
      : infoAuthor;
  const title = infoTitle ?? firstPage.title ?? fileName?.replace(/\.pdf$/i, '') ?? 'Untitled PDF';
  const warnings: string[] = [];
  if (textless.length > 0) {
    warnings.push(
      `${textless.length === 1 ? 'Page' : 'Pages'} ${textless.join(', ')} of ${label} ${textless.length === 1 ? 'has' : 'have'} no text (images only, no OCR), so ${textless.length === 1 ? 'it is' : 'they are'} not in the article.`,
    );
  }
  const withTitle: BlockInput[] =
    blocks[0]?.kind === 'title' ? blocks : [{ kind: 'title', text: title, page: 1 }, ...blocks];
  return {
    blocks: withTitle,
    meta: {
      title,
      ...(byline ? { byline } : {}),
      ...(() => {
        const published = firstPage.date ?? pdfDate(info.CreationDate) ?? dateIn(info.CreationDate ?? '');
        return published ? { published } : {};
      })(),
      ...(info.Language ? { language: info.Language } : {}),
    },
    warnings,
    ...(labels ? { pageLabels: labels } : {}),
  };
}

/** A page label worth citing: short, printable, no markup (a hostile file may label a page with anything). */
const CITABLE_LABEL = /^[\p{L}\p{N}][\p{L}\p{N} .\-–]{0,15}$/u;

/**
 * The pages' labels as printed ("i", "ii", "1", "2", "A-1"), when the file
 * labels every page with a short printable label and they are not simply
 * 1, 2, 3…; else undefined (pages are cited by place).
 */
export function citablePageLabels(labels: string[] | null, count: number): string[] | undefined {
  if (!labels || labels.length !== count) return undefined;
  const trimmed = labels.map((l) => (typeof l === 'string' ? l.trim() : ''));
  if (!trimmed.every((l) => CITABLE_LABEL.test(l))) return undefined;
  if (trimmed.every((l, i) => l === String(i + 1))) return undefined;
  return trimmed;
}

/** Each page's label as a number, when every page has a plain decimal label; else undefined (the page's place is used). */
export function numericPageLabels(labels: string[] | null, count: number): number[] | undefined {
  if (!labels || labels.length !== count || !labels.every((l) => /^\d{1,6}$/.test(l))) return undefined;
  return labels.map(Number);
}
