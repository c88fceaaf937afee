/**
 * `gloss search QUERY`: the library's search from a terminal — hits grouped by
 * article, each with its kind (article, passage, note) and a snippet with the
 * matched words between asterisks; --json prints the service's answer as is.
 */
import type { Command } from 'commander';
import type { SearchHit, SearchResult } from '../core/contract';
import { GlossError } from '../core/errors';
import { isEmptyQuery, parseQuery } from '../core/search/query';
import type { CommandContext } from './context';

export function addSearchCommand(program: Command, ctx: CommandContext): void {
  program
    .command('search')
    .description(
      'search articles, passages and notes: words (prefixes and typos forgiven), "a phrase", -word, tag:T, color:C, source:S, is:note|passage|article',
    )
    .argument('<query...>', 'what to search for (quote a phrase for the shell too: \'"top priority"\')')
    .option('--limit <n>', 'at most this many hits', '50')
    .addOption(ctx.dataDirOption())
    .option(
      '--json',
      'print JSON: { groups: [{ articleId, title, source, hits: [{ kind, articleId, annotationId, field, snippet, at, … }] }], hits, truncated, warnings }',
    )
    .action((words: string[], opts) =>
      ctx.use(opts, async (gloss) => {
        const limit = Number(opts.limit);
        if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
          throw new GlossError(
            'INVALID_REQUEST',
            `--limit takes a whole number from 1 to 1000, not “${opts.limit}”.`,
          );
        const query = words.join(' ');
        const parsed = parseQuery(query);
        for (const w of parsed.warnings) ctx.err(`note: ${w}\n`);
        if (isEmptyQuery(parsed))
          throw new GlossError(
            'INVALID_REQUEST',
            'Nothing to search for: give words, a "phrase" or a filter such as tag:claim.',
          );
        const r = await gloss.search({ query, limit });
        if (opts.json) return ctx.out(JSON.stringify(r, null, 2) + '\n');
        ctx.out(formatResult(r, query));
      }),
    );
}

function formatResult(r: SearchResult, query: string): string {
  if (r.hits === 0) return `No matches for ${query}.\n`;
  const lines: string[] = [];
  for (const g of r.groups) {
    lines.push(`${g.articleId}  ${g.title}${g.source ? ` — ${g.source}` : ''}`);
    for (const h of g.hits)
      lines.push(
        `  ${h.kind.padEnd(7)}  ${h.annotationId ? `${h.annotationId.slice(0, 8)}  ` : ''}${marked(h)}`,
      );
  }
  if (r.truncated) lines.push(`(the first ${r.hits} hits; --limit shows more)`);
  return lines.join('\n') + '\n';
}

/** The snippet on one line, matched words between asterisks. */
function marked(h: SearchHit): string {
  const { text, ranges } = h.snippet;
  let out = '';
  let at = 0;
  for (const [s, e] of ranges) {
    out += `${text.slice(at, s)}*${text.slice(s, e)}*`;
    at = e;
  }
  return (out + text.slice(at)).replace(/\s+/g, ' ').trim();
}
