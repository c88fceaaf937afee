/**
 * `gloss tags …` and `gloss annotations`: the library as a workspace from a
 * terminal — every passage across articles, and tags renamed, merged and
 * deleted everywhere at once, and described (a colour and a description: the codebook).
 */
import { Option, type Command } from 'commander';
import { COLORS } from '../core/annotations/colors';
import type { Annotation, ArticleSummary, BatchReport } from '../core/contract';
import { GlossError } from '../core/errors';
import { clip, collect, plural, type CommandContext } from './context';
import { passageWindows } from './passages';

function changed(r: BatchReport): string {
  return `${plural(r.after.length, 'passage')} in ${plural(r.articles, 'article')}`;
}

export function addWorkspaceCommands(program: Command, ctx: CommandContext): void {
  const tags = program
    .command('tags')
    .description('list tags with how often each is used; rename, merge or delete them everywhere')
    // `tags rename a b --data-dir d`: the option belongs to rename, not to tags.
    .enablePositionalOptions()
    .addOption(ctx.dataDirOption())
    .option('--json', 'print JSON')
    .action((opts) =>
      ctx.use(opts, async (gloss) => {
        const list = await gloss.listTags();
        if (opts.json) return ctx.out(JSON.stringify(list, null, 2) + '\n');
        for (const t of list) {
          const color = t.color ? `  (${t.color})` : '';
          const about = t.description ? `  — ${clip(t.description, 120)}` : '';
          ctx.out(`${String(t.count).padStart(5)}  ${t.tag}${color}${about}\n`);
        }
      }),
    );

  tags
    .command('rename')
    .description('rename a tag on every passage (to an existing name: merge); its children a/… move with it')
    .argument('<old>', 'the tag now')
    .argument('<new>', 'its new name')
    .addOption(ctx.dataDirOption())
    .action((from: string, to: string, opts) =>
      ctx.use(opts, async (gloss) => {
        const r = await gloss.changeTags({ change: { kind: 'rename', from: [from], to } });
        ctx.out(`renamed ${from} to ${to}: ${changed(r)}\n`);
      }),
    );

  tags
    .command('merge')
    .description('merge several tags into one')
    .argument('<tags...>', 'the tags to merge')
    .requiredOption('--into <tag>', 'the tag they become')
    .addOption(ctx.dataDirOption())
    .action((from: string[], opts) =>
      ctx.use(opts, async (gloss) => {
        const r = await gloss.changeTags({ change: { kind: 'rename', from, to: opts.into } });
        ctx.out(`merged ${from.join(', ')} into ${opts.into}: ${changed(r)}\n`);
      }),
    );

  tags
    .command('describe')
    .description(
      "give a tag a colour and a description (the codebook); exports and the app's tag chips show them",
    )
    .argument('<tag>', 'the tag')
    .addOption(
      new Option('--color <color>', 'one of the highlight colours, or none to clear').choices([
        ...COLORS,
        'none',
      ]),
    )
    .option('--description <text>', 'what the tag means, when to use it ("" to clear)')
    .addOption(ctx.dataDirOption())
    .action((tag: string, opts) =>
      ctx.use(opts, async (gloss) => {
        const r = await gloss.describeTag({
          tag,
          color: opts.color === 'none' ? null : opts.color,
          description: opts.description,
        });
        const now = r.codebook?.[0]?.after;
        if (!now) return ctx.out(r.codebook?.length ? `cleared ${tag}\n` : `${tag}: nothing changed\n`);
        const parts = [now.color, now.description && `“${clip(now.description, 120)}”`].filter(Boolean);
        ctx.out(`described ${now.tag}: ${parts.join(' ')}\n`);
      }),
    );

  tags
    .command('delete')
    .description('remove tags from their passages (the passages stay)')
    .argument('<tags...>', 'the tags to delete')
    .addOption(ctx.dataDirOption())
    .action((names: string[], opts) =>
      ctx.use(opts, async (gloss) => {
        const r = await gloss.changeTags({ change: { kind: 'delete', tags: names } });
        ctx.out(`deleted ${names.join(', ')}: ${changed(r)}\n`);
      }),
    );

  program
    .command('annotations')
    .description('every passage across the library, filtered by tag, colour or article')
    .option('--tag <tag>', 'passages with this tag or one under it (repeat: any of them)', collect, [])
    .option('--all-tags', 'with several --tag: passages that have every one of them')
    .addOption(new Option('--color <colors...>', 'only these colours').choices([...COLORS]).default([]))
    .option('--article <id>', 'only this article (a unique id prefix is enough; repeatable)', collect, [])
    .addOption(ctx.dataDirOption())
    .option('--json', 'print JSON')
    .action((opts) =>
      ctx.use(opts, async (gloss) => {
        const articleIds = await Promise.all(
          (opts.article as string[]).map((id) => ctx.resolveId(gloss, id)),
        );
        const filter = {
          tags: opts.tag,
          match: opts.allTags ? ('all' as const) : ('any' as const),
          colors: opts.color,
          articleIds,
        };
        if (opts.json) {
          // The same shape as ever: every passage, then its articles once each.
          const annotations: Annotation[] = [];
          const articles = new Map<string, ArticleSummary>();
          for await (const w of passageWindows(gloss, filter)) {
            annotations.push(...w.passages);
            for (const a of w.articles) if (!articles.has(a.id)) articles.set(a.id, a);
          }
          return ctx.out(JSON.stringify({ annotations, articles: [...articles.values()] }, null, 2) + '\n');
        }
        let current: string | undefined;
        for await (const { passages, articles } of passageWindows(gloss, filter)) {
          const byId = new Map(articles.map((a) => [a.id, a]));
          for (const a of passages) {
            if (a.articleId !== current) {
              ctx.out(`${current === undefined ? '' : '\n'}${heading(byId.get(a.articleId))}\n`);
              current = a.articleId;
            }
            ctx.out(formatPassage(a));
          }
        }
        if (current === undefined) ctx.out('No passages match.\n');
      }),
    );
}

function heading(a: ArticleSummary | undefined): string {
  if (!a) return '(unknown article)';
  const from = [a.source, a.published?.slice(0, 10)].filter(Boolean).join(', ');
  return `${a.title}${from ? ` — ${from}` : ''}  [${a.id}]`;
}

function formatPassage(a: Annotation): string {
  const tags = a.tags.length ? `  ${a.tags.map((t) => `#${t}`).join(' ')}` : '';
  const note = a.note ? `\n      ${clip(a.note, 200)}` : '';
  return `  ${a.id.slice(0, 8)}  (${a.color}) “${clip(a.target.quote.exact, 100)}”${tags}${note}\n`;
}

/** `gloss edit ID …`: correct an article's citation fields. */
export function addEditCommand(program: Command, ctx: CommandContext): void {
  program
    .command('edit')
    .description("correct an article's title, author, date, source or address (exports and citations follow)")
    .argument('<id>', 'article id (a unique prefix is enough)')
    .option('--title <title>', 'the headline')
    .option('--author <names>', 'author(s), as the byline should read ("" for none)')
    .option('--published <date>', 'publication date, YYYY-MM-DD')
    .option('--source <name>', 'publication or site ("" for none)')
    .option('--url <address>', 'the article\'s web address ("" for none)')
    .option(
      '--reset <field>',
      'back to what the import found: title, author, published, source or url (repeatable)',
      collect,
      [],
    )
    .addOption(ctx.dataDirOption())
    .option('--json', 'print the article summary as JSON')
    .action((id: string, opts) =>
      ctx.use(opts, async (gloss) => {
        const field = (name: string) => (name === 'author' ? 'byline' : name);
        const changes: Record<string, string | null | undefined> = {
          title: opts.title,
          byline: opts.author,
          published: opts.published,
          source: opts.source,
          url: opts.url,
        };
        for (const name of opts.reset as string[]) {
          if (!['title', 'author', 'published', 'source', 'url'].includes(name))
            throw new GlossError(
              'INVALID_REQUEST',
              `--reset takes title, author, published, source or url, not ${name}.`,
            );
          changes[field(name)] = null;
        }
        if (Object.values(changes).every((v) => v === undefined))
          throw new GlossError(
            'INVALID_REQUEST',
            'Say what to change: --title, --author, --published, --source, --url or --reset.',
          );
        const summary = await gloss.updateArticleMeta({ id: await ctx.resolveId(gloss, id), ...changes });
        if (opts.json) return ctx.out(JSON.stringify(summary, null, 2) + '\n');
        const by = summary.byline ? ` by ${summary.byline}` : '';
        const from = [summary.source, summary.published].filter(Boolean).join(', ');
        ctx.out(`edited ${summary.id}: “${summary.title}”${by}${from ? ` — ${from}` : ''}\n`);
      }),
    );
}
