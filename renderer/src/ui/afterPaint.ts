/**
 * A slice of a store that follows its changes only after the next frame is
 * painted. For a part of the screen that must never hold up the frame a
 * change is first shown in: the side panel beside a new highlight in the
 * text. (useDeferredValue still re-renders the component in the urgent pass,
 * and its deferred pass may run, and commit, before the browser paints.)
 */
import { useEffect, useState } from 'react';
import type { Store } from '../store';

/** A page that paints no frames (hidden) gets the change after this long instead. */
const HIDDEN_PAGE_MS = 100;

/**
 * Run `then` once the frame being prepared is painted: a task posted from a
 * requestAnimationFrame callback runs after that frame's rendering.
 */
export function afterNextPaint(then: () => void): () => void {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    if (paints) cancelAnimationFrame(frame);
    clearTimeout(fallback);
    clearTimeout(task);
    then();
  };
  let task: ReturnType<typeof setTimeout> | undefined;
  // Where nothing is painted at all (no requestAnimationFrame: the store's unit tests in node), next task.
  const paints = typeof requestAnimationFrame === 'function';
  const frame = paints
    ? requestAnimationFrame(() => {
        task = setTimeout(run, 0);
      })
    : 0;
  const fallback = setTimeout(run, paints ? HIDDEN_PAGE_MS : 0);
  return () => {
    done = true;
    if (paints) cancelAnimationFrame(frame);
    clearTimeout(fallback);
    clearTimeout(task);
  };
}

const sameFields = <T extends object>(a: T, b: T) =>
  Object.keys(a).length === Object.keys(b).length &&
  Object.entries(a).every(([k, v]) => Object.is(v, (b as Record<string, unknown>)[k]));

/**
 * Like useStore, but a change reaches the component after the next paint
 * (changes in between are taken together). `select` picks fields of the state
 * into an object (re-rendering only when one of them changed); it must not
 * depend on props: the first one is kept. A change to other fields waits for
 * nothing: asking for a frame makes Chromium draw one, and a frame drawn for
 * nothing puts the next real one (a scroll's) off to the display's next tick.
 */
export function useStoreAfterPaint<S extends object, T extends object>(
  store: Store<S>,
  select: (s: S) => T,
): T {
  const [value, setValue] = useState(() => select(store.get()));
  useEffect(() => {
    let cancel: (() => void) | null = null;
    /** The slice as last taken (what the component shows, or is about to). */
    let taken = select(store.get());
    const take = () => {
      cancel = null;
      const next = select(store.get());
      taken = next;
      setValue((prev) => (sameFields(prev, next) ? prev : next));
    };
    const stop = store.subscribe(() => {
      if (!cancel && sameFields(taken, select(store.get()))) return;
      cancel ??= afterNextPaint(take);
    });
    take(); // a change between the first render and this subscription
    return () => {
      stop();
      cancel?.();
    };
    // `select` is read fresh on each change; a component passes an inline selector of the same slice.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [store]);
  return value;
}
