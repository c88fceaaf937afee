/**
 * `gloss cite ANNOTATION_ID`: one passage as it is pasted elsewhere — the
 * quote, `— Author, "Title", Source, Date, ¶N`, and a text-fragment link to
 * the words on the live page — as plain text, Markdown or HTML.
 */
import { Option, type Command } from 'commander';
import { GlossError } from '../core/errors';
import { CITE_FORMATS } from '../core/export/cite';
import type { GlossService } from '../core/service';
import type { CommandContext } from './context';

/** The highlight an id names, or the one it starts (ids are long: the first 8 characters are shown). */
async function resolveAnnotation(
  gloss: GlossService,
  given: string,
): Promise<{ articleId: string; id: string }> {
  const [exact] = (await gloss.listPassages({ only: [given], limit: 1 })).passages;
  if (exact) return { articleId: exact.articleId, id: exact.id };
  // A start of an id: every passage's id (strings only), then the one it names.
  const ids = given.length >= 4 ? ((await gloss.listPassages({ ids: true, limit: 0 })).ids ?? []) : [];
  const starting = ids.filter((id) => id.startsWith(given));
  if (starting.length === 1) {
    const [one] = (await gloss.listPassages({ only: starting, limit: 1 })).passages;
    return { articleId: one.articleId, id: one.id };
  }
  throw new GlossError(
    'NOT_FOUND',
    starting.length > 1
      ? `${starting.length} highlights have ids starting “${given}”: give more of the id.`
      : `No highlight ${given} in the library (gloss annotations lists them).`,
  );
}

export function addCiteCommand(program: Command, ctx: CommandContext): void {
  program
    .command('cite')
    .description('print a highlight with its citation and a link to the words on the page')
    .argument('<annotation-id>', 'highlight id (a unique start of it is enough)')
    .addOption(
      new Option('--format <format>', 'text, md (Markdown) or html')
        .choices([...CITE_FORMATS])
        .default('text'),
    )
    .addOption(ctx.dataDirOption())
    .action((given: string, opts: { format: (typeof CITE_FORMATS)[number]; dataDir?: string }) =>
      ctx.use(opts, async (gloss) => {
        const cited = await gloss.citeAnnotations({ annotations: [await resolveAnnotation(gloss, given)] });
        ctx.out(`${cited[opts.format]}\n`);
      }),
    );
}
