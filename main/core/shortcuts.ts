/**
 * Every keyboard shortcut, once: the renderer's key handlers look keys up
 * here, the application menu takes its accelerators from here, and the `?`
 * help lists this table — so the three cannot drift apart. Plain data (the
 * renderer and the Electron shell both import it); customising keys later
 * means replacing `keys` in one row.
 *
 * A key is written as modifiers then the key, joined by `+`: `Mod` is Cmd on
 * macOS and Ctrl elsewhere; the key is a `KeyboardEvent.key` (a letter in
 * capitals means that letter, either case).
 */
import type { MenuCommand } from './contract';

export type ShortcutGroup = 'Reading' | 'Selecting' | 'Highlights' | 'Library' | 'App';

export interface Shortcut {
  id: string;
  keys: readonly string[];
  /** What it does, as the help says it. */
  action: string;
  group: ShortcutGroup;
  /** The menu item that carries it (its first key is the accelerator). */
  menu?: MenuCommand;
  /** Listed for the help only: the browser does it (Tab), or another row's handler (Shift+caret keys). */
  helpOnly?: true;
}

export const SHORTCUTS = [
  // ---- reading
  { id: 'page-down', keys: ['Space', 'PageDown'], action: 'Scroll down a screen', group: 'Reading' },
  { id: 'page-up', keys: ['Shift+Space', 'PageUp'], action: 'Scroll up a screen', group: 'Reading' },
  { id: 'line-down', keys: ['J'], action: 'Scroll down a little', group: 'Reading' },
  { id: 'line-up', keys: ['K'], action: 'Scroll up a little', group: 'Reading' },
  { id: 'top', keys: ['Home'], action: 'Go to the top of the article', group: 'Reading' },
  { id: 'bottom', keys: ['End'], action: 'Go to the end of the article', group: 'Reading' },
  { id: 'next-heading', keys: [']'], action: 'Go to the next heading', group: 'Reading' },
  { id: 'previous-heading', keys: ['['], action: 'Go to the previous heading', group: 'Reading' },
  {
    id: 'toggle-panel',
    keys: ['Mod+\\'],
    action: 'Hide or show the annotations panel',
    group: 'Reading',
    menu: 'toggle-panel',
  },
  // ---- the reading caret
  {
    id: 'toggle-caret',
    keys: ['F7'],
    action: 'Reading caret on or off (on once you use the keyboard)',
    group: 'Selecting',
  },
  {
    id: 'caret-character',
    keys: ['ArrowLeft', 'ArrowRight'],
    action: 'Move the caret by a character',
    group: 'Selecting',
  },
  {
    id: 'caret-line',
    keys: ['ArrowUp', 'ArrowDown'],
    action: 'Move the caret by a line',
    group: 'Selecting',
  },
  {
    id: 'caret-word',
    keys: ['Ctrl+ArrowLeft', 'Ctrl+ArrowRight', 'Alt+ArrowLeft', 'Alt+ArrowRight'],
    action: 'Move the caret by a word',
    group: 'Selecting',
  },
  {
    id: 'caret-paragraph',
    keys: ['Ctrl+ArrowUp', 'Ctrl+ArrowDown', 'Alt+ArrowUp', 'Alt+ArrowDown'],
    action: 'Move the caret by a paragraph',
    group: 'Selecting',
  },
  {
    id: 'extend',
    keys: ['Shift+Arrows', 'Shift+Ctrl+Arrows', 'Shift+Alt+Arrows'],
    action: 'Select from the caret (by character, line, word or paragraph)',
    group: 'Selecting',
    helpOnly: true,
  },
  // ---- highlights
  { id: 'highlight', keys: ['H'], action: 'Highlight the selection (last colour used)', group: 'Highlights' },
  {
    id: 'note',
    keys: ['N'],
    action: 'Highlight the selection and write a note (or note the focused highlight)',
    group: 'Highlights',
  },
  {
    id: 'tag',
    keys: ['T'],
    action: 'Highlight the selection and tag it (or tag the focused highlight)',
    group: 'Highlights',
  },
  {
    id: 'next-highlight',
    keys: ['Tab', 'Shift+Tab'],
    action: 'Next / previous highlight in reading order',
    group: 'Highlights',
    helpOnly: true,
  },
  { id: 'open-highlight', keys: ['Enter'], action: 'Edit the focused highlight', group: 'Highlights' },
  {
    id: 'delete-highlight',
    keys: ['Delete', 'Backspace'],
    action: 'Delete the selected highlight (Undo in the message)',
    group: 'Highlights',
  },
  {
    id: 'copy-citation',
    keys: ['Shift+Mod+C'],
    action:
      'Copy the highlight (or the text, or the passages chosen) with its citation and a link to the words',
    group: 'Highlights',
  },
  {
    id: 'undo',
    keys: ['Mod+Z'],
    action: 'Undo (in the library: put back the articles last removed)',
    group: 'Highlights',
    menu: 'undo',
  },
  { id: 'redo', keys: ['Shift+Mod+Z', 'Ctrl+Y'], action: 'Redo', group: 'Highlights', menu: 'redo' },
  {
    id: 'escape',
    keys: ['Escape'],
    action: 'Close the editor (back to its highlight), a popover or dialog; clear the selection',
    group: 'Highlights',
  },
  // ---- library, notebook, tags
  {
    id: 'paste-import',
    keys: ['Shift+Mod+V'],
    action: 'Import the clipboard as an article (library)',
    group: 'Library',
  },
  { id: 'show-library', keys: ['Mod+1'], action: 'Show the library (from the reader too)', group: 'Library' },
  { id: 'show-notebook', keys: ['Mod+2'], action: 'Show the notebook of passages', group: 'Library' },
  { id: 'show-tags', keys: ['Mod+3'], action: 'Show the tags', group: 'Library' },
  {
    id: 'select-all-passages',
    keys: ['Mod+A'],
    action: 'Select every passage shown (notebook)',
    group: 'Library',
    helpOnly: true,
  },
  {
    id: 'list-move',
    keys: ['ArrowUp', 'ArrowDown', 'Home', 'End'],
    action: 'Move between articles (library), passages (notebook) or Contents entries',
    group: 'Library',
    helpOnly: true,
  },
  // ---- the app
  {
    id: 'search',
    keys: ['Mod+K'],
    action: 'Search the library: text, passages, notes, tags (tag:, color:, source:, is:note, "phrases")',
    group: 'App',
    menu: 'search',
  },
  {
    id: 'find',
    keys: ['Mod+F'],
    action: 'Find in this article (Enter / Shift+Enter: next / previous)',
    group: 'App',
    menu: 'find',
  },
  { id: 'import', keys: ['Mod+O'], action: 'Import files', group: 'App', menu: 'import' },
  { id: 'import-url', keys: ['Shift+Mod+O'], action: 'Import from a URL', group: 'App', menu: 'import-url' },
  { id: 'export', keys: ['Mod+E'], action: 'Export notes', group: 'App', menu: 'export' },
  { id: 'zoom-in', keys: ['Mod+='], action: 'Larger text', group: 'App', menu: 'zoom-in' },
  { id: 'zoom-out', keys: ['Mod+-'], action: 'Smaller text', group: 'App', menu: 'zoom-out' },
  { id: 'zoom-reset', keys: ['Mod+0'], action: 'Default text size', group: 'App', menu: 'zoom-reset' },
  {
    id: 'preferences',
    keys: ['Mod+,'],
    action: 'Preferences (your name as the author of exported notes)',
    group: 'App',
    menu: 'preferences',
  },
  { id: 'help', keys: ['F1', '?'], action: 'Show this list', group: 'App', menu: 'help' },
] as const satisfies readonly Shortcut[];

export type ShortcutId = (typeof SHORTCUTS)[number]['id'];

const byId = new Map<string, Shortcut>(SHORTCUTS.map((s) => [s.id, s]));
export const shortcut = (id: ShortcutId): Shortcut => byId.get(id)!;

/** The menu's accelerator for `id` (Electron's syntax), from the row's first key. */
export function accelerator(id: ShortcutId): string | undefined {
  const key = shortcut(id).keys[0];
  if (!key) return undefined;
  return key
    .split('+')
    .map((p) => (p === 'Mod' ? 'CmdOrCtrl' : p))
    .join('+');
}

/** The accelerator of the menu item sending `command`, if the table gives it one. */
export function menuAccelerator(command: MenuCommand): string | undefined {
  const row = SHORTCUTS.find((s: Shortcut) => s.menu === command);
  return row ? accelerator(row.id) : undefined;
}

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

/** Does the key press match `combo` (`Shift+Mod+Z`, `J`, `?`)? `mac`: Mod is Cmd, not Ctrl. */
export function matchesKey(e: KeyPress, combo: string, mac: boolean): boolean {
  const parts = combo.split('+');
  const key = parts[parts.length - 1];
  const mods = new Set(parts.slice(0, -1));
  const wantMod = mods.has('Mod');
  const ctrl = mods.has('Ctrl') || (wantMod && !mac);
  const meta = mods.has('Cmd') || (wantMod && mac);
  if (e.ctrlKey !== ctrl || e.metaKey !== meta || e.altKey !== mods.has('Alt')) return false;
  const pressed = e.key === ' ' ? 'Space' : e.key;
  if (key.length === 1 && /[A-Z]/.test(key)) {
    return pressed.toUpperCase() === key && e.shiftKey === mods.has('Shift');
  }
  // Printable symbols (?, [, =) come with whatever Shift the layout needs.
  if (key.length === 1) return pressed === key && (!mods.has('Shift') || e.shiftKey);
  return pressed === key && e.shiftKey === mods.has('Shift');
}

/** The first row (among `ids`, or all but the help-only ones) whose keys match the press. */
export function shortcutFor(e: KeyPress, mac: boolean, ids?: readonly ShortcutId[]): ShortcutId | undefined {
  const rows: readonly Shortcut[] = ids ? ids.map(shortcut) : SHORTCUTS;
  for (const row of rows) {
    if (row.helpOnly) continue;
    if (row.keys.some((k) => matchesKey(e, k, mac))) return row.id as ShortcutId;
  }
  return undefined;
}

/** How a key reads in the help: Mod as ⌘ or Ctrl. */
export function keyLabel(combo: string, mac: boolean): string {
  return combo
    .replace(/^Mod\+|(?<=\+)Mod\+/g, mac ? '⌘+' : 'Ctrl+')
    .replace('ArrowLeft', '←')
    .replace('ArrowRight', '→')
    .replace('ArrowUp', '↑')
    .replace('ArrowDown', '↓');
}
