/**
 * `gloss export`: one article's notes, several articles', or the whole library's, written in a
 * format other tools read; damage recovered on the way is said, with exit 3.
 */
import { Option, type Command } from 'commander';
import { EXPORT_FORMATS } from '../core/export/formats';
import { Exit, EXIT_RECOVERED, type CommandContext } from './context';

export function addExportCommand(program: Command, ctx: CommandContext): void {
  program
    .command('export')
    .description('export notes of one article, several, or the whole library')
    .argument('[ids...]', 'article ids (a unique prefix is enough; omit for the whole library)')
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
    .action((given: string[], opts) =>
      ctx.use(opts, async (gloss) => {
        const ids = await Promise.all(given.map((id) => ctx.resolveId(gloss, id)));
        const r = await gloss.exportNotes({
          ...(ids.length === 1 ? { articleId: ids[0] } : ids.length > 1 ? { articleIds: ids } : {}),
          format: opts.format,
          path: opts.out,
        });
        ctx.out(
          `wrote ${r.annotations} annotation${r.annotations === 1 ? '' : 's'} from ${r.articles} article${r.articles === 1 ? '' : 's'} to ${r.path}\n`,
        );
        for (const w of r.warnings ?? []) ctx.err(`warning: ${w}\n`);
        if (r.warnings?.length) throw new Exit(EXIT_RECOVERED);
      }),
    );
}
