/**
 * A full garbage collection of this thread's heap, asked for once the search
 * index has loaded. Why: loading parses each snapshot's JSON (the files' text,
 * the parsed arrays, then MiniSearch's Maps); that garbage outlives the
 * scavenges of the young generation, and V8 then keeps it, and the pages it
 * took, until its next full collection — which an idle worker never reaches.
 * At 10,000 articles that was ~150 MB of the worker's heap (bench/README.md,
 * "search index memory").
 *
 * How, without `--expose-gc`: `vm.measureMemory` with `execution: 'eager'`
 * starts a full collection right away (its documented effect) and resolves
 * once it is done. No V8 flag is set after start-up (Electron may freeze them).
 * It is marked experimental: where it is missing or refuses, nothing is done.
 */
import vm from 'node:vm';

type MeasureMemory = (options: { mode: 'summary'; execution: 'eager' }) => Promise<unknown>;

/** Collects this thread's garbage now (two full collections); answers whether it could. Node's notice that the call is experimental is not printed. */
export async function collectGarbage(): Promise<boolean> {
  const measure = (vm as unknown as { measureMemory?: MeasureMemory }).measureMemory;
  if (typeof measure !== 'function') return false;
  const restore = withoutNotice('measureMemory');
  try {
    // Twice: the first frees the garbage, leaving its pages sparse; the second moves what lives on them
    // and gives them back (at 10,000 articles, RSS 630 → 540 MB after one, → 495 after two; a third adds nothing).
    for (let pass = 0; pass < 2; pass++) await measure({ mode: 'summary', execution: 'eager' });
    return true;
  } catch {
    return false;
  } finally {
    restore();
  }
}

/**
 * Holds back Node's ExperimentalWarning naming `feature` (printed to stderr, a CLI's user would see it);
 * every other warning still reaches the listeners. Answers the function that puts them back.
 */
function withoutNotice(feature: string): () => void {
  const listeners = process.listeners('warning');
  const forward = (warning: Error) => {
    if (warning.name === 'ExperimentalWarning' && warning.message.includes(feature)) return;
    for (const listener of listeners) listener.call(process, warning);
  };
  process.removeAllListeners('warning');
  process.on('warning', forward);
  return () => {
    process.off('warning', forward);
    for (const listener of listeners) process.on('warning', listener);
  };
}
