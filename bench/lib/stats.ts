/** Summaries of repeated timings. Medians and their ratio, because this machine is shared and noisy. */

export interface Summary {
  n: number;
  median: number;
  min: number;
  max: number;
  /** Interquartile range: robust spread, unlike min–max. */
  q1: number;
  q3: number;
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export function summarize(samples: readonly number[]): Summary {
  const s = [...samples].sort((a, b) => a - b);
  return {
    n: s.length,
    median: quantile(s, 0.5),
    min: s[0] ?? NaN,
    max: s[s.length - 1] ?? NaN,
    q1: quantile(s, 0.25),
    q3: quantile(s, 0.75),
  };
}

export function ratio(gloss: Summary, baseline: Summary): number {
  return baseline.median > 0 ? gloss.median / baseline.median : Infinity;
}

/** Milliseconds since an arbitrary origin, sub-millisecond. */
export const now = (): number => performance.now();

/**
 * How many timed samples a row needs to carry a verdict: at least ten, or five
 * where one sample takes over two seconds (the whole run must stay under ten
 * minutes). A scenario may ask for more, never fewer.
 */
export const SAMPLES = { min: 10, minSlow: 5, slowMs: 2000 } as const;

export function samplesNeeded(asked: number, sampleMs: number): number {
  return Math.max(asked, sampleMs > SAMPLES.slowMs ? SAMPLES.minSlow : SAMPLES.min);
}

/**
 * A row whose baseline spreads wider than its own median (interquartile range
 * above the median) says more about the machine's load than about Gloss: it is
 * marked "noisy — rerun" rather than judged.
 */
export function isNoisy(baseline: Summary): boolean {
  return baseline.q3 - baseline.q1 > baseline.median;
}

/**
 * Runs `gloss` and `baseline` alternately (after `warmup` untimed pairs, at
 * least one, whose times are discarded), so drift in the machine's load hits
 * both sides alike. `reps` is a wish: samplesNeeded() raises it to the rule
 * above, judged by the warm-up's duration. Each function returns its own
 * measured milliseconds (setup excluded).
 */
export async function interleave(
  reps: number,
  gloss: (i: number) => Promise<number>,
  baseline: (i: number) => Promise<number>,
  warmup = 1,
): Promise<{ gloss: number[]; baseline: number[] }> {
  let slowest = 0;
  for (let i = 0; i < Math.max(1, warmup); i++) {
    slowest = Math.max(slowest, await gloss(-1 - i), await baseline(-1 - i));
  }
  const n = samplesNeeded(reps, slowest);
  const g: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < n; i++) {
    // Alternate who goes first, so neither side always inherits the other's garbage.
    if (i % 2 === 0) {
      g.push(await gloss(i));
      b.push(await baseline(i));
    } else {
      b.push(await baseline(i));
      g.push(await gloss(i));
    }
  }
  return { gloss: g, baseline: b };
}

/** Times one async call in milliseconds. */
export async function time(fn: () => Promise<unknown> | unknown): Promise<number> {
  const t0 = now();
  await fn();
  return now() - t0;
}
