/** What every bench/scenarios/<name>.ts exports. */

export interface Target {
  /** Gloss median ÷ baseline median must not exceed this. */
  ratio?: number;
  /** Gloss median must not exceed this many milliseconds. */
  glossMs?: number;
  /** Each named extra must not exceed its value (e.g. the longest event-loop stall). */
  extraMax?: Record<string, number>;
}

export interface ScenarioResult {
  /** One per repetition (milliseconds, or the scenario's unit), measured interleaved with the baseline. */
  gloss: number[];
  baseline: number[];
  /** Secondary numbers worth showing (ms unless the name says otherwise). */
  extra?: Record<string, number>;
  /** One short note for the table (e.g. which code path was measured). */
  note?: string;
}

export interface Scenario {
  name: string;
  /** What Gloss does and what the baseline does, in a line each. */
  gloss: string;
  baseline: string;
  target: Target;
  /** What the samples count: milliseconds unless said (a memory row counts MB). */
  unit?: 'ms' | 'MB';
  /** Needs Chromium and the built renderer. */
  browser?: boolean;
  run(): Promise<ScenarioResult>;
}
