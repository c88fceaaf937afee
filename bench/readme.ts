/**
 * `npm run bench:readme`: rewrites the README's Performance table from
 * bench/results.json. Refuses a partial run (`--only`), which would drop rows.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderReadmeTable, replaceTable, type Results } from './lib/readme-table';
import { SCENARIOS } from './scenarios/index';

const here = path.dirname(fileURLToPath(import.meta.url));
const results = JSON.parse(await readFile(path.join(here, 'results.json'), 'utf8')) as Results;
const missing = SCENARIOS.map((s) => s.name).filter((n) => !results.rows.some((r) => r.name === n));
if (missing.length) {
  process.stderr.write(
    `bench/results.json lacks ${missing.join(', ')} (a run with --only?): run npm run bench in full first. README unchanged.\n`,
  );
  process.exit(1);
}
const readmePath = path.join(here, '..', 'README.md');
await writeFile(readmePath, replaceTable(await readFile(readmePath, 'utf8'), renderReadmeTable(results)));
process.stdout.write(`README.md: Performance table written from the run of ${results.started}\n`);
