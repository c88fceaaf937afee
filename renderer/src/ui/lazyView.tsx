/**
 * A view kept in its own chunk that, once its chunk is in, renders at once.
 * React.lazy suspends on its first render even when its chunk was fetched
 * long before (its promise settles a tick later), and React then holds the
 * Suspense boundary's content back until 300 ms after the fallback showed:
 * measured, Ctrl+2 → the notebook's first row took 540 ms, 300 of them that
 * wait (bench notebook-100k). So the chunk's component is kept once loaded
 * and rendered directly; `whenLoaded` lets a view switch wait for the chunk
 * instead of committing a fallback.
 */
import { lazy, type ComponentType } from 'react';

export interface LazyView<P extends object> {
  (props: P): React.JSX.Element;
  /** Fetches the chunk (once); resolves when the view can render without suspending. */
  preload(): Promise<unknown>;
  /** null when the view renders at once; else the chunk's promise. */
  whenLoaded(): Promise<unknown> | null;
}

export function lazyView<P extends object>(load: () => Promise<ComponentType<P>>): LazyView<P> {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<ComponentType<P>> | null = null;
  const preload = () =>
    (pending ??= load().then(
      (c) => (loaded = c),
      (err: unknown) => {
        pending = null; // a failed fetch is tried again next time
        throw err;
      },
    ));
  // Only while the chunk is not in: the first render suspends on it as usual.
  const Suspending = lazy(() => preload().then((c) => ({ default: c })));
  const View = (props: P) => {
    const C = loaded ?? Suspending;
    return <C {...props} />;
  };
  return Object.assign(View, {
    preload,
    whenLoaded: () => (loaded ? null : preload()),
  });
}
