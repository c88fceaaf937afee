/**
 * `npm run audit:electron [ROOT]`: Electronegativity over the app (this
 * repository's, or the one at ROOT). Exits 1 on any HIGH
 * or MEDIUM finding not reviewed in tests/security/electronegativity.ts (and
 * docs/security-review.md), on a file the scanner could not read, or on a
 * reviewed finding that has gone (so the list stays true).
 */
import { fileURLToPath } from 'node:url';
import { blocking, NOT_RUN, REVIEWED, scanApp, stale } from './electronegativity';

const root = process.argv[2] ?? fileURLToPath(new URL('../..', import.meta.url));
const { findings, unparsed } = await scanApp(root);
const open = blocking(findings, REVIEWED);
const gone = stale(findings, REVIEWED);

const where = (f: { file: string; line?: number }) => (f.line ? `${f.file}:${f.line}` : f.file);
console.log(
  `Electronegativity: ${findings.length} findings, ${findings.length - open.length} reviewed or below MEDIUM; not run: ${NOT_RUN.map((c) => c.check).join(', ')}.`,
);
for (const f of findings) {
  const status = open.includes(f)
    ? 'OPEN    '
    : f.severity === 'HIGH' || f.severity === 'MEDIUM'
      ? 'reviewed'
      : 'info    ';
  console.log(`  ${status} ${f.severity.padEnd(13)} ${f.check.padEnd(40)} ${where(f)}  ${f.sample}`);
}
for (const u of unparsed) console.log(`  could not read ${u.file}: ${u.message}`);
for (const r of gone)
  console.log(`  no longer reported, remove from the reviewed list: ${r.check} ${r.file} (${r.sample})`);

if (open.length || unparsed.length || gone.length) {
  console.error(
    `Electronegativity: ${open.length} open HIGH/MEDIUM finding(s), ${unparsed.length} unreadable file(s), ${gone.length} stale review(s). See docs/security-review.md.`,
  );
  process.exit(1);
}
