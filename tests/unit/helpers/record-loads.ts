/**
 * For a child process that checks what it loads: from the call on, a loader
 * hook appends each module's URL to a file before the module is read, and
 * packagesLoaded names the node_modules packages among them so far.
 */
import { readFileSync } from 'node:fs';
import { register } from 'node:module';

/** The heavy packages, which opening a library or starting the command line must not load. */
export const NOT_AT_START = [
  'zod',
  'jsdom',
  '@mozilla/readability',
  'dompurify',
  'pdfjs-dist',
  'marked',
  'fflate',
  'iconv-lite',
  'minisearch',
  'diff',
  'yaml',
  'csv-parse',
  'csv-stringify',
];

const HOOKS = `
import { appendFileSync } from 'node:fs';
let log;
export function initialize(data) { log = data.log; }
export async function load(url, context, next) { appendFileSync(log, url + '\\n'); return next(url, context); }
`;

/** Starts recording into `log`; the returned function lists the packages loaded since, sorted. */
export function recordLoads(log: string): () => string[] {
  register(`data:text/javascript,${encodeURIComponent(HOOKS)}`, { data: { log } });
  return () => {
    const names = new Set<string>();
    for (const url of readFileSync(log, 'utf8').split('\n')) {
      const m = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
      if (m) names.add(m[1]);
    }
    return [...names].sort();
  };
}
