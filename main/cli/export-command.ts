/**
 * `gloss export`: one article's notes, or the whole library's, written in a
 * format other tools read; damage recovered on the way is said, with exit 3.
 */
import { Option, type Command } from 'commander';
import { EXPORT_FORMATS } from '../core/contract';
import { Exit, EXIT_RECOVERED, type CommandContext } from './context';

export function addExportCommand(program: Command, ctx: CommandContext): void {
  program
    .command('export')
    .description('export notes of one article, or of the whole library')
    .argument('[id]', 'article id (omit for the whole library)')
    .addOption(
      new Option(
        '--format <format>',
        'md, json (W3C Web Annotation), csv, or readwise (a CSV Readwise imports)',
      )
        .choices([...EXPORT_FORMATS])
        .default('md'),
    )
    .requiredOption('--out <file>', 'where to write')
    .addOption(ctx.dataDirOption())
    .action((id: string | undefined, opts) =>
      ctx.use(opts, async (gloss) => {
        const articleId = id ? await ctx.resolveId(gloss, id) : undefined;
        const r = await gloss.exportNotes({ articleId, format: opts.format, path: opts.out });
        ctx.out(
          `wrote ${r.annotations} annotation${r.annotations === 1 ? '' : 's'} from ${r.articles} article${r.articles === 1 ? '' : 's'} to ${r.path}\n`,
        );
        for (const w of r.warnings ?? []) ctx.err(`warning: ${w}\n`);
        if (r.warnings?.length) throw new Exit(EXIT_RECOVERED);
      }),
    );
}
