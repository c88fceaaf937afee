/**
 * `gloss versions ID`: an article's versions, oldest first, the current one
 * marked, with how many highlights were made or confirmed on each and how many
 * wait for review; `--separate N` makes version N an article of its own (one
 * Gloss added when sure, that is another article). Also how `gloss import`
 * tells of versions it added or suspects (importVersionLines).
 */
import type { Command } from 'commander';
import type { ImportReport } from '../core/contract';
import { GlossError } from '../core/errors';
import { plural, type CommandContext } from './context';

export function addVersionsCommand(program: Command, ctx: CommandContext): void {
  program
    .command('versions')
    .description('list the versions of an article (a new version is added by importing it again)')
    .argument('<id>', 'article id (a unique prefix is enough)')
    .addOption(ctx.dataDirOption())
    .option(
      '--json',
      'print JSON: { articleId, title, current, versions: [{ hash, importedAt, title, wordCount, current, annotations }], inReview }',
    )
    .option(
      '--separate <n>',
      'make version N (its number in the list, or a hash prefix) an article of its own, with the highlights made on it',
    )
    .action((id: string, opts) =>
      ctx.use(opts, async (gloss) => {
        const articleId = await ctx.resolveId(gloss, id);
        if (opts.separate !== undefined) {
          const { versions } = await gloss.listVersions({ articleId });
          const n = String(opts.separate);
          const v = /^\d+$/.test(n) ? versions[Number(n) - 1] : versions.find((x) => x.hash.startsWith(n));
          if (!v) throw new GlossError('NOT_FOUND', `No version ${n}: see gloss versions ${id}.`);
          const r = await gloss.separateVersion({ articleId, version: v.hash });
          if (opts.json) return ctx.out(JSON.stringify(r, null, 2) + '\n');
          ctx.out(
            `separated ${r.articleId}  “${r.title}”: no longer a version of “${r.fromTitle}”, ${plural(r.annotations, 'highlight')} went with it${r.inReview ? `; ${r.inReview} to review (gloss review ${articleId.slice(0, 12)})` : ''}\n`,
          );
          return;
        }
        const r = await gloss.listVersions({ articleId });
        if (opts.json) return ctx.out(JSON.stringify(r, null, 2) + '\n');
        ctx.out(`${r.title}\n`);
        r.versions.forEach((v, i) => {
          const mark = v.current ? '*' : ' ';
          ctx.out(
            `${mark} ${i + 1}  ${v.hash.slice(0, 12)}  ${v.importedAt.slice(0, 16).replace('T', ' ')}  ${plural(v.wordCount, 'word')}  ${plural(v.annotations, 'highlight')}${v.title !== r.title ? `  “${v.title}”` : ''}\n`,
          );
        });
        if (r.inReview)
          ctx.out(`${plural(r.inReview, 'highlight')} to review: gloss review ${r.articleId.slice(0, 12)}\n`);
      }),
    );
}

/** The lines `gloss import` prints for versions added and for imports that may be versions. */
export function importVersionLines(report: ImportReport): string[] {
  const lines: string[] = [];
  for (const v of report.versions ?? []) {
    const review = v.bands.changed + v.bands['not-found'];
    lines.push(
      `version   ${v.articleId}  ${v.title}: ${plural(v.bands.silent + v.bands.moved, 'highlight')} followed${v.bands.moved ? ` (${v.bands.moved} moved)` : ''}${review ? `, ${review} to review (gloss review ${v.articleId.slice(0, 12)})` : ''}\n`,
    );
  }
  for (const p of report.possibleVersions ?? [])
    lines.push(
      `note      ${p.articleId} may be a new version of ${p.of} “${p.ofTitle}” (${Math.round(p.resemblance * 100)} % of the text in common): imported as a new article\n`,
    );
  return lines;
}
