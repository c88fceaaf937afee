import type { VersionBand } from '../annotations/types';

/** silent: moved without a word; the others as on the annotation (versions/reanchor.ts). */
export type ReanchorBand = 'silent' | VersionBand;
