#!/usr/bin/env node
// The `gloss` command: runs the command line `npm run build` compiled to
// out/cli/index.js (no TypeScript compiler at run time). From the source
// tree without a build, `npm run gloss -- …` runs it through tsx instead.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const built = new URL('../out/cli/index.js', import.meta.url);
if (existsSync(built)) {
  await import(built.href);
} else {
  process.stderr.write(
    `gloss: the command line is not built: ${fileURLToPath(built)} is missing.\n` +
      `Run \`npm run build\` in ${fileURLToPath(new URL('..', import.meta.url))} first (or \`npm run gloss -- …\` to run it from the source).\n`,
  );
  process.exitCode = 1;
}
