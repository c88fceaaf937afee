/**
 * `gloss verify FILE`: every quote of an export (Gloss's Markdown or Web
 * Annotation JSON, as written or edited since) checked against the library —
 * exact in the current version, only in an older version, changed, or not
 * found. Exits 1 when any quote no longer matches, so a script (or a person
 * before publication) can stop on it.
 */
import { promises as fs } from 'node:fs';
import type { Command } from 'commander';
import { GlossError } from '../core/errors';
import type { QuoteCheck } from '../core/versions/verify';
import { clip, Exit, type CommandContext } from './context';

/** An export larger than this is not one a person wrote notes in. */
const MAX_EXPORT_BYTES = 200 * 1024 * 1024;

const STATUS: Record<QuoteCheck['status'], string> = {
  current: 'ok       ',
  older: 'older    ',
  changed: 'changed  ',
  'not-found': 'not found',
};

export function addVerifyCommand(program: Command, ctx: CommandContext): void {
  program
    .command('verify')
    .description(
      'check every quote of an export (Markdown or JSON) against the library; exit 1 if any no longer matches',
    )
    .argument('<file>', 'an export of Gloss (.md or .json), edited or not')
    .addOption(ctx.dataDirOption())
    .option(
      '--json',
      'print JSON: [{ label, exact, status: current|older|changed|not-found, articleId, title, version, now, position }]',
    )
    .action((file: string, opts) =>
      ctx.use(opts, async (gloss) => {
        const text = await readExport(file);
        const checks = await gloss.verifyExport(text);
        if (opts.json) ctx.out(JSON.stringify(checks, null, 2) + '\n');
        else {
          for (const c of checks) ctx.out(formatCheck(c));
          const bad = checks.filter((c) => c.status !== 'current').length;
          ctx.out(
            checks.length === 0
              ? 'No quotes found in the file.\n'
              : bad === 0
                ? `All ${checks.length} quotes match the library.\n`
                : `${bad} of ${checks.length} quotes no longer match the library.\n`,
          );
        }
        const bad = checks.filter((c) => c.status !== 'current').length;
        if (bad) {
          ctx.err(
            `gloss: ${bad} quote${bad === 1 ? '' : 's'} of ${file} no longer match${bad === 1 ? 'es' : ''} the library.\n`,
          );
          throw new Exit(1);
        }
      }),
    );
}

function formatCheck(c: QuoteCheck): string {
  const where = c.title ? `  in “${clip(c.title, 50)}”` : '';
  const line = `${STATUS[c.status]}  ${c.label}  “${clip(c.exact, 90)}”${where}`;
  if (c.status === 'changed') return `${line}\n${' '.repeat(11)}now “${clip(c.now ?? '', 90)}”\n`;
  if (c.status === 'older')
    return `${line}\n${' '.repeat(11)}only in an older version (${c.version?.slice(0, 12)}; gloss versions ${c.articleId?.slice(0, 12)})${c.now ? `; now “${clip(c.now, 90)}”` : ''}\n`;
  return `${line}\n`;
}

async function readExport(file: string): Promise<string> {
  let stat;
  try {
    stat = await fs.stat(file);
  } catch {
    throw new GlossError('NOT_FOUND', `There is no file ${file}.`);
  }
  if (!stat.isFile()) throw new GlossError('INVALID_REQUEST', `${file} is not a file.`);
  if (stat.size > MAX_EXPORT_BYTES)
    throw new GlossError('TOO_LARGE', `${file} is too large to be an export of notes.`);
  return (await fs.readFile(file, 'utf8')).replace(/^\uFEFF/, '');
}
