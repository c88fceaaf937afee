/**
 * Child process for the undo-of-a-sync crash test: opens the library at
 * argv[2], then sends the undo request in the JSON file argv[3] (the passages
 * and article notes as they were, as the app's Undo sends them) and kills
 * itself with SIGKILL right after the Nth file rename (argv[4]) — each durable
 * write ends in one rename, so N names the moment between one write and the
 * next. Prints {"done":renames} if the undo ends first.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createGloss } from '@core/service';

const [dataDir, requestFile, crashAfter] = process.argv.slice(2);
const request = JSON.parse(fs.readFileSync(requestFile, 'utf8'));
const gloss = await createGloss({
  dataDir,
  seedsDir: path.join(dataDir, 'no-seeds'),
  now: () => new Date('2024-06-04T10:00:00Z'),
});
const rename = fs.promises.rename;
let renames = 0;
fs.promises.rename = async (from, to) => {
  await rename(from, to);
  if (++renames === Number(crashAfter)) process.kill(process.pid, 'SIGKILL');
};
await gloss.restoreAnnotations(request);
fs.promises.rename = rename;
console.log(JSON.stringify({ done: renames }));
await gloss.close();
