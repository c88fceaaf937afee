/**
 * One count across the app's undo histories (the library's removals, the library-wide changes), so that
 * Ctrl/Cmd+Z in the library takes back whichever of its changes came last.
 */
let count = 0;

/** A number larger than any given before. */
export const nextChange = (): number => ++count;
