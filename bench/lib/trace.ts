/**
 * Chromium's timeline through CDP, for the renderer profilers
 * (profile-add-highlight.ts, profile-book-scroll.ts): the trace events, a
 * traced interval, the main thread's slices as a tree and V8's samples summed
 * per function from a user-timing mark on, and the trace written to a file.
 */
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession } from '@playwright/test';

export interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time, µs: what the slice cost, without the time the thread was descheduled. */
  tdur?: number;
  pid: number;
  tid: number;
  id?: string;
  args?: Record<string, unknown> & { data?: Record<string, unknown> };
}

/** The timeline's categories, V8's sampler with PROFILE_JS, and `extra`. */
export function traceCategories(extra: readonly string[] = []): string {
  return [
    'devtools.timeline',
    'disabled-by-default-devtools.timeline',
    'disabled-by-default-devtools.timeline.frame',
    'v8.execute',
    'blink.user_timing',
    ...extra,
    ...(process.env.PROFILE_JS ? ['disabled-by-default-v8.cpu_profiler'] : []),
  ].join(',');
}

/** Every trace event of `categories` while `run` runs. */
export async function trace(
  cdp: CDPSession,
  categories: string,
  run: () => Promise<unknown>,
): Promise<TraceEvent[]> {
  const events: TraceEvent[] = [];
  const collect = (e: { value: object[] }) => events.push(...(e.value as TraceEvent[]));
  cdp.on('Tracing.dataCollected', collect);
  await cdp.send('Tracing.start', { categories, transferMode: 'ReportEvents' });
  await run();
  const done = new Promise<void>((ok) => cdp.once('Tracing.tracingComplete', () => ok()));
  await cdp.send('Tracing.end');
  await done;
  cdp.off('Tracing.dataCollected', collect);
  return events;
}

/**
 * V8's samples (PROFILE_JS) on the thread of the user-timing mark `markName`, from `fromMs` to `toMs`
 * after it, summed per function: the top self times and the top `inclusiveTop` inclusive times.
 */
export function hotFunctions(
  events: TraceEvent[],
  markName: string,
  fromMs: number,
  toMs: number,
  inclusiveTop: number,
): string {
  type Frame = { functionName: string; url?: string; lineNumber: number };
  type Node = { id: number; callFrame: Frame; parent?: number };
  const mark = events.find((e) => e.name === markName && e.cat.includes('user_timing'));
  const profile = events.find((e) => e.name === 'Profile' && e.pid === mark?.pid && e.tid === mark?.tid);
  if (!mark || !profile) return '(no profile)';
  const nodes = new Map<number, Node>();
  let t = Number((profile.args?.data as { startTime?: number })?.startTime ?? profile.ts);
  const self = new Map<number, number>();
  for (const e of events) {
    if (e.name !== 'ProfileChunk' || e.pid !== mark.pid || e.id !== profile.id) continue;
    const data = e.args?.data as {
      cpuProfile?: { nodes?: Node[]; samples?: number[] };
      timeDeltas?: number[];
    };
    for (const n of data?.cpuProfile?.nodes ?? []) nodes.set(n.id, n);
    const deltas = data?.timeDeltas ?? [];
    (data?.cpuProfile?.samples ?? []).forEach((id, i) => {
      t += deltas[i] ?? 0;
      if (t >= mark.ts + fromMs * 1000 && t <= mark.ts + toMs * 1000)
        self.set(id, (self.get(id) ?? 0) + (deltas[i + 1] ?? 0));
    });
  }
  const name = (n: Node) =>
    `${n.callFrame.functionName || '(anonymous)'} ${(n.callFrame.url ?? '').split('/').pop()}:${n.callFrame.lineNumber + 1}`;
  const selfBy = new Map<string, number>();
  const inclBy = new Map<string, number>();
  for (const [id, us] of self) {
    let n = nodes.get(id);
    if (!n) continue;
    selfBy.set(name(n), (selfBy.get(name(n)) ?? 0) + us);
    const seen = new Set<string>();
    while (n) {
      const k = name(n);
      if (!seen.has(k)) inclBy.set(k, (inclBy.get(k) ?? 0) + us);
      seen.add(k);
      n = n.parent !== undefined ? nodes.get(n.parent) : undefined;
    }
  }
  const top = (m: Map<string, number>, k: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, k)
      .map(([f, us]) => `${(us / 1000).toFixed(1).padStart(7)} ms  ${f}`)
      .join('\n');
  return `--- self\n${top(selfBy, 20)}\n--- inclusive\n${top(inclBy, inclusiveTop)}`;
}

/** Writes a trace to the temp folder as `gloss-<name>-trace.json` (open it in the DevTools Performance panel) and prints where. */
export async function writeTraceFile(name: string, events: readonly TraceEvent[]): Promise<void> {
  const file = join(tmpdir(), `gloss-${name}-trace.json`);
  await writeFile(file, JSON.stringify({ traceEvents: events }));
  process.stdout.write(`trace: ${file}\n`);
}

/**
 * The renderer main thread's slices from the user-timing mark `markName` to `ms` after it (+2 ms), as a tree
 * (a slice's depth: how many enclosing slices are open), one line each: its start from the mark, name, duration
 * and `label`. Only slices of at most `maxDepth` and at least `minMs`.
 */
export function sliceTree(
  events: readonly TraceEvent[],
  markName: string,
  ms: number,
  { maxDepth, minMs, label }: { maxDepth: number; minMs: number; label: (e: TraceEvent) => string },
): string {
  const mark = events.find((e) => e.name === markName && e.cat.includes('user_timing'));
  if (!mark) return `(no ${markName} mark in trace)`;
  const end = mark.ts + ms * 1000 + 2000;
  const inWindow = events
    .filter((e) => e.pid === mark.pid && e.tid === mark.tid && e.ph === 'X')
    .filter((e) => e.ts + (e.dur ?? 0) >= mark.ts && e.ts <= end)
    // Of two slices starting together the longer encloses the other.
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const lines: string[] = [];
  const stack: TraceEvent[] = [];
  for (const e of inWindow) {
    while (stack.length && stack[stack.length - 1].ts + (stack[stack.length - 1].dur ?? 0) <= e.ts)
      stack.pop();
    const depth = stack.length;
    stack.push(e);
    const dur = (e.dur ?? 0) / 1000;
    if (depth > maxDepth || dur < minMs) continue;
    lines.push(
      `${((e.ts - mark.ts) / 1000).toFixed(1).padStart(7)} ms ${'  '.repeat(depth)}${e.name} ${dur.toFixed(1)} ms ${label(e)}`,
    );
  }
  return lines.join('\n');
}
