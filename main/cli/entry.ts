/**
 * The `gloss` command's entry, built to out/cli/index.js: bin/gloss.js runs it
 * under Node, and the installed app's `gloss` launcher under its own
 * executable (ELECTRON_RUN_AS_NODE=1).
 */
import { runCli } from '../cli';

try {
  process.exitCode = await runCli(process.argv.slice(2));
} catch (err) {
  process.stderr.write(`gloss: unexpected error: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 70;
}
