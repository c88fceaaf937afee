/**
 * `npm run bench`: every scenario against its physical baseline, measured
 * interleaved in this one process run, printed as one table and written to
 * bench/results.json. `--only <name>[,<name>…]` runs some; `--skip-browser` skips Chromium.
 */
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { removeTempDirs } from './lib/big-store';
import { isNoisy, ratio, summarize, type Summary } from './lib/stats';
import { formatMs, formatValue, renderTable } from './lib/table';
import type { Scenario, ScenarioResult, Target } from './lib/scenario';
import { SCENARIOS } from './scenarios/index';

interface Row {
  name: string;
  gloss: string;
  baseline: string;
  target: Target;
  unit: 'ms' | 'MB';
  glossMs?: Summary;
  baselineMs?: Summary;
  ratio?: number;
  /** Every timed sample, in the order taken (warm-ups left out): what the summaries were made from. */
  samples?: { gloss: number[]; baseline: number[] };
  meets?: boolean;
  /** The baseline spread wider than its median: not judged, rerun. */
  noisy?: boolean;
  extra?: Record<string, number>;
  note?: string;
  error?: string;
  seconds: number;
}

function parseArgs(argv: string[]): { only?: Set<string>; skipBrowser: boolean } {
  const i = argv.indexOf('--only');
  const only = i >= 0 && argv[i + 1] ? new Set(argv[i + 1].split(',')) : undefined;
  return { only, skipBrowser: argv.includes('--skip-browser') };
}

function meetsTarget(t: Target, r: number, g: Summary, extra: Record<string, number> = {}): boolean {
  if (t.ratio !== undefined && !(r <= t.ratio)) return false;
  if (t.glossMs !== undefined && !(g.median <= t.glossMs)) return false;
  for (const [k, max] of Object.entries(t.extraMax ?? {})) if (!(extra[k] <= max)) return false;
  return true;
}

function targetText(t: Target): string {
  const parts: string[] = [];
  if (t.ratio !== undefined) parts.push(`≤${t.ratio}×`);
  if (t.glossMs !== undefined) parts.push(`≤${t.glossMs} ms`);
  for (const [k, v] of Object.entries(t.extraMax ?? {}))
    parts.push(`${k} ≤${v}${k.endsWith('(MB)') ? '' : ' ms'}`);
  return parts.join(', ') || '—';
}

/** The interquartile range: where the middle half of the samples fell. */
const spread = (s: Summary, unit: Row['unit']) => `${formatValue(s.q1, unit)}–${formatValue(s.q3, unit)}`;

async function runOne(s: Scenario): Promise<Row> {
  const t0 = performance.now();
  const row: Row = {
    name: s.name,
    gloss: s.gloss,
    baseline: s.baseline,
    target: s.target,
    unit: s.unit ?? 'ms',
    seconds: 0,
  };
  process.stderr.write(`… ${s.name}\n`);
  try {
    const r: ScenarioResult = await s.run();
    const g = summarize(r.gloss);
    const b = summarize(r.baseline);
    Object.assign(row, {
      glossMs: g,
      baselineMs: b,
      ratio: ratio(g, b),
      samples: { gloss: r.gloss, baseline: r.baseline },
      extra: r.extra,
      note: r.note,
    });
    const hasTarget =
      s.target.ratio !== undefined ||
      s.target.glossMs !== undefined ||
      Object.keys(s.target.extraMax ?? {}).length > 0;
    row.noisy = isNoisy(b);
    row.meets = hasTarget && !row.noisy ? meetsTarget(s.target, row.ratio!, g, r.extra) : undefined;
  } catch (err) {
    row.error = err instanceof Error ? (err.stack ?? err.message) : String(err);
    process.stderr.write(`✗ ${s.name}: ${row.error}\n`);
  }
  row.seconds = (performance.now() - t0) / 1000;
  process.stderr.write(`  ${s.name} done in ${row.seconds.toFixed(1)} s\n`);
  return row;
}

function printTable(rows: Row[]): string {
  const header = [
    'scenario',
    'gloss median',
    'gloss IQR',
    'baseline median',
    'baseline IQR',
    'ratio',
    'target',
    'meets',
    'n',
    'extra',
  ];
  const body = rows.map((r) => {
    if (r.error)
      return [
        r.name,
        'error',
        '',
        '',
        '',
        '',
        targetText(r.target),
        'ERROR',
        '',
        r.error.split('\n')[0].slice(0, 80),
      ];
    const extra = Object.entries(r.extra ?? {}).map(
      ([k, v]) =>
        `${k} ${k.includes('count') || k.includes('bytes') ? String(Math.round(v)) : k.includes('(MB)') ? v.toFixed(1) : formatMs(v)}`,
    );
    if (r.note) extra.push(r.note);
    return [
      r.name,
      formatValue(r.glossMs!.median, r.unit),
      spread(r.glossMs!, r.unit),
      formatValue(r.baselineMs!.median, r.unit),
      spread(r.baselineMs!, r.unit),
      `${r.ratio!.toFixed(2)}×`,
      targetText(r.target),
      r.noisy ? 'noisy — rerun' : r.meets === undefined ? '—' : r.meets ? 'yes' : 'NO',
      String(r.glossMs!.n),
      extra.join('; '),
    ];
  });
  return renderTable(header, body, [false, true, true, true, true, true, false, false, true, false]);
}

async function main(): Promise<void> {
  const { only, skipBrowser } = parseArgs(process.argv.slice(2));
  const chosen = SCENARIOS.filter((s) => (!only || only.has(s.name)) && !(skipBrowser && s.browser));
  if (only)
    for (const n of only)
      if (!SCENARIOS.some((s) => s.name === n))
        throw new Error(`No scenario named ${n}; have: ${SCENARIOS.map((s) => s.name).join(', ')}`);
  const started = new Date();
  const t0 = performance.now();
  const rows: Row[] = [];
  try {
    for (const s of chosen) rows.push(await runOne(s));
  } finally {
    await removeTempDirs();
  }
  const table = printTable(rows);
  const totalSeconds = (performance.now() - t0) / 1000;
  process.stdout.write(
    `\n${table}\n\nratio = gloss median ÷ baseline median (both measured interleaved in this run, warm-ups discarded); IQR = the middle half of the samples; a row whose baseline IQR exceeds its median is noisy and not judged; ${totalSeconds.toFixed(0)} s total on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}\n`,
  );
  const out = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results.json');
  await writeFile(
    out,
    `${JSON.stringify({ started: started.toISOString(), totalSeconds, node: process.version, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model.trim(), platform: `${os.platform()} ${os.arch()}`, rows }, null, 2)}\n`,
  );
  process.stdout.write(`results: ${path.relative(process.cwd(), out)}\n`);
  if (rows.some((r) => r.error)) process.exitCode = 1;
}

await main();
