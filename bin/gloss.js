#!/usr/bin/env node
// The `gloss` command: runs main/cli.ts (TypeScript) through tsx's loader.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../main/cli.ts');
try {
  process.exitCode = await runCli(process.argv.slice(2));
} catch (err) {
  process.stderr.write(`gloss: unexpected error: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 70;
}
