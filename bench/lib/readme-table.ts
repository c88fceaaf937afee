/**
 * The README's Performance table, written from bench/results.json and never
 * by hand: one row per scenario with medians, interquartile ranges, the ratio,
 * the target and the verdict, under a line saying when and on what it ran.
 */
import { formatValue } from './table';

export const TABLE_START = '<!-- bench:table (npm run bench:readme writes this; do not edit by hand) -->';
export const TABLE_END = '<!-- /bench:table -->';

interface Summary {
  n: number;
  median: number;
  q1: number;
  q3: number;
}
export interface ResultRow {
  name: string;
  gloss: string;
  baseline: string;
  target: { ratio?: number; glossMs?: number; extraMax?: Record<string, number> };
  /** Samples in MB for a memory row; milliseconds otherwise. */
  unit?: 'ms' | 'MB';
  glossMs?: Summary;
  baselineMs?: Summary;
  ratio?: number;
  meets?: boolean;
  noisy?: boolean;
  note?: string;
  error?: string;
}
export interface Results {
  started: string;
  totalSeconds: number;
  node: string;
  cpus: number;
  cpuModel?: string;
  platform?: string;
  rows: ResultRow[];
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
const withSpread = (s: Summary, unit: ResultRow['unit']) =>
  `${formatValue(s.median, unit)} (${formatValue(s.q1, unit)}–${formatValue(s.q3, unit)})`;

function target(t: ResultRow['target']): string {
  const parts: string[] = [];
  if (t.ratio !== undefined) parts.push(`≤ ${t.ratio}×`);
  if (t.glossMs !== undefined) parts.push(`≤ ${t.glossMs} ms`);
  for (const [k, v] of Object.entries(t.extraMax ?? {}))
    parts.push(`${k} ≤ ${v}${k.endsWith('(MB)') ? '' : ' ms'}`);
  return parts.join(', ') || '—';
}

function verdict(r: ResultRow): string {
  if (r.error) return 'error';
  if (!r.glossMs) return 'not run';
  if (r.noisy) return 'noisy — rerun';
  if (r.meets === undefined) return '—';
  return r.meets ? 'met' : '**not met**';
}

/** `expected`: every scenario's name, so a row the run left out (--only) is shown as not measured, never dropped. */
export function renderReadmeTable(results: Results, expected: readonly string[] = []): string {
  const when = results.started.slice(0, 10);
  const machine = [
    `${results.cpus} × ${results.cpuModel ?? 'cpu'}`,
    results.platform,
    `Node ${results.node.replace(/^v/, '')}`,
  ]
    .filter(Boolean)
    .join(', ');
  const lines = [
    `Run of ${when} on ${machine}; ${Math.round(results.totalSeconds)} s in all. Medians, with the interquartile range (the middle half of the samples) in brackets; each row's Gloss and limit were measured interleaved in that run.`,
    '',
    '| scenario | Gloss | median (IQR) | limit | median (IQR) | ratio | target | verdict | n |',
    '|---|---|---:|---|---:|---:|---|---|---:|',
  ];
  const missing = expected.filter((name) => !results.rows.some((r) => r.name === name));
  for (const name of missing)
    results = {
      ...results,
      rows: [...results.rows, { name, gloss: 'not measured in this run', baseline: '', target: {} }],
    };
  for (const r of results.rows) {
    const g = r.glossMs;
    const b = r.baselineMs;
    lines.push(
      `| ${[
        r.name,
        cell(r.gloss),
        g ? withSpread(g, r.unit) : '—',
        cell(r.baseline),
        b ? withSpread(b, r.unit) : '—',
        r.ratio !== undefined && Number.isFinite(r.ratio) ? `${r.ratio.toFixed(2)}×` : '—',
        target(r.target),
        verdict(r),
        g ? String(g.n) : '—',
      ].join(' | ')} |`,
    );
  }
  return lines.join('\n');
}

/** The README with its table replaced; an error when the markers are missing or out of order. */
export function replaceTable(readme: string, table: string): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start)
    throw new Error(`README.md needs the lines ${TABLE_START} and ${TABLE_END} around the table.`);
  return `${readme.slice(0, start + TABLE_START.length)}\n${table}\n${readme.slice(end)}`;
}
