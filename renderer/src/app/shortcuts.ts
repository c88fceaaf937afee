/** Every keyboard shortcut, as the help overlay lists them. */
export const MOD = typeof navigator !== 'undefined' && /Mac/i.test(navigator.platform) ? '⌘' : 'Ctrl';

export const SHORTCUTS: { keys: string; action: string }[] = [
  { keys: 'H', action: 'Highlight the selection (last colour used)' },
  { keys: 'N', action: 'Highlight the selection and write a note' },
  { keys: 'T', action: 'Highlight the selection and tag it' },
  { keys: 'Delete / Backspace', action: 'Delete the selected highlight' },
  { keys: `${MOD}+Z`, action: 'Undo' },
  { keys: `${MOD}+Shift+Z / Ctrl+Y`, action: 'Redo' },
  { keys: 'Shift+Arrows', action: 'Extend the selection with the keyboard' },
  { keys: `${MOD}+Shift+V`, action: 'Import the clipboard as an article (library)' },
  {
    keys: `${MOD}+K`,
    action: 'Search the library: text, passages, notes, tags (tag:, color:, source:, is:note, "phrases")',
  },
  { keys: `${MOD}+F`, action: 'Find in this article (Enter / Shift+Enter: next / previous)' },
  { keys: `${MOD}+1 / ${MOD}+2 / ${MOD}+3`, action: 'Show the library, the notebook of passages, the tags' },
  { keys: `${MOD}+A`, action: 'Select every passage shown (notebook)' },
  { keys: 'Shift+click', action: 'Select a range of passages (notebook)' },
  { keys: 'Up / Down, Home / End', action: 'Move between articles (library) or Contents entries' },
  { keys: `${MOD}+O`, action: 'Import files (File menu)' },
  { keys: `${MOD}+E`, action: 'Export notes (File menu)' },
  { keys: `${MOD}+= / ${MOD}+- / ${MOD}+0`, action: 'Larger, smaller, default text size (View menu)' },
  { keys: 'Escape', action: 'Close a popover or dialog; clear the selection' },
  { keys: '?', action: 'Show this list' },
];
