/**
 * `gloss import-highlights FILE…`: highlights from Kindle (My Clippings.txt),
 * Readwise (CSV), Hypothesis (JSON), KOReader (metadata.*.lua), Calibre and
 * Zotero (JSON) brought into the library — anchored in the articles it has,
 * kept as articles of their own otherwise; the same file twice adds nothing.
 * Prints what became of each document; --json the service's report as is.
 */
import type { Command } from 'commander';
import type { HighlightImportDocument, HighlightImportReport } from '../core/contract';
import { Exit, clip, plural, type CommandContext } from './context';

const BY = {
  url: 'by its address',
  'title-author': 'by title and author',
  title: 'by title alone — check it',
};

export function addImportHighlightsCommand(program: Command, ctx: CommandContext): void {
  program
    .command('import-highlights')
    .description(
      'import highlights from Kindle (My Clippings.txt), Readwise (CSV), Hypothesis (JSON), KOReader (metadata.*.lua), Calibre or Zotero (JSON)',
    )
    .argument('<files...>', 'highlights files exported by those tools')
    .addOption(ctx.dataDirOption())
    .option(
      '--json',
      'print the report as JSON: { files: [{ source, format, documents: [...], warnings }], failed }',
    )
    .action((files: string[], opts) =>
      ctx.use(opts, async (gloss) => {
        const report = await gloss.importHighlights({ paths: files });
        // The batch is for the app's undo (every passage written, twice): not part of what the command reports.
        const { files: done, failed } = report;
        if (opts.json) ctx.out(JSON.stringify({ files: done, failed }, null, 2) + '\n');
        else print(report, ctx);
        if (report.failed.length) throw new Exit(1);
      }),
    );
}

function print(report: HighlightImportReport, ctx: CommandContext): void {
  for (const file of report.files) {
    ctx.out(`${file.format}: ${file.source}\n`);
    for (const d of file.documents) ctx.out(describe(d));
    for (const w of file.warnings) ctx.err(`warning   ${file.source}: ${w}\n`);
  }
  for (const f of report.failed) ctx.err(`failed    ${f.source}: ${f.message}\n`);
}

function describe(d: HighlightImportDocument): string {
  const lines = [`  ${d.title}${d.authors.length ? ` — ${d.authors.join(', ')}` : ''}`];
  const parts: string[] = [];
  if (d.anchored) parts.push(`${d.anchored} anchored`);
  if (d.lowConfidence.length) parts.push(`${d.lowConfidence.length} placed without certainty`);
  if (d.unanchored)
    parts.push(
      d.keptIn
        ? `${d.unanchored} not found, kept in “${d.keptIn.title}”`
        : plural(d.unanchored, 'passage') + ' kept',
    );
  if (d.alreadyImported) parts.push(`${d.alreadyImported} already in the library`);
  if (d.notes) parts.push(`${plural(d.notes, 'note')} added to the article note`);
  const where = d.matchedBy
    ? `in “${d.articleTitle}” (${d.articleId.slice(0, 8)}), found ${BY[d.matchedBy]}`
    : `as a new article “${d.articleTitle}” (${d.articleId.slice(0, 8)})`;
  lines.push(`    ${where}: ${parts.join(', ') || 'nothing new'}`);
  for (const l of d.lowConfidence)
    lines.push(`      not sure  “${clip(l.quote, 60)}”${l.location ? ` (${l.location})` : ''}: ${l.why}`);
  return lines.join('\n') + '\n';
}
