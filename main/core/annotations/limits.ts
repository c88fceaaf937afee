/**
 * An annotation's size limits, apart from its schema (schema.ts) so the store
 * can use them at start-up without loading zod (dispatch.ts says why).
 */
export const ID_MAX = 200;
export const TAG_MAX = 200;
export const TAGS_MAX = 100;
export const NOTE_MAX = 100_000;
