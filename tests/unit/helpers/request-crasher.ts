/**
 * Child process for the crash tests of one request: opens the library at
 * argv[2], then sends the request named argv[3] (a method of the service:
 * `syncMarkdown`, `restoreAnnotations`, …) with the JSON in the file argv[4],
 * and kills itself with SIGKILL right after the Nth file rename (argv[5]) —
 * each durable write ends in one rename, so N names the moment between one
 * write and the next. Prints {"done":renames} if the request ends first.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createGloss } from '@core/service';

const [dataDir, method, requestFile, crashAfter] = process.argv.slice(2);
const request: unknown = JSON.parse(fs.readFileSync(requestFile, 'utf8'));
const gloss = await createGloss({
  dataDir,
  seedsDir: path.join(dataDir, 'no-seeds'),
  now: () => new Date('2024-06-03T10:00:00Z'),
});
const send = (gloss as unknown as Record<string, (r: unknown) => Promise<unknown>>)[method];
if (typeof send !== 'function') throw new Error(`No request ${method}.`);
const rename = fs.promises.rename;
let renames = 0;
fs.promises.rename = async (from, to) => {
  await rename(from, to);
  if (++renames === Number(crashAfter)) process.kill(process.pid, 'SIGKILL');
};
await send.call(gloss, request);
fs.promises.rename = rename;
console.log(JSON.stringify({ done: renames }));
await gloss.close();
