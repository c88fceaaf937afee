/**
 * `npm run bench:readme`: rewrites the README's Performance table from
 * bench/results.json. A row a partial run (`--only`) left out is shown as not measured.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderReadmeTable, replaceTable, type Results } from './lib/readme-table';
import { SCENARIOS } from './scenarios/index';

const here = path.dirname(fileURLToPath(import.meta.url));
const results = JSON.parse(await readFile(path.join(here, 'results.json'), 'utf8')) as Results;
const readmePath = path.join(here, '..', 'README.md');
await writeFile(
  readmePath,
  replaceTable(
    await readFile(readmePath, 'utf8'),
    renderReadmeTable(
      results,
      SCENARIOS.map((s) => s.name),
    ),
  ),
);
process.stdout.write(`README.md: Performance table written from the run of ${results.started}\n`);
