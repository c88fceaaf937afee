/**
 * `gloss` — the command line over the same service the desktop app uses.
 * Each command is one function in main/cli/; this file builds the program,
 * opens the library the command names, runs it, and turns the outcome into an
 * exit code. Errors go to stderr with a non-zero exit; --json gives scripts stable output.
 */
import { Command, CommanderError } from 'commander';
import { GlossError } from './core/errors';
import { defaultDataDir } from './core/paths';
import { createGloss, type GlossService } from './core/service';
import { EXIT_RECOVERED, Exit, dataDirOption, resolveId, type CommandContext } from './cli/context';
import { addCiteCommand } from './cli/cite-command';
import { addExportCommand } from './cli/export-command';
import { addHighlightCommand } from './cli/highlight-command';
import { addImportHighlightsCommand } from './cli/import-highlights-command';
import { addImportCommand, addListCommand, addRemoveCommand, addShowCommand } from './cli/library-commands';
import { addSearchCommand } from './cli/search-command';
import { addSyncCommand } from './cli/sync-command';
import { addReviewCommand } from './cli/review-command';
import { addVerifyCommand } from './cli/verify-command';
import { addVersionsCommand } from './cli/versions-command';
import { readStdin } from './cli/stdin';
import { addEditCommand, addWorkspaceCommands } from './cli/workspace-commands';

export { EXIT_RECOVERED } from './cli/context';

interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  /** Standard input, read whole (default: the process's). */
  stdin?: () => Promise<string>;
}

/** Runs one command line; resolves to the exit code (never calls process.exit). */
export async function runCli(
  argv: string[],
  io: Io = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) },
): Promise<number> {
  const program = new Command()
    .name('gloss')
    .description('Read closely: import articles, highlight and tag passages, export your notes.')
    .exitOverride()
    .enablePositionalOptions()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError('(run gloss --help for usage)')
    // Before the command too (`gloss --data-dir=DIR list`), where the desktop app takes it; the command's own wins.
    .addOption(dataDirOption())
    .addHelpText(
      'after',
      `\nExit status: 0 done; 1 failed (the reason is on stderr); 2 usage error; ${EXIT_RECOVERED} done, but damaged files in the library were found and recovered (each is named by a "warning:" line on stderr).\n`,
    );

  let task: ((gloss: GlossService) => Promise<void>) | undefined;
  let dataDir: string | undefined;
  let downloadImages = false;
  let noImages = false;
  const ctx: CommandContext = {
    use: (opts, fn) => {
      dataDir = opts.dataDir ?? program.opts<{ dataDir?: string }>().dataDir;
      downloadImages = !!opts.downloadImages;
      noImages = opts.images === false;
      task = fn;
    },
    out: io.out,
    err: io.err,
    readStdin: io.stdin ?? (() => readStdin()),
    dataDirOption,
    resolveId,
  };
  for (const add of [
    addImportCommand,
    addListCommand,
    addShowCommand,
    addHighlightCommand,
    addExportCommand,
    addCiteCommand,
    addRemoveCommand,
    addWorkspaceCommands,
    addEditCommand,
    addSearchCommand,
    addImportHighlightsCommand,
    addSyncCommand,
    addVersionsCommand,
    addReviewCommand,
    addVerifyCommand,
  ])
    add(program, ctx);

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    throw err;
  }
  if (!task) {
    io.out(program.helpInformation());
    return 0;
  }
  let gloss: GlossService | undefined;
  const warned = new Set<string>();
  // Recovery reports known at start and those the command itself caused (a damaged notes file read by show), each once.
  const printWarnings = async (except?: string): Promise<void> => {
    for (const w of gloss ? (await gloss.storeStatus()).warnings : []) {
      if (warned.has(w)) continue;
      warned.add(w);
      if (w !== except) io.err(`warning: ${w}\n`);
    }
  };
  let code: number;
  try {
    gloss = await createGloss({
      dataDir: dataDir ?? defaultDataDir(),
      ...(downloadImages ? { savedPageImages: {} } : {}),
      ...(noImages ? { noImages } : {}),
    });
    await printWarnings();
    await task(gloss);
    await printWarnings();
    code = 0;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    await printWarnings(message).catch(() => {});
    if (err instanceof Exit) code = err.code;
    else {
      io.err(`gloss: ${message}\n`);
      code = err instanceof GlossError ? 1 : 70;
    }
  } finally {
    await gloss?.close();
  }
  return code === 0 && warned.size > 0 ? EXIT_RECOVERED : code;
}
