/**
 * `gloss import`, `list`, `show` and `remove`: articles into and out of the
 * library, and reading one (with its annotations) in a terminal.
 */
import type { Command } from 'commander';
import type { Annotation, Article, ArticleSummary, ImportReport } from '../core/contract';
import { clip, Exit, plural, type CommandContext } from './context';
import { importVersionLines } from './versions-command';

export function addImportCommand(program: Command, ctx: CommandContext): void {
  program
    .command('import')
    .description(
      'import files (text, HTML, Markdown, EPUB, PDF), http(s) URLs, or - for text on standard input',
    )
    .argument(
      '<sources...>',
      'files, URLs, or - (standard input: plain text, or HTML when it starts with a tag)',
    )
    .addOption(ctx.dataDirOption())
    .option('--json', 'print the report as JSON')
    .option('--download-images', 'download the web pictures of saved HTML pages (a URL’s always are)')
    .option('--no-images', 'download no picture, not even a URL’s: placeholders with their address')
    .option('--new-article', 'a new article even when it is a new version of one in the library')
    .option('--title <title>', 'the title of the text on standard input (default: its first line)')
    .action((sources: string[], opts) =>
      ctx.use(opts, async (gloss) => {
        const report: ImportReport = { imported: [], existing: [], failed: [] };
        const files = sources.filter((s) => s !== '-' && !/^https?:\/\//i.test(s));
        const urls = sources.filter((s) => /^https?:\/\//i.test(s));
        const newArticle = opts.newArticle === true;
        if (files.length) merge(report, await gloss.importFiles({ paths: files, newArticle }));
        for (const url of urls) merge(report, await gloss.importUrl({ url, newArticle }));
        if (sources.includes('-')) {
          const text = await ctx.readStdin();
          // HTML when it starts with a tag, as a paste of a web page's HTML would.
          const html = /^\s*</.test(text) ? text : undefined;
          merge(report, await gloss.importText({ text, html, title: opts.title, newArticle }));
        }
        if (opts.json) ctx.out(JSON.stringify(report, null, 2) + '\n');
        else {
          for (const a of report.imported) ctx.out(`imported  ${a.id}  ${a.title}\n`);
          for (const a of report.existing) ctx.out(`exists    ${a.id}  ${a.title}\n`);
          for (const line of importVersionLines(report)) ctx.out(line);
          for (const f of report.failed) ctx.err(`failed    ${f.source}: ${f.message}\n`);
          for (const w of report.warnings ?? []) ctx.err(`warning   ${w.source}: ${w.message}\n`);
        }
        if (report.failed.length) throw new Exit(1);
      }),
    );
}

export function addListCommand(program: Command, ctx: CommandContext): void {
  program
    .command('list')
    .description('list the library, newest first')
    .addOption(ctx.dataDirOption())
    .option('--json', 'print JSON')
    .action((opts) =>
      ctx.use(opts, async (gloss) => {
        const articles = await gloss.listArticles();
        if (opts.json) return ctx.out(JSON.stringify(articles, null, 2) + '\n');
        if (!articles.length)
          return ctx.out('The library is empty. Add an article with: gloss import FILE\n');
        for (const a of articles) ctx.out(formatSummary(a) + '\n');
      }),
    );
}

export function addShowCommand(program: Command, ctx: CommandContext): void {
  program
    .command('show')
    .description('print an article and its annotations')
    .argument('<id>', 'article id (a unique prefix is enough)')
    .addOption(ctx.dataDirOption())
    .option('--json', 'print JSON: { article, annotations }')
    .action((id: string, opts) =>
      ctx.use(opts, async (gloss) => {
        const article = await gloss.getArticle({ id: await ctx.resolveId(gloss, id) });
        const annotations = await gloss.listAnnotations({ articleId: article.id });
        if (opts.json) return ctx.out(JSON.stringify({ article, annotations }, null, 2) + '\n');
        ctx.out(formatArticle(article, annotations));
      }),
    );
}

export function addRemoveCommand(program: Command, ctx: CommandContext): void {
  program
    .command('remove')
    .description('remove articles and their notes from the library')
    .argument('<ids...>', 'article ids (a unique prefix is enough)')
    .addOption(ctx.dataDirOption())
    .action((given: string[], opts) =>
      ctx.use(opts, async (gloss) => {
        // Every id resolved first: one unknown id removes nothing.
        const ids = [...new Set(await Promise.all(given.map((id) => ctx.resolveId(gloss, id))))];
        if (ids.length === 1) {
          await gloss.removeArticle({ id: ids[0] });
          return ctx.out(`removed ${ids[0]}\n`);
        }
        const counts = new Map((await gloss.listArticles()).map((a) => [a.id, a.annotationCount]));
        for (const id of ids) await gloss.removeArticle({ id });
        const highlights = ids.reduce((n, id) => n + (counts.get(id) ?? 0), 0);
        ctx.out(`removed ${plural(ids.length, 'article')} and ${plural(highlights, 'highlight')}\n`);
      }),
    );
}

function merge(into: ImportReport, from: ImportReport): void {
  into.imported.push(...from.imported);
  into.existing.push(...from.existing);
  into.failed.push(...from.failed);
  if (from.warnings?.length) (into.warnings ??= []).push(...from.warnings);
  if (from.versions?.length) (into.versions ??= []).push(...from.versions);
  if (from.possibleVersions?.length) (into.possibleVersions ??= []).push(...from.possibleVersions);
}

function formatSummary(a: ArticleSummary): string {
  const from = [a.source, a.published?.slice(0, 10)].filter(Boolean).join(', ');
  const notes = a.annotationCount
    ? `  [${a.annotationCount} highlight${a.annotationCount === 1 ? '' : 's'}]`
    : '';
  return `${a.id}  ${a.title}${from ? ` — ${from}` : ''}${notes}`;
}

function formatArticle(article: Article, annotations: Annotation[]): string {
  const lines = [article.meta.title, '='.repeat(Math.min(article.meta.title.length, 72))];
  // The author as corrected (gloss edit): what citations and exports name.
  const from = [article.meta.byline, article.meta.place, article.meta.source, article.meta.published]
    .filter(Boolean)
    .join(' · ');
  if (from) lines.push(from);
  lines.push(`id ${article.id} · ${article.meta.wordCount} words`, '');
  for (const b of article.blocks.slice(1)) {
    if (b.kind === 'caption') lines.push(`  [caption] ${b.text}`);
    else if (b.kind === 'related') lines.push(`  → ${b.text}`);
    else if (b.kind === 'heading') lines.push(`${'#'.repeat(b.level)} ${b.text}`);
    else lines.push(b.text);
    lines.push('');
  }
  if (annotations.length) {
    lines.push(`Annotations (${annotations.length})`, '');
    for (const a of annotations) {
      const tags = a.tags.map((t) => `#${t}`).join(' ');
      lines.push(
        `  ${a.id.slice(0, 8)} [${a.color}] “${clip(a.target.quote.exact, 100)}”${tags ? ' ' + tags : ''}${a.orphan ? ' (quote not found in text)' : ''}`,
      );
      if (a.note) lines.push(`           ${a.note}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
