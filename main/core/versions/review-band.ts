/**
 * Which annotations wait in the review after a new version. Apart from
 * reanchor.ts so the service can ask at start without loading it and `diff`
 * (lazy: the cold start of a 10k library is measured in bench/).
 */
import type { Annotation } from '../annotations/types';

/** Annotations waiting for the user after a new version: their words changed or were not found. */
export function inReview(a: Annotation): boolean {
  return a.versionChange?.band === 'changed' || a.versionChange?.band === 'not-found';
}
