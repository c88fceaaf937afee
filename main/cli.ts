/**
 * `gloss` — the command line over the same service the desktop app uses.
 * Errors go to stderr with a non-zero exit; --json gives scripts stable output.
 */
import { Command, CommanderError, Option } from 'commander';
import {
  COLORS,
  EXPORT_FORMATS,
  type Article,
  type ArticleSummary,
  type ImportReport,
} from './core/contract';
import type { Annotation } from './core/annotations/types';
import { GlossError } from './core/errors';
import { defaultDataDir } from './core/paths';
import { createGloss, type GlossService } from './core/service';
import { findQuote } from './core/anchoring/find-quote';
import { addEditCommand, addWorkspaceCommands } from './cli/workspace-commands';
import { addSearchCommand } from './cli/search-command';

interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** Runs one command line; resolves to the exit code (never calls process.exit). */
export async function runCli(
  argv: string[],
  io: Io = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) },
): Promise<number> {
  const program = new Command()
    .name('gloss')
    .description('Read closely: import articles, highlight and tag passages, export your notes.')
    .exitOverride()
    .enablePositionalOptions()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError('(run gloss --help for usage)')
    .addHelpText(
      'after',
      `\nExit status: 0 done; 1 failed (the reason is on stderr); 2 usage error; ${EXIT_RECOVERED} done, but damaged files in the library were found and recovered (each is named by a "warning:" line on stderr).\n`,
    );

  const dataDirOption = () =>
    new Option('--data-dir <dir>', 'library folder (default: the desktop app’s, or $GLOSS_DATA_DIR)').default(
      undefined,
    );

  let task: ((gloss: GlossService) => Promise<void>) | undefined;
  let dataDir: string | undefined;
  const use = (opts: { dataDir?: string }, fn: (gloss: GlossService) => Promise<void>) => {
    dataDir = opts.dataDir;
    task = fn;
  };

  program
    .command('import')
    .description('import files (text, HTML, Markdown, EPUB) or http(s) URLs')
    .argument('<sources...>', 'files or URLs')
    .addOption(dataDirOption())
    .option('--json', 'print the report as JSON')
    .action((sources: string[], opts) =>
      use(opts, async (gloss) => {
        const report: ImportReport = { imported: [], existing: [], failed: [] };
        const files = sources.filter((s) => !/^https?:\/\//i.test(s));
        const urls = sources.filter((s) => /^https?:\/\//i.test(s));
        if (files.length) merge(report, await gloss.importFiles({ paths: files }));
        for (const url of urls) merge(report, await gloss.importUrl({ url }));
        if (opts.json) io.out(JSON.stringify(report, null, 2) + '\n');
        else {
          for (const a of report.imported) io.out(`imported  ${a.id}  ${a.title}\n`);
          for (const a of report.existing) io.out(`exists    ${a.id}  ${a.title}\n`);
          for (const f of report.failed) io.err(`failed    ${f.source}: ${f.message}\n`);
          for (const w of report.warnings ?? []) io.err(`warning   ${w.source}: ${w.message}\n`);
        }
        if (report.failed.length) throw new Exit(1);
      }),
    );

  program
    .command('list')
    .description('list the library, newest first')
    .addOption(dataDirOption())
    .option('--json', 'print JSON')
    .action((opts) =>
      use(opts, async (gloss) => {
        const articles = await gloss.listArticles();
        if (opts.json) return io.out(JSON.stringify(articles, null, 2) + '\n');
        if (!articles.length) return io.out('The library is empty. Add an article with: gloss import FILE\n');
        for (const a of articles) io.out(formatSummary(a) + '\n');
      }),
    );

  program
    .command('show')
    .description('print an article and its annotations')
    .argument('<id>', 'article id (a unique prefix is enough)')
    .addOption(dataDirOption())
    .option('--json', 'print JSON: { article, annotations }')
    .action((id: string, opts) =>
      use(opts, async (gloss) => {
        const article = await gloss.getArticle({ id: await resolveId(gloss, id) });
        const annotations = await gloss.listAnnotations({ articleId: article.id });
        if (opts.json) return io.out(JSON.stringify({ article, annotations }, null, 2) + '\n');
        io.out(formatArticle(article, annotations));
      }),
    );

  program
    .command('highlight')
    .description('highlight a passage, found by its exact words')
    .argument('<id>', 'article id (a unique prefix is enough)')
    .requiredOption('--quote <text>', 'the passage, as written in the article')
    .option('--tag <tag>', 'a tag (repeat for more)', collect, [])
    .option('--note <text>', 'a note on the passage', '')
    .addOption(new Option('--color <color>', 'highlight colour').choices([...COLORS]).default('yellow'))
    .addOption(dataDirOption())
    .option('--json', 'print the annotation as JSON')
    .action((id: string, opts) =>
      use(opts, async (gloss) => {
        const article = await gloss.getArticle({ id: await resolveId(gloss, id) });
        const { start, end } = findQuote(article.text, opts.quote);
        const a = await gloss.createAnnotation({
          articleId: article.id,
          start,
          end,
          color: opts.color,
          tags: opts.tag,
          note: opts.note,
        });
        if (opts.json) return io.out(JSON.stringify(a, null, 2) + '\n');
        io.out(
          `highlighted ${a.id} (${a.color}) in “${article.meta.title}”: “${clip(a.target.quote.exact, 80)}”\n`,
        );
      }),
    );

  program
    .command('export')
    .description('export notes of one article, or of the whole library')
    .argument('[id]', 'article id (omit for the whole library)')
    .addOption(
      new Option('--format <format>', 'md, json (W3C Web Annotation) or csv')
        .choices([...EXPORT_FORMATS])
        .default('md'),
    )
    .requiredOption('--out <file>', 'where to write')
    .addOption(dataDirOption())
    .action((id: string | undefined, opts) =>
      use(opts, async (gloss) => {
        const articleId = id ? await resolveId(gloss, id) : undefined;
        const r = await gloss.exportNotes({ articleId, format: opts.format, path: opts.out });
        io.out(
          `wrote ${r.annotations} annotation${r.annotations === 1 ? '' : 's'} from ${r.articles} article${r.articles === 1 ? '' : 's'} to ${r.path}\n`,
        );
        for (const w of r.warnings ?? []) io.err(`warning: ${w}\n`);
        if (r.warnings?.length) throw new Exit(EXIT_RECOVERED);
      }),
    );

  program
    .command('remove')
    .description('remove an article and its notes from the library')
    .argument('<id>', 'article id (a unique prefix is enough)')
    .addOption(dataDirOption())
    .action((id: string, opts) =>
      use(opts, async (gloss) => {
        const articleId = await resolveId(gloss, id);
        await gloss.removeArticle({ id: articleId });
        io.out(`removed ${articleId}\n`);
      }),
    );

  addWorkspaceCommands(program, { use, out: io.out, dataDirOption, resolveId });
  addEditCommand(program, { use, out: io.out, dataDirOption, resolveId });
  addSearchCommand(program, { use, out: io.out, err: io.err, dataDirOption, resolveId });

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    throw err;
  }
  if (!task) {
    io.out(program.helpInformation());
    return 0;
  }
  let gloss: GlossService | undefined;
  const warned = new Set<string>();
  // Recovery reports known at start and those the command itself caused (a damaged notes file read by show), each once.
  const printWarnings = async (except?: string): Promise<void> => {
    for (const w of gloss ? (await gloss.storeStatus()).warnings : []) {
      if (warned.has(w)) continue;
      warned.add(w);
      if (w !== except) io.err(`warning: ${w}\n`);
    }
  };
  let code: number;
  try {
    gloss = await createGloss({ dataDir: dataDir ?? defaultDataDir() });
    await printWarnings();
    await task(gloss);
    await printWarnings();
    code = 0;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    await printWarnings(message).catch(() => {});
    if (err instanceof Exit) code = err.code;
    else {
      io.err(`gloss: ${message}\n`);
      code = err instanceof GlossError ? 1 : 70;
    }
  } finally {
    await gloss?.close();
  }
  return code === 0 && warned.size > 0 ? EXIT_RECOVERED : code;
}

/** The command did what was asked, but Gloss found damage in the library and recovered from it (see the warnings on stderr). */
export const EXIT_RECOVERED = 3;

class Exit {
  constructor(readonly code: number) {}
}

function merge(into: ImportReport, from: ImportReport): void {
  into.imported.push(...from.imported);
  into.existing.push(...from.existing);
  into.failed.push(...from.failed);
  if (from.warnings?.length) (into.warnings ??= []).push(...from.warnings);
}

/** Accept a unique id prefix, as git does for commits. */
async function resolveId(gloss: GlossService, id: string): Promise<string> {
  const matches = (await gloss.listArticles()).filter((a) => a.id.startsWith(id));
  if (matches.length === 1) return matches[0].id;
  if (matches.length === 0)
    throw new GlossError('NOT_FOUND', `No article with id ${id} in the library (gloss list shows them).`);
  throw new GlossError('INVALID_REQUEST', `${id} matches ${matches.length} articles; give more of the id.`);
}

const clip = (s: string, n: number) => (s.length > n ? s.slice(0, n - 1) + '…' : s).replace(/\s+/g, ' ');

function formatSummary(a: ArticleSummary): string {
  const from = [a.source, a.published?.slice(0, 10)].filter(Boolean).join(', ');
  const notes = a.annotationCount
    ? `  [${a.annotationCount} highlight${a.annotationCount === 1 ? '' : 's'}]`
    : '';
  return `${a.id}  ${a.title}${from ? ` — ${from}` : ''}${notes}`;
}

function formatArticle(article: Article, annotations: Annotation[]): string {
  const lines = [article.meta.title, '='.repeat(Math.min(article.meta.title.length, 72))];
  const from = [article.meta.place, article.meta.source, article.meta.published].filter(Boolean).join(' · ');
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
