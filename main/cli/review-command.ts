/**
 * `gloss review ID`: the highlights waiting for a look after a new version of
 * the article — each with its old and new wording (or "not found") — and
 * `--accept-all` for scripts: changed words confirmed on the new version,
 * words not found kept on the old one. Nothing is deleted.
 */
import type { Command } from 'commander';
import type { ReviewItem, TextChange } from '../core/contract';
import { plural, type CommandContext } from './context';

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

export function addReviewCommand(program: Command, ctx: CommandContext): void {
  program
    .command('review')
    .description('list the highlights to review after a new version of an article (old and new wording)')
    .argument('<id>', 'article id (a unique prefix is enough)')
    .addOption(ctx.dataDirOption())
    .option(
      '--json',
      'print JSON: [{ annotation, band: changed|not-found, fromVersion, previous, current, changes }]',
    )
    .option(
      '--accept-all',
      'accept every one: changed words confirmed, words not found kept on the old version',
    )
    .action((id: string, opts) =>
      ctx.use(opts, async (gloss) => {
        const articleId = await ctx.resolveId(gloss, id);
        if (opts.acceptAll) {
          const r = await gloss.acceptAllReview({ articleId });
          if (opts.json) return ctx.out(JSON.stringify(r, null, 2) + '\n');
          return ctx.out(`accepted ${plural(r.after.length, 'highlight')}\n`);
        }
        const items = await gloss.listReview({ articleId });
        if (opts.json) return ctx.out(JSON.stringify(items, null, 2) + '\n');
        if (!items.length) return ctx.out('Nothing to review.\n');
        for (const item of items) ctx.out(formatItem(item));
        ctx.out(`${plural(items.length, 'highlight')} to review\n`);
      }),
    );
}

function formatItem(item: ReviewItem): string {
  const head = `${item.annotation.id.slice(0, 8)}  ${item.band === 'changed' ? 'changed  ' : 'not found'}`;
  if (item.band === 'not-found')
    return `${head}  was “${oneLine(item.previous)}” (kept on the old version)\n`;
  return `${head}  was “${oneLine(item.previous)}”\n${' '.repeat(21)}now “${oneLine(item.current ?? '')}”\n${' '.repeat(21)}${marked(item.changes)}\n`;
}

/** The change on one line: [-deleted-]{+inserted+}, as git's word diff writes it. */
export function marked(changes: readonly TextChange[]): string {
  return oneLine(
    changes
      .map((c) => (c.op === 'same' ? c.text : c.op === 'deleted' ? `[-${c.text}-]` : `{+${c.text}+}`))
      .join(''),
  );
}
