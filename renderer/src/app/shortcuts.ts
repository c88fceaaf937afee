/**
 * The renderer's side of the one shortcut table (main/core/shortcuts.ts): which
 * row a key press means on this platform, and how keys read in the help.
 */
import { keyLabel, shortcut, shortcutFor, type KeyPress, type ShortcutId } from '@core/shortcuts';

export { SHORTCUTS, type Shortcut, type ShortcutId } from '@core/shortcuts';

export const IS_MAC = typeof navigator !== 'undefined' && /Mac/i.test(navigator.platform);
export const MOD = IS_MAC ? '⌘' : 'Ctrl';

/** The shortcut a key press means (among `ids`, or any). */
export const shortcutOf = (e: KeyPress, ids?: readonly ShortcutId[]) => shortcutFor(e, IS_MAC, ids);

/** A row's keys as the help and tooltips show them. */
export const keysOf = (id: ShortcutId): string[] => shortcut(id).keys.map((k) => keyLabel(k, IS_MAC));
export const labelOf = (combo: string): string => keyLabel(combo, IS_MAC);
