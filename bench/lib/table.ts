/** The one table `npm run bench` prints. */

export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  return `${ms.toFixed(2)} ms`;
}

/** A sample in its unit: time by default, MB for a memory row. */
export function formatValue(v: number, unit: 'ms' | 'MB' = 'ms'): string {
  if (unit === 'MB') return Number.isFinite(v) ? `${v.toFixed(v >= 100 ? 0 : 1)} MB` : '—';
  return formatMs(v);
}

/** Left-aligned text columns, right-aligned numbers, a rule under the header. */
export function renderTable(header: string[], rows: string[][], rightAligned: boolean[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (rightAligned[i] ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
