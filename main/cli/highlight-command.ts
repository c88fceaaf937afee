/**
 * `gloss highlight`: a passage highlighted by its exact words (they must occur
 * once in the article; the error says how to be more precise when not).
 */
import { Option, type Command } from 'commander';
import { COLORS } from '../core/annotations/colors';
import { findQuote } from '../core/anchoring/find-quote';
import { clip, collect, type CommandContext } from './context';

export function addHighlightCommand(program: Command, ctx: CommandContext): void {
  program
    .command('highlight')
    .description('highlight a passage, found by its exact words')
    .argument('<id>', 'article id (a unique prefix is enough)')
    .requiredOption('--quote <text>', 'the passage, as written in the article')
    .option('--tag <tag>', 'a tag (repeat for more)', collect, [])
    .option('--note <text>', 'a note on the passage', '')
    .addOption(new Option('--color <color>', 'highlight colour').choices([...COLORS]).default('yellow'))
    .addOption(ctx.dataDirOption())
    .option('--json', 'print the annotation as JSON')
    .action((id: string, opts) =>
      ctx.use(opts, async (gloss) => {
        const article = await gloss.getArticle({ id: await ctx.resolveId(gloss, id) });
        const { start, end } = findQuote(article.text, opts.quote);
        const a = await gloss.createAnnotation({
          articleId: article.id,
          start,
          end,
          color: opts.color,
          tags: opts.tag,
          note: opts.note,
        });
        if (opts.json) return ctx.out(JSON.stringify(a, null, 2) + '\n');
        ctx.out(
          `highlighted ${a.id} (${a.color}) in “${article.meta.title}”: “${clip(a.target.quote.exact, 80)}”\n`,
        );
      }),
    );
}
