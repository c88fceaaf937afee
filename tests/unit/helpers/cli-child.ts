/**
 * The child process of tests/unit/cli/lazy-loading.test.ts: records every
 * module it loads (./record-loads.ts), runs one command line given as its
 * arguments after the log file's path, and prints one JSON line: the exit code
 * and the packages loaded.
 */
import { recordLoads } from './record-loads';

const [log, ...argv] = process.argv.slice(2);
const packagesLoaded = recordLoads(log);
const { runCli } = await import('../../../main/cli');
const code = await runCli(argv, { out: () => {}, err: (s) => void process.stderr.write(s) });
process.stdout.write(`${JSON.stringify({ code, packages: packagesLoaded() })}\n`);
