/**
 * `gloss sync FILE.md`: a Markdown file Gloss exported, edited in Obsidian or
 * any editor, read back — edited notes and added or removed #tags applied as
 * one batch, an edited article note (the paragraphs above an article's first
 * passage) after it; passages deleted from the file deleted only with --delete;
 * quotes edited by hand, and block ids Gloss does not know, reported and left
 * alone. --dry-run lists what would change and writes nothing.
 */
import type { Command } from 'commander';
import type { MarkdownSyncChange, MarkdownSyncReport } from '../core/contract';
import { clip, plural, type CommandContext } from './context';

export function addSyncCommand(program: Command, ctx: CommandContext): void {
  program
    .command('sync')
    .description(
      'apply notes and #tags edited in a Markdown file Gloss exported (deleted passages only with --delete)',
    )
    .argument('<file>', 'the Markdown file')
    .option('--dry-run', 'list what would change, change nothing')
    .option('--delete', 'delete the passages removed from the file')
    .addOption(ctx.dataDirOption())
    .option(
      '--json',
      'print the report as JSON: { source, passages, changes: [...], deletionsHeldBack, problems, batch }',
    )
    .action((file: string, opts) =>
      ctx.use(opts, async (gloss) => {
        const report = await gloss.syncMarkdown({ path: file, dryRun: !!opts.dryRun, delete: !!opts.delete });
        if (opts.json) ctx.out(JSON.stringify(report, null, 2) + '\n');
        else print(report, ctx);
      }),
    );
}

function line(c: MarkdownSyncChange): string {
  const what: string[] = [];
  if (c.deleted) what.push(c.applied ? 'deleted' : 'deleted in the file');
  if (c.note) what.push(c.note.to ? 'note changed' : 'note removed');
  if (c.tags)
    what.push([...c.tags.added.map((t) => `+#${t}`), ...c.tags.removed.map((t) => `-#${t}`)].join(' '));
  return `  ${c.annotationId.slice(0, 8)}  “${clip(c.quote, 50)}”  ${what.join(', ')}\n`;
}

function noteLine(n: MarkdownSyncReport['articleNotes'][number]): string {
  const what = !n.to ? 'removed' : n.from ? 'changed' : 'added';
  return `  article note of “${clip(n.articleTitle, 50)}” ${what}${n.to ? `: “${clip(n.to, 60)}”` : ''}\n`;
}

function print(r: MarkdownSyncReport, ctx: CommandContext): void {
  ctx.out(`${r.source}: ${plural(r.passages, 'passage')} of the library found\n`);
  for (const n of r.articleNotes) ctx.out(noteLine(n));
  for (const c of r.changes) ctx.out(line(c));
  for (const p of r.problems) ctx.err(`note: ${p.message}\n`);
  const applied = r.changes.filter((c) => c.applied).length + r.articleNotes.filter((n) => n.applied).length;
  const listed = r.changes.length + r.articleNotes.length;
  if (r.dryRun)
    ctx.out(
      listed ? `Dry run: ${plural(listed, 'change')} listed, nothing written.\n` : 'Nothing to change.\n',
    );
  else ctx.out(applied ? `${plural(applied, 'change')} applied.\n` : 'Nothing changed.\n');
  if (r.deletionsHeldBack)
    ctx.out(
      `${plural(r.deletionsHeldBack, 'passage')} deleted in the file ${r.deletionsHeldBack === 1 ? 'was' : 'were'} kept; run again with --delete to delete ${r.deletionsHeldBack === 1 ? 'it' : 'them'}.\n`,
    );
}
