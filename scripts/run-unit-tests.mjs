// Runs every tests/unit/**/*.test.ts with node:test (through tsx), on any OS:
// Node 20's test runner does not expand globs, and a shell's `**` is not portable.
// Extra arguments (for example --test-name-pattern=…) are passed on.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = 'tests/unit';
const files = readdirSync(root, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.test.ts') && !f.split(/[\\/]/).includes('helpers'))
  .map((f) => join(root, f))
  .sort();
const run = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', ...process.argv.slice(2), ...files],
  { stdio: 'inherit' },
);
process.exit(run.status ?? 1);
